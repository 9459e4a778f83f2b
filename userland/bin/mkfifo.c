/* mkfifo: makes FIFOs (named pipes): `mkfifo [-m OCTAL-MODE] NAME...`.
 * Without -m the mode is 0666 less the umask; with -m it is exactly MODE
 * (set again with chmod after the umask took its bits, as GNU's). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "ulib.h"

static int parse_mode(const char *s, unsigned int *mode) {
  *mode = 0;
  if (!*s)
    return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '7' || *mode > 0777)
      return -1;
    *mode = *mode * 8 + (*s - '0');
  }
  return *mode > 07777 ? -1 : 0;
}

int main(int argc, char **argv) {
  unsigned int mode = 0666;
  int specified = 0;
  int i = 1;
  int st = 0;
  if (i < argc && strncmp(argv[i], "-m", 2) == 0) {
    const char *m = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : "");
    if (parse_mode(m, &mode) < 0) {
      fprintf(stderr, "mkfifo: invalid mode: '%s' (use octal, e.g. 600)\n", m);
      return 1;
    }
    specified = 1;
    i++;
  }
  if (i >= argc) {
    fprintf(stderr, "usage: mkfifo [-m OCTAL-MODE] NAME...\n");
    return 1;
  }
  for (; i < argc; i++) {
    if (mkfifo(argv[i], mode) < 0 || (specified && chmod(argv[i], mode) < 0)) {
      fprintf(stderr, "mkfifo: cannot create fifo '%s': %s\n", argv[i], strerror(errno));
      st = 1;
    }
  }
  return st;
}
