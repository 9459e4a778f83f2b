// expect: 4:15: unterminated string
int main(void)
{
    char *s = "no closing quote;
    return 0;
}
