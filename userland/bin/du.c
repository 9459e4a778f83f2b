/* du: disk usage, as GNU du counts it: the blocks each file occupies
 * (st_blocks, 512-byte units, shown in KiB), a file with several links
 * counted once, symlinks not followed.
 *   du [-s] [-a] [-h] [-k] [FILE...]
 * Without -s, every directory under each FILE (deepest first), with -a
 * every file too; -s only each FILE's total. -h human sizes (rounded up).
 * FILE defaults to ".". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <dirent.h>
#include <sys/stat.h>
#include "ulib.h"
#include "u_time.h"

#define MAX_SEEN 4096

static int summarize, all, human, status;
static unsigned int seen[MAX_SEEN];
static int nseen;

static void show(unsigned int kib, const char *path) {
  char n[32];
  if (human) u_human_kib(kib, n, sizeof n);
  else snprintf(n, sizeof n, "%u", kib);
  printf("%s\t%s\n", n, path);
}

/* 1 if this inode with several links was counted already */
static int counted(struct stat *st) {
  int i;
  if (st->st_nlink < 2 || S_ISDIR(st->st_mode)) return 0;
  for (i = 0; i < nseen; i++) {
    if (seen[i] == st->st_ino) return 1;
  }
  if (nseen < MAX_SEEN) seen[nseen++] = st->st_ino;
  return 0;
}

/* KiB under path (in 512-byte blocks, halved at the end) */
static unsigned int walk(const char *path, int depth) {
  struct stat st;
  unsigned int blocks;
  if (lstat(path, &st) != 0) {
    fprintf(stderr, "du: cannot access '%s': %s\n", path, strerror(errno));
    status = 1;
    return 0;
  }
  if (counted(&st)) return 0;
  blocks = st.st_blocks;
  if (S_ISDIR(st.st_mode)) {
    DIR *d = opendir(path);
    struct dirent *e;
    if (d == NULL) {
      fprintf(stderr, "du: cannot read directory '%s': %s\n", path, strerror(errno));
      status = 1;
    } else {
      while ((e = readdir(d)) != NULL) {
        char *child;
        int len;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        len = (int)strlen(path) + (int)strlen(e->d_name) + 2;
        child = malloc(len);
        if (child == NULL) {
          fprintf(stderr, "du: out of memory\n");
          exit(1);
        }
        snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
        blocks += walk(child, depth + 1) * 2;
        free(child);
      }
      closedir(d);
    }
    if (!summarize || depth == 0) show(blocks / 2, path);
  } else if (depth == 0 || (all && !summarize)) {
    show(blocks / 2, path);
  }
  return blocks / 2;
}

int main(int argc, char **argv) {
  int i, c, any = 0;
  for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    for (c = 1; argv[i][c]; c++) {
      if (argv[i][c] == 's') summarize = 1;
      else if (argv[i][c] == 'a') all = 1;
      else if (argv[i][c] == 'h') human = 1;
      else if (argv[i][c] == 'k') human = 0;
      else {
        fprintf(stderr, "du: invalid option -- '%c'\nusage: du [-s] [-a] [-h] [-k] [FILE...]\n", argv[i][c]);
        return 1;
      }
    }
  }
  for (; i < argc; i++) {
    walk(argv[i], 0);
    any = 1;
  }
  if (!any) walk(".", 0);
  return status;
}
