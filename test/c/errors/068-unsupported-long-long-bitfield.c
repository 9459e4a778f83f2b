// expect: 3:26: long long bit-fields are not supported
// gcc-accepts: standard C or a gcc extension that our C does not support
struct flags { long long big : 40; };
int main(void) { return 0; }
