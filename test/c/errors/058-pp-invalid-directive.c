// expect: 2:1: invalid preprocessing directive
#frobnicate
int main(void) { return 0; }
