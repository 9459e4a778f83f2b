// expect: 5:12: too many arguments
static int add(int a, int b) { return a + b; }
int main(void)
{
    return add(1, 2, 3);
}
