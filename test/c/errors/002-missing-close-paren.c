// expect: 5:15: expected ')'
int main(void)
{
    int x = 2;
    if (x > 1 {
        x = 0;
    }
    return x;
}
