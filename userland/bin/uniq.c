/* uniq: reports or omits repeated adjacent lines.
 *   uniq [-c] [-d] [-u] [-i] [-f N] [-s N] [INPUT [OUTPUT]]
 *   -c prefix each line with its count ("%7d ")  -d only repeated lines
 *   -u only lines that are not repeated  -i ignore case
 *   -f N skip N fields (blanks then non-blanks) and -s N characters before comparing */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "ulib.h"

static int opt_c, opt_d, opt_u, opt_i, skip_fields, skip_chars;

static const char *compared_part(const char *s) {
  int i;
  for (i = 0; i < skip_fields; i++) {
    while (*s == ' ' || *s == '\t')
      s++;
    while (*s && *s != ' ' && *s != '\t')
      s++;
  }
  for (i = 0; i < skip_chars && *s; i++)
    s++;
  return s;
}

static int same(const char *a, const char *b) {
  a = compared_part(a);
  b = compared_part(b);
  return opt_i ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

static void put(FILE *out, const char *line, int count) {
  if ((opt_d && count < 2) || (opt_u && count > 1))
    return;
  if (opt_c)
    fprintf(out, "%7d ", count);
  fputs(line, out);
  fputc('\n', out);
}

int main(int argc, char **argv) {
  int i, c;
  FILE *in = stdin;
  FILE *out = stdout;
  char *prev = 0;
  char *line = 0;
  size_t cap = 0;
  int count = 0;
  int len;
  while ((c = getopt(argc, argv, "cduif:s:")) != -1) {
    if (c == 'c')
      opt_c = 1;
    else if (c == 'd')
      opt_d = 1;
    else if (c == 'u')
      opt_u = 1;
    else if (c == 'i')
      opt_i = 1;
    else if (c == 'f')
      skip_fields = atoi(optarg);
    else if (c == 's')
      skip_chars = atoi(optarg);
    else {
      if (strchr("fs", optopt) == 0)   /* after getopt's message */
        fprintf(stderr, "usage: uniq [-cdui] [-f N] [-s N] [INPUT [OUTPUT]]\n");
      return 1;
    }
  }
  i = optind;
  if (i < argc && strcmp(argv[i], "-") != 0) {
    in = fopen(argv[i], "r");
    if (!in) {
      u_perror2("uniq", argv[i]);
      return 1;
    }
  }
  if (i + 1 < argc) {
    out = fopen(argv[i + 1], "w");
    if (!out) {
      u_perror2("uniq", argv[i + 1]);
      return 1;
    }
  }
  while ((len = getline(&line, &cap, in)) >= 0) {
    if (len > 0 && line[len - 1] == '\n')
      line[len - 1] = 0;
    if (prev && same(prev, line)) {
      count++;
      continue;
    }
    if (prev) {
      put(out, prev, count);
      free(prev);
    }
    prev = strdup(line);
    count = 1;
  }
  if (prev)
    put(out, prev, count);
  fclose(out);
  return 0;
}
