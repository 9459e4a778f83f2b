// expect: 5:8: read-only member 'a'
struct flags { unsigned a : 3; };
int main(void) {
    const struct flags f = { 1 };
    f.a++;
    return f.a;
}
