/* gcc's __attribute__ where real code puts it: after struct/union and
 * before or after its body (packed is honoured: members at alignment 1),
 * after a function declarator, inside an abstract declarator of a cast;
 * and __builtin_expect is its first argument. (c-testsuite 00210, 00214.) */
#include "test.h"

struct __attribute__((packed)) packed_a { char c; int i; short s; };
struct packed_b { char c; int i; } __attribute__((__packed__));
typedef union __attribute__((packed)) { unsigned short u; unsigned char b[2]; } halves;
struct plain { char c; int i; };

static int answer(void) __attribute__((noinline));
static int answer(void) { return 42; }
#define ATTR __attribute__((__noinline__))
int ATTR attributed(void) { return 7; }

int main(void)
{
    struct packed_a pa;
    void *fp = (void *)&attributed;
    halves h;

    ASSERT(7, sizeof(struct packed_a));
    ASSERT(1, _Alignof(struct packed_a));
    ASSERT(5, sizeof(struct packed_b));
    ASSERT(8, sizeof(struct plain));
    ASSERT(1, (char *)&pa.i - (char *)&pa);
    ASSERT(5, (char *)&pa.s - (char *)&pa);
    pa.i = 0x12345678;          /* an unaligned int */
    pa.s = -2;
    ASSERT(0x12345678, pa.i);
    ASSERT(-2, pa.s);
    h.u = 0x0102;
    ASSERT(2, h.b[0]);
    ASSERT(2, sizeof(halves));

    ASSERT(42, answer());
    ASSERT(7, ((ATTR int (*)(void))fp)());
    ASSERT(7, ((int (ATTR *)(void))fp)());

    ASSERT(1, __builtin_expect(!!(pa.s < 0), 0));
    ASSERT(5, __builtin_expect(5, 1));
    return 0;
}
