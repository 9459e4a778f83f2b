// expect: 3:1: #endif without #if
int main(void) { return 0; }
#endif
