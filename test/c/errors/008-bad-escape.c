// expect: 4:19: escape
int main(void)
{
    char *s = "ok \q";
    return s[0];
}
