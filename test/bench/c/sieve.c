/* sieve: the sieve of Eratosthenes over a byte array, repeated; memory
   stores and tight loops. */
#include <stdio.h>

#define LIMIT 30000
#define ROUNDS 10

static char composite[LIMIT + 1];

int bench_main(void)
{
    int round, i, j, count = 0;
    for (round = 0; round < ROUNDS; round++) {
        for (i = 0; i <= LIMIT; i++)
            composite[i] = 0;
        count = 0;
        for (i = 2; i <= LIMIT; i++) {
            if (composite[i])
                continue;
            count++;
            for (j = i + i; j <= LIMIT; j += i)
                composite[j] = 1;
        }
    }
    return count;
}

int main(void)
{
    int r = bench_main();
    printf("sieve checksum %d\n", r);
    return r == 3245 ? 0 : 1;
}
