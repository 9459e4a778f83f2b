/* pwd: prints the current directory. */
#include <stdio.h>
#include <unistd.h>
#include <limits.h>
#include "ulib.h"

int main(void) {
  char buf[PATH_MAX];
  if (!getcwd(buf, sizeof buf)) {
    u_perror2("pwd", ".");
    return 1;
  }
  printf("%s\n", buf);
  return 0;
}
