/* dirent.c: reading directories (opendir, readdir, closedir) over the
 * getdents system call (fdopendir and dirfd: sys/hako/fdopendir.c).
 *
 * A DIR holds the descriptor and a buffer of raw records (struct
 * linux_dirent, see sys.h); readdir decodes the next record into the DIR's
 * own struct dirent, refilling the buffer when it is used up, so the
 * returned pointer stays valid until the next readdir or closedir. Record
 * fields are read byte by byte: nothing is assumed about their alignment. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include "dirent_impl.h"
#include "sys.h"


DIR *opendir(const char *path) {
  long fd = __sys_open(path, O_RDONLY | O_DIRECTORY, 0);
  DIR *dir;
  if (fd < 0) {
    errno = (int)-fd;
    return NULL;
  }
  dir = (DIR *)malloc(sizeof(DIR));
  if (!dir) {
    __sys_close((int)fd);
    errno = ENOMEM;
    return NULL;
  }
  dir->fd = (int)fd;
  dir->pos = 0;
  dir->len = 0;
  return dir;
}

static unsigned int read_u32(const unsigned char *p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((unsigned int)p[3] << 24);
}

/* NULL at the end of the directory (errno unchanged) or on an error. */
struct dirent *readdir(DIR *dir) {
  const unsigned char *rec;
  unsigned int reclen, i;
  long n;
  if (dir->pos >= dir->len) {
    n = __sys_getdents(dir->fd, dir->buf, DIR_BUFFER);
    if (n <= 0) {
      if (n < 0)
        errno = (int)-n;
      return NULL;
    }
    dir->len = (unsigned int)n;
    dir->pos = 0;
  }
  rec = dir->buf + dir->pos;
  reclen = rec[8] | (rec[9] << 8);
  if (reclen < 12 || reclen > dir->len - dir->pos) {
    /* A malformed record: stop rather than read past the buffer. */
    dir->pos = dir->len;
    errno = EIO;
    return NULL;
  }
  dir->entry.d_ino = read_u32(rec);
  dir->entry.d_off = (off_t)read_u32(rec + 4);
  dir->entry.d_reclen = (unsigned short)reclen;
  dir->entry.d_type = rec[reclen - 1];
  for (i = 0; i < sizeof(dir->entry.d_name) - 1 && 10 + i < reclen - 1 && rec[10 + i]; i++)
    dir->entry.d_name[i] = (char)rec[10 + i];
  dir->entry.d_name[i] = 0;
  dir->pos += reclen;
  return &dir->entry;
}

int closedir(DIR *dir) {
  long r = __sys_close(dir->fd);
  free(dir);
  if (r < 0) {
    errno = (int)-r;
    return -1;
  }
  return 0;
}
