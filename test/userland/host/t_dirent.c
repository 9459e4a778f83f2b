/* t_dirent.c: opendir/readdir/closedir over the shim's getdents (real
 * Linux directories, records repacked in the i386 layout) against glibc's
 * readdir of the same directory: the same names with the same types,
 * across several buffer refills; and the errors. Also sbrk and isatty. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "hk.h"

struct name_type {
  char name[64];
  int type;
};

static int by_name(const void *a, const void *b) {
  return strcmp(((const struct name_type *)a)->name, ((const struct name_type *)b)->name);
}

void test_dirent(void) {
  static struct name_type ours[400], theirs[400];
  char dir[64], path[128];
  int i, n_ours = 0, n_theirs = 0, fd;
  hk_DIR *d;
  DIR *g;
  struct hk_dirent *e;
  struct dirent *ge;

  strcpy(dir, "/tmp/hako-dirent-XXXXXX");
  if (!mkdtemp(dir)) {
    CHECK(0, "mkdtemp");
    return;
  }
  /* 300 files with names long enough that the entries span many reads. */
  for (i = 0; i < 300; i++) {
    snprintf(path, sizeof(path), "%s/file-with-a-longish-name-%03d", dir, i);
    fd = open(path, O_CREAT | O_WRONLY, 0644);
    close(fd);
  }
  snprintf(path, sizeof(path), "%s/subdir", dir);
  mkdir(path, 0755);
  snprintf(path, sizeof(path), "%s/link", dir);
  if (symlink("subdir", path) != 0)
    CHECK(0, "symlink");

  d = hk_opendir(dir);
  CHECK(d != NULL, "opendir");
  while (d && (e = hk_readdir(d)) != NULL && n_ours < 400) {
    strncpy(ours[n_ours].name, e->d_name, 63);
    ours[n_ours++].type = e->d_type;
  }
  CHECK(d && hk_closedir(d) == 0, "closedir");
  g = opendir(dir);
  while ((ge = readdir(g)) != NULL && n_theirs < 400) {
    strncpy(theirs[n_theirs].name, ge->d_name, 63);
    theirs[n_theirs++].type = ge->d_type;
  }
  closedir(g);
  qsort(ours, (size_t)n_ours, sizeof(ours[0]), by_name);
  qsort(theirs, (size_t)n_theirs, sizeof(theirs[0]), by_name);
  CHECK(n_ours == 304 && n_ours == n_theirs, "every entry, with . and ..: ours %d, glibc %d", n_ours, n_theirs);
  CHECK(n_ours == n_theirs && memcmp(ours, theirs, sizeof(ours[0]) * (size_t)n_ours) == 0,
        "the same names and types as glibc's readdir");

  snprintf(path, sizeof(path), "%s/missing", dir);
  hk_errno = 0;
  CHECK(hk_opendir(path) == NULL && hk_errno == ENOENT, "opendir of a missing path: ENOENT");
  snprintf(path, sizeof(path), "%s/file-with-a-longish-name-000", dir);
  hk_errno = 0;
  CHECK(hk_opendir(path) == NULL && hk_errno == ENOTDIR, "opendir of a file: ENOTDIR");

  for (i = 0; i < 300; i++) {
    snprintf(path, sizeof(path), "%s/file-with-a-longish-name-%03d", dir, i);
    unlink(path);
  }
  snprintf(path, sizeof(path), "%s/link", dir);
  unlink(path);
  snprintf(path, sizeof(path), "%s/subdir", dir);
  rmdir(path);
  rmdir(dir);

  shim.tty = 0;
  hk_errno = 0;
  CHECK(hk_isatty(1) == 0 && hk_errno == ENOTTY, "isatty on a non-terminal: 0 and ENOTTY");
  shim.tty = 1;
  CHECK(hk_isatty(1) == 1, "isatty on a terminal");
  {
    char *before = hk_sbrk(0);
    char *old = hk_sbrk(4096);
    char *after = hk_sbrk(0);
    CHECK(before != (void *)-1 && old == before && after == before + 4096, "sbrk moves the break");
  }
  shim.sbrk_limit = 1;
  hk_errno = 0;
  CHECK(hk_sbrk(4096) == (void *)-1 && hk_errno == ENOMEM, "sbrk past the limit: ENOMEM");
  shim.sbrk_limit = 0;
}
