// expect: 6:8: const
int main(void)
{
    int x = 1;
    const int *p = &x;
    *p = 2;
    return x;
}
