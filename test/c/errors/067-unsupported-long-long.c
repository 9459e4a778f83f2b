// expect: 5:10: not supported
// gcc-accepts: standard C or a gcc extension that our C does not support
int main(void)
{
    long long big = 1;
    return (int)big;
}
