// expect: 4:24: excess
int main(void)
{
    int a[2] = { 1, 2, 3 };
    return a[0];
}
