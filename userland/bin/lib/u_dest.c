/* u_dest.c: the last operand of cp, mv and ln. `PROG SOURCE DEST` gives
 * the source the name DEST, unless DEST is a directory: then, as with
 * `PROG SOURCE... DIRECTORY`, each source goes inside it under its own
 * base name (trailing slashes dropped, as GNU's: `mv d/ e` makes e/d). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ulib.h"

int u_target_is_dir(const char *prog, const char *target, int sources) {
  struct stat st;
  int is_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
  if (sources > 1 && !is_dir) {
    fprintf(stderr, "%s: target '%s' is not a directory\n", prog, target);
    return -1;
  }
  return is_dir;
}

char *u_dest_path(const char *source, const char *target, int into_dir) {
  int end = (int)strlen(source);
  int start;
  char *p;
  if (!into_dir)
    return strdup(target);
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
