/* namei: follow a path name one component at a time, as the kernel's path
 * resolution does, showing what each component is (util-linux's namei).
 *
 *   namei [-l] [-m] [-o] [-v] [-n] [-x] PATH...
 *
 * For each PATH: "f: PATH", then a row per component: its type (d
 * directory, - regular file, l symbolic link, c/b devices, p FIFO, s
 * socket; D a mount point with -x) and its name. A symbolic link shows
 * "-> target", and the target is walked below it, indented one level, before
 * the rest of the path continues from where the link led (unless -n).
 *   -m  the mode (drwxr-xr-x) instead of the type letter
 *   -o  owner and group names
 *   -v  vertical: modes aligned, the indentation after them
 *   -l  long: -m -o -v
 * A component that cannot be looked at ends the path with "NAME - error".
 * Exit status 0, or 1 when some path could not be walked to its end. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ulib.h"

#define MAX_ROWS 512
#define MAX_LINKS 40   /* as the kernel: ELOOP past this */
#define PATHBUF 4096

struct row {
  int level;
  unsigned mode;
  int uid, gid;
  int mount_point;
  int err;             /* errno for a component that could not be looked at */
  char name[256];
  char *target;        /* a symlink's, strdup'd */
};

static struct row rows[MAX_ROWS];
static int nrows;
static int opt_modes, opt_owners, opt_vertical, opt_nofollow, opt_mounts;
static int links_followed;

static struct row *add_row(int level, const char *name, int len) {
  struct row *r;
  if (nrows == MAX_ROWS)
    return 0;
  r = &rows[nrows++];
  memset(r, 0, sizeof *r);
  r->level = level;
  if (len > (int)sizeof r->name - 1)
    len = sizeof r->name - 1;
  memcpy(r->name, name, len);
  r->name[len] = 0;
  return r;
}

/* Appends component c (len bytes) to the directory path dir into out. */
static void join(char *out, const char *dir, const char *c, int len) {
  int n = strlen(dir);
  if (out != dir)
    strcpy(out, dir);
  if (n > 0 && out[n - 1] != '/')
    out[n++] = '/';
  memcpy(out + n, c, len);
  out[n + len] = 0;
}

/* Walks path from directory `dir` ("" = the cwd), adding rows at `level`.
 * On success `dir` holds where the walk ended (for the caller to continue
 * from); -1 when a component could not be looked at. */
static int walk(const char *path, char *dir, int level, dev_t parent_dev) {
  const char *p = path;
  struct stat st;
  struct row *r;
  char full[PATHBUF];
  if (*p == '/') {
    r = add_row(level, "/", 1);
    if (!r || lstat("/", &st) < 0)
      return -1;
    r->mode = st.st_mode;
    r->uid = st.st_uid;
    r->gid = st.st_gid;
    strcpy(dir, "/");
    parent_dev = st.st_dev;
  }
  while (*p) {
    const char *c;
    int len;
    while (*p == '/')
      p++;
    if (!*p)
      break;
    c = p;
    while (*p && *p != '/')
      p++;
    len = p - c;
    if (strlen(dir) + len + 2 >= PATHBUF)
      return -1;
    join(full, dir, c, len);
    r = add_row(level, c, len);
    if (!r)
      return -1;
    if (lstat(full, &st) < 0) {
      r->err = errno;
      return -1;
    }
    r->mode = st.st_mode;
    r->uid = st.st_uid;
    r->gid = st.st_gid;
    r->mount_point = S_ISDIR(st.st_mode) && st.st_dev != parent_dev;
    if (S_ISLNK(st.st_mode)) {
      char target[PATHBUF];
      int n = readlink(full, target, sizeof target - 1);
      if (n < 0) {
        r->err = errno;
        return -1;
      }
      target[n] = 0;
      r->target = strdup(target);
      if (opt_nofollow)
        return 0;
      if (++links_followed > MAX_LINKS) {
        r = add_row(level + 1, target, n);
        if (r)
          r->err = ELOOP;
        return -1;
      }
      /* the target resolves from the link's directory */
      if (walk(target, dir, level + 1, parent_dev) < 0)
        return -1;
      if (lstat(dir, &st) == 0)
        parent_dev = st.st_dev;
      continue;
    }
    strcpy(dir, full);
    parent_dev = st.st_dev;
  }
  return 0;
}

static int width_of(const char *s) {
  return s ? (int)strlen(s) : 0;
}

static const char *user_of(int uid, char *buf) {
  const char *n = u_user_name(uid);
  if (n)
    return n;
  sprintf(buf, "%d", uid);
  return buf;
}

static const char *group_of(int gid, char *buf) {
  const char *n = u_group_name(gid);
  if (n)
    return n;
  sprintf(buf, "%d", gid);
  return buf;
}

static void print_rows(void) {
  int uw = 0, gw = 0, i, k;
  char ubuf[16], gbuf[16];
  if (opt_owners) {
    for (i = 0; i < nrows; i++) {
      int w;
      if (rows[i].err)
        continue;
      w = width_of(user_of(rows[i].uid, ubuf));
      if (w > uw)
        uw = w;
      w = width_of(group_of(rows[i].gid, gbuf));
      if (w > gw)
        gw = w;
    }
  }
  for (i = 0; i < nrows; i++) {
    struct row *r = &rows[i];
    char md[12];
    if (r->err) {
      /* blank where the mode and owners would be, then the name and why */
      int blanks = 1 + (opt_modes ? 9 : 0) + (opt_owners ? uw + gw + 2 : 0) + (opt_vertical ? 0 : 1) +
                   r->level * 2;
      printf("%*s %s - %s\n", blanks, "", r->name, strerror(r->err));
      continue;
    }
    u_mode_string(r->mode, md);
    if (opt_mounts && r->mount_point)
      md[0] = 'D';
    if (!opt_vertical) {
      for (k = 0; k < r->level; k++)
        printf("  ");
      printf(" ");
    }
    if (opt_modes)
      printf("%s", md);
    else
      printf("%c", md[0]);
    if (opt_owners) {
      printf(" %-*s", uw, user_of(r->uid, ubuf));
      printf(" %-*s", gw, group_of(r->gid, gbuf));
    }
    if (opt_vertical)
      for (k = 0; k < r->level; k++)
        printf("  ");
    if (r->target)
      printf(" %s -> %s\n", r->name, r->target);
    else
      printf(" %s\n", r->name);
  }
}

static int namei(const char *path) {
  char dir[PATHBUF];
  struct stat st;
  int i, r;
  nrows = 0;
  links_followed = 0;
  dir[0] = 0;
  printf("f: %s\n", path);
  r = walk(path, dir, 0, stat(".", &st) == 0 ? st.st_dev : 0);
  print_rows();
  for (i = 0; i < nrows; i++)
    free(rows[i].target);
  return r < 0 ? 1 : 0;
}

static void usage(void) {
  fprintf(stderr, "usage: namei [-lmovnx] PATH...\n");
  exit(1);
}

int main(int argc, char **argv) {
  int i, st = 0;
  int first = 1;
  for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
    const char *o = argv[first] + 1;
    if (strcmp(argv[first], "--") == 0) {
      first++;
      break;
    }
    for (; *o; o++) {
      if (*o == 'l')
        opt_modes = opt_owners = opt_vertical = 1;
      else if (*o == 'm')
        opt_modes = 1;
      else if (*o == 'o')
        opt_owners = 1;
      else if (*o == 'v')
        opt_vertical = 1;
      else if (*o == 'n')
        opt_nofollow = 1;
      else if (*o == 'x')
        opt_mounts = 1;
      else
        usage();
    }
  }
  if (first >= argc) {
    fprintf(stderr, "namei: pathname argument is missing\n");
    usage();
  }
  for (i = first; i < argc; i++)
    st |= namei(argv[i]);
  return st;
}
