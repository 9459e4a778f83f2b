// expect: 5:7: const
int main(void)
{
    const int c = 1;
    c = 2;
    return c;
}
