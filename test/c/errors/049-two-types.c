// expect: 4:9: type
int main(void)
{
    int char x = 1;
    return x;
}
