/* dirent.h: reading directories (userland/lib/dirent.c, over the getdents
 * system call, 141). readdir's result lives in the DIR and is overwritten
 * by the next readdir. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10

struct dirent {
  ino_t d_ino;
  off_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[256];
};

typedef struct __dir DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);   /* the DIR owns fd from then on */
int dirfd(DIR *dir);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);

/* getdents64 (220): struct linux_dirent64 records. */
int getdents64(int fd, void *buf, unsigned int count);

#endif
