// expect: 2:4: expression
#if
#endif
int main(void) { return 0; }
