/* mknod: makes a FIFO or a device node: `mknod [-m OCTAL-MODE] NAME p` or
 * `mknod [-m OCTAL-MODE] NAME b|c|u MAJOR MINOR` (GNU's form; device nodes
 * are root's: anyone else gets "Operation not permitted"). The mode is
 * 0666 less the umask, or exactly MODE with -m. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ulib.h"

static int parse_octal(const char *s, unsigned int *mode) {
  *mode = 0;
  if (!*s)
    return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '7' || *mode > 0777)
      return -1;
    *mode = *mode * 8 + (*s - '0');
  }
  return 0;
}

static int parse_number(const char *s, unsigned int *n) {
  char *end;
  long v = strtol(s, &end, 0);
  if (!*s || *end || v < 0 || v > 0xfffff)
    return -1;
  *n = (unsigned int)v;
  return 0;
}

static int usage(void) {
  fprintf(stderr, "usage: mknod [-m OCTAL-MODE] NAME p\n       mknod [-m OCTAL-MODE] NAME b|c|u MAJOR MINOR\n");
  return 1;
}

int main(int argc, char **argv) {
  unsigned int mode = 0666, type, major = 0, minor = 0;
  int specified = 0;
  int i = 1;
  const char *name;
  if (i < argc && strncmp(argv[i], "-m", 2) == 0) {
    const char *m = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : "");
    if (parse_octal(m, &mode) < 0) {
      fprintf(stderr, "mknod: invalid mode: '%s' (use octal, e.g. 600)\n", m);
      return 1;
    }
    specified = 1;
    i++;
  }
  if (argc - i < 2)
    return usage();
  name = argv[i];
  if (strcmp(argv[i + 1], "p") == 0) {
    if (argc - i != 2) {
      fprintf(stderr, "mknod: fifos do not have major and minor device numbers\n");
      return 1;
    }
    type = S_IFIFO;
  } else if (strcmp(argv[i + 1], "b") == 0 || strcmp(argv[i + 1], "c") == 0 || strcmp(argv[i + 1], "u") == 0) {
    if (argc - i != 4)
      return usage();
    if (parse_number(argv[i + 2], &major) < 0 || major > 0xfff || parse_number(argv[i + 3], &minor) < 0) {
      fprintf(stderr, "mknod: invalid device number: '%s %s'\n", argv[i + 2], argv[i + 3]);
      return 1;
    }
    type = argv[i + 1][0] == 'b' ? S_IFBLK : S_IFCHR;
  } else {
    fprintf(stderr, "mknod: invalid device type '%s'\n", argv[i + 1]);
    return 1;
  }
  if (mknod(name, type | mode, makedev(major, minor)) < 0 || (specified && chmod(name, mode) < 0)) {
    fprintf(stderr, "mknod: %s: %s\n", name, strerror(errno));
    return 1;
  }
  return 0;
}
