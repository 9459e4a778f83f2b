/* dirent_impl.h: what a DIR is (dirent.c; sys/hako/fdopendir.c). */
#ifndef _LIBC_DIRENT_IMPL_H
#define _LIBC_DIRENT_IMPL_H

#include <dirent.h>

#define DIR_BUFFER 2048

struct __dir {
  int fd;
  unsigned int pos;   /* next record in buf */
  unsigned int len;   /* bytes of records in buf */
  struct dirent entry;
  unsigned char buf[DIR_BUFFER];
};

#endif
