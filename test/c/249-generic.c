/* _Generic (C11 6.5.1.1) picks the association whose type is compatible
 * with the operand's type after lvalue conversion (top-level qualifiers
 * dropped, arrays and functions decayed); only the chosen expression is
 * evaluated. (c-testsuite 00219.) */
#include "test.h"

#define KIND(x) _Generic((x), char: 1, unsigned char: 2, short: 3, int: 4, unsigned: 5, long: 6, \
                         unsigned long: 7, long long: 8, unsigned long long: 9, default: 0)

enum e1 { A1 };
enum e2 { A2 };
struct s1 { int a; };
struct s2 { int a; };
typedef int (*int_fn)(int);

static int twice(int x) { return 2 * x; }
static int calls;
static int count(void) { return ++calls; }

int main(void)
{
    const int ci = 1;
    const int *pci = &ci;
    int *const cpi = 0;
    char buf[4];
    struct s2 v;
    enum e2 e = A2;
    long l = 0;

    ASSERT(1, KIND((char)0));
    ASSERT(2, KIND((unsigned char)0));
    ASSERT(3, KIND((short)0));
    ASSERT(4, KIND(0));
    ASSERT(5, KIND(0u));
    ASSERT(6, KIND(0L));
    ASSERT(7, KIND(0UL));
    ASSERT(8, KIND(0LL));
    ASSERT(9, KIND(0ULL));
    ASSERT(6, KIND(l + 1));
    ASSERT(4, KIND('a'));            /* a character constant is an int */
    ASSERT(0, KIND(buf));

    ASSERT(1, _Generic(ci, int: 1, default: 2));             /* const dropped */
    ASSERT(2, _Generic(pci, int *: 1, const int *: 2, default: 3));
    ASSERT(1, _Generic(cpi, int *: 1, default: 3));
    ASSERT(3, _Generic(buf, char *: 3, default: 0));
    ASSERT(3, _Generic("lit", char *: 3, const char *: 1));
    ASSERT(2, _Generic(v, struct s1: 1, struct s2: 2));
    ASSERT(2, _Generic(e, enum e1: 1, enum e2: 2, default: 3));
    ASSERT(8, _Generic(twice, int_fn: twice, default: 0)(4));
    ASSERT(1, _Generic(1, int: count(), default: count() + 100));
    ASSERT(1, calls);                /* the other association was not evaluated */
    return 0;
}
