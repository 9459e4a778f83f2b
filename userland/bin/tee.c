/* tee: copies stdin to stdout and to each FILE.
 *   tee [-a] [-i] [FILE...]   -a append instead of truncating, -i ignore SIGINT
 * A file that cannot be opened or written is reported and dropped; the
 * others go on (status 1 at the end). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include "ulib.h"

#define MAX_FILES 32

int main(int argc, char **argv) {
  int fds[MAX_FILES + 1];
  const char *names[MAX_FILES + 1];
  int nfds = 1;
  int flags = O_WRONLY | O_CREAT | O_TRUNC;
  int st = 0;
  int i, c;
  char buf[1024];
  int len;
  while ((c = getopt(argc, argv, "ai")) != -1) {
    if (c == 'a')
      flags = O_WRONLY | O_CREAT | O_APPEND;
    else if (c == 'i')
      signal(SIGINT, SIG_IGN);
    else {
      fprintf(stderr, "usage: tee [-ai] [FILE...]\n");   /* after getopt's message */
      return 1;
    }
  }
  i = optind;
  fds[0] = 1;
  names[0] = "standard output";
  for (; i < argc; i++) {
    int fd;
    if (nfds > MAX_FILES) {
      fprintf(stderr, "tee: too many files\n");
      return 1;
    }
    fd = open(argv[i], flags, 0666);
    if (fd < 0) {
      u_perror2("tee", argv[i]);
      st = 1;
      continue;
    }
    names[nfds] = argv[i];
    fds[nfds++] = fd;
  }
  while ((len = read(0, buf, sizeof buf)) > 0) {
    for (i = 0; i < nfds; i++) {
      if (fds[i] < 0)
        continue;
      if (write(fds[i], buf, len) != len) {
        u_perror2("tee", names[i]);
        st = 1;
        if (i > 0)
          close(fds[i]);
        fds[i] = -1;
      }
    }
  }
  for (i = 1; i < nfds; i++)
    if (fds[i] >= 0 && close(fds[i]) < 0)
      st = 1;
  return st;
}
