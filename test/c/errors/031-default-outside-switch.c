// expect: 4:5: default
int main(void)
{
    default:
    return 0;
}
