/* chmod: sets permission bits.
 *   chmod [-R] MODE FILE...
 * MODE is octal (755) or symbolic as in POSIX: comma-separated clauses
 * [ugoa]*[-+=][rwxXst]* or [ugoa]*[-+=][ugo] (copy another class's bits),
 * several operations in a row allowed (u+r-w). Without a class letter the
 * bits go to all three, less the umask's (as POSIX says for +, - and =).
 * X is x for directories and for files already executable by someone.
 * -R changes every entry below each directory too (symbolic links are not
 * followed, and not changed: Linux has no lchmod). */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include <sys/stat.h>
#include "ulib.h"

static const char *mode_text;
static int recursive;
static unsigned int cmask;

/* The new mode of a file whose mode is old (with its type bits), or -1
 * when mode_text is not a mode. */
static long apply_mode(const char *s, unsigned int old) {
  unsigned int mode = old & 07777;
  int is_dir = S_ISDIR(old);
  if (*s >= '0' && *s <= '7') {
    unsigned long n = 0;
    for (; *s; s++) {
      if (*s < '0' || *s > '7' || n > 07777)
        return -1;
      n = n * 8 + (*s - '0');
    }
    if (n > 07777)
      return -1;
    return (long)n;
  }
  for (;;) {
    unsigned int who = 0;
    int who_given = 0;
    for (; *s == 'u' || *s == 'g' || *s == 'o' || *s == 'a'; s++) {
      who |= *s == 'u' ? 04700 : *s == 'g' ? 02070 : *s == 'o' ? 01007 : 07777;
      who_given = 1;
    }
    if (!who_given)
      who = 07777;
    if (*s != '+' && *s != '-' && *s != '=')
      return -1;
    while (*s == '+' || *s == '-' || *s == '=') {
      int op = *s++;
      unsigned int bits = 0;
      if (*s == 'u' || *s == 'g' || *s == 'o') {
        /* copy a class: its rwx spread to every class */
        unsigned int src = *s == 'u' ? (mode >> 6) & 7 : *s == 'g' ? (mode >> 3) & 7 : mode & 7;
        bits = src * 0111;
        s++;
      } else {
        for (; *s && strchr("rwxXst", *s); s++) {
          if (*s == 'r')
            bits |= 0444;
          else if (*s == 'w')
            bits |= 0222;
          else if (*s == 'x')
            bits |= 0111;
          else if (*s == 'X') {
            if (is_dir || (mode & 0111))
              bits |= 0111;
          } else if (*s == 's')
            bits |= 06000;
          else
            bits |= 01000;
        }
      }
      bits &= who;
      if (!who_given)
        bits &= ~cmask;
      if (op == '+')
        mode |= bits;
      else if (op == '-')
        mode &= ~bits;
      else {
        /* = clears the class's rwx (and its special bit), then sets */
        unsigned int clear = who & 0777;
        if (who & 0700)
          clear |= 04000;
        if (who & 0070)
          clear |= 02000;
        if (who & 0007)
          clear |= 01000;
        mode = (mode & ~clear) | bits;
      }
    }
    if (*s == 0)
      return (long)mode;
    if (*s != ',')
      return -1;
    s++;
  }
}

static int change(const char *path);

static int change_entry(const char *name, void *dir) {
  char *p = u_path_join((const char *)dir, name);
  int st;
  if (!p) {
    fprintf(stderr, "chmod: out of memory\n");
    return 1;
  }
  st = change(p);
  free(p);
  return st;
}

static int change(const char *path) {
  struct stat st;
  long mode;
  int bad = 0;
  if (lstat(path, &st) < 0) {
    fprintf(stderr, "chmod: cannot access '%s': %s\n", path, strerror(errno));
    return 1;
  }
  if (S_ISLNK(st.st_mode)) {
    if (recursive)
      return 0;   /* -R: links met on the way are left alone, as GNU does */
    if (stat(path, &st) < 0) {
      fprintf(stderr, "chmod: cannot operate on dangling symlink '%s'\n", path);
      return 1;
    }
  }
  mode = apply_mode(mode_text, st.st_mode);
  if (chmod(path, (unsigned int)mode) < 0) {
    fprintf(stderr, "chmod: changing permissions of '%s': %s\n", path, strerror(errno));
    bad = 1;
  }
  if (recursive && S_ISDIR(st.st_mode))
    bad |= u_each_entry("chmod", path, change_entry, (void *)path);
  return bad;
}

int main(int argc, char **argv) {
  int i = 1;
  int st = 0;
  if (argc > 1 && strcmp(argv[1], "-R") == 0) {
    recursive = 1;
    i++;
  }
  if (i < argc && strcmp(argv[i], "--") == 0)
    i++;
  if (argc - i < 2) {
    if (argc - i == 1)
      fprintf(stderr, "chmod: missing operand after '%s'\n", argv[i]);
    else
      fprintf(stderr, "chmod: missing operand\n");
    fprintf(stderr, "Try 'chmod --help' for more information.\n");
    return 1;
  }
  mode_text = argv[i++];
  cmask = umask(0);
  umask(cmask);
  if (apply_mode(mode_text, S_IFREG | 0644) < 0) {
    fprintf(stderr, "chmod: invalid mode: '%s'\n", mode_text);
    fprintf(stderr, "Try 'chmod --help' for more information.\n");
    return 1;
  }
  for (; i < argc; i++)
    st |= change(argv[i]);
  return st;
}
