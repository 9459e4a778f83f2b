/* tr: translates, deletes or squeezes bytes.
 *   tr [-c] SET1 SET2      each byte of SET1 becomes the byte at the same
 *                          place in SET2 (SET2 padded with its last byte)
 *   tr [-c] -d SET1        deletes the bytes of SET1
 *   tr [-c] -s SET1        squeezes runs of a byte of SET1 into one
 *   tr [-c] -s SET1 SET2   translates, then squeezes bytes of SET2
 *   tr [-c] -ds SET1 SET2  deletes SET1, squeezes SET2
 * SETs: bytes, ranges a-z, escapes \n \t \r \\ \NNN (octal), classes
 * [:alpha:] [:digit:] [:alnum:] [:upper:] [:lower:] [:space:] [:blank:]
 * [:punct:] [:print:] [:graph:] [:cntrl:] [:xdigit:], [c*N] and [c*] (as
 * many as SET1 needs, in SET2). -c: the bytes not in SET1, in ascending order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <unistd.h>

static int class_has(const char *name, int c) {
  if (!strcmp(name, "alpha")) return isalpha(c);
  if (!strcmp(name, "digit")) return isdigit(c);
  if (!strcmp(name, "alnum")) return isalnum(c);
  if (!strcmp(name, "upper")) return isupper(c);
  if (!strcmp(name, "lower")) return islower(c);
  if (!strcmp(name, "space")) return isspace(c);
  if (!strcmp(name, "blank")) return c == ' ' || c == '\t';
  if (!strcmp(name, "punct")) return ispunct(c);
  if (!strcmp(name, "print")) return isprint(c);
  if (!strcmp(name, "graph")) return isgraph(c);
  if (!strcmp(name, "cntrl")) return iscntrl(c);
  if (!strcmp(name, "xdigit")) return isxdigit(c);
  return -1;
}

/* One byte of a set at *pp, with its escape. */
static int set_byte(const char **pp) {
  const char *p = *pp;
  int c = (unsigned char)*p++;
  if (c == '\\' && *p) {
    c = (unsigned char)*p++;
    if (c >= '0' && c <= '7') {
      int n = c - '0';
      int k;
      for (k = 0; k < 2 && *p >= '0' && *p <= '7'; k++)
        n = n * 8 + (*p++ - '0');
      c = n & 255;
    } else if (c == 'n') c = '\n';
    else if (c == 't') c = '\t';
    else if (c == 'r') c = '\r';
    else if (c == 'a') c = 7;
    else if (c == 'b') c = 8;
    else if (c == 'f') c = 12;
    else if (c == 'v') c = 11;
  }
  *pp = p;
  return c;
}

/* Expands SPEC into out (up to 4096 bytes); *fill is where a [c*] was
 * (-1 none). Returns the length, or -1 after a message. */
static int expand(const char *spec, unsigned char *out, int *fill, int *fill_byte) {
  const char *p = spec;
  int n = 0;
  *fill = -1;
  while (*p) {
    if (p[0] == '[' && p[1] == ':') {
      const char *end = strstr(p + 2, ":]");
      char name[16];
      int c;
      if (end && end - p - 2 < 16) {
        memcpy(name, p + 2, end - p - 2);
        name[end - p - 2] = 0;
        if (class_has(name, 'a') < 0) {
          fprintf(stderr, "tr: invalid character class '%s'\n", name);
          return -1;
        }
        for (c = 0; c < 256 && n < 4096; c++)
          if (class_has(name, c))
            out[n++] = (unsigned char)c;
        p = end + 2;
        continue;
      }
    }
    if (p[0] == '[' && p[1] && p[2] == '*') {
      const char *q = p + 1;
      int c = set_byte(&q);
      if (*q == '*') {
        int count = 0;
        q++;
        while (*q >= '0' && *q <= '9')
          count = count * 10 + (*q++ - '0');
        if (*q == ']') {
          if (count == 0) {
            *fill = n;
            *fill_byte = c;
          }
          while (count-- > 0 && n < 4096)
            out[n++] = (unsigned char)c;
          p = q + 1;
          continue;
        }
      }
    }
    {
      int lo = set_byte(&p);
      if (p[0] == '-' && p[1]) {
        int hi;
        p++;
        hi = set_byte(&p);
        if (hi < lo) {
          fprintf(stderr, "tr: range-endpoints of '%c-%c' are in reverse collating sequence order\n", lo, hi);
          return -1;
        }
        for (; lo <= hi && n < 4096; lo++)
          out[n++] = (unsigned char)lo;
      } else if (n < 4096) {
        out[n++] = (unsigned char)lo;
      }
    }
  }
  return n;
}

static unsigned char set1[4096], set2[4096];

int main(int argc, char **argv) {
  int i, c;
  int opt_c = 0, opt_d = 0, opt_s = 0;
  int n1, n2 = 0, fill, fill_byte;
  int map[256];
  unsigned char in_set1[256], squeeze[256];
  unsigned char buf[1024];
  unsigned char outbuf[1024];
  int len, last = -1;
  while ((c = getopt(argc, argv, "cCds")) != -1) {
    if (c == 'c' || c == 'C') opt_c = 1;
    else if (c == 'd') opt_d = 1;
    else if (c == 's') opt_s = 1;
    else return 1;   /* getopt said what was wrong */
  }
  i = optind;
  if (i >= argc || (!opt_d && !opt_s && i + 2 != argc) || (opt_d && !opt_s && i + 1 != argc) ||
      (opt_d && opt_s && i + 2 != argc) || i + 2 < argc) {
    fprintf(stderr, "tr: missing or extra operand\nusage: tr [-cds] SET1 [SET2]\n");
    return 1;
  }
  n1 = expand(argv[i], set1, &fill, &fill_byte);
  if (n1 < 0)
    return 1;
  memset(in_set1, 0, sizeof in_set1);
  for (len = 0; len < n1; len++)
    in_set1[set1[len]] = 1;
  if (opt_c) {
    /* the complement, in ascending order */
    n1 = 0;
    for (len = 0; len < 256; len++)
      if (!in_set1[len])
        set1[n1++] = (unsigned char)len;
    for (len = 0; len < 256; len++)
      in_set1[len] = !in_set1[len];
  }
  if (i + 1 < argc) {
    n2 = expand(argv[i + 1], set2, &fill, &fill_byte);
    if (n2 < 0)
      return 1;
    if (fill >= 0 && n2 < n1) {
      /* [c*]: as many c as make SET2 as long as SET1 */
      int extra = n1 - n2;
      memmove(set2 + fill + extra, set2 + fill, n2 - fill);
      memset(set2 + fill, fill_byte, extra);
      n2 = n1;
    }
  }
  for (len = 0; len < 256; len++)
    map[len] = len;
  if (!opt_d && n2 > 0) {
    for (len = 0; len < n1; len++)
      map[set1[len]] = set2[len < n2 ? len : n2 - 1];
  } else if (!opt_d && !opt_s) {
    fprintf(stderr, "tr: when not truncating set1, string2 must be non-empty\n");
    return 1;
  }
  memset(squeeze, 0, sizeof squeeze);
  if (opt_s) {
    if (n2 > 0 || (opt_d && i + 1 < argc))
      for (len = 0; len < n2; len++)
        squeeze[set2[len]] = 1;
    else
      for (len = 0; len < 256; len++)
        squeeze[len] = in_set1[len];
  }
  while ((len = read(0, buf, sizeof buf)) > 0) {
    int k;
    int o = 0;
    for (k = 0; k < len; k++) {
      int c = buf[k];
      if (opt_d && in_set1[c])
        continue;
      c = map[c];
      if (opt_s && squeeze[c] && c == last)
        continue;
      last = c;
      outbuf[o++] = (unsigned char)c;
    }
    if (o && write(1, outbuf, o) != o)
      return 1;
  }
  return 0;
}
