/* execvp.c: execve through $PATH (default /bin:/usr/bin) when the name has
 * no '/'. ENOENT from one directory moves on to the next; any other error
 * (EACCES, ENOEXEC, ...) is remembered and reported if nothing runs. */
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

extern char **environ;

int execvp(const char *file, char *const argv[]) {
  const char *path;
  const char *p;
  char buf[256];
  int len;
  int saved = ENOENT;
  if (strchr(file, '/'))
    return execve(file, argv, environ);
  path = getenv("PATH");
  if (!path)
    path = "/bin:/usr/bin";
  p = path;
  for (;;) {
    const char *end = strchr(p, ':');
    len = end ? end - p : (int)strlen(p);
    if (len + strlen(file) + 2 < sizeof buf) {
      memcpy(buf, p, len);
      if (len == 0)
        buf[len++] = '.';
      buf[len] = '/';
      strcpy(buf + len + 1, file);
      execve(buf, argv, environ);
      if (errno != ENOENT && errno != ENOTDIR)
        saved = errno;
    }
    if (!end)
      break;
    p = end + 1;
  }
  errno = saved;
  return -1;
}
