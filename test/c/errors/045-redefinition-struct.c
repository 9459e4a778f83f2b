// expect: 3:8: redefinition
struct s { int a; };
struct s { int b; };
int main(void) { return 0; }
