/* Static local arrays and structs with initializers, modified across
   calls. */
#include "test.h"

static int next_fib(void)
{
    static int pair[2] = { 0, 1 };
    int r = pair[0];
    int t = pair[0] + pair[1];
    pair[0] = pair[1];
    pair[1] = t;
    return r;
}

static const char *day_name(int d)
{
    static const char *names[] = { "mon", "tue", "wed" };
    return names[d % 3];
}

static int log_count(int add)
{
    static struct { int calls; int sum; } stats = { 0, 1000 };
    stats.calls++;
    stats.sum += add;
    return stats.sum + stats.calls;
}

int main(void)
{
    int i, last = 0;
    for (i = 0; i < 10; i++)
        last = next_fib();
    ASSERT(34, last);
    ASSERT_STR("wed", day_name(5));
    ASSERT(1006, log_count(5));
    ASSERT(1012, log_count(5));
    return 0;
}
