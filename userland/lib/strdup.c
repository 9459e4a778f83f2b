/* strdup.c: copies of strings in memory from malloc (strdup, strndup);
 * NULL, with errno = ENOMEM from malloc, when there is no memory. */
#include <string.h>
#include <stdlib.h>

char *strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *copy = (char *)malloc(n);
  if (copy)
    memcpy(copy, s, n);
  return copy;
}

char *strndup(const char *s, size_t n) {
  size_t len = strnlen(s, n);
  char *copy = (char *)malloc(len + 1);
  if (copy) {
    memcpy(copy, s, len);
    copy[len] = 0;
  }
  return copy;
}
