/* cut: prints selected parts of each line.
 *   cut -f LIST [-d C] [-s] [FILE...]   fields separated by C (default tab);
 *                                        -s drops lines without a separator
 *   cut -c LIST [FILE...]               characters (bytes)
 *   cut -b LIST [FILE...]               bytes
 * LIST: N, N-M, N-, -M, separated by commas; selected parts come out in
 * input order, fields joined by C (as GNU cut does). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ulib.h"

#define MAX_RANGES 64

static int lo[MAX_RANGES], hi[MAX_RANGES];
static int nranges;
static int delim = '\t';
static int opt_s;
static int mode; /* 'f' or 'c' */

static int selected(int n) {
  int i;
  for (i = 0; i < nranges; i++)
    if (n >= lo[i] && n <= hi[i])
      return 1;
  return 0;
}

static int parse_list(const char *s) {
  while (*s) {
    int a = 0, b;
    int has_a = 0;
    if (nranges >= MAX_RANGES)
      return 0;
    while (*s >= '0' && *s <= '9') {
      a = a * 10 + (*s++ - '0');
      has_a = 1;
    }
    if (*s == '-') {
      s++;
      if (*s >= '0' && *s <= '9') {
        b = 0;
        while (*s >= '0' && *s <= '9')
          b = b * 10 + (*s++ - '0');
      } else {
        b = 0x7fffffff;
      }
      if (!has_a)
        a = 1;
      else if (!has_a && b == 0x7fffffff)
        return 0;
    } else {
      if (!has_a)
        return 0;
      b = a;
    }
    if (a < 1 || b < a)
      return 0;
    lo[nranges] = a;
    hi[nranges] = b;
    nranges++;
    if (*s == ',')
      s++;
    else if (*s)
      return 0;
  }
  return nranges > 0;
}

static void cut_line(const char *line, int len) {
  int i;
  if (mode == 'c') {
    for (i = 0; i < len; i++)
      if (selected(i + 1))
        putchar(line[i]);
    putchar('\n');
    return;
  }
  if (!memchr(line, delim, len)) {
    if (!opt_s) {
      fwrite(line, 1, len, stdout);
      putchar('\n');
    }
    return;
  }
  {
    int field = 1;
    int start = 0;
    int printed = 0;
    for (i = 0; i <= len; i++) {
      if (i == len || line[i] == delim) {
        if (selected(field)) {
          if (printed)
            putchar(delim);
          fwrite(line + start, 1, i - start, stdout);
          printed = 1;
        }
        field++;
        start = i + 1;
      }
    }
    putchar('\n');
  }
}

static int cut_file(FILE *f) {
  char *line = 0;
  size_t cap = 0;
  int len;
  while ((len = getline(&line, &cap, f)) >= 0) {
    if (len > 0 && line[len - 1] == '\n')
      len--;
    cut_line(line, len);
  }
  free(line);
  return 0;
}

static void usage(void) {
  fprintf(stderr, "usage: cut -f LIST [-d C] [-s] [FILE...] | cut -c LIST [FILE...]\n");
  exit(1);
}

int main(int argc, char **argv) {
  int i;
  int st = 0;
  const char *list = 0;
  int c;
  while ((c = getopt(argc, argv, "f:c:b:d:s")) != -1) {
    if (c == 's') {
      opt_s = 1;
    } else if (c == 'd') {
      if (strlen(optarg) != 1) {
        fprintf(stderr, "cut: the delimiter must be a single character\n");
        usage();
      }
      delim = (unsigned char)optarg[0];
    } else if (c == 'f' || c == 'c' || c == 'b') {
      if (mode) {
        fprintf(stderr, "cut: only one type of list may be specified\n");
        usage();
      }
      mode = c == 'f' ? 'f' : 'c';
      list = optarg;
    } else {
      usage();   /* getopt said what was wrong */
    }
  }
  i = optind;
  if (!mode) {
    fprintf(stderr, "cut: you must specify a list of bytes, characters, or fields\n");
    usage();
  }
  if (!parse_list(list)) {
    fprintf(stderr, "cut: invalid field range\n");
    usage();
  }
  if (i >= argc)
    return cut_file(stdin);
  for (; i < argc; i++) {
    FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
    if (!f) {
      u_perror2("cut", argv[i]);
      st = 1;
      continue;
    }
    cut_file(f);
    if (f != stdin)
      fclose(f);
  }
  return st;
}
