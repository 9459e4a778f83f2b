// expect: 4:5: break
int main(void)
{
    break;
    return 0;
}
