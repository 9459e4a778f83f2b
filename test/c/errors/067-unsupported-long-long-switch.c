// expect: 5:13: switch on a long long is not supported
// gcc-accepts: standard C or a gcc extension that our C does not support
int main(void)
{
    switch (10000000000LL) {
    default:
        return 0;
    }
}
