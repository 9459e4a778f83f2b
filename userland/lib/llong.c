/* llong.c: long long arithmetic for a compiler without 64-bit registers
 * (what libgcc's __adddi3, __muldi3, __divdi3, __udivmoddi4 … are to gcc).
 *
 * The compiler (toolchain/cc/parse_llong.ts) turns every long long
 * operation that is not on two constants into a call of one of these:
 * values pass and return by value as 8-byte blocks, shift counts as int.
 * Each works on the two 32-bit halves (little-endian: w[0] low, w[1] high)
 * and wraps modulo 2^64 as C's unsigned arithmetic does (signed overflow is
 * undefined in C; here it wraps too). Division by zero divides by zero on
 * the CPU, so it raises #DE (SIGFPE) as the i386 helpers do. */

typedef unsigned int u32;

typedef union {
  long long s;
  unsigned long long u;
  u32 w[2];
} halves;

static long long make(u32 lo, u32 hi) {
  halves r;
  r.w[0] = lo;
  r.w[1] = hi;
  return r.s;
}

long long __hako_ll_from_int(int x) { return make((u32)x, x < 0 ? 0xffffffffu : 0); }
long long __hako_ll_from_uint(u32 x) { return make(x, 0); }

int __hako_ll_to_int(long long a) {
  halves x;
  x.s = a;
  return (int)x.w[0];
}

long long __hako_ll_add(long long a, long long b) {
  halves x, y;
  u32 lo;
  x.s = a;
  y.s = b;
  lo = x.w[0] + y.w[0];
  return make(lo, x.w[1] + y.w[1] + (lo < x.w[0]));
}

long long __hako_ll_sub(long long a, long long b) {
  halves x, y;
  x.s = a;
  y.s = b;
  return make(x.w[0] - y.w[0], x.w[1] - y.w[1] - (x.w[0] < y.w[0]));
}

/* The full 64-bit product of two 32-bit numbers, from 16-bit pieces. */
static long long mul_32x32(u32 a, u32 b) {
  u32 a0 = a & 0xffff, a1 = a >> 16, b0 = b & 0xffff, b1 = b >> 16;
  u32 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  u32 mid = (p00 >> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return make((mid << 16) | (p00 & 0xffff), p11 + (p01 >> 16) + (p10 >> 16) + (mid >> 16));
}

long long __hako_ll_mul(long long a, long long b) {
  halves x, y, p;
  x.s = a;
  y.s = b;
  p.s = mul_32x32(x.w[0], y.w[0]);
  p.w[1] += x.w[0] * y.w[1] + x.w[1] * y.w[0];
  return p.s;
}

long long __hako_ll_and(long long a, long long b) {
  halves x, y;
  x.s = a;
  y.s = b;
  return make(x.w[0] & y.w[0], x.w[1] & y.w[1]);
}

long long __hako_ll_or(long long a, long long b) {
  halves x, y;
  x.s = a;
  y.s = b;
  return make(x.w[0] | y.w[0], x.w[1] | y.w[1]);
}

long long __hako_ll_xor(long long a, long long b) {
  halves x, y;
  x.s = a;
  y.s = b;
  return make(x.w[0] ^ y.w[0], x.w[1] ^ y.w[1]);
}

/* Shifts use the count modulo 64 (larger counts are undefined in C). */
long long __hako_ll_shl(long long a, int n) {
  halves x;
  x.s = a;
  n &= 63;
  if (n == 0)
    return a;
  if (n >= 32)
    return make(0, x.w[0] << (n - 32));
  return make(x.w[0] << n, (x.w[1] << n) | (x.w[0] >> (32 - n)));
}

unsigned long long __hako_ull_shr(unsigned long long a, int n) {
  halves x;
  x.u = a;
  n &= 63;
  if (n == 0)
    return a;
  if (n >= 32)
    return make(x.w[1] >> (n - 32), 0);
  return make((x.w[0] >> n) | (x.w[1] << (32 - n)), x.w[1] >> n);
}

long long __hako_ll_sar(long long a, int n) {
  halves x;
  int hi;
  x.s = a;
  hi = (int)x.w[1];
  n &= 63;
  if (n == 0)
    return a;
  if (n >= 32)
    return make((u32)(hi >> (n - 32)), (u32)(hi >> 31));
  return make((x.w[0] >> n) | (x.w[1] << (32 - n)), (u32)(hi >> n));
}

/* -1, 0 or 1 as a is below, equal to or above b. */
int __hako_ll_cmp(long long a, long long b) {
  halves x, y;
  x.s = a;
  y.s = b;
  if ((int)x.w[1] != (int)y.w[1])
    return (int)x.w[1] < (int)y.w[1] ? -1 : 1;
  if (x.w[0] != y.w[0])
    return x.w[0] < y.w[0] ? -1 : 1;
  return 0;
}

int __hako_ull_cmp(unsigned long long a, unsigned long long b) {
  halves x, y;
  x.u = a;
  y.u = b;
  if (x.w[1] != y.w[1])
    return x.w[1] < y.w[1] ? -1 : 1;
  if (x.w[0] != y.w[0])
    return x.w[0] < y.w[0] ? -1 : 1;
  return 0;
}

/* n / d and n % d, unsigned: 32-bit division when both fit, else one
 * quotient bit per step (shift and subtract). */
static unsigned long long udivmod(unsigned long long n, unsigned long long d, unsigned long long *rem) {
  halves num, den, q, r;
  int k;
  num.u = n;
  den.u = d;
  if (den.w[1] == 0 && (num.w[1] == 0 || den.w[0] == 0)) {
    /* Also the division by zero: the CPU raises #DE here. */
    q.w[0] = num.w[0] / den.w[0];
    q.w[1] = 0;
    r.w[0] = num.w[0] % den.w[0];
    r.w[1] = 0;
    *rem = r.u;
    return q.u;
  }
  q.u = 0;
  r.u = 0;
  for (k = 63; k >= 0; k--) {
    r.w[1] = (r.w[1] << 1) | (r.w[0] >> 31);
    r.w[0] = (r.w[0] << 1) | ((num.w[k >> 5] >> (k & 31)) & 1);
    if (r.w[1] > den.w[1] || (r.w[1] == den.w[1] && r.w[0] >= den.w[0])) {
      r.u = (unsigned long long)__hako_ll_sub((long long)r.u, (long long)den.u);
      q.w[k >> 5] |= 1u << (k & 31);
    }
  }
  *rem = r.u;
  return q.u;
}

unsigned long long __hako_ull_div(unsigned long long a, unsigned long long b) {
  unsigned long long rem;
  return udivmod(a, b, &rem);
}

unsigned long long __hako_ull_mod(unsigned long long a, unsigned long long b) {
  unsigned long long rem;
  udivmod(a, b, &rem);
  return rem;
}

/* Signed: divide the magnitudes; the quotient is negative when the signs
 * differ, the remainder has the dividend's sign (C truncates toward 0). */
long long __hako_ll_div(long long a, long long b) {
  unsigned long long rem, q;
  int negative = (a < 0) != (b < 0);
  q = udivmod(a < 0 ? 0 - (unsigned long long)a : (unsigned long long)a, b < 0 ? 0 - (unsigned long long)b : (unsigned long long)b, &rem);
  return negative ? (long long)(0 - q) : (long long)q;
}

long long __hako_ll_mod(long long a, long long b) {
  unsigned long long rem;
  udivmod(a < 0 ? 0 - (unsigned long long)a : (unsigned long long)a, b < 0 ? 0 - (unsigned long long)b : (unsigned long long)b, &rem);
  return a < 0 ? (long long)(0 - rem) : (long long)rem;
}
