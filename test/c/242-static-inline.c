/* static inline functions behave as calls whether or not cc -O copies them
 * into their callers: each argument is evaluated exactly once, in order,
 * before the body (their order is unspecified in C, so nothing here
 * depends on it); parameters are the callee's own copies; locals and
 * statics keep their meaning. test/toolchain/cc-inline.test.ts runs this
 * with and without -O, wants the same output and fewer instructions at -O.
 * Prints one checksum line. */
#include "test.h"

struct point { int x; int y; };
struct flags { unsigned lo : 4; unsigned hi : 4; };

static int trace[8];
static int ntrace;

static inline int max(int a, int b) { return a > b ? a : b; }
static inline int min(int a, int b) { return a < b ? a : b; }
static inline int clamp(int v, int lo, int hi) { return max(lo, min(v, hi)); }
static inline unsigned rotl(unsigned x, int n) { return (x << n) | (x >> (32 - n)); }
static inline int sq_plus(int a) { int t = a * a; t += a; return t; }
static inline int bump(int a) { a += 10; return a; }      /* writes its parameter */
static inline void swap(int *p, int *q) { int t = *p; *p = *q; *q = t; }
static inline int dist(const struct point *p) { return p->x * p->x + p->y * p->y; }
static inline void set_hi(struct flags *f, unsigned v) { f->hi = v; }
static inline int counted(void) { static int n; return ++n; }
static inline int first(int a, int b) { (void)b; return a; }
static inline int note(int v) { trace[ntrace++] = v; return v; }
static inline unsigned char narrow(int v) { return v; }
static inline int set_then(int *p, int v) { *p = 100; return v; }

static int side;
static int next(void) { return ++side; }

int main(void)
{
    int i, a = 3, b = 9, sum = 0;
    unsigned h = 0x12345678;
    struct point pt = { 3, 4 };
    struct flags fl = { 1, 2 };

    ASSERT(9, max(a, b));
    ASSERT(3, min(a, b));
    ASSERT(5, clamp(5, 0, 10));
    ASSERT(0, clamp(-5, 0, 10));
    ASSERT(10, clamp(50, 0, 10));
    ASSERT(12, sq_plus(a));
    ASSERT(13, bump(a));
    ASSERT(3, a);                  /* the parameter was a copy */
    swap(&a, &b);
    ASSERT(9, a);
    ASSERT(3, b);
    ASSERT(25, dist(&pt));
    set_hi(&fl, 7);
    ASSERT(1, fl.lo);
    ASSERT(7, fl.hi);
    ASSERT(1, counted());
    ASSERT(2, counted());
    ASSERT(44, narrow(300));

    /* Arguments: each evaluated once, and before the body runs. */
    side = 0;
    ASSERT(5, max(next(), 5));
    ASSERT(1, side);
    ASSERT(3, max(next(), next()));
    ASSERT(3, side);
    ntrace = 0;
    ASSERT(3, note(1) + note(2));
    ASSERT(2, ntrace);
    ASSERT(3, trace[0] + trace[1]);
    a = 3;
    ASSERT(3, set_then(&a, a));    /* v is a's value at the call, not after *p = 100 */
    ASSERT(100, a);
    i = 4;
    ASSERT(4, first(i++, 0));
    ASSERT(5, i);

    for (i = 0; i < 2000; i++) {
        h = rotl(h, 5) ^ (unsigned)i;
        sum += clamp(i % 37 - 18, -10, 10) + max(i & 7, 3) + sq_plus(i & 3);
    }
    printf("checksum %u %d\n", h, sum);
    return 0;
}
