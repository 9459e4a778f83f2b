/* u_perror2.c: the error line every utility prints, "ls: /nope: No such
 * file or directory". */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include "ulib.h"

void u_perror2(const char *prog, const char *what) {
  fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
}
