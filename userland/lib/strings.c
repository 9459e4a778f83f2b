/* strings.c: strings.h's case-insensitive comparisons (ASCII, the "C"
 * locale), apart from string.c so that only their users link ctype. */
#include <strings.h>
#include <ctype.h>

int strcasecmp(const char *a, const char *b) {
  return strncasecmp(a, b, (size_t)-1);
}

/* Compares as if both strings were lower case (ASCII only, "C" locale). */
int strncasecmp(const char *a, const char *b, size_t n) {
  const unsigned char *p = (const unsigned char *)a;
  const unsigned char *q = (const unsigned char *)b;
  int c, d;
  for (; n > 0; n--, p++, q++) {
    c = tolower(*p);
    d = tolower(*q);
    if (c != d)
      return c - d;
    if (c == 0)
      return 0;
  }
  return 0;
}
