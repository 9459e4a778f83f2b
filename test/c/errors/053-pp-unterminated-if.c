// expect: 2:1: unterminated
#if 1
int main(void) { return 0; }
