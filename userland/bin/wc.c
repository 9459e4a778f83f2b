/* wc: counts lines, words and bytes of each file (or stdin); -l, -w, -c
 * pick columns; -m (characters) counts bytes, as GNU wc does in the C
 * locale (the only one here). A total line follows when there are several files. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include "ulib.h"

static int show_l, show_w, show_c;
static char buf[4096];

static void print(unsigned int l, unsigned int w, unsigned int c, const char *name) {
  if (show_l)
    printf(show_w || show_c ? "%7u" : "%u", l);
  if (show_w)
    printf(show_l ? " %7u" : show_c ? "%7u" : "%u", w);
  if (show_c)
    printf(show_l || show_w ? " %7u" : "%u", c);
  if (name)
    printf(" %s", name);
  printf("\n");
}

static int count(int fd, unsigned int *l, unsigned int *w, unsigned int *c) {
  int in_word = 0;
  int n;
  *l = *w = *c = 0;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    int i;
    *c += n;
    for (i = 0; i < n; i++) {
      int ch = buf[i];
      if (ch == '\n')
        (*l)++;
      if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f') {
        in_word = 0;
      } else if (!in_word) {
        in_word = 1;
        (*w)++;
      }
    }
  }
  return n;
}

int main(int argc, char **argv) {
  int i = 1;
  unsigned int l, w, c, tl = 0, tw = 0, tc = 0;
  int st = 0;
  int nfiles;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o;
    for (o = argv[i] + 1; *o; o++) {
      if (*o == 'l') show_l = 1;
      else if (*o == 'w') show_w = 1;
      else if (*o == 'c' || *o == 'm') show_c = 1;   /* characters are bytes here */
      else {
        fprintf(stderr, "wc: invalid option -- '%c'\nusage: wc [-lwcm] [FILE...]\n", *o);
        return 1;
      }
    }
  }
  if (!show_l && !show_w && !show_c)
    show_l = show_w = show_c = 1;
  nfiles = argc - i;
  if (nfiles == 0) {
    count(0, &l, &w, &c);
    print(l, w, c, 0);
    return 0;
  }
  for (; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY, 0);
    if (fd < 0 || count(fd, &l, &w, &c) < 0) {
      u_perror2("wc", argv[i]);
      st = 1;
      if (fd >= 0)
        close(fd);
      continue;
    }
    close(fd);
    print(l, w, c, argv[i]);
    tl += l;
    tw += w;
    tc += c;
  }
  if (nfiles > 1)
    print(tl, tw, tc, "total");
  return st;
}
