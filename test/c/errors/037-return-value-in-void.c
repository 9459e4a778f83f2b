// expect: 4:5: void
static void f(void)
{
    return 1;
}
int main(void) { f(); return 0; }
