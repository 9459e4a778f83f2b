// expect: 4:1: custom failure
#define LEVEL 3
#if LEVEL > 2
#error custom failure
#endif
int main(void) { return 0; }
