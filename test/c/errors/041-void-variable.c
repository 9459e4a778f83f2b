// expect: 4:10: void
int main(void)
{
    void v;
    return 0;
}
