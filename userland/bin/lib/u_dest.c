/* u_dest.c: the operands of cp, mv and ln. `PROG SOURCE DEST` gives the
 * source the name DEST, unless DEST is a directory: then, as with
 * `PROG SOURCE... DIRECTORY`, each source goes inside it under its own
 * base name (trailing slashes dropped, as GNU's: `mv d/ e` makes e/d).
 * Several sources want a directory; fewer than two operands, the usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ulib.h"

/* target/BASE-OF-SOURCE, malloc'd (NULL when out of memory) */
static char *inside(const char *source, const char *target) {
  int end = (int)strlen(source);
  int start;
  char *p;
  while (end > 1 && source[end - 1] == '/')
    end--;
  start = end;
  while (start > 0 && source[start - 1] != '/')
    start--;
  p = malloc(strlen(target) + (end - start) + 2);
  if (!p)
    return 0;
  strcpy(p, target);
  strcat(p, "/");
  strncat(p, source + start, end - start);
  return p;
}

int u_each_source(const char *prog, const char *usage, int argc, char **argv, int first,
                  int (*fn)(const char *source, const char *dest)) {
  const char *target;
  struct stat st;
  int into_dir, i, bad = 0;
  if (argc - first < 2) {
    fputs(usage, stderr);
    return 1;
  }
  target = argv[argc - 1];
  into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
  if (argc - first > 2 && !into_dir) {
    fprintf(stderr, "%s: target '%s' is not a directory\n", prog, target);
    return 1;
  }
  for (i = first; i < argc - 1; i++) {
    char *dest = into_dir ? inside(argv[i], target) : strdup(target);
    if (!dest) {
      fprintf(stderr, "%s: out of memory\n", prog);
      return 1;
    }
    bad |= fn(argv[i], dest);
    free(dest);
  }
  return bad;
}
