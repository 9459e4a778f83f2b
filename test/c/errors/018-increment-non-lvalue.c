// expect: 4:13: lvalue
int main(void)
{
    return 5++;
}
