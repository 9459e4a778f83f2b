// expect: 4:10: label
int main(void)
{
    goto nowhere;
    return 0;
}
