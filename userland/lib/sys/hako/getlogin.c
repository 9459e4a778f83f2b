/* getlogin.c: the login name. Hako keeps no utmp, so it is $LOGNAME (set
 * by login and su), else the name of the real user. */
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

char *getlogin(void) {
  struct passwd *p;
  char *name = getenv("LOGNAME");
  if (name && *name)
    return name;
  p = getpwuid(getuid());
  return p ? p->pw_name : NULL;
}
