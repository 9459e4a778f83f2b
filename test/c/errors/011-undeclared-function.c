// expect: 4:12: undeclared
int main(void)
{
    return nowhere(3);
}
