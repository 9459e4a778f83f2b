// expect: 5:12: incomplete
struct nowhere;
int main(void)
{
    return sizeof(struct nowhere);
}
