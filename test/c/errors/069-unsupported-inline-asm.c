// expect: 5:5: not supported
// gcc-accepts: standard C or a gcc extension that our C does not support
int main(void)
{
    __asm__("nop");
    return 0;
}
