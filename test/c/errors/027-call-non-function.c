// expect: 5:12: not a function
int main(void)
{
    int x = 1;
    return x(2);
}
