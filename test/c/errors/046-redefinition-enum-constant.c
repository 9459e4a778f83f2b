// expect: 3:10: redefinition
enum e { RED, GREEN };
enum f { RED };
int main(void) { return 0; }
