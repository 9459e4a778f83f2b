/* uname: the system's name; -a all of: sysname nodename release version
 * machine (then "Hako" as the operating system), -s -n -r -v -m one each. */
#include <stdio.h>
#include <string.h>
#include "ulib.h"

int main(int argc, char **argv) {
  char u[6 * U_UTS_LEN];
  int want[5];
  int i;
  int first = 1;
  int any = 0;
  memset(want, 0, sizeof want);
  for (i = 1; i < argc; i++) {
    const char *o = argv[i];
    if (o[0] != '-') {
      fprintf(stderr, "usage: uname [-asnrvm]\n");
      return 1;
    }
    for (o++; *o; o++) {
      switch (*o) {
      case 'a': want[0] = want[1] = want[2] = want[3] = want[4] = 1; break;
      case 's': want[0] = 1; break;
      case 'n': want[1] = 1; break;
      case 'r': want[2] = 1; break;
      case 'v': want[3] = 1; break;
      case 'm': want[4] = 1; break;
      default:
        fprintf(stderr, "uname: unknown option -%c\nusage: uname [-asnrvm]\n", *o);
        return 1;
      }
      any = 1;
    }
  }
  if (!any)
    want[0] = 1;
  if (__sys_uname(u) < 0) {
    perror("uname");
    return 1;
  }
  for (i = 0; i < 5; i++) {
    if (!want[i])
      continue;
    printf(first ? "%s" : " %s", u + i * U_UTS_LEN);
    first = 0;
  }
  printf("\n");
  return 0;
}
