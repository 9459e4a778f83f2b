// expect: 5:16: undeclared
int main(void)
{
    int x = 1;
    return x + y;
}
