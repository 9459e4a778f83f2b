// expect: 7:5: duplicate case
int main(void)
{
    unsigned long long x = 1;
    switch (x) {
    case 0xffffffffffffffffULL: return 1;
    case -1: return 2;
    }
    return 0;
}
