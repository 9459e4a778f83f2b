/*
 * long long and unsigned long long: 64-bit constants (suffixes and the C99
 * type of unsuffixed ones), + - * / % & | ^ ~ << >> and unary minus with
 * carries and borrows across the halves, signed and unsigned comparisons
 * and the usual conversions with 32-bit operands, casts both ways, compound
 * assignment and ++/-- (an lvalue with side effects evaluated once), ?:
 * and && || ! on 64-bit values, locals, globals
 * with constant initializers, struct members, arrays, pointers, parameters,
 * return values and variadic arguments. The compiler lowers each operation
 * to a libc helper (userland/lib/llong.c) unless both sides are constants,
 * so most checks are done twice: folded and at run time (through volatile).
 */
#include <stdarg.h>
#include "test.h"

typedef long long i64;
typedef unsigned long long u64;

i64 g_big = 1LL << 40;
i64 g_neg = -1;
u64 g_max = 0xffffffffffffffffULL;
i64 g_sum = 3000000000LL + 3000000000LL;
i64 g_table[3] = {1, -2, 0x100000000LL};
struct rec { char tag; i64 value; int after; } g_rec = {'r', -5, 7};

static i64 twice(i64 x) { return x * 2; }
static u64 add_u(u64 a, u64 b) { return a + b; }
static i64 sum_varargs(int n, ...) {
  va_list ap;
  i64 total = 0;
  int k;
  va_start(ap, n);
  for (k = 0; k < n; k++) total += va_arg(ap, i64);
  va_end(ap);
  return total;
}
static void bump(i64 *p) { *p += 1; }

/* long long constants where C wants an integer constant expression. */
enum { FROM_LL = 3LL << 2 };
static char sized[2LL + 1];
static int label(int x) {
  switch (x) {
  case 5LL: return 1;
  case (int)(0x100000007LL & 0xff): return 2;
  }
  return 0;
}

/* op= and ++/-- on an lvalue with side effects evaluate it once. */
static i64 g_cells[4] = {10, 20, 30, 40};
static int g_calls;
static i64 *cell(int k) { g_calls++; return &g_cells[k]; }
static void check_side_effects_once(void) {
  int i = 0;
  i64 old;
  i64 *p = g_cells;
  g_cells[i++] += 1;
  ASSERT(1, i);
  ASSERT_LL(11, g_cells[0]);
  g_cells[i++] <<= 33;
  ASSERT(2, i);
  ASSERT_LL(20LL << 33, g_cells[1]);
  old = g_cells[i++]++;
  ASSERT(3, i);
  ASSERT_LL(30, old);
  ASSERT_LL(31, g_cells[2]);
  ASSERT_LL(41, ++g_cells[i++]);
  ASSERT(4, i);
  *p++ -= 5;
  ASSERT_LL(6, g_cells[0]);
  ASSERT(1, p == g_cells + 1);
  *cell(3) *= 0x10000000;
  (*cell(3))--;
  ASSERT(2, g_calls);
  ASSERT_LL(41LL * 0x10000000 - 1, g_cells[3]);
}

int main(void) {
  volatile i64 zero = 0, one = 1, minus_one = -1, big = 0x123456789abcdefLL;
  volatile u64 umax = ~0ULL;
  volatile int i32 = -7;
  volatile unsigned u32 = 0xfffffff0u;
  i64 a, b;
  u64 u;
  int k;

  /* sizes, and constants' types */
  ASSERT(8, sizeof(i64));
  ASSERT(8, sizeof(u64));
  ASSERT(8, sizeof 1LL);
  ASSERT(8, sizeof 4294967296);
  ASSERT(8, sizeof 2147483648);   /* decimal: int, long, then long long */
  ASSERT(4, sizeof 0xffffffff);   /* hex: unsigned int first */
  ASSERT_LL(0x100000000ULL, 4294967296);
  ASSERT(1, 2147483648 > 0);

  /* + - with carries and borrows across the halves */
  ASSERT_LL(0x100000000ULL, (i64)0xffffffffu + one);
  ASSERT_LL(0xffffffffULL, 0x100000000LL - one);
  ASSERT_LL(0, umax + 1);
  ASSERT_LL(-1, zero - 1);
  ASSERT_LL(6000000000ULL, g_sum);
  ASSERT_LL(0x123456789abcdeeULL, big - one);

  /* * / % (signed truncates toward zero; the remainder has the dividend's sign) */
  ASSERT_LL(0x23456789abcdeff1ULL, big * 31);
  ASSERT_LL(-15, (i64)5 * -3);
  ASSERT_LL(0xfffffffe00000001ULL, (u64)0xffffffffu * 0xffffffffu);
  a = 1000000007;
  ASSERT_LL(1000000014000000049LL, a * a);
  ASSERT_LL(0x123456789abcdefLL / 1000, big / 1000);
  ASSERT_LL(0x123456789abcdefLL % 1000, big % 1000);
  ASSERT_LL(-2, (zero - 7) / 3);
  ASSERT_LL(-1, (zero - 7) % 3);
  ASSERT_LL(-2, (zero + 7) / -3);
  ASSERT_LL(1, (zero + 7) % -3);
  ASSERT_LL(0x7fffffffffffffffULL, umax / 2);
  ASSERT_LL(3, umax % 6);
  ASSERT_LL(1, big / big);

  /* bitwise */
  ASSERT_LL(0x0123456700000000ULL, big & 0xffffffff00000000ULL);
  ASSERT_LL(0x01234567ffffffffULL, big | 0xffffffffULL);
  ASSERT_LL(0xfedcba9876543210ULL, big ^ -1);
  ASSERT_LL(0xfedcba9876543210ULL, ~big);
  ASSERT_LL(-0x123456789abcdefLL, -big);

  /* shifts: counts 0, 1, 31, 32, 33, 63; >> arithmetic for signed, logical for unsigned */
  ASSERT_LL(big, big << 0);
  ASSERT_LL(0x2468acf13579bdeULL, big << 1);
  ASSERT_LL(0xc4d5e6f780000000ULL, big << 31);
  ASSERT_LL(0x89abcdef00000000ULL, big << 32);
  ASSERT_LL(0x13579bde00000000ULL, big << 33);
  ASSERT_LL(0x8000000000000000ULL, one << 63);
  ASSERT_LL(0x91a2b3c4d5e6f7ULL, big >> 1);
  ASSERT_LL(0x1234567ULL, big >> 32);
  ASSERT_LL(-1, minus_one >> 40);
  ASSERT_LL(-2, (zero - 4) >> 1);
  ASSERT_LL(0xffffffffULL, umax >> 32);
  ASSERT_LL(1, umax >> 63);
  k = 36;
  ASSERT_LL(0x1000000000LL, one << k);

  /* comparisons, signed and unsigned, mixed with 32-bit operands */
  ASSERT(1, minus_one < zero);
  ASSERT(0, (u64)minus_one < 1);
  ASSERT(1, big > 0xffffffffu);
  ASSERT(1, i32 < zero);           /* int converts to long long: -7 stays -7 */
  ASSERT(1, u32 < big);            /* unsigned int converts to long long: stays positive */
  ASSERT(1, u32 == 0xfffffff0LL);
  ASSERT(0, umax == -2);
  ASSERT(1, umax == -1);           /* -1 converts to unsigned long long */
  ASSERT(1, 0x100000000LL != 0);
  ASSERT(1, big >= big && big <= big && !(big < big) && !(big > big));

  /* casts */
  ASSERT_LL(-7, (i64)i32);
  ASSERT_LL(0xfffffff0ULL, (i64)u32);
  ASSERT_LL(0xfffffffffffffff9ULL, (u64)i32);
  ASSERT((int)0x89abcdef, (int)big);
  ASSERT(0xef, (unsigned char)big);
  ASSERT(-17, (signed char)big);
  ASSERT_LL(-128, (i64)(signed char)0x80);
  ASSERT_LL(0xffffULL, (u64)(unsigned short)-1);

  /* truth: conditions, !, &&, ||, ?: */
  ASSERT(1, 0x100000000LL ? 1 : 0);
  if (zero) ASSERT(0, 1);
  ASSERT(0, !(zero + 0x100000000LL));
  ASSERT(1, (zero || big) && !zero);
  ASSERT_LL(big, zero ? one : big);
  ASSERT_LL(-7, one ? (i64)i32 : big);
  k = 0;
  for (a = 0x100000000LL; a; a >>= 8) k++;
  ASSERT(5, k);

  /* compound assignment, ++ and -- */
  a = 0xffffffffLL;
  a += 1;
  ASSERT_LL(0x100000000LL, a);
  a -= 2;
  ASSERT_LL(0xfffffffeLL, a);
  a *= 0x10000;
  ASSERT_LL(0xfffffffe0000LL, a);
  a /= 0x100;
  ASSERT_LL(0xfffffffe00LL, a);
  a %= 0x1000000;
  ASSERT_LL(0xfffe00LL, a);
  a <<= 20;
  ASSERT_LL(0xfffe0000000LL, a);
  a >>= 4;
  ASSERT_LL(0xfffe000000LL, a);
  a |= 1;
  a &= 0xff00000001LL;
  a ^= 0x100000000LL;
  ASSERT_LL(0xfe00000001LL, a);
  k = 10;
  k += 0x100000005LL;              /* int op= long long: computed in 64 bits, stored as int */
  ASSERT(15, k);
  a = 0xffffffffLL;
  ASSERT_LL(0x100000000LL, ++a);
  ASSERT_LL(0x100000000LL, a--);
  ASSERT_LL(0xffffffffLL, a);
  ASSERT_LL(0xffffffffLL, a++);
  ASSERT_LL(0xfffffffeLL, --a - 1);

  /* globals, structs, arrays, pointers */
  ASSERT_LL(0x10000000000LL, g_big);
  ASSERT_LL(-1, g_neg);
  ASSERT_LL(~0ULL, g_max);
  ASSERT_LL(0x100000000LL, g_table[2]);
  ASSERT_LL(-2, g_table[1]);
  ASSERT('r', g_rec.tag);
  ASSERT_LL(-5, g_rec.value);
  ASSERT(7, g_rec.after);
#if defined(__hako__) || defined(__i386__)
  ASSERT(16, sizeof(struct rec)); /* i386: long long members align to 4 */
#endif
  g_rec.value = big;
  g_table[0] = g_rec.value + g_table[2];
  ASSERT_LL(0x123456889abcdefLL, g_table[0]);
  bump(&g_table[0]);
  ASSERT_LL(0x123456889abcdf0LL, g_table[0]);
  b = g_table[1];
  ASSERT_LL(-2, b);

  /* calls: parameters, returns, variadic arguments */
  ASSERT_LL(0x2468acf13579bdeLL, twice(big));
  ASSERT_LL(-2, twice(i32 + 6));
  u = add_u(umax, 2);
  ASSERT_LL(1, u);
  ASSERT_LL(0x100000001LL + 2 - 3, sum_varargs(3, 0x100000001LL, (i64)2, (i64)-3));
  check_side_effects_once();
  ASSERT(12, FROM_LL);
  ASSERT(3, sizeof sized);
  ASSERT(1, label(5));
  ASSERT(2, label(7));
  ASSERT(0, label(6));
  return 0;
}
