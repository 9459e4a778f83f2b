/* u_print_file.c: a file's bytes to standard output as they are (the
 * message of the day that init and login show); a file that cannot be
 * opened prints nothing, as a missing /etc/motd is no error. */
#include <fcntl.h>
#include <unistd.h>
#include "ulib.h"

void u_print_file(const char *path) {
  char buf[512];
  int n;
  int fd = open(path, O_RDONLY, 0);
  if (fd < 0)
    return;
  while ((n = read(fd, buf, sizeof buf)) > 0)
    write(1, buf, n);
  close(fd);
}
