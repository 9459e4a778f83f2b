/* whoami: print the name of the effective user (its number when
 * /etc/passwd has no name for it, with status 1). */
#include <stdio.h>
#include <unistd.h>
#include <pwd.h>

int main(int argc, char **argv) {
  struct passwd *p;
  (void)argv;
  if (argc > 1) {
    fprintf(stderr, "usage: whoami\n");
    return 1;
  }
  p = getpwuid(geteuid());
  if (!p) {
    fprintf(stderr, "whoami: cannot find name for user ID %u\n", geteuid());
    return 1;
  }
  printf("%s\n", p->pw_name);
  return 0;
}
