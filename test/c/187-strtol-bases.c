/* strtol with bases 2, 8, 16, 36 and 0 (auto-detect 0x and 0 prefixes). */
#include "test.h"

int main(void)
{
    char *end;
    const char *s;
    ASSERT(5, strtol("101", NULL, 2));
    ASSERT(511, strtol("777", NULL, 8));
    ASSERT(255, strtol("ff", NULL, 16));
    ASSERT(255, strtol("FF", NULL, 16));
    ASSERT(255, strtol("0xff", NULL, 16));
    ASSERT(255, strtol("0XfF", NULL, 16));
    ASSERT(35, strtol("z", NULL, 36));
    ASSERT(1295, strtol("ZZ", NULL, 36));
    ASSERT(26, strtol("0x1a", NULL, 0));
    ASSERT(8, strtol("010", NULL, 0));
    ASSERT(10, strtol("10", NULL, 0));
    ASSERT(0, strtol("0", NULL, 0));
    ASSERT(-16, strtol("-0x10", NULL, 0));
    s = "1012";
    ASSERT(5, strtol(s, &end, 2));
    ASSERT(3, end - s);
    s = "789";
    ASSERT(7, strtol(s, &end, 8));
    ASSERT(1, end - s);
    s = "12g";
    ASSERT(18, strtol(s, &end, 16));
    ASSERT(2, end - s);
    return 0;
}
