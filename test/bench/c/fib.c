/* fib: recursive Fibonacci, the call/return benchmark.
   bench_main is the measured work (called once); main checks its result. */
#include <stdio.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int bench_main(void) { return fib(24); }

int main(void)
{
    int r = bench_main();
    printf("fib checksum %d\n", r);
    return r == 46368 ? 0 : 1;
}
