/*
 * string.c — memory and string functions for the kernel (include/lib.h).
 *
 * memset and memcpy are in memops.s (string instructions); the rest are
 * plain loops. No function here touches anything but its arguments.
 */
#include "lib.h"

void *memmove(void *dst, const void *src, size_t n) {
  u8 *d = (u8 *)dst;
  const u8 *s = (const u8 *)src;
  if (d <= s || d >= s + n) return memcpy(dst, src, n);
  d += n;
  s += n;
  while (n > 0) {
    *--d = *--s;
    n--;
  }
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const u8 *x = (const u8 *)a;
  const u8 *y = (const u8 *)b;
  size_t i;
  for (i = 0; i < n; i++) {
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}

size_t strlen(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

size_t strnlen(const char *s, size_t max) {
  size_t n = 0;
  while (n < max && s[n]) n++;
  return n;
}

int strcmp(const char *a, const char *b) {
  while (*a && *a == *b) {
    a++;
    b++;
  }
  return (int)(u8)*a - (int)(u8)*b;
}

int strncmp(const char *a, const char *b, size_t n) {
  while (n > 0 && *a && *a == *b) {
    a++;
    b++;
    n--;
  }
  if (n == 0) return 0;
  return (int)(u8)*a - (int)(u8)*b;
}

char *strchr(const char *s, int c) {
  for (;; s++) {
    if (*s == (char)c) return (char *)s;
    if (*s == 0) return NULL;
  }
}

size_t strlcpy(char *dst, const char *src, size_t size) {
  size_t len = strlen(src);
  size_t n;
  if (size > 0) {
    n = len < size - 1 ? len : size - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
  }
  return len;
}
