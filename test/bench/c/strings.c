/* strings: string copy, length, compare and concatenate loops written by
   hand (no libc in the measured part); byte loads and stores. */
#include <stdio.h>

#define ROUNDS 2000

static int my_strlen(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return p - s;
}

static void my_strcpy(char *d, const char *s)
{
    while ((*d++ = *s++) != 0)
        ;
}

static int my_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

static void my_strcat(char *d, const char *s)
{
    my_strcpy(d + my_strlen(d), s);
}

static const char *words[8] = {
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"
};

int bench_main(void)
{
    char a[256], b[256];
    int r, i, acc = 0;
    for (r = 0; r < ROUNDS; r++) {
        a[0] = 0;
        for (i = 0; i < 8; i++)
            my_strcat(a, words[(i + r) & 7]);
        my_strcpy(b, a);
        b[r % my_strlen(b)] ^= 1;
        acc += my_strlen(a);
        acc += my_strcmp(a, b) > 0 ? 3 : 1;
        acc += my_strcmp(a, a);
    }
    return acc;
}

int main(void)
{
    int r = bench_main();
    printf("strings checksum %d\n", r);
    return r == 87848 ? 0 : 1;
}
