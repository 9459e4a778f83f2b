/* A table-driven state machine recognizing signed decimal integers with
   optional surrounding spaces. */
#include "test.h"

enum state { START, SIGN, DIGITS, TRAIL, FAIL };
enum cls { C_SPACE, C_SIGN, C_DIGIT, C_OTHER };

static const unsigned char next_state[4][4] = {
    /* START  */ { START, SIGN, DIGITS, FAIL },
    /* SIGN   */ { FAIL, FAIL, DIGITS, FAIL },
    /* DIGITS */ { TRAIL, FAIL, DIGITS, FAIL },
    /* TRAIL  */ { TRAIL, FAIL, FAIL, FAIL },
};

static enum cls classify(char c)
{
    if (c == ' ')
        return C_SPACE;
    if (c == '+' || c == '-')
        return C_SIGN;
    if (c >= '0' && c <= '9')
        return C_DIGIT;
    return C_OTHER;
}

static int accepts(const char *s)
{
    enum state st = START;
    for (; *s && st != FAIL; s++)
        st = (enum state)next_state[st][classify(*s)];
    return st == DIGITS || st == TRAIL;
}

int main(void)
{
    ASSERT(1, accepts("42"));
    ASSERT(1, accepts("  -17  "));
    ASSERT(1, accepts("+0"));
    ASSERT(0, accepts(""));
    ASSERT(0, accepts("-"));
    ASSERT(0, accepts("1 2"));
    ASSERT(0, accepts("12a"));
    ASSERT(0, accepts("--1"));
    return 0;
}
