/* ctype.h classification over the whole 0..127 range, compared with
   definitions written out here, plus EOF; toupper/tolower. */
#include "test.h"
#include <ctype.h>

static int bad;
static void same(int got, int expected) { if (!got != !expected) bad++; }

int main(void)
{
    int c;
    for (c = 0; c < 128; c++) {
        int digit = c >= '0' && c <= '9';
        int upper = c >= 'A' && c <= 'Z';
        int lower = c >= 'a' && c <= 'z';
        int space = c == ' ' || (c >= 9 && c <= 13);
        int print = c >= 32 && c < 127;
        same(isdigit(c), digit);
        same(isupper(c), upper);
        same(islower(c), lower);
        same(isalpha(c), upper || lower);
        same(isalnum(c), upper || lower || digit);
        same(isspace(c), space);
        same(isxdigit(c), digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        same(isprint(c), print);
        same(iscntrl(c), !print);
        same(ispunct(c), print && c != ' ' && !upper && !lower && !digit);
        if (toupper(c) != (lower ? c - 32 : c))
            bad++;
        if (tolower(c) != (upper ? c + 32 : c))
            bad++;
    }
    ASSERT(0, bad);
    ASSERT(0, isdigit(EOF));
    ASSERT(0, isalpha(EOF));
    ASSERT(0, isspace(EOF));
    ASSERT(EOF, toupper(EOF));
    ASSERT(EOF, tolower(EOF));
    return 0;
}
