/* echo-epoll: a TCP echo server in one process and one thread, with epoll
 * (a demo of /usr/share/demo, to compare with echo-threads).
 *
 *   echo-epoll [-p PORT] [-n COUNT]
 *
 * Listens on PORT (default 7007) of every address and echoes what each
 * client sends until the client closes its side. One epoll set holds the
 * listening socket and every connection, all non-blocking: a readable
 * listener means accept until EAGAIN, a readable connection means read
 * and write back, end of file (or an error) means close, which also takes
 * it out of the set. A client that does not read its echoes makes the
 * write block here for everyone: a real server would keep the unsent
 * bytes and wait for EPOLLOUT; this one stays short. With -n it exits
 * after COUNT clients have come and gone. Memory: one descriptor per
 * client and nothing else; the cost is that no client may hold the loop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "ulib.h"

#define MAX_EVENTS 16
#define USAGE "usage: echo-epoll [-p PORT] [-n COUNT]\n"

/* Echoes what is there; -1 at end of file or an error (the caller closes). */
static int echo_back(int c) {
  char buf[4096];
  for (;;) {
    int n = read(c, buf, sizeof buf), off = 0;
    if (n == 0)
      return -1;
    if (n < 0)
      return errno == EAGAIN ? 0 : -1;
    fcntl(c, F_SETFL, 0);   /* the write waits for room (see the top) */
    while (off < n) {
      int w = write(c, buf + off, n - off);
      if (w <= 0)
        return -1;
      off += w;
    }
    fcntl(c, F_SETFL, O_NONBLOCK);
  }
}

int main(int argc, char **argv) {
  int port = 7007, count = -1, done = 0, i, s, ep;
  struct epoll_event ev, events[MAX_EVENTS];
  if (u_server_options("echo-epoll", USAGE, argc, argv, &port, &count, 0) < 0)
    return 2;
  signal(SIGPIPE, SIG_IGN);
  s = u_tcp_listen(port, 64);
  if (s < 0) {
    fprintf(stderr, "echo-epoll: port %d: %s\n", port, strerror(errno));
    return 1;
  }
  fcntl(s, F_SETFL, O_NONBLOCK);
  ep = epoll_create1(0);
  ev.events = EPOLLIN;
  ev.data.fd = s;
  epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
  while (count < 0 || done < count) {
    int n = epoll_wait(ep, events, MAX_EVENTS, -1);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      perror("echo-epoll: epoll_wait");
      return 1;
    }
    for (i = 0; i < n; i++) {
      int fd = events[i].data.fd;
      if (fd == s) {
        int c;
        while ((c = accept(s, NULL, NULL)) >= 0) {
          fcntl(c, F_SETFL, O_NONBLOCK);
          ev.events = EPOLLIN;
          ev.data.fd = c;
          epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
        }
      } else if (echo_back(fd) < 0) {
        close(fd);
        done++;
      }
    }
  }
  return 0;
}
