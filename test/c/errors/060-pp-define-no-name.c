// expect: 2:9: macro name
#define 123 x
int main(void) { return 0; }
