// expect: 2:7: division by zero
#if 1 / 0
#endif
int main(void) { return 0; }
