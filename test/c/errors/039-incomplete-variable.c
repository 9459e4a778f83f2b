// expect: 5:20: incomplete
struct nowhere;
int main(void)
{
    struct nowhere v;
    return 0;
}
