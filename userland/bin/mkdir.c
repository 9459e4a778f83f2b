/* mkdir: makes directories; -p makes missing parents and accepts existing
 * ones; -m MODE (octal) gives the new directories (the last of each path,
 * with -p) exactly MODE, whatever the umask; -v says "mkdir: created
 * directory 'DIR'" for each one made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
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

#define USAGE "usage: mkdir [-pv] [-m MODE] DIR...\n"

int main(int argc, char **argv) {
  int i, c;
  int parents = 0;
  int st = 0;
  long mode = -1;
  while ((c = getopt(argc, argv, "pvm:")) != -1) {
    if (c == 'p') {
      parents = 1;
    } else if (c == 'v') {
      verbose = 1;
    } else if (c == 'm') {
      char *end;
      mode = strtol(optarg, &end, 8);
      if (*end || !*optarg || mode < 0 || mode > 07777) {
        fprintf(stderr, "mkdir: invalid mode '%s' (octal, e.g. 755)\n", optarg);
        return 1;
      }
    } else {
      fprintf(stderr, USAGE);   /* after getopt's message */
      return 1;
    }
  }
  i = optind;
  if (i >= argc) {
    fprintf(stderr, "mkdir: missing operand\n" USAGE);
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
