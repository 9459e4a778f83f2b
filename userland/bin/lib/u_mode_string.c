/* u_mode_string.c: ls -l's mode column, "drwxr-xr-x", with s/t for the
 * set-id and sticky bits. */
#include <sys/stat.h>
#include "ulib.h"

void u_mode_string(unsigned int mode, char *out) {
  const char *rwx = "rwxrwxrwx";
  int i;
  char t = '?';
  switch (mode & S_IFMT) {
  case S_IFREG: t = '-'; break;
  case S_IFDIR: t = 'd'; break;
  case S_IFLNK: t = 'l'; break;
  case S_IFCHR: t = 'c'; break;
  case S_IFBLK: t = 'b'; break;
  case S_IFIFO: t = 'p'; break;
  case S_IFSOCK: t = 's'; break;
  }
  out[0] = t;
  for (i = 0; i < 9; i++)
    out[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
  if (mode & S_ISUID)
    out[3] = (mode & S_IXUSR) ? 's' : 'S';
  if (mode & S_ISGID)
    out[6] = (mode & S_IXGRP) ? 's' : 'S';
  if (mode & S_ISVTX)
    out[9] = (mode & S_IXOTH) ? 't' : 'T';
  out[10] = 0;
}
