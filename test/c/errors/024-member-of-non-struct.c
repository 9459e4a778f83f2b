// expect: 5:13: struct
int main(void)
{
    int x = 1;
    return x.a;
}
