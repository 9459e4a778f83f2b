// expect: 2:22: bit-field 'p' has invalid type
struct flags { char *p : 3; };
int main(void) { return 0; }
