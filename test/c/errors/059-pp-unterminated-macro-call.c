// expect: 5:12: unterminated
#define F(a, b) a
int main(void)
{
    return F(1, 2;
}
