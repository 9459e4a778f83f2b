// expect: 3:22: not supported
// gcc-accepts: standard C or a gcc extension that our C does not support
struct flags { int a : 3; };
int main(void) { return 0; }
