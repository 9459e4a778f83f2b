/* readlink: prints the target of each symbolic link.
 *   -f  the canonical path instead (every component but the last must
 *       exist), -e (every one must), -m (none need to): see u_path.c
 *   -n  no newline after the output
 * Exit status 1 when a name is not a link (without -f/-e/-m) or cannot be
 * resolved. Like GNU readlink it says nothing about a name that is not a
 * link or cannot be resolved; a missing one is reported. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include "ulib.h"

int main(int argc, char **argv) {
  int i = 1;
  int st = 0;
  int canonical = -1;
  int newline = 1;
  char buf[1024];
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o = argv[i] + 1;
    for (; *o; o++) {
      if (*o == 'f')
        canonical = 1;
      else if (*o == 'e')
        canonical = 0;
      else if (*o == 'm')
        canonical = 2;
      else if (*o == 'n')
        newline = 0;
      else if (*o != 'q' && *o != 's' && *o != 'v') {
        fprintf(stderr, "readlink: invalid option -- '%c'\n", *o);
        return 1;
      }
    }
  }
  if (i >= argc) {
    fprintf(stderr, "readlink: missing operand\n");
    return 1;
  }
  for (; i < argc; i++) {
    if (canonical >= 0) {
      if (u_canonical_path(argv[i], canonical, buf, sizeof buf) < 0) {
        st = 1;
        continue;
      }
    } else {
      int n = readlink(argv[i], buf, sizeof buf - 1);
      if (n < 0) {
        if (errno != EINVAL)   /* not a link: silent, as GNU */
          u_perror2("readlink", argv[i]);
        st = 1;
        continue;
      }
      buf[n] = 0;
    }
    printf("%s%s", buf, newline ? "\n" : "");
  }
  return st;
}
