// expect: 5:11: lvalue
int main(void)
{
    int x = 1;
    x + 1 = 5;
    return x;
}
