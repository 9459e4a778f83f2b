// expect: 5:13: subscript
int main(void)
{
    int x = 1;
    return x[0];
}
