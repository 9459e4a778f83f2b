// expect: 4:11: size
int main(void)
{
    int a[-1];
    return 0;
}
