/* getline.c: getline and getdelim (POSIX 2008), reading a whole line of
 * any length into a buffer that grows with malloc/realloc.
 *
 * *bufp and *capp are the caller's buffer and its size (NULL/0 to let us
 * allocate); on return the line, with its delimiter when there was one, is
 * NUL-terminated there and its length is returned. -1 at end of file with
 * nothing read or on an error (errno ENOMEM when the buffer cannot grow,
 * EINVAL for NULL pointers). The buffer is kept by the caller either way. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <sys/types.h>
#include "stdio_impl.h"

ssize_t getdelim(char **bufp, size_t *capp, int delim, FILE *f) {
  size_t len = 0;
  int c;
  if (!bufp || !capp || !f) {
    errno = EINVAL;
    return -1;
  }
  if (!*bufp)
    *capp = 0;
  if (STDIO_LOCKING())
    flockfile(f);
  for (;;) {
    if (len + 2 > *capp) {
      size_t cap = *capp < 64 ? 128 : *capp * 2;
      char *grown = realloc(*bufp, cap);
      if (!grown) {
        if (STDIO_LOCKING())
          funlockfile(f);
        errno = ENOMEM;
        return -1;
      }
      *bufp = grown;
      *capp = cap;
    }
    c = getc_unlocked(f);
    if (c == EOF)
      break;
    (*bufp)[len++] = (char)c;
    if (c == delim)
      break;
  }
  if (STDIO_LOCKING())
    funlockfile(f);
  (*bufp)[len] = 0;
  return len ? (ssize_t)len : -1;
}

ssize_t getline(char **bufp, size_t *capp, FILE *f) {
  return getdelim(bufp, capp, '\n', f);
}
