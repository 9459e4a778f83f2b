// expect: 6:20: invalid operands
int main(void)
{
    int a[2];
    int *p = a, *q = a;
    return (int)(p + q);
}
