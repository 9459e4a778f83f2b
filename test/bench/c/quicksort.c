/* quicksort: a hand-written recursive quicksort of pseudo-random ints;
   comparisons, swaps and recursion. */
#include <stdio.h>

#define COUNT 20000

static int data[COUNT];

static void sort(int *a, int lo, int hi)
{
    while (lo < hi) {
        int pivot = a[(lo + hi) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        if (j - lo < hi - i) {
            sort(a, lo, j);
            lo = i;
        } else {
            sort(a, i, hi);
            hi = j;
        }
    }
}

int bench_main(void)
{
    unsigned seed = 1;
    int i, check = 0;
    for (i = 0; i < COUNT; i++) {
        seed = seed * 1103515245u + 12345u;
        data[i] = (int)(seed >> 1) % 100000;
    }
    sort(data, 0, COUNT - 1);
    for (i = 1; i < COUNT; i++)
        if (data[i - 1] > data[i])
            return -1;
    for (i = 0; i < COUNT; i += 97)
        check += data[i];
    return check;
}

int main(void)
{
    int r = bench_main();
    printf("quicksort checksum %d\n", r);
    return r == 10316178 ? 0 : 1;
}
