// expect: 6:5: default
int main(void)
{
    switch (1) {
    default: return 1;
    default: return 2;
    }
}
