// expect: 5:14: cannot take address of bit-field 'a'
struct flags { unsigned a : 3; };
int main(void) {
    struct flags f;
    return *(&f.a);
}
