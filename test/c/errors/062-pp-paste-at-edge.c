// expect: 2:14: ##
#define P(x) ## x
int main(void) { return 0; }
