/* grep: prints lines containing a fixed string.
 *   -i ignore case   -v lines that do not match   -n line numbers
 *   -c only a count of matching lines
 * File names prefix the lines when there are several files. Exit status 0
 * when something matched, 1 when nothing did, 2 on an error. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include "ulib.h"

static int opt_i, opt_v, opt_n, opt_c;

static int contains(const char *line, const char *pat) {
  int lp = strlen(pat);
  const char *s;
  if (!opt_i)
    return strstr(line, pat) != 0;
  for (s = line; *s; s++) {
    int k = 0;
    while (k < lp && s[k] && tolower((unsigned char)s[k]) == tolower((unsigned char)pat[k]))
      k++;
    if (k == lp)
      return 1;
  }
  return lp == 0;
}

static int grep(FILE *f, const char *pat, const char *name) {
  char line[4096];
  int lineno = 0;
  int count = 0;
  while (fgets(line, sizeof line, f)) {
    int len = strlen(line);
    int hit;
    lineno++;
    if (len > 0 && line[len - 1] == '\n')
      line[--len] = 0;
    hit = contains(line, pat) != opt_v;
    if (!hit)
      continue;
    count++;
    if (opt_c)
      continue;
    if (name)
      printf("%s:", name);
    if (opt_n)
      printf("%d:", lineno);
    printf("%s\n", line);
  }
  if (opt_c) {
    if (name)
      printf("%s:", name);
    printf("%d\n", count);
  }
  return count;
}

int main(int argc, char **argv) {
  int i = 1;
  const char *pat;
  int matched = 0;
  int err = 0;
  int nfiles;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o;
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    for (o = argv[i] + 1; *o; o++) {
      if (*o == 'i') opt_i = 1;
      else if (*o == 'v') opt_v = 1;
      else if (*o == 'n') opt_n = 1;
      else if (*o == 'c') opt_c = 1;
      else {
        fprintf(stderr, "grep: unknown option -%c\nusage: grep [-ivnc] STRING [FILE...]\n", *o);
        return 2;
      }
    }
  }
  if (i >= argc) {
    fprintf(stderr, "usage: grep [-ivnc] STRING [FILE...]\n");
    return 2;
  }
  pat = argv[i++];
  nfiles = argc - i;
  if (nfiles == 0)
    return grep(stdin, pat, 0) ? 0 : 1;
  for (; i < argc; i++) {
    FILE *f = fopen(argv[i], "r");
    if (!f) {
      u_perror2("grep", argv[i]);
      err = 1;
      continue;
    }
    matched += grep(f, pat, nfiles > 1 ? argv[i] : 0);
    fclose(f);
  }
  if (err)
    return 2;
  return matched ? 0 : 1;
}
