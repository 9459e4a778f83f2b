/* t_string.c: string.h against glibc. Every alignment and length up to 64
 * for the word-at-a-time memcpy/memset (with guard bytes around the
 * destination), overlaps both ways for memmove, signs of comparisons with
 * bytes >= 128, and the search and token functions on random strings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hk.h"

static int sign(int x) { return (x > 0) - (x < 0); }

static void copies(void) {
  unsigned char src[160], dst[160], want[160];
  int so, d, n, k, bad = 0;
  for (k = 0; k < 160; k++)
    src[k] = (unsigned char)(k * 13 + 5);
  for (so = 0; so < 8; so++)
    for (d = 0; d < 8; d++)
      for (n = 0; n <= 64; n++) {
        memset(dst, 0xEE, sizeof(dst));
        memset(want, 0xEE, sizeof(want));
        memcpy(want + 16 + d, src + so, (size_t)n);
        if (hk_memcpy(dst + 16 + d, src + so, (size_t)n) != dst + 16 + d || memcmp(dst, want, sizeof(dst)) != 0)
          bad++;
        memset(dst, 0xEE, sizeof(dst));
        memset(want, 0xEE, sizeof(want));
        memset(want + 16 + d, so * 30 + 1, (size_t)n);
        if (hk_memset(dst + 16 + d, so * 30 + 1, (size_t)n) != dst + 16 + d || memcmp(dst, want, sizeof(dst)) != 0)
          bad++;
      }
  CHECK(bad == 0, "memcpy/memset over alignments and lengths: %d wrong", bad);
  bad = 0;
  for (so = 0; so < 40; so++)
    for (d = 0; d < 40; d++)
      for (n = 0; n < 60; n += 7) {
        for (k = 0; k < 160; k++)
          dst[k] = want[k] = (unsigned char)k;
        memmove(want + d, want + so, (size_t)n);
        hk_memmove(dst + d, dst + so, (size_t)n);
        if (memcmp(dst, want, sizeof(dst)) != 0)
          bad++;
      }
  CHECK(bad == 0, "memmove with overlaps in both directions: %d wrong", bad);
  bad = 0;
  for (so = 0; so < 8; so++)
    for (n = 0; n <= 64; n++) {
      memset(dst, 'q', sizeof(dst));
      dst[so + n] = 0;
      if (hk_strlen((char *)dst + so) != strlen((char *)dst + so))
        bad++;
    }
  CHECK(bad == 0, "strlen at every alignment and length up to 64: %d wrong", bad);
}

static void comparisons(void) {
  static const char *words[] = {"", "a", "b", "ab", "abc", "abd", "\x80", "\xff", "a\x80", "A", "abc\xff", "zzz"};
  size_t i, j, n;
  int bad = 0;
  for (i = 0; i < 12; i++)
    for (j = 0; j < 12; j++) {
      if (sign(hk_strcmp(words[i], words[j])) != sign(strcmp(words[i], words[j])))
        bad++;
      for (n = 0; n < 5; n++)
        if (sign(hk_strncmp(words[i], words[j], n)) != sign(strncmp(words[i], words[j], n)))
          bad++;
      n = strlen(words[i]) < strlen(words[j]) ? strlen(words[i]) : strlen(words[j]);
      if (sign(hk_memcmp(words[i], words[j], n + 1)) != sign(memcmp(words[i], words[j], n + 1)))
        bad++;
    }
  CHECK(bad == 0, "strcmp/strncmp/memcmp signs (unsigned bytes): %d wrong", bad);
  bad = 0;
  {
    /* Every alignment pair, length, and place of the first difference
     * (or none), including bytes >= 128 against a NUL. */
    static char x[96], y[96];
    int ax, ay, len, diff, k;
    for (ax = 0; ax < 8; ax++)
      for (ay = 0; ay < 8; ay++)
        for (len = 0; len < 24; len++)
          for (diff = -1; diff <= len; diff++) {
            for (k = 0; k < len; k++)
              x[ax + k] = y[ay + k] = (char)('a' + (k * 5) % 26);
            x[ax + len] = y[ay + len] = 0;
            x[ax + len + 1] = 'x';
            y[ay + len + 1] = 'y';
            if (diff >= 0)
              y[ay + diff] = diff % 2 ? (char)0xE0 : 0;
            if (sign(hk_strcmp(x + ax, y + ay)) != sign(strcmp(x + ax, y + ay)) ||
                sign(hk_strcmp(y + ay, x + ax)) != sign(strcmp(y + ay, x + ax)))
              bad++;
          }
  }
  CHECK(bad == 0, "strcmp at every alignment, length and difference: %d wrong", bad);
}

static void lengths_and_copies(void) {
  char buf[64], want[64];
  CHECK(hk_strlen("") == 0 && hk_strlen("hako") == 4, "strlen");
  CHECK(hk_strnlen("hako", 2) == 2 && hk_strnlen("hako", 10) == 4, "strnlen");
  memset(buf, 'x', sizeof(buf));
  memset(want, 'x', sizeof(want));
  CHECK(hk_strncpy(buf, "ab", 6) == buf && memcmp(buf, strncpy(want, "ab", 6), 64) == 0, "strncpy pads with NULs");
  CHECK(memcmp(hk_strncpy(buf, "abcdefgh", 3), strncpy(want, "abcdefgh", 3), 64) == 0, "strncpy truncates unterminated");
  hk_strcpy(buf, "con");
  hk_strcat(buf, "cat");
  CHECK(strcmp(buf, "concat") == 0, "strcpy + strcat: %s", buf);
  hk_strncat(buf, "enation", 3);
  CHECK(strcmp(buf, "concatena") == 0, "strncat appends n and terminates: %s", buf);
  hk_strncat(buf, "", 3);
  CHECK(strcmp(buf, "concatena") == 0, "strncat of empty");
}

static void searches(void) {
  static const char *hay[] = {"", "hello world", "aaaab", "abcabcabd", "mississippi", "a\x80z"};
  static const char *needles[] = {"", "o", "world", "ab", "abd", "issip", "ssi", "x", "\x80", "aab", "hello world!"};
  static const char *sets[] = {"", "lo", "abc", " ", "mis", "\x80", "xyz"};
  static const int chars[] = {0, 'o', 'a', 'z', 's', 0x80, 'q', 'i' + 256};
  size_t i, j;
  int bad = 0;
  for (i = 0; i < 6; i++) {
    for (j = 0; j < 11; j++)
      if (hk_strstr(hay[i], needles[j]) != strstr(hay[i], needles[j]))
        bad++;
    for (j = 0; j < 7; j++) {
      if (hk_strspn(hay[i], sets[j]) != strspn(hay[i], sets[j]))
        bad++;
      if (hk_strcspn(hay[i], sets[j]) != strcspn(hay[i], sets[j]))
        bad++;
      if (hk_strpbrk(hay[i], sets[j]) != strpbrk(hay[i], sets[j]))
        bad++;
    }
    for (j = 0; j < 8; j++) {
      if (hk_strchr(hay[i], chars[j]) != strchr(hay[i], chars[j]))
        bad++;
      if (hk_strrchr(hay[i], chars[j]) != strrchr(hay[i], chars[j]))
        bad++;
      if (hk_memchr(hay[i], chars[j], strlen(hay[i]) + 1) != memchr(hay[i], chars[j], strlen(hay[i]) + 1))
        bad++;
    }
  }
  CHECK(bad == 0, "strstr/strspn/strcspn/strpbrk/strchr/strrchr/memchr: %d wrong", bad);
}

static void tokens(void) {
  static const char *inputs[] = {"a b  c", "  lead and trail  ", "", "   ", "one", "x,y;;z,", ",,,"};
  char ours[64], theirs[64];
  char *a, *b, *save_a, *save_b;
  int i, bad = 0, count = 0;
  for (i = 0; i < 7; i++) {
    strcpy(ours, inputs[i]);
    strcpy(theirs, inputs[i]);
    a = hk_strtok(ours, " ,;");
    b = strtok(theirs, " ,;");
    for (;;) {
      if ((a == NULL) != (b == NULL) || (a && (a - ours != b - theirs || strcmp(a, b) != 0))) {
        bad++;
        break;
      }
      if (!a)
        break;
      count++;
      a = hk_strtok(NULL, " ,;");
      b = strtok(NULL, " ,;");
    }
    strcpy(ours, inputs[i]);
    strcpy(theirs, inputs[i]);
    a = hk_strtok_r(ours, " ,;", &save_a);
    b = strtok_r(theirs, " ,;", &save_b);
    while (a && b && a - ours == b - theirs) {
      a = hk_strtok_r(NULL, " ,;", &save_a);
      b = strtok_r(NULL, " ,;", &save_b);
    }
    if (a || b)
      bad++;
  }
  CHECK(bad == 0 && count == 10, "strtok/strtok_r token sequences: %d wrong, %d tokens", bad, count);
}

static void duplicates(void) {
  char *d = hk_strdup("hako box");
  char *e = hk_strndup("hako box", 4);
  char *f = hk_strndup("ab", 10);
  CHECK(d && strcmp(d, "hako box") == 0, "strdup");
  CHECK(e && strcmp(e, "hako") == 0, "strndup truncates");
  CHECK(f && strcmp(f, "ab") == 0, "strndup of a shorter string");
  hk_free(d);
  hk_free(e);
  hk_free(f);
}

static void errors(void) {
  int e, bad = 0;
  char want[64];
  for (e = 0; e <= 40; e++) {
    if (e == 41)
      continue;
    if (strcmp(hk_strerror(e), strerror(e)) != 0) {
      bad++;
      printf("  strerror(%d): ours \"%s\", glibc \"%s\"\n", e, hk_strerror(e), strerror(e));
    }
  }
  CHECK(bad == 0, "strerror texts 0..40 match glibc's: %d differ", bad);
  snprintf(want, sizeof(want), "Unknown error %d", 9999);
  CHECK(strcmp(hk_strerror(9999), want) == 0, "strerror of an unknown number: %s", hk_strerror(9999));
}

void test_string(void) {
  copies();
  comparisons();
  lengths_and_copies();
  searches();
  tokens();
  duplicates();
  errors();
}
