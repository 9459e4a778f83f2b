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
 *   -A  as -a, without . and ..
 *   -F  a mark after each name: / directory, * executable, @ symbolic
 *       link, | FIFO, = socket
 *   -h  with -l, sizes as 1.5K, 12M (powers of 1024, rounded up)
 *   -s  allocated size in KiB before each name (and the total line)
 *   -t  newest first (by modification time), -S largest first,
 *   -r  reverse whichever order
 * Names are sorted bytewise (GNU ls in the C locale); -t and -S break
 * ties by name. Exit status 1 if any operand failed, 2 for a bad option. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include "ulib.h"
#include "u_time.h"

static int opt_long, opt_all, opt_inode, opt_recursive, opt_one, opt_dir, opt_numeric;
static int opt_almost_all, opt_classify, opt_human, opt_size, opt_reverse;
static int sort_key; /* 0 name, 't' time, 'S' size */
static int status;

struct entry {
  char *name;
  struct stat st;
  int ok;
};

static int by_order(const void *a, const void *b) {
  const struct entry *x = (const struct entry *)a;
  const struct entry *y = (const struct entry *)b;
  int c = 0;
  if (sort_key == 't' && x->st.st_mtime != y->st.st_mtime)
    c = x->st.st_mtime > y->st.st_mtime ? -1 : 1;
  else if (sort_key == 'S' && x->st.st_size != y->st.st_size)
    c = x->st.st_size > y->st.st_size ? -1 : 1;
  if (c == 0)
    c = strcmp(x->name, y->name);
  return opt_reverse ? -c : c;
}

/* -F's mark for a file of mode m ("" for none) */
static const char *class_mark(unsigned int m) {
  if (!opt_classify)
    return "";
  if (S_ISDIR(m))
    return "/";
  if (S_ISLNK(m))
    return "@";
  if (S_ISFIFO(m))
    return "|";
  if (S_ISSOCK(m))
    return "=";
  if (S_ISREG(m) && (m & 0111))
    return "*";
  return "";
}

/* -h: bytes as GNU shows them (1023, 1.5K, 10K, 4.0M) */
static void human_bytes(unsigned int n, char *out) {
  if (n < 1024) {
    sprintf(out, "%u", n);
  } else if (n < 10 * 1024) {
    unsigned int tenths = (n * 10 + 1023) / 1024;
    if (tenths < 100)
      sprintf(out, "%u.%uK", tenths / 10, tenths % 10);
    else
      sprintf(out, "10K");
  } else {
    u_human_kib((n + 1023) / 1024, out, 16);
  }
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
  if (opt_size)
    printf("%4u ", st->st_blocks / 2);
  printf("%s %2u %-8s ", mode, st->st_nlink, user);
  group = opt_numeric ? 0 : u_group_name(st->st_gid);
  if (!group) {
    sprintf(gbuf, "%d", st->st_gid);
    group = gbuf;
  }
  printf("%-8s ", group);
  if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
    printf("%4u, %4u ", (st->st_rdev >> 8) & 0xfff, st->st_rdev & 0xff);
  else if (opt_human) {
    char size[16];
    human_bytes(st->st_size, size);
    printf("%5s ", size);
  } else
    printf("%10u ", st->st_size);
  u_format_time(st->st_mtime, when);
  printf("%s %s", when, name);
  if (!S_ISLNK(st->st_mode))
    printf("%s", class_mark(st->st_mode));
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

/* the width of the widest -s figure among n entries (GNU aligns them) */
static int size_width(struct entry *e, int n) {
  int i;
  int w = 1;
  for (i = 0; i < n; i++) {
    char b[16];
    int len = sprintf(b, "%u", e[i].st.st_blocks / 2);
    if (len > w)
      w = len;
  }
  return w;
}

static void print_entries(const char *dir, struct entry *e, int n) {
  int i;
  int sw = opt_size ? size_width(e, n) : 0;
  if (opt_long || opt_one) {
    for (i = 0; i < n; i++) {
      if (opt_long) {
        char *p = dir ? join(dir, e[i].name) : e[i].name;
        print_long(p, e[i].name, &e[i].st);
        if (dir)
          free(p);
      } else {
        if (opt_inode)
          printf("%7u ", e[i].st.st_ino);
        if (opt_size)
          printf("%*u ", sw, e[i].st.st_blocks / 2);
        printf("%s%s\n", e[i].name, class_mark(e[i].st.st_mode));
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
      int w = strlen(e[i].name) + strlen(class_mark(e[i].st.st_mode)) + (opt_inode ? 8 : 0) + (opt_size ? sw + 1 : 0);
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
        if (opt_size)
          printf("%*u ", sw, e[k].st.st_blocks / 2);
        printf("%s%s", e[k].name, class_mark(e[k].st.st_mode));
        if (!last)
          printf("%*s", width - (opt_inode ? 8 : 0) - (opt_size ? sw + 1 : 0) - (int)strlen(e[k].name) - (int)strlen(class_mark(e[k].st.st_mode)), "");
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
    if (de->d_name[0] == '.' && !opt_all && !opt_almost_all)
      continue;
    if (opt_almost_all && !opt_all && (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0))
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
  qsort(e, n, sizeof *e, by_order);
  if (show_header)
    printf("%s:\n", path);
  if (opt_long || opt_size) {
    unsigned int blocks = 0;
    for (i = 0; i < n; i++)
      blocks += e[i].st.st_blocks;
    if (opt_human) {
      char total[16];
      u_human_kib(blocks / 2, total, sizeof total);
      printf("total %s\n", total);
    } else {
      printf("total %u\n", blocks / 2);
    }
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
      case 'a': opt_all = 1; opt_almost_all = 0; break;
      case 'i': opt_inode = 1; break;
      case 'R': opt_recursive = 1; break;
      case '1': opt_one = 1; break;
      case 'd': opt_dir = 1; break;
      case 'A': opt_almost_all = 1; opt_all = 0; break;
      case 'F': opt_classify = 1; break;
      case 'h': opt_human = 1; break;
      case 's': opt_size = 1; break;
      case 't': sort_key = 't'; break;
      case 'S': sort_key = 'S'; break;
      case 'r': opt_reverse = 1; break;
      default:
        fprintf(stderr, "ls: invalid option -- '%c'\nusage: ls [-lnaAiR1dFhsStr] [FILE...]\n", *o);
        return 2;
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
      status = 2;   /* GNU: a missing operand is serious trouble */
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
  qsort(files, nfiles, sizeof *files, by_order);
  print_entries(0, files, nfiles);
  for (i = 0; i < ndirs; i++) {
    if (nfiles || i > 0)
      printf("\n");
    list_dir(dirs[i], nfiles + ndirs > 1 || opt_recursive);
  }
  return status;
}
