/* env: prints the environment, or runs a command in a changed one:
 *   env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG]...]
 * -i (or a lone -) starts from an empty environment, -u NAME removes
 * NAME, and each NAME=VALUE is set (replacing an earlier NAME). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "ulib.h"

extern char **environ;

/* index of NAME (len bytes, no '=') in env, or n */
static int find(char **env, int n, const char *name, int len) {
  int k;
  for (k = 0; k < n; k++)
    if (strncmp(env[k], name, len) == 0 && env[k][len] == '=')
      return k;
  return n;
}

int main(int argc, char **argv) {
  char **env;
  int n = 0;
  int i = 1;
  int k;
  char **e;
  for (e = environ; *e; e++)
    n++;
  env = malloc((n + argc + 1) * sizeof(char *));
  if (!env) {
    fprintf(stderr, "env: out of memory\n");
    return 125;
  }
  for (k = 0; k < n; k++)
    env[k] = environ[k];
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "-i") == 0 || strcmp(argv[i], "-") == 0) {
      n = 0;
    } else if (strcmp(argv[i], "-u") == 0 && i + 1 < argc) {
      const char *name = argv[++i];
      k = find(env, n, name, strlen(name));
      if (k < n)
        env[k] = env[--n];
    } else if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    } else {
      fprintf(stderr, "env: invalid option '%s'\nusage: env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG]...]\n", argv[i]);
      return 125;
    }
  }
  for (; i < argc && strchr(argv[i], '='); i++) {
    int len = strchr(argv[i], '=') - argv[i];
    k = find(env, n, argv[i], len);
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
