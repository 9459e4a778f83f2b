/* u_path.c: a path made canonical — absolute, without ".", "..", empty
 * components or symbolic links — for realpath and readlink -f/-e/-m.
 * Components are taken one at a time from a work string; a symbolic link
 * puts its target in front of what is left (from "/" again when the
 * target is absolute), at most 40 times (then ELOOP, as Linux). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/stat.h>
#include "ulib.h"

#define PATH_WORK 2048

int u_canonical_path(const char *path, int must_exist, char *out, int size) {
  char rest[PATH_WORK];
  char res[PATH_WORK];
  char comp[256];
  int links = 0;
  char *r;
  if (!*path) {
    errno = ENOENT;
    return -1;
  }
  if (path[0] == '/') {
    strcpy(res, "");
  } else if (!getcwd(res, sizeof res)) {
    return -1;
  } else if (strcmp(res, "/") == 0) {
    res[0] = 0;
  }
  if (strlen(path) >= sizeof rest) {
    errno = ENAMETOOLONG;
    return -1;
  }
  strcpy(rest, path);
  r = rest;
  for (;;) {
    int len;
    int last;
    struct stat st;
    int keep;
    while (*r == '/')
      r++;
    if (!*r)
      break;
    len = strcspn(r, "/");
    if (len >= (int)sizeof comp) {
      errno = ENAMETOOLONG;
      return -1;
    }
    memcpy(comp, r, len);
    comp[len] = 0;
    r += len;
    last = r[strspn(r, "/")] == 0;
    if (strcmp(comp, ".") == 0)
      continue;
    if (strcmp(comp, "..") == 0) {
      char *slash = strrchr(res, '/');
      if (slash)
        *slash = 0;
      continue;
    }
    keep = strlen(res);
    if (keep + len + 2 >= (int)sizeof res) {
      errno = ENAMETOOLONG;
      return -1;
    }
    res[keep] = '/';
    strcpy(res + keep + 1, comp);
    if (lstat(res, &st) < 0) {
      if (errno == ENOENT && (must_exist == 2 || (must_exist == 1 && last)))
        continue;
      return -1;
    }
    if (S_ISLNK(st.st_mode)) {
      char target[PATH_WORK];
      char joined[PATH_WORK];
      int n;
      if (++links > 40) {
        errno = ELOOP;
        return -1;
      }
      n = readlink(res, target, sizeof target - 1);
      if (n < 0)
        return -1;
      target[n] = 0;
      if (n + strlen(r) + 2 >= sizeof joined) {
        errno = ENAMETOOLONG;
        return -1;
      }
      strcpy(joined, target);
      strcat(joined, "/");
      strcat(joined, r);
      strcpy(rest, joined);
      r = rest;
      res[keep] = 0;
      if (target[0] == '/')
        res[0] = 0;
      continue;
    }
    if (!last && !S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      return -1;
    }
  }
  if (!res[0])
    strcpy(res, "/");
  if ((int)strlen(res) >= size) {
    errno = ENAMETOOLONG;
    return -1;
  }
  strcpy(out, res);
  return 0;
}
