// expect: 5:12: pointer
int main(void)
{
    int x = 1;
    return *x;
}
