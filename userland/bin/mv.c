/* mv: renames files; `mv SRC... DIR` moves them into the directory. Only
 * rename: across file systems (/proc and the disk) it fails with EXDEV and
 * mv says so, as nothing in /proc is worth copying.
 *   -v  say "renamed 'SRC' -> 'DST'";  -i  ask before replacing a file;
 *   -n  never replace one;  -f  replace without asking (the default) */
#include <stdio.h>
#include <unistd.h>
#include "ulib.h"

#define USAGE "usage: mv [-finv] SOURCE DEST | mv [-finv] SOURCE... DIRECTORY\n"

int rename(const char *from, const char *to);

static struct u_overwrite overwrite;
static int verbose;

static int move(const char *from, const char *to) {
  if (!u_may_overwrite("mv", to, &overwrite))
    return 0;
  if (rename(from, to) < 0) {
    fprintf(stderr, "mv: cannot move '%s' to '%s': ", from, to);
    perror(0);
    return 1;
  }
  if (verbose)
    printf("renamed '%s' -> '%s'\n", from, to);
  return 0;
}

int main(int argc, char **argv) {
  int c;
  while ((c = getopt(argc, argv, "finv")) != -1) {
    if (c == 'v')
      verbose = 1;
    else if (!u_overwrite_option(&overwrite, c)) {
      fprintf(stderr, USAGE);   /* after getopt's message */
      return 1;
    }
  }
  return u_each_source("mv", USAGE, argc, argv, optind, move);
}
