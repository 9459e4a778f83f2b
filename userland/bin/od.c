/* od and hexdump: dump files in octal, decimal, hexadecimal or characters.
 *   od [-A d|o|x|n] [-j SKIP] [-N COUNT] [-v] [-b -c -d -o -x | -t TYPE]... [FILE...]
 *     TYPE: c, or o/u/d/x followed by a size 1, 2 or 4 (default 4 for -t x etc.)
 *     -b = -t o1, -c = -t c, -d = -t u2, -o = -t o2 (the default), -x = -t x2
 *   hexdump [-C] [-v] [-n COUNT] [-s SKIP] [FILE...]
 *     default: "%07x" offsets and 2-byte hex words; -C: canonical hex+ASCII
 * As GNU od and util-linux hexdump: 16 bytes a line, little-endian words, a
 * line the same as the one before printed as "*" (unless -v), a last
 * partial word padded with zero bytes, the end offset on a last line.
 * With several types, each has its own line and the columns line up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ulib.h"

#define MAX_TYPES 8

struct type {
  char kind; /* c o u d x */
  int size;
  int width; /* characters a field takes, its leading spaces included */
};

static struct type types[MAX_TYPES];
static int ntypes;
static int radix = 'o';
static int opt_v, canonical, hexdump_mode;
static long skip, limit = -1;

/* The inputs as one stream. */
static char **names;
static int nnames, next_name;
static FILE *cur;
static int status;

static int next_byte(void) {
  for (;;) {
    int c;
    if (!cur) {
      if (next_name >= nnames)
        return EOF;
      if (strcmp(names[next_name], "-") == 0) {
        cur = stdin;
      } else {
        cur = fopen(names[next_name], "r");
        if (!cur) {
          u_perror2(hexdump_mode ? "hexdump" : "od", names[next_name]);
          status = 1;
          next_name++;
          continue;
        }
      }
      next_name++;
    }
    c = getc(cur);
    if (c != EOF)
      return c;
    if (cur != stdin)
      fclose(cur);
    cur = 0;
  }
}

static int add_type(char kind, int size) {
  struct type *t;
  int digits;
  if (ntypes >= MAX_TYPES || (size != 1 && size != 2 && size != 4))
    return 0;
  t = &types[ntypes++];
  t->kind = kind;
  t->size = kind == 'c' ? 1 : size;
  if (kind == 'c')
    digits = 3;
  else if (kind == 'o')
    digits = size == 1 ? 3 : size == 2 ? 6 : 11;
  else if (kind == 'x')
    digits = 2 * size;
  else if (kind == 'u')
    digits = size == 1 ? 3 : size == 2 ? 5 : 10;
  else
    digits = size == 1 ? 4 : size == 2 ? 6 : 11;
  t->width = digits + 1;
  return 1;
}

static void print_offset(long off) {
  if (hexdump_mode)
    printf(canonical ? "%08lx" : "%07lx", off);
  else if (radix == 'o')
    printf("%07lo", off);
  else if (radix == 'd')
    printf("%07ld", off);
  else if (radix == 'x')
    printf("%06lx", off);
}

static int offset_width(void) {
  return radix == 'n' ? 0 : radix == 'x' ? 6 : 7;
}

static void print_char_field(int c, int width) {
  const char *name = 0;
  char buf[8];
  switch (c) {
  case 0: name = "\\0"; break;
  case 7: name = "\\a"; break;
  case 8: name = "\\b"; break;
  case 9: name = "\\t"; break;
  case 10: name = "\\n"; break;
  case 11: name = "\\v"; break;
  case 12: name = "\\f"; break;
  case 13: name = "\\r"; break;
  }
  if (!name) {
    if (c >= 32 && c < 127)
      sprintf(buf, "%c", c);
    else
      sprintf(buf, "%03o", c);
    name = buf;
  }
  printf("%*s", width, name);
}

static void od_line(const unsigned char *b, int n, long off, int line_width) {
  int t;
  for (t = 0; t < ntypes; t++) {
    const struct type *ty = &types[t];
    int i;
    /* fields of every type line up: as wide as the widest type needs for the same bytes */
    int width = line_width / (16 / ty->size);
    if (t == 0)
      print_offset(off);
    else
      printf("%*s", offset_width(), "");
    for (i = 0; i < n; i += ty->size) {
      unsigned long v = 0;
      int k;
      for (k = ty->size - 1; k >= 0; k--)
        v = (v << 8) | (i + k < n ? b[i + k] : 0);
      if (ty->kind == 'c') {
        print_char_field(b[i], width);
      } else if (ty->kind == 'o') {
        printf("%*s", width - ty->width + 1, "");
        printf("%0*lo", ty->width - 1, v);
      } else if (ty->kind == 'x') {
        printf("%*s", width - ty->width + 1, "");
        printf("%0*lx", ty->width - 1, v);
      } else if (ty->kind == 'u') {
        printf("%*lu", width, v);
      } else {
        long sv = (long)v;
        if (ty->size == 1 && v > 127)
          sv = (long)v - 256;
        else if (ty->size == 2 && v > 32767)
          sv = (long)v - 65536;
        printf("%*ld", width, sv);
      }
    }
    putchar('\n');
  }
}

static void hexdump_line(const unsigned char *b, int n, long off) {
  int i;
  print_offset(off);
  if (canonical) {
    printf(" ");
    for (i = 0; i < 16; i++) {
      if (i == 8)
        printf(" ");
      if (i < n)
        printf(" %02x", b[i]);
      else
        printf("   ");
    }
    printf("  |");
    for (i = 0; i < n; i++)
      putchar(b[i] >= 32 && b[i] < 127 ? b[i] : '.');
    printf("|\n");
    return;
  }
  for (i = 0; i < 16; i += 2) {
    if (i < n)
      printf(" %04x", b[i] | (i + 1 < n ? b[i + 1] << 8 : 0));
    else
      printf("     "); /* a short last line keeps its width, as util-linux does */
  }
  putchar('\n');
}

static void usage(void) {
  if (hexdump_mode)
    fprintf(stderr, "usage: hexdump [-Cv] [-n COUNT] [-s SKIP] [FILE...]\n");
  else
    fprintf(stderr, "usage: od [-A d|o|x|n] [-j SKIP] [-N COUNT] [-v] [-bcdox] [-t TYPE] [FILE...]\n");
  exit(1);
}

/* -t TYPE: one or more of c, o1 x2 d4 u… */
static void parse_types(const char *s) {
  while (*s) {
    char kind = *s++;
    int size = 4;
    if (kind == 'c') {
      add_type('c', 1);
      continue;
    }
    if (kind != 'o' && kind != 'x' && kind != 'd' && kind != 'u') {
      fprintf(stderr, "od: invalid type string '%s'\n", s - 1);
      usage();
    }
    if (*s >= '0' && *s <= '9')
      size = (int)strtol(s, (char **)&s, 10);
    if (!add_type(kind, size)) {
      fprintf(stderr, "od: invalid type size %d\n", size);
      usage();
    }
  }
}

int main(int argc, char **argv) {
  const char *prog = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
  static char *stdin_only[] = {"-"};
  unsigned char line[16], prev[16];
  int have_prev = 0, starred = 0;
  long off = 0;
  int i, c;
  int line_width = 0;
  hexdump_mode = strcmp(prog, "hexdump") == 0;
  while ((c = getopt(argc, argv, hexdump_mode ? "vCn:s:" : "vbcdoxA:j:N:t:")) != -1) {
    switch (c) {
    case 'v': opt_v = 1; break;
    case 'C': canonical = 1; break;
    case 'b': case 'c': case 'd': case 'o': case 'x':
      add_type(c == 'b' ? 'o' : c == 'c' ? 'c' : c == 'd' ? 'u' : c, c == 'b' || c == 'c' ? 1 : 2);
      break;
    case 'A':
      if (strlen(optarg) != 1 || !strchr("doxn", *optarg)) {
        fprintf(stderr, "od: invalid output address radix '%s'\n", optarg);
        usage();
      }
      radix = *optarg;
      break;
    case 't': parse_types(optarg); break;
    case 'j': case 's': skip = strtol(optarg, 0, 0); break;
    case 'N': case 'n': limit = strtol(optarg, 0, 0); break;
    default: usage();   /* getopt said what was wrong */
    }
  }
  i = optind;
  if (!ntypes)
    add_type('o', 2);
  {
    int t;
    for (t = 0; t < ntypes; t++) {
      int w = 16 / types[t].size * types[t].width;
      if (w > line_width)
        line_width = w;
    }
  }
  names = i < argc ? argv + i : stdin_only;
  nnames = i < argc ? argc - i : 1;
  for (; off < skip; off++)
    if (next_byte() == EOF)
      break;
  for (;;) {
    int n = 0;
    int c = 0;
    while (n < 16 && (limit < 0 || off + n < skip + limit) && (c = next_byte()) != EOF)
      line[n++] = (unsigned char)c;
    if (n == 0)
      break;
    if (!opt_v && have_prev && n == 16 && memcmp(line, prev, 16) == 0) {
      if (!starred)
        printf("*\n");
      starred = 1;
    } else {
      starred = 0;
      if (hexdump_mode)
        hexdump_line(line, n, off);
      else
        od_line(line, n, off, line_width);
    }
    memcpy(prev, line, 16);
    have_prev = n == 16;
    off += n;
    if (n < 16)
      break;
  }
  if (hexdump_mode ? off > 0 : radix != 'n') {
    print_offset(off);
    putchar('\n');
  }
  return status;
}
