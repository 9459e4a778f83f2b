// expect: 7:14: invalid operands
struct s { int a; };
int main(void)
{
    struct s v;
    v.a = 0;
    return v + 1;
}
