/* Bit-fields of every allowed type (_Bool, char, short, int, unsigned,
 * enum), zero-width and unnamed padding fields, bit-fields in designated and
 * positional initializers of locals and statics, whole-struct copies and
 * sizeof. Layout numbers are gcc -m32's (i386 System V), checked byte for
 * byte by test/c/layout.test.ts; here they are only used through sizeof. */
#include "test.h"
#include <stdbool.h>

enum color { RED, GREEN, BLUE, WHITE };
enum sign { NEG = -2, ZERO, POS };

struct kinds {
    _Bool flag : 1;
    enum color color : 2;   /* no negative enumerator: read unsigned, as gcc */
    enum sign sign : 2;     /* a negative enumerator: read signed */
    signed char sc : 3;
    unsigned short us : 5;
    int : 0;                /* the next field starts a new int */
    int i : 9;
    unsigned : 4;           /* padding nobody can name or initialize */
    unsigned u : 20;
};

struct packed3 { char a; int : 4; char b; };  /* gcc -m32: size 3 */
struct zero_int { char a; int : 0; char b; }; /* gcc -m32: size 5 */

union word {
    unsigned all;
    struct { unsigned lo : 16; unsigned hi : 16; } half;
};

static struct kinds designated = { .u = 0xfffff, .flag = 1, .color = WHITE, .i = -256 };
static struct kinds positional = { 1, BLUE, NEG, -4, 31, 255, 12345 };

static int sum(struct kinds k)
{
    return k.flag + k.color + k.sign + k.sc + k.us + k.i + (int)k.u;
}

int main(void)
{
    struct kinds k;
    struct kinds copy;
    struct kinds local = { 0, GREEN, POS, 3, 7, -1, 99 };
    struct kinds named = { .i = 100, .sign = NEG };
    union word w;
    _Bool b;

    memset(&k, 0, sizeof k);
    k.flag = 5;             /* any non-zero value is 1 in a _Bool */
    ASSERT(1, k.flag);
    k.flag = 0;
    ASSERT(0, k.flag);
    k.flag = 256;
    ASSERT(1, k.flag);
    k.color = WHITE;
    ASSERT(WHITE, k.color);
    ASSERT(1, k.color == WHITE);
    k.sign = NEG;
    ASSERT(-2, k.sign);
    ASSERT(1, k.sign == NEG);
    k.sc = -4;
    ASSERT(-4, k.sc);
    k.sc = 4;
    ASSERT(-4, k.sc);
    k.us = 40;
    ASSERT(8, k.us);
    k.i = -256;
    ASSERT(-256, k.i);
    k.u = 0xfffff;
    ASSERT(0xfffff, k.u);
    ASSERT(1, k.flag);
    ASSERT(WHITE, k.color);

    ASSERT(1, designated.flag);
    ASSERT(WHITE, designated.color);
    ASSERT(0, designated.sign);
    ASSERT(-256, designated.i);
    ASSERT(0xfffff, designated.u);
    ASSERT(1, positional.flag);
    ASSERT(BLUE, positional.color);
    ASSERT(NEG, positional.sign);
    ASSERT(-4, positional.sc);
    ASSERT(31, positional.us);
    ASSERT(255, positional.i);
    ASSERT(12345, positional.u);   /* the unnamed field took no initializer */
    ASSERT(0, local.flag);
    ASSERT(GREEN, local.color);
    ASSERT(POS, local.sign);
    ASSERT(3, local.sc);
    ASSERT(7, local.us);
    ASSERT(-1, local.i);
    ASSERT(99, local.u);
    ASSERT(100, named.i);
    ASSERT(NEG, named.sign);
    ASSERT(0, named.u);

    copy = positional;
    ASSERT(12345, copy.u);
    ASSERT(NEG, copy.sign);
    ASSERT(1 + BLUE + NEG - 4 + 31 + 255 + 12345, sum(positional));

    ASSERT(12, sizeof(struct kinds));
    ASSERT(4, _Alignof(struct kinds));
    ASSERT(3, sizeof(struct packed3));
    ASSERT(1, _Alignof(struct packed3));
    ASSERT(5, sizeof(struct zero_int));

    w.all = 0x12345678;
    ASSERT(0x5678, w.half.lo);
    ASSERT(0x1234, w.half.hi);
    w.half.hi = 0xabcd;
    ASSERT(0xabcd5678, w.all);

    /* _Bool as an ordinary type: conversions compare with zero. */
    b = 2;
    ASSERT(1, b);
    b = (char *)0 + 0 == 0;
    ASSERT(1, b);
    b = &k != 0;
    ASSERT(1, b);
    b = 0;
    b += 7;
    ASSERT(1, b);
    b++;
    ASSERT(1, b);
    b--;
    ASSERT(0, b);
    ASSERT(1, sizeof(_Bool));
    {
        bool t = true;
        bool f = 0x100;     /* non-zero, even with no low byte set */
        ASSERT(1, t && f && !false);
    }
    return 0;
}
