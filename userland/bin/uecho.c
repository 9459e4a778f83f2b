/* uecho: the epoll echo server of the networking lessons, over an AF_UNIX
 * stream socket.
 *
 *   uecho [-n COUNT] PATH
 *
 * Listens on PATH (removed first if it is a stale socket) and echoes what
 * every client sends, one process serving all of them: one epoll set
 * holds the listening socket and each connection; a readable listener
 * means accept, a readable connection means read and write back, end of
 * file means close (which also drops it from the set). With -n it exits
 * after COUNT clients have come and gone. Try: `uecho /tmp/e &` then
 * `nc -U /tmp/e` in two shells. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#define MAX_EVENTS 8

static int echo_back(int c) {
  char buf[4096];
  int n = read(c, buf, sizeof buf);
  int off = 0;
  if (n <= 0)
    return -1;
  while (off < n) {
    int w = write(c, buf + off, n - off);
    if (w <= 0)
      return -1;
    off += w;
  }
  return 0;
}

int main(int argc, char **argv) {
  struct sockaddr_un a;
  struct epoll_event ev, events[MAX_EVENTS];
  struct stat st;
  int count = -1, served = 0, l, ep, len;
  const char *path;
  if (argc == 4 && strcmp(argv[1], "-n") == 0) {
    count = atoi(argv[2]);
    path = argv[3];
  } else if (argc == 2) {
    path = argv[1];
  } else {
    fprintf(stderr, "usage: uecho [-n COUNT] PATH\n");
    return 2;
  }
  if (strlen(path) >= sizeof a.sun_path) {
    fprintf(stderr, "uecho: %s: path too long\n", path);
    return 1;
  }
  if (stat(path, &st) == 0 && S_ISSOCK(st.st_mode))
    unlink(path);
  memset(&a, 0, sizeof a);
  a.sun_family = AF_UNIX;
  strcpy(a.sun_path, path);
  len = (int)(2 + strlen(path) + 1);
  l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (l < 0 || bind(l, (struct sockaddr *)&a, len) != 0 || listen(l, 16) != 0) {
    fprintf(stderr, "uecho: %s: %s\n", path, strerror(errno));
    return 1;
  }
  ep = epoll_create1(EPOLL_CLOEXEC);
  ev.events = EPOLLIN;
  ev.data.fd = l;
  if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev) != 0) {
    perror("uecho: epoll");
    return 1;
  }
  while (count < 0 || served < count) {
    int n = epoll_wait(ep, events, MAX_EVENTS, -1), i;
    if (n < 0) {
      if (errno == EINTR)
        continue;
      perror("uecho: epoll_wait");
      return 1;
    }
    for (i = 0; i < n; i++) {
      int fd = events[i].data.fd;
      if (fd == l) {
        int c = accept4(l, 0, 0, SOCK_CLOEXEC);
        if (c < 0)
          continue;
        ev.events = EPOLLIN;
        ev.data.fd = c;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev) != 0)
          close(c);
      } else if (echo_back(fd) != 0) {
        close(fd);   /* the last close leaves the epoll set by itself */
        served++;
      }
    }
  }
  unlink(path);
  return 0;
}
