/* env.c: the environment, a NULL-terminated array of "NAME=value"
 * strings that the start-up code points `environ` at. */
#include <stdlib.h>
#include <string.h>

static char *empty_environment[1];

char **environ = empty_environment;

char *getenv(const char *name) {
  size_t n = strlen(name);
  char **e;
  if (!environ || n == 0 || strchr(name, '='))
    return NULL;
  for (e = environ; *e; e++)
    if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
      return *e + n + 1;
  return NULL;
}
