// expect: 5:5: case
int main(void)
{
    int x = 1;
    case 1:
        x = 2;
    return x;
}
