/* dhrystone: a Dhrystone-like mix written for Hako (not the original
   program): records linked by pointers, struct copies, enum switches,
   short string copies and compares, small integer functions and global
   state, in a loop. No libc in the measured part. */
#include <stdio.h>

#define LOOPS 6000

enum kind { K_IDENT1, K_IDENT2, K_IDENT3, K_IDENT4 };

struct record {
    struct record *next;
    enum kind kind;
    int int_comp;
    char str_comp[31];
};

static struct record rec_a, rec_b;
static struct record *glob_ptr;
static int glob_int;
static char glob_char1, glob_char2;
static int arr1[50];
static int arr2[50][50];

static void copy30(char *d, const char *s)
{
    while ((*d++ = *s++) != 0)
        ;
}

static int same(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static enum kind next_kind(enum kind k, int v)
{
    switch (k) {
    case K_IDENT1: return v > 100 ? K_IDENT3 : K_IDENT2;
    case K_IDENT2: return K_IDENT3;
    case K_IDENT3: return v & 1 ? K_IDENT4 : K_IDENT1;
    default: return K_IDENT1;
    }
}

static int proc7(int a, int b) { return a + b + 2; }

static void proc8(int *a1, int a2[50][50], int x, int y)
{
    int loc = x + 5, i;
    a1[loc] = y;
    a1[loc + 1] = a1[loc];
    a1[loc + 30] = loc;
    for (i = loc; i <= loc + 1; i++)
        a2[loc][i] = loc;
    a2[loc][loc - 1] += 1;
    a2[loc + 20][loc] = a1[loc];
    glob_int = 5;
}

static void proc3(struct record **out)
{
    if (glob_ptr != 0)
        *out = glob_ptr->next;
    glob_ptr->int_comp = proc7(10, glob_int);
}

static void proc1(struct record *p)
{
    struct record *next = p->next;
    *next = *glob_ptr;
    p->int_comp = 5;
    next->int_comp = p->int_comp;
    next->next = p->next;
    proc3(&next->next);
    if (next->kind == K_IDENT1) {
        next->int_comp = 6;
        next->kind = next_kind(p->kind, next->int_comp);
        next->next = glob_ptr->next;
        next->int_comp = proc7(next->int_comp, 10);
    } else
        *p = *p->next;
}

static char func1(char a, char b)
{
    char c = a;
    if (c != b)
        return 'A';
    glob_char1 = c;
    return 'B';
}

static int func2(const char *s1, const char *s2)
{
    int loc = 2;
    char ch = 'A';
    while (loc <= 2)
        if (func1(s1[loc], s2[loc + 1]) == 'A') {
            ch = 'A';
            loc += 1;
        }
    if (ch >= 'W' && ch < 'Z')
        loc = 7;
    if (ch == 'R')
        return 1;
    if (!same(s1, s2)) {
        loc += 7;
        glob_int = loc;
        return 1;
    }
    return 0;
}

int bench_main(void)
{
    char str1[31], str2[31];
    int run, i1, i2, i3, acc = 0;
    enum kind k;
    rec_b.next = &rec_a;
    rec_b.kind = K_IDENT1;
    rec_b.int_comp = 40;
    copy30(rec_b.str_comp, "DHRYSTONE-LIKE PROGRAM, SOME STRING");
    rec_b.str_comp[30] = 0;
    glob_ptr = &rec_b;
    copy30(str1, "HAKO PROGRAM, 1'ST STRING");
    for (run = 1; run <= LOOPS; run++) {
        glob_char1 = 'A';
        glob_char2 = 'B';
        i1 = 2;
        i2 = 3;
        copy30(str2, "HAKO PROGRAM, 2'ND STRING");
        k = K_IDENT2;
        if (!func2(str1, str2))
            k = K_IDENT1;
        while (i1 < i2) {
            i3 = 5 * i1 - i2;
            i3 = proc7(i1, i3);
            i1++;
        }
        proc8(arr1, arr2, i1, i3);
        proc1(glob_ptr);
        for (glob_char2 = 'A'; glob_char2 <= 'C'; glob_char2++)
            if (k == (enum kind)func1(glob_char2, 'C'))
                k = next_kind(k, run);
        i2 = i2 * i1;
        i1 = i2 / i3;
        i2 = 7 * (i2 - i3) - i1;
        acc += i1 + i2 + i3 + (int)k + glob_int + rec_a.int_comp +
               (run & 15) * arr2[8][7];
        k = next_kind(k, acc);
    }
    return acc;
}

int main(void)
{
    int r = bench_main();
    printf("dhrystone checksum %d\n", r);
    return r == 135231000 ? 0 : 1;
}
