// expect: 5:12: argument
#define ADD(a, b) ((a) + (b))
int main(void)
{
    return ADD(1);
}
