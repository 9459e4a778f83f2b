/* getty: the login prompt on the console. /sbin/init starts it (instead
 * of a root shell) when the kernel command line has `login`
 * (`npm run os -- --login`). It makes the console its controlling
 * terminal in a session of its own, asks "hako login: " until a name is
 * typed and runs /bin/login NAME, which asks for the password. When
 * standard input ends, getty exits 1 (init starts the next one). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ulib.h"

#define TIOCSCTTY 0x540E

int main(void) {
  char name[64];
  static char *envp[] = { "PATH=/usr/local/bin:/bin:/usr/bin", "TERM=vt100", 0 };
  char *argv[3];
  __sys_setsid();
  __sys_ioctl(0, TIOCSCTTY, 0);
  for (;;) {
    int n;
    printf("\nhako login: ");
    fflush(stdout);
    if (!fgets(name, sizeof name, stdin))
      return 1;
    n = (int)strlen(name);
    if (n > 0 && name[n - 1] == '\n')
      name[--n] = 0;
    if (n > 0 && name[0] != '-')
      break;
  }
  argv[0] = "login";
  argv[1] = name;
  argv[2] = 0;
  execve("/bin/login", argv, envp);
  perror("getty: cannot run /bin/login");
  return 1;
}
