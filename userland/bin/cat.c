/* cat: copies each file (or stdin, for none or "-") to stdout. */
#include <unistd.h>
#include <fcntl.h>
#include <string.h>
#include "ulib.h"

static char buf[4096];

static int copy(int fd) {
  for (;;) {
    int n = read(fd, buf, sizeof buf);
    if (n < 0)
      return -1;
    if (n == 0)
      return 0;
    if (u_write_all("cat", 1, buf, n) != 0)
      return -2;
  }
}

int main(int argc, char **argv) {
  int i;
  int st = 0;
  if (argc == 1) {
    int r = copy(0);
    if (r == -1)
      u_perror2("cat", "-");
    return r < 0;
  }
  for (i = 1; i < argc; i++) {
    int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY, 0);
    int r;
    if (fd < 0) {
      u_perror2("cat", argv[i]);
      st = 1;
      continue;
    }
    r = copy(fd);
    if (r == -1) {
      u_perror2("cat", argv[i]);
      st = 1;
    }
    if (fd != 0)
      close(fd);
    if (r == -2)
      return 1;
  }
  return st;
}
