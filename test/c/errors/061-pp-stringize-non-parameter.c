// expect: 2:14: #
#define S(x) #y
int main(void) { return 0; }
