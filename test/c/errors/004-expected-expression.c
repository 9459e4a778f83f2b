// expect: 4:17: expected expression
int main(void)
{
    int x = 3 * ;
    return x;
}
