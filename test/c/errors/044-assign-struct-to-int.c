// expect: 8:7: incompatible
struct s { int a; };
int main(void)
{
    struct s v;
    int x;
    v.a = 0;
    x = v;
    return x;
}
