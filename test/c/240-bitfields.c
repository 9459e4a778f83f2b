/* Bit-fields: reads sign- or zero-extend, writes mask and merge into their
 * storage unit without touching the neighbours, op=, ++ and -- wrap in the
 * field's width, and the value of an assignment is the field's new value. */
#include "test.h"

struct flags {
    unsigned a : 3;
    int b : 5;
    unsigned c : 1;
    int d : 7;
    unsigned rest : 16;
};

struct narrow {
    char c : 4;
    unsigned char uc : 4;
    short s : 9;
    unsigned short us : 7;
};

static int calls;
static struct flags *pick(struct flags *f)
{
    calls++;
    return f;
}

int main(void)
{
    struct flags f;
    struct narrow n;
    struct flags arr[3];
    int i;

    memset(&f, 0, sizeof f);
    f.a = 5;
    f.b = -3;
    f.c = 1;
    f.d = -64;
    f.rest = 0xabcd;
    ASSERT(5, f.a);
    ASSERT(-3, f.b);
    ASSERT(1, f.c);
    ASSERT(-64, f.d);
    ASSERT(0xabcd, f.rest);

    /* Truncation: stored modulo 2^width; signed fields read back negative. */
    f.a = 9;
    ASSERT(1, f.a);
    f.b = 17;
    ASSERT(-15, f.b);
    f.b = 15;
    ASSERT(15, f.b);
    f.c = 2;
    ASSERT(0, f.c);
    /* The neighbours kept their values through all of that. */
    ASSERT(-64, f.d);
    ASSERT(0xabcd, f.rest);

    /* The value of an assignment is the field's new value. */
    ASSERT(3, f.a = 11);
    ASSERT(-1, f.b = 31);
    i = (f.c = 3);
    ASSERT(1, i);

    /* Compound assignment and increments wrap in the field. */
    f.a = 6;
    f.a += 3;
    ASSERT(1, f.a);
    f.b = 14;
    f.b += 3;
    ASSERT(-15, f.b);
    f.a = 7;
    ASSERT(7, f.a++);
    ASSERT(0, f.a);
    ASSERT(7, --f.a);
    ASSERT(7, f.a--);
    ASSERT(6, f.a);
    f.b = 15;
    ASSERT(-16, ++f.b);
    f.d = 5;
    f.d *= -3;
    ASSERT(-15, f.d);
    f.d <<= 3;
    ASSERT(-120 + 128, f.d);   /* -120 does not fit 7 bits: wraps to 8 */
    f.rest |= 0x10000;          /* bits beyond the field vanish */
    ASSERT(0xabcd, f.rest);
    f.rest ^= 0xffff;
    ASSERT(0x5432, f.rest);
    ASSERT(-64 + 64, f.d - 8); /* d is 8 now */

    /* Promotion: fields narrower than int are int, so unsigned fields compare as int. */
    f.a = 0;
    ASSERT(1, f.a - 1 < 0);
    ASSERT(4, sizeof(f.a + 0));

    /* Narrow unit types. */
    memset(&n, 0, sizeof n);
    n.c = 7;
    n.uc = 15;
    n.s = -200;
    n.us = 100;
    ASSERT(7, n.c);
    ASSERT(15, n.uc);
    ASSERT(-200, n.s);
    ASSERT(100, n.us);
    n.c += 1;
    ASSERT(-8, n.c);
    n.uc++;
    ASSERT(0, n.uc);
    ASSERT(-200, n.s);
    ASSERT(100, n.us);

    /* An lvalue with side effects is evaluated once. */
    memset(arr, 0, sizeof arr);
    i = 0;
    arr[i++].a = 3;
    ASSERT(1, i);
    arr[i++].b += 5;
    ASSERT(2, i);
    arr[i++].d++;
    ASSERT(3, i);
    ASSERT(3, arr[0].a);
    ASSERT(5, arr[1].b);
    ASSERT(1, arr[2].d);
    calls = 0;
    pick(&f)->a = 2;
    pick(&f)->a *= 3;
    pick(&f)->a--;
    ASSERT(3, calls);
    ASSERT(5, f.a);

    /* Through a pointer, and as a loop counter. */
    {
        struct flags *p = &f;
        int sum = 0;
        for (p->a = 0; p->a < 7; p->a++)
            sum += p->a;
        ASSERT(21, sum);
    }
    return 0;
}
