/* printf-matrix.c: prints a large matrix of printf conversions. The test
 * runs it on the bare machine (our compiler, our libc) and compares the
 * output byte for byte with the same program built by the host gcc with
 * glibc. Only values that mean the same with a 32- or 64-bit long. The
 * host harness (test/userland/host) covers far more combinations; this is
 * the same libc compiled by our compiler, so it is kept to a few seconds. */
#include <stdio.h>
#include <string.h>

static const char *flag_sets[] = {"", "-", "+0", " #", "0#", "-#+ 0"};
static const char *widths[] = {"", "7"};
static const char *precisions[] = {"", ".0", ".3"};
static const char *lengths[] = {"", "l", "h", "hh"};
static const char conversions[] = "diuoxX";
static const int values[] = {0, 1, -1, 9, 10, 255, -255, 4096, 32767, -32768, 65535, 123456789, -2147483647 - 1,
                             2147483647};

int main(void) {
  char fmt[32];
  int f, w, p, l, c, v, n, total = 0;
  for (f = 0; f < 6; f++)
    for (w = 0; w < 2; w++)
      for (p = 0; p < 3; p++)
        for (l = 0; l < 4; l++)
          for (c = 0; c < 6; c++) {
            sprintf(fmt, "[%%%s%s%s%s%c]", flag_sets[f], widths[w], precisions[p], lengths[l], conversions[c]);
            printf("%s ", fmt);
            for (v = 0; v < 14; v++) {
              if (l == 1) {
                long lv = values[v];
                /* An unsigned conversion of a negative long differs between
                 * 32- and 64-bit longs; print those as int-sized instead. */
                if (lv < 0 && c >= 2)
                  n = printf(fmt, lv & 0x7fffffffL);
                else
                  n = printf(fmt, lv);
              } else {
                n = printf(fmt, values[v]);
              }
              total += n;
            }
            printf("\n");
          }
  printf("[%s|%10s|%-10s|%.3s|%c|%3c|%-3c|%%]\n", "str", "right", "left", "truncated", 'x', 'y', 'z');
  printf("[%*d|%-*d|%.*d|%*.*x]\n", 6, 42, 6, 42, 5, 42, -8, 3, 0xab);
  printf("total %d\n", total);
  return 0;
}
