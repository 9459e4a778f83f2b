/* u_fixed.c: printf's %f without floating point (the machine has none):
 * the argument's decimal text is rounded to the precision digit by digit
 * — half to even when exactly half, which is what glibc does for values a
 * double holds exactly (0.125, 2.5); for others (2.675) glibc rounds the
 * nearest double and may differ in the last digit — then padded as the
 * flags and width say. Accepts [+-]digits[.digits] and a leading '.'. */
#include <stdio.h>
#include <string.h>
#include "ulib.h"

int u_format_fixed(const char *arg, const char *flags, int width, int prec, char *out, int size) {
  char digits[160];          /* integer digits then prec fraction digits */
  int nint = 0;
  int nd;
  int neg = 0;
  const char *s = arg;
  const char *frac;
  int k;
  char body[200];
  int blen;
  int left = strchr(flags, '-') != 0;
  int zero = strchr(flags, '0') != 0 && !left;
  char sign;
  if (prec < 0)
    prec = 6;
  if (prec > 60)
    prec = 60;
  while (*s == ' ')
    s++;
  if (*s == '-' || *s == '+')
    neg = *s++ == '-';
  if (!((*s >= '0' && *s <= '9') || (*s == '.' && s[1] >= '0' && s[1] <= '9')))
    return -1;
  while (*s == '0' && s[1] >= '0' && s[1] <= '9')
    s++;
  while (*s >= '0' && *s <= '9' && nint < 90)
    digits[nint++] = *s++;
  if (nint == 0)
    digits[nint++] = '0';
  frac = *s == '.' ? s + 1 : s;
  nd = nint;
  for (k = 0; k < prec; k++)
    digits[nd++] = (*frac >= '0' && *frac <= '9') ? *frac++ : '0';
  {
    /* the first dropped digit decides; exactly half rounds to even */
    int first = *frac >= '0' && *frac <= '9' ? *frac - '0' : 0;
    int rest_nonzero = 0;
    const char *r;
    int up;
    if (*frac >= '0' && *frac <= '9')
      for (r = frac + 1; *r >= '0' && *r <= '9'; r++)
        if (*r != '0')
          rest_nonzero = 1;
    up = first > 5 || (first == 5 && (rest_nonzero || (digits[nd - 1] - '0') % 2 == 1));
    for (r = frac; *r >= '0' && *r <= '9'; r++)
      ;
    if (*r && *r != '\n')
      return -1;
    for (k = nd - 1; up && k >= 0; k--) {
      if (digits[k] == '9') {
        digits[k] = '0';
      } else {
        digits[k]++;
        up = 0;
      }
    }
    if (up) {   /* 9.99 -> 10.00 */
      memmove(digits + 1, digits, nd);
      digits[0] = '1';
      nd++;
      nint++;
    }
  }
  sign = neg ? '-' : strchr(flags, '+') ? '+' : strchr(flags, ' ') ? ' ' : 0;
  blen = 0;
  memcpy(body, digits, nint);
  blen = nint;
  if (prec > 0 || strchr(flags, '#')) {
    body[blen++] = '.';
    memcpy(body + blen, digits + nint, nd - nint);
    blen += nd - nint;
  }
  body[blen] = 0;
  {
    int total = blen + (sign ? 1 : 0);
    int pad = width > total ? width - total : 0;
    int n = 0;
    if (total + pad + 1 > size)
      return -1;
    if (!left && !zero)
      for (k = 0; k < pad; k++)
        out[n++] = ' ';
    if (sign)
      out[n++] = sign;
    if (zero)
      for (k = 0; k < pad; k++)
        out[n++] = '0';
    memcpy(out + n, body, blen);
    n += blen;
    if (left)
      for (k = 0; k < pad; k++)
        out[n++] = ' ';
    out[n] = 0;
  }
  return 0;
}
