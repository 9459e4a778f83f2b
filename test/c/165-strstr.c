/* strstr: finds the first occurrence; an empty needle matches at the start;
   overlapping partial matches are handled. */
#include "test.h"

int main(void)
{
    const char *h = "the cat sat on the mat";
    ASSERT(4, strstr(h, "cat") - h);
    ASSERT(0, strstr(h, "the") - h);
    ASSERT(19, strstr(h, "mat") - h);
    ASSERT(1, strstr(h, "dog") == NULL);
    ASSERT(1, strstr(h, "") == h);
    {
        char a[] = "aaab";
        char b[] = "ababac";
        ASSERT(2, strstr(a, "ab") - a);
        ASSERT(3, strstr(b, "bac") - b);
        ASSERT(2, strstr(b, "abac") - b);
    }
    ASSERT(1, strstr("short", "shorter") == NULL);
    ASSERT_STR("sat on the mat", strstr(h, "sat"));
    return 0;
}
