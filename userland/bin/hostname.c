/* hostname: prints the host name (uname's nodename), or sets it with
 * sethostname(2) (root): `hostname NAME`. Both are the caller's UTS
 * namespace's (unshare --uts gives a shell its own). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "ulib.h"

int main(int argc, char **argv) {
  char uts[6 * U_UTS_LEN];
  if (argc > 2) {
    fprintf(stderr, "usage: hostname [NAME]\n");
    return 1;
  }
  if (argc == 2) {
    if (sethostname(argv[1], (int)strlen(argv[1])) != 0) {
      if (errno == EPERM) fprintf(stderr, "hostname: you must be root to change the host name\n");
      else fprintf(stderr, "hostname: %s\n", strerror(errno));
      return 1;
    }
    return 0;
  }
  if (__sys_uname(uts) < 0) {
    u_perror2("hostname", "uname");
    return 1;
  }
  printf("%s\n", uts + U_UTS_LEN);
  return 0;
}
