/* memory.c: memcpy, memmove and memset as Hako runs them (memory.s, rep
 * movsd/stosd) against plain byte loops: source and destination
 * alignments 0..4 (each class mod 4, and one more), every length 0..40,
 * overlaps in both directions, and guard bytes around the destination;
 * and the word-at-a-time strlen and strcmp at every start and length.
 * Prints the failures and a summary; exits with the number of failures. */
#include <stdio.h>
#include <string.h>

static unsigned char src[256], dst[256], want[256];

/* Only bytes [LO, HI) can change; the checks compare that window, which
 * includes guard bytes on both sides of every destination. */
#define LO 24
#define HI 96

static void reset(void) {
  int k;
  for (k = LO; k < HI; k++) {
    dst[k] = (unsigned char)(k ^ 0x5a);
    want[k] = dst[k];
  }
}

int main(void) {
  int s, d, n, k, checks = 0, failures = 0;
  for (k = 0; k < 256; k++)
    src[k] = (unsigned char)(k * 7 + 3);
  for (s = 0; s < 5; s++)
    for (d = 0; d < 5; d++)
      for (n = 0; n <= 40; n++) {
        reset();
        for (k = 0; k < n; k++)
          want[32 + d + k] = src[s + k];
        checks++;
        if (memcpy(dst + 32 + d, src + s, (size_t)n) != dst + 32 + d || memcmp(dst + LO, want + LO, HI - LO) != 0) {
          failures++;
          printf("FAIL memcpy src+%d dst+%d n=%d\n", s, d, n);
        }
        reset();
        for (k = 0; k < n; k++)
          want[32 + d + k] = (unsigned char)(s * 40 + n);
        checks++;
        if (memset(dst + 32 + d, s * 40 + n, (size_t)n) != dst + 32 + d || memcmp(dst + LO, want + LO, HI - LO) != 0) {
          failures++;
          printf("FAIL memset dst+%d n=%d\n", d, n);
        }
      }
  /* Overlapping moves: the source and destination 0..9 bytes apart either way. */
  for (s = 0; s < 10; s++)
    for (d = 0; d < 10; d++)
      for (n = 0; n <= 40; n++) {
        reset();
        for (k = 0; k < n; k++)
          want[32 + d + k] = dst[32 + s + k];
        checks++;
        if (memmove(dst + 32 + d, dst + 32 + s, (size_t)n) != dst + 32 + d || memcmp(dst + LO, want + LO, HI - LO) != 0) {
          failures++;
          printf("FAIL memmove from +%d to +%d n=%d\n", s, d, n);
        }
      }
  /* strlen reads a word at a time once aligned: every start and end. */
  for (s = 0; s < 5; s++)
    for (n = 0; n <= 40; n++) {
      memset(dst, 'q', 100);
      dst[s + n] = 0;
      checks++;
      if (strlen((char *)dst + s) != (size_t)n) {
        failures++;
        printf("FAIL strlen at +%d of %d bytes\n", s, n);
      }
    }
  /* strcmp compares words when both strings share an alignment. */
  for (s = 0; s < 5; s++)
    for (d = 0; d < 5; d++)
      for (n = 0; n <= 12; n++)
        for (k = -1; k <= n; k++) {
          int i, want_sign, got;
          char *x = (char *)src + 8 + s, *y = (char *)dst + 8 + d;
          for (i = 0; i < n; i++)
            x[i] = y[i] = (char)('a' + i);
          x[n] = y[n] = 0;
          x[n + 1] = 'x';
          y[n + 1] = 'y';
          if (k >= 0)
            y[k] = k % 2 ? (char)0xE0 : 0;
          for (i = 0; x[i] && x[i] == y[i]; i++)
            ;
          want_sign = (unsigned char)x[i] - (unsigned char)y[i];
          got = strcmp(x, y);
          checks++;
          if ((got > 0) != (want_sign > 0) || (got < 0) != (want_sign < 0)) {
            failures++;
            printf("FAIL strcmp +%d +%d n=%d diff at %d\n", s, d, n, k);
          }
        }
  printf("memory: %d checks, %d failures\n", checks, failures);
  return failures;
}
