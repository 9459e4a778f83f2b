/* ls: lists directories and files.
 *   -l  long: mode, links, owner, group (names from /etc/passwd and
 *       /etc/group, else numbers), size (or major, minor for devices),
 *       modification time (UTC), name, and "-> target" for symlinks
 *   -n  as -l, but owner and group as numbers (uid, gid)
 *   -a  include names starting with '.'
 *   -i  inode numbers first
 *   -R  recurse into subdirectories
 *   -1  one name per line (the default when stdout is not a terminal;
 *       on a terminal short listings go in columns)
 *   -d  list directories themselves, not their contents
 * Names are sorted bytewise. Exit status 1 if any operand failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include "ulib.h"

static int opt_long, opt_all, opt_inode, opt_recursive, opt_one, opt_dir, opt_numeric;
static int status;

struct entry {
  char *name;
  struct stat st;
  int ok;
};

static int by_name(const void *a, const void *b) {
  return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static char *join(const char *dir, const char *name) {
  char *p = malloc(strlen(dir) + strlen(name) + 2);
  strcpy(p, dir);
  if (dir[0] && dir[strlen(dir) - 1] != '/')
    strcat(p, "/");
  strcat(p, name);
  return p;
}

static void print_long(const char *path, const char *name, struct stat *st) {
  char mode[11];
  char when[24];
  const char *user = opt_numeric ? 0 : u_user_name(st->st_uid);
  char ubuf[16];
  char gbuf[16];
  const char *group;
  if (!user) {
    sprintf(ubuf, "%d", st->st_uid);
    user = ubuf;
  }
  printf("%s", "");
  u_mode_string(st->st_mode, mode);
  if (opt_inode)
    printf("%7u ", st->st_ino);
  printf("%s %2u %-8s ", mode, st->st_nlink, user);
  group = opt_numeric ? 0 : u_group_name(st->st_gid);
  if (!group) {
    sprintf(gbuf, "%d", st->st_gid);
    group = gbuf;
  }
  printf("%-8s ", group);
  if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
    printf("%4u, %4u ", (st->st_rdev >> 8) & 0xfff, st->st_rdev & 0xff);
  else
    printf("%10u ", st->st_size);
  u_format_time(st->st_mtime, when);
  printf("%s %s", when, name);
  if (S_ISLNK(st->st_mode)) {
    char target[512];
    int n = readlink(path, target, sizeof target - 1);
    if (n >= 0) {
      target[n] = 0;
      printf(" -> %s", target);
    }
  }
  printf("\n");
}

static void print_entries(const char *dir, struct entry *e, int n) {
  int i;
  if (opt_long || opt_one) {
    for (i = 0; i < n; i++) {
      if (opt_long) {
        char *p = dir ? join(dir, e[i].name) : e[i].name;
        print_long(p, e[i].name, &e[i].st);
        if (dir)
          free(p);
      } else if (opt_inode) {
        printf("%7u %s\n", e[i].st.st_ino, e[i].name);
      } else {
        printf("%s\n", e[i].name);
      }
    }
    return;
  }
  {
    /* columns, filled down then across, 80 wide */
    int width = 1;
    int cols;
    int rows;
    int r;
    int c;
    for (i = 0; i < n; i++) {
      int w = strlen(e[i].name) + (opt_inode ? 8 : 0);
      if (w > width)
        width = w;
    }
    width += 2;
    cols = 80 / width;
    if (cols < 1)
      cols = 1;
    rows = (n + cols - 1) / cols;
    for (r = 0; r < rows; r++) {
      for (c = 0; c < cols; c++) {
        int k = c * rows + r;
        int last = (c + 1) * rows + r >= n;
        if (k >= n)
          break;
        if (opt_inode)
          printf("%7u ", e[k].st.st_ino);
        if (last)
          printf("%s", e[k].name);
        else
          printf("%-*s", width - (opt_inode ? 8 : 0), e[k].name);
      }
      printf("\n");
    }
  }
}

static void list_dir(const char *path, int show_header) {
  DIR *d = opendir(path);
  struct dirent *de;
  struct entry *e = 0;
  int n = 0;
  int cap = 0;
  int i;
  if (!d) {
    u_perror2("ls", path);
    status = 1;
    return;
  }
  for (;;) {
    char *p;
    errno = 0;
    de = readdir(d);
    if (de == 0) {
      if (errno != 0) {   /* a damaged directory: say so, list what was read */
        u_perror2("ls", path);
        status = 1;
      }
      break;
    }
    if (de->d_name[0] == '.' && !opt_all)
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 32;
      e = realloc(e, cap * sizeof *e);
    }
    e[n].name = strdup(de->d_name);
    p = join(path, de->d_name);
    e[n].ok = lstat(p, &e[n].st) == 0;
    if (!e[n].ok)
      memset(&e[n].st, 0, sizeof e[n].st);
    free(p);
    n++;
  }
  closedir(d);
  qsort(e, n, sizeof *e, by_name);
  if (show_header)
    printf("%s:\n", path);
  if (opt_long) {
    unsigned int blocks = 0;
    for (i = 0; i < n; i++)
      blocks += e[i].st.st_blocks;
    printf("total %u\n", blocks / 2);
  }
  print_entries(path, e, n);
  if (opt_recursive) {
    for (i = 0; i < n; i++) {
      if (S_ISDIR(e[i].st.st_mode) && strcmp(e[i].name, ".") != 0 && strcmp(e[i].name, "..") != 0) {
        char *p = join(path, e[i].name);
        printf("\n");
        list_dir(p, 1);
        free(p);
      }
    }
  }
  for (i = 0; i < n; i++)
    free(e[i].name);
  free(e);
}

int main(int argc, char **argv) {
  int i = 1;
  int nfiles = 0;
  int ndirs = 0;
  struct entry *files;
  char **dirs;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o = argv[i] + 1;
    for (; *o; o++) {
      switch (*o) {
      case 'l': opt_long = 1; break;
      case 'n': opt_long = 1; opt_numeric = 1; break;
      case 'a': opt_all = 1; break;
      case 'i': opt_inode = 1; break;
      case 'R': opt_recursive = 1; break;
      case '1': opt_one = 1; break;
      case 'd': opt_dir = 1; break;
      default:
        fprintf(stderr, "ls: unknown option -%c\nusage: ls [-lnaiR1d] [FILE...]\n", *o);
        return 1;
      }
    }
  }
  if (!isatty(1))
    opt_one = 1;
  if (i == argc) {
    if (opt_dir) {
      struct entry e;
      e.name = ".";
      lstat(".", &e.st);
      print_entries(0, &e, 1);
      return 0;
    }
    list_dir(".", opt_recursive);
    return status;
  }
  files = malloc((argc - i) * sizeof *files);
  dirs = malloc((argc - i) * sizeof *dirs);
  for (; i < argc; i++) {
    struct stat st;
    if (lstat(argv[i], &st) < 0) {
      u_perror2("ls", argv[i]);
      status = 1;
      continue;
    }
    if (S_ISLNK(st.st_mode) && !opt_long) {
      struct stat target;
      if (stat(argv[i], &target) == 0 && S_ISDIR(target.st_mode))
        st = target;
    }
    if (S_ISDIR(st.st_mode) && !opt_dir) {
      dirs[ndirs++] = argv[i];
    } else {
      files[nfiles].name = argv[i];
      files[nfiles].st = st;
      nfiles++;
    }
  }
  qsort(files, nfiles, sizeof *files, by_name);
  print_entries(0, files, nfiles);
  for (i = 0; i < ndirs; i++) {
    if (nfiles || i > 0)
      printf("\n");
    list_dir(dirs[i], nfiles + ndirs > 1 || opt_recursive);
  }
  return status;
}
