/* A hand-written integer-to-string in any base, checked against sprintf
   and strtol for many values. */
#include "test.h"

static char *to_base(long value, int base, char *buf)
{
    char tmp[40];
    int n = 0, neg = value < 0;
    unsigned long u = neg ? 0UL - (unsigned long)value : (unsigned long)value;
    char *out = buf;
    do {
        tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[u % base];
        u /= base;
    } while (u);
    if (neg)
        *out++ = '-';
    while (n)
        *out++ = tmp[--n];
    *out = 0;
    return buf;
}

int main(void)
{
    long samples[7] = { 0, 1, -1, 255, -4096, 2147483647L, -2147483647L - 1 };
    char mine[40], libc[40];
    int i, mismatches = 0;
    for (i = 0; i < 7; i++) {
        sprintf(libc, "%ld", samples[i]);
        if (strcmp(to_base(samples[i], 10, mine), libc) != 0)
            mismatches++;
        if (samples[i] >= 0) {
            sprintf(libc, "%lx", samples[i]);
            if (strcmp(to_base(samples[i], 16, mine), libc) != 0)
                mismatches++;
            sprintf(libc, "%lo", samples[i]);
            if (strcmp(to_base(samples[i], 8, mine), libc) != 0)
                mismatches++;
        }
        if (strtol(to_base(samples[i], 36, mine), NULL, 36) != samples[i])
            mismatches++;
    }
    ASSERT(0, mismatches);
    ASSERT_STR("-zz", to_base(-1295, 36, mine));
    ASSERT_STR("1111011", to_base(123, 2, mine));
    return 0;
}
