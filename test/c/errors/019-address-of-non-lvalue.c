// expect: 4:14: lvalue
int main(void)
{
    int *p = &5;
    return *p;
}
