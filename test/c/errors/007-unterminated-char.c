// expect: 4:14: unterminated character
int main(void)
{
    char c = 'a;
    return c;
}
