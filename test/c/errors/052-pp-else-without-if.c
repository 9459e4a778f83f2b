// expect: 2:1: #else without #if
#else
int main(void) { return 0; }
