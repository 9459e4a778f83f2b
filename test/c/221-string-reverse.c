/* In-place string algorithms: reverse, palindrome check, word count,
   uppercase. */
#include "test.h"
#include <ctype.h>

static void reverse(char *s)
{
    char *e = s + strlen(s);
    while (s < --e) {
        char t = *s;
        *s++ = *e;
        *e = t;
    }
}

static int is_palindrome(const char *s)
{
    const char *e = s + strlen(s) - 1;
    while (s < e)
        if (*s++ != *e--)
            return 0;
    return 1;
}

static int words(const char *s)
{
    int n = 0, in = 0;
    for (; *s; s++) {
        if (isspace((unsigned char)*s))
            in = 0;
        else if (!in) {
            in = 1;
            n++;
        }
    }
    return n;
}

int main(void)
{
    char a[] = "stressed";
    char b[] = "";
    char c[] = "Mixed Case 123";
    char *p;
    reverse(a);
    ASSERT_STR("desserts", a);
    reverse(b);
    ASSERT_STR("", b);
    ASSERT(1, is_palindrome("racecar"));
    ASSERT(0, is_palindrome("racecars"));
    ASSERT(3, words("  three  small words "));
    ASSERT(0, words("   "));
    for (p = c; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    ASSERT_STR("MIXED CASE 123", c);
    return 0;
}
