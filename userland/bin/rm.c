/* rm: removes files; -r removes directories and what they hold, -f ignores
 * missing files and never complains about them. Symlinks are removed, not
 * followed.
 *
 * -r walks the tree by relative names: it enters a directory with chdir,
 * reads all its names (and closes it) before removing any, removes each
 * (entering the subdirectories the same way), climbs back with
 * chdir("..") — checking by inode that it is back where it came from —
 * and removes the directory by its name. So a tree of any depth needs
 * neither a descriptor per level nor a path longer than PATH_MAX; the only
 * descriptor held is the starting directory's, to come back after each
 * argument. The full path kept for messages lives on the heap and is
 * never given to the kernel. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ulib.h"

static int recursive;
static int force;
static int lost;   /* could not climb back: stop before removing anything else */

/* The path of what is being removed, for messages only. */
static char *shown;
static int shown_len, shown_cap;

static int shown_push(const char *name) {
  int len = shown_len;
  int need = len + (int)strlen(name) + 2;
  if (need > shown_cap) {
    char *p = realloc(shown, need * 2);
    if (!p)
      return -1;
    shown = p;
    shown_cap = need * 2;
  }
  if (len > 0 && shown[len - 1] != '/')
    shown[shown_len++] = '/';
  strcpy(shown + shown_len, name);
  shown_len += strlen(name);
  return len;
}

static void shown_pop(int len) {
  shown_len = len;
  if (shown)
    shown[len] = 0;
}

static void complain(void) {
  u_perror2("rm", shown);
}

static void free_names(char **names, int n) {
  while (n > 0)
    free(names[--n]);
  free(names);
}

/* The names in the current directory but . and .., read before anything
 * is removed (the directory is closed again); NULL with errno on error. */
static char **read_names(int *count) {
  DIR *d = opendir(".");
  struct dirent *e;
  char **names = malloc(8 * sizeof *names);
  int n = 0, cap = 8;
  if (!d || !names) {
    if (d)
      closedir(d);
    free(names);
    return 0;
  }
  while ((e = readdir(d)) != 0) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    if (n == cap) {
      char **more = realloc(names, cap * 2 * sizeof *names);
      if (!more)
        break;
      names = more;
      cap *= 2;
    }
    names[n] = strdup(e->d_name);
    if (!names[n])
      break;
    n++;
  }
  closedir(d);
  if (e) {
    /* stopped early: out of memory */
    free_names(names, n);
    errno = ENOMEM;
    return 0;
  }
  *count = n;
  return names;
}

static int remove_name(const char *name, const struct stat *here);

/* Removes everything inside the current directory, whose stat is here. */
static int empty_cwd(const struct stat *here) {
  int n = 0, i, bad = 0;
  char **names = read_names(&n);
  if (!names) {
    complain();
    return 1;
  }
  for (i = 0; i < n && !lost; i++)
    bad |= remove_name(names[i], here);
  free_names(names, n);
  return bad;
}

/* Enters directory name (whose stat is st), empties it, and comes back
 * to the directory whose stat is here: by "..", or by back_fd when it is
 * not -1 (an operand's parent may be far from where rm started). */
static int empty_dir(const char *name, const struct stat *st, const struct stat *here, int back_fd) {
  struct stat in, back;
  int bad;
  if (chdir(name) < 0) {
    complain();
    return 1;
  }
  if (lstat(".", &in) < 0 || in.st_ino != st->st_ino || in.st_dev != st->st_dev) {
    fprintf(stderr, "rm: %s: changed while being removed\n", shown);
    bad = 1;
  } else {
    bad = empty_cwd(&in);
  }
  if ((back_fd >= 0 ? fchdir(back_fd) : chdir("..")) < 0 || lstat(".", &back) < 0 || back.st_ino != here->st_ino ||
      back.st_dev != here->st_dev) {
    fprintf(stderr, "rm: %s: cannot climb back to the directory above it\n", shown);
    lost = 1;
    return 1;
  }
  return bad;
}

/* Removes name from the current directory (whose stat is here). */
static int remove_name(const char *name, const struct stat *here) {
  struct stat st;
  int mark = shown_push(name);
  int bad = 0;
  if (mark < 0) {
    fprintf(stderr, "rm: out of memory\n");
    return 1;
  }
  if (lstat(name, &st) < 0) {
    if (!(force && errno == ENOENT)) {
      complain();
      bad = 1;
    }
  } else if (S_ISDIR(st.st_mode)) {
    if (!recursive) {
      fprintf(stderr, "rm: %s: Is a directory\n", shown);
      bad = 1;
    } else {
      bad = empty_dir(name, &st, here, -1);
      if (!lost && rmdir(name) < 0) {
        complain();
        bad = 1;
      }
    }
  } else if (unlink(name) < 0) {
    complain();
    bad = 1;
  }
  shown_pop(mark);
  return bad;
}

/* The last component of path is . or .. (POSIX: rm must refuse). */
static int names_dot(const char *path) {
  const char *end = path + strlen(path);
  const char *base;
  while (end > path + 1 && end[-1] == '/')
    end--;
  base = end;
  while (base > path && base[-1] != '/')
    base--;
  return (end - base == 1 && base[0] == '.') || (end - base == 2 && base[0] == '.' && base[1] == '.');
}

static int is_root(const char *path) {
  while (*path == '/')
    path++;
  return *path == 0;
}

/* One operand, a path relative to the starting directory (descriptor
 * start: -1 when it could not be opened). */
static int remove_operand(const char *path, int start) {
  struct stat st, here;
  int bad;
  if (lstat(path, &st) < 0) {
    if (force && errno == ENOENT)
      return 0;
    u_perror2("rm", path);
    return 1;
  }
  if (!S_ISDIR(st.st_mode)) {
    if (unlink(path) < 0) {
      u_perror2("rm", path);
      return 1;
    }
    return 0;
  }
  if (!recursive) {
    fprintf(stderr, "rm: %s: Is a directory\n", path);
    return 1;
  }
  if (names_dot(path) || is_root(path)) {
    fprintf(stderr, "rm: refusing to remove '%s'\n", path);
    return 1;
  }
  if (start < 0 || fstat(start, &here) < 0) {
    u_perror2("rm", ".");
    return 1;
  }
  shown_pop(0);
  if (shown_push(path) < 0) {
    fprintf(stderr, "rm: out of memory\n");
    return 1;
  }
  bad = empty_dir(path, &st, &here, start);
  if (lost)
    return 1;
  if (rmdir(path) < 0) {
    u_perror2("rm", path);
    return 1;
  }
  return bad;
}

int main(int argc, char **argv) {
  int i, c;
  int st = 0;
  int start = -1;
  while ((c = getopt(argc, argv, "rRf")) != -1) {
    if (c == 'r' || c == 'R')
      recursive = 1;
    else if (c == 'f')
      force = 1;
    else {
      fprintf(stderr, "usage: rm [-rf] FILE...\n");   /* after getopt's message */
      return 1;
    }
  }
  i = optind;
  if (i >= argc && !force) {
    fprintf(stderr, "usage: rm [-rf] FILE...\n");
    return 1;
  }
  if (recursive)
    start = open(".", O_RDONLY | O_DIRECTORY);
  for (; i < argc && !lost; i++)
    st |= remove_operand(argv[i], start);
  return st;
}
