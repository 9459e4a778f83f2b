/* fdopendir.c: a DIR over an open directory descriptor, and the
 * descriptor of a DIR (POSIX; the OS only: it needs fstat). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "../../dirent_impl.h"

/* ENOTDIR for anything but a directory; closedir will close fd. */
DIR *fdopendir(int fd) {
  struct stat st;
  DIR *dir;
  if (fstat(fd, &st) < 0)
    return NULL;
  if (!S_ISDIR(st.st_mode)) {
    errno = ENOTDIR;
    return NULL;
  }
  dir = (DIR *)malloc(sizeof(DIR));
  if (!dir) {
    errno = ENOMEM;
    return NULL;
  }
  dir->fd = fd;
  dir->pos = 0;
  dir->len = 0;
  return dir;
}

int dirfd(DIR *dir) {
  return dir->fd;
}
