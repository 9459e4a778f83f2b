// expect: 5:13: not supported
// gcc-accepts: standard C or a gcc extension that our C does not support
int main(void)
{
    int x = 1.5 > 1;
    return x;
}
