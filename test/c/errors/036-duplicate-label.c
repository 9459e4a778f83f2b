// expect: 5:1: label
int main(void)
{
again:
again:
    return 0;
}
