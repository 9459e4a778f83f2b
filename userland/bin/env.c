/* env: prints the environment, or runs a command with NAME=value settings
 * added: `env A=1 B=2 prog args`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "ulib.h"

extern char **environ;

int main(int argc, char **argv) {
  char **env;
  int n = 0;
  int i = 1;
  int k;
  char **e;
  for (e = environ; *e; e++)
    n++;
  env = malloc((n + argc + 1) * sizeof(char *));
  for (k = 0; k < n; k++)
    env[k] = environ[k];
  for (; i < argc && strchr(argv[i], '='); i++) {
    int len = strchr(argv[i], '=') - argv[i] + 1;
    for (k = 0; k < n; k++)
      if (strncmp(env[k], argv[i], len) == 0)
        break;
    env[k] = argv[i];
    if (k == n)
      n++;
  }
  env[n] = 0;
  if (i == argc) {
    for (k = 0; k < n; k++)
      printf("%s\n", env[k]);
    return 0;
  }
  environ = env;
  execvp(argv[i], argv + i);
  u_perror2("env", argv[i]);
  return errno == ENOENT ? 127 : 126;
}
