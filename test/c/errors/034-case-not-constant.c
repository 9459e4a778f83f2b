// expect: 6:10: constant
int main(void)
{
    int x = 1, y = 1;
    switch (x) {
    case y: return 1;
    }
    return 0;
}
