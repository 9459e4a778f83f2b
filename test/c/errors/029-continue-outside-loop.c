// expect: 5:9: continue
int main(void)
{
    if (1)
        continue;
    return 0;
}
