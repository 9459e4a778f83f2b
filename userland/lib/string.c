/* string.c: the byte-array and string functions of string.h, except
 * strerror (strerror.c, with its message table) and strdup/strndup
 * (strdup.c: they need the allocator, which a program using only these
 * should not have to link).
 *
 * Plain C in the Hako subset. On Hako, memcpy, memmove and memset come
 * from memory.s (rep movsd/stosd); the C versions here serve any other
 * compiler (the host test harness) and move a machine word at a time when
 * both pointers are word-aligned. Comparisons use unsigned char, as C
 * requires (char is signed on Hako). */
#include <string.h>

#define WORD_MASK (sizeof(unsigned long) - 1)

#ifndef __hako__

void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  if ((((unsigned long)d | (unsigned long)s) & WORD_MASK) == 0) {
    unsigned long *dw = (unsigned long *)d;
    const unsigned long *sw = (const unsigned long *)s;
    while (n >= sizeof(unsigned long)) {
      *dw++ = *sw++;
      n -= sizeof(unsigned long);
    }
    d = (unsigned char *)dw;
    s = (const unsigned char *)sw;
  }
  while (n > 0) {
    *d++ = *s++;
    n--;
  }
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  /* Copy backwards only when dst starts inside src: a forward copy would
   * overwrite bytes before reading them. */
  if (d <= s || d >= s + n)
    return memcpy(dst, src, n);
  d += n;
  s += n;
  while (n > 0) {
    *--d = *--s;
    n--;
  }
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  unsigned char byte = (unsigned char)c;
  if (n >= 2 * sizeof(unsigned long)) {
    unsigned long pattern = byte;
    unsigned long *dw;
    size_t k;
    for (k = 1; k < sizeof(unsigned long); k++)
      pattern = (pattern << 8) | byte;
    while (((unsigned long)d & WORD_MASK) != 0) {
      *d++ = byte;
      n--;
    }
    dw = (unsigned long *)d;
    while (n >= sizeof(unsigned long)) {
      *dw++ = pattern;
      n -= sizeof(unsigned long);
    }
    d = (unsigned char *)dw;
  }
  while (n > 0) {
    *d++ = byte;
    n--;
  }
  return dst;
}

#endif

int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *p = (const unsigned char *)a;
  const unsigned char *q = (const unsigned char *)b;
  for (; n > 0; n--, p++, q++)
    if (*p != *q)
      return *p - *q;
  return 0;
}

void *memchr(const void *s, int c, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  unsigned char byte = (unsigned char)c;
  for (; n > 0; n--, p++)
    if (*p == byte)
      return (void *)p;
  return NULL;
}

/* Four bytes at a time once aligned: (x - 0x01010101) & ~x & 0x80808080 is
 * nonzero exactly when some byte of x is zero. An aligned 4-byte read never
 * crosses a page, so reading past the terminator is harmless. */
size_t strlen(const char *s) {
  const char *p = s;
  const unsigned int *w;
  unsigned int x;
  while (((unsigned long)p & 3) != 0) {
    if (*p == 0)
      return (size_t)(p - s);
    p++;
  }
  w = (const unsigned int *)p;
  for (;;) {
    x = *w;
    if (((x - 0x01010101U) & ~x & 0x80808080U) != 0)
      break;
    w++;
  }
  p = (const char *)w;
  while (*p)
    p++;
  return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max) {
  size_t n = 0;
  while (n < max && s[n])
    n++;
  return n;
}

char *strcpy(char *dst, const char *src) {
  char *d = dst;
  while ((*d++ = *src++) != 0)
    ;
  return dst;
}

/* Copies at most n bytes and pads with NULs up to n; the result is not
 * terminated when src is n bytes or longer (as C specifies). */
char *strncpy(char *dst, const char *src, size_t n) {
  size_t i = 0;
  for (; i < n && src[i]; i++)
    dst[i] = src[i];
  for (; i < n; i++)
    dst[i] = 0;
  return dst;
}

char *strcat(char *dst, const char *src) {
  strcpy(dst + strlen(dst), src);
  return dst;
}

/* Appends at most n bytes of src and always terminates. */
char *strncat(char *dst, const char *src, size_t n) {
  char *d = dst + strlen(dst);
  while (n > 0 && *src) {
    *d++ = *src++;
    n--;
  }
  *d = 0;
  return dst;
}

/* When both strings have the same alignment, compare four bytes at a time
 * (stopping at a word that differs or holds a NUL, see strlen) and finish
 * byte by byte. */
int strcmp(const char *a, const char *b) {
  const unsigned char *p = (const unsigned char *)a;
  const unsigned char *q = (const unsigned char *)b;
  const unsigned int *wp, *wq;
  unsigned int x;
  if ((((unsigned long)p ^ (unsigned long)q) & 3) == 0) {
    while (((unsigned long)p & 3) != 0) {
      if (*p == 0 || *p != *q)
        return *p - *q;
      p++;
      q++;
    }
    wp = (const unsigned int *)p;
    wq = (const unsigned int *)q;
    for (;;) {
      x = *wp;
      if (x != *wq || ((x - 0x01010101U) & ~x & 0x80808080U) != 0)
        break;
      wp++;
      wq++;
    }
    p = (const unsigned char *)wp;
    q = (const unsigned char *)wq;
  }
  while (*p && *p == *q) {
    p++;
    q++;
  }
  return *p - *q;
}

int strncmp(const char *a, const char *b, size_t n) {
  const unsigned char *p = (const unsigned char *)a;
  const unsigned char *q = (const unsigned char *)b;
  for (; n > 0; n--, p++, q++) {
    if (*p != *q)
      return *p - *q;
    if (*p == 0)
      return 0;
  }
  return 0;
}

/* The terminating NUL counts as part of the string: strchr(s, 0) finds it. */
char *strchr(const char *s, int c) {
  char ch = (char)c;
  for (;; s++) {
    if (*s == ch)
      return (char *)s;
    if (*s == 0)
      return NULL;
  }
}

char *strrchr(const char *s, int c) {
  char ch = (char)c;
  const char *last = NULL;
  for (;; s++) {
    if (*s == ch)
      last = s;
    if (*s == 0)
      return (char *)last;
  }
}

char *strstr(const char *haystack, const char *needle) {
  size_t n = strlen(needle);
  if (n == 0)
    return (char *)haystack;
  for (; *haystack; haystack++)
    if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
      return (char *)haystack;
  return NULL;
}

size_t strspn(const char *s, const char *accept) {
  size_t n = 0;
  while (s[n] && strchr(accept, s[n]))
    n++;
  return n;
}

size_t strcspn(const char *s, const char *reject) {
  size_t n = 0;
  while (s[n] && !strchr(reject, s[n]))
    n++;
  return n;
}

char *strpbrk(const char *s, const char *accept) {
  s += strcspn(s, accept);
  return *s ? (char *)s : NULL;
}

/* Splits at runs of delimiter bytes; *save remembers where the next call
 * resumes (NULL once the string is used up). */
char *strtok_r(char *s, const char *delim, char **save) {
  char *token;
  if (s == NULL)
    s = *save;
  if (s == NULL)
    return NULL;
  s += strspn(s, delim);
  if (*s == 0) {
    *save = NULL;
    return NULL;
  }
  token = s;
  s += strcspn(s, delim);
  if (*s) {
    *s = 0;
    *save = s + 1;
  } else {
    *save = NULL;
  }
  return token;
}

char *strtok(char *s, const char *delim) {
  static char *next;
  return strtok_r(s, delim, &next);
}
