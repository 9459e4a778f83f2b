// expect: 3:6: conflicting types
int f(int a);
char f(int a) { return (char)a; }
int main(void) { return f(1); }
