/* mkdir: makes directories; -p makes missing parents and accepts existing
 * ones; -m MODE (octal) gives the new directories (the last of each path,
 * with -p) exactly MODE, whatever the umask; -v says "mkdir: created
 * directory 'DIR'" for each one made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include "ulib.h"

static int verbose;

/* mkdir(path), telling about it under -v */
static int make_one(const char *path) {
  if (mkdir(path, 0777) < 0)
    return -1;
  if (verbose)
    printf("mkdir: created directory '%s'\n", path);
  return 0;
}

static int make_parents(char *path) {
  char *p = path;
  struct stat st;
  while (*p == '/')
    p++;
  for (;;) {
    char *slash = strchr(p, '/');
    if (slash)
      *slash = 0;
    if (make_one(path) < 0 && errno != EEXIST) {
      u_perror2("mkdir", path);
      return 1;
    }
    if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      u_perror2("mkdir", path);
      return 1;
    }
    if (!slash)
      return 0;
    *slash = '/';
    p = slash + 1;
    while (*p == '/')
      p++;
    if (!*p)
      return 0;
  }
}

int main(int argc, char **argv) {
  int i = 1;
  int parents = 0;
  int st = 0;
  long mode = -1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *o = argv[i] + 1;
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    for (; *o; o++) {
      if (*o == 'p') {
        parents = 1;
      } else if (*o == 'v') {
        verbose = 1;
      } else if (*o == 'm') {
        const char *m = o[1] ? o + 1 : i + 1 < argc ? argv[++i] : 0;
        char *end;
        if (!m) {
          fprintf(stderr, "mkdir: option requires an argument -- 'm'\n");
          return 1;
        }
        mode = strtol(m, &end, 8);
        if (*end || !*m || mode < 0 || mode > 07777) {
          fprintf(stderr, "mkdir: invalid mode '%s' (octal, e.g. 755)\n", m);
          return 1;
        }
        break;
      } else {
        fprintf(stderr, "mkdir: invalid option -- '%c'\nusage: mkdir [-pv] [-m MODE] DIR...\n", *o);
        return 1;
      }
    }
  }
  if (i >= argc) {
    fprintf(stderr, "mkdir: missing operand\nusage: mkdir [-pv] [-m MODE] DIR...\n");
    return 1;
  }
  for (; i < argc; i++) {
    int bad = 0;
    if (parents) {
      bad = make_parents(argv[i]);
    } else if (make_one(argv[i]) < 0) {
      u_perror2("mkdir", argv[i]);
      bad = 1;
    }
    if (!bad && mode >= 0 && chmod(argv[i], (unsigned int)mode) < 0) {
      u_perror2("mkdir", argv[i]);
      bad = 1;
    }
    st |= bad;
  }
  return st;
}
