// expect: 3:1: not supported
// gcc-accepts: standard C or a gcc extension that our C does not support
double half(double x) { return x / 2; }
int main(void) { return 0; }
