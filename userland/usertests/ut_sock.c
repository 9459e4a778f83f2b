/* ut_sock.c: socket helpers shared by the socket cases (t_unix.c,
 * t_inet.c), whatever the family: what a case needs beside the socket it
 * tests, so each case says only what it checks. */
#include <unistd.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "ut.h"

int ut_unix_addr(struct sockaddr_un *a, const char *path) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  strcpy(a->sun_path, path);
  return (int)(2 + strlen(path) + 1);
}

struct sockaddr_in ut_loop_addr(unsigned short port) {
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

/* The child's buffer is static: a fork copies it, and the parent's stack
 * (a case's own buffers) stays untouched. */
int ut_echo_server(int listener) {
  int pid = fork();
  if (pid == 0) {
    static unsigned char buf[8192];
    int s = accept(listener, 0, 0), n;
    if (s < 0)
      _exit(1);
    while ((n = read(s, buf, sizeof buf)) > 0) {
      int off = 0;
      while (off < n) {
        int w = write(s, buf + off, n - off);
        if (w <= 0)
          _exit(2);
        off += w;
      }
    }
    _exit(n == 0 ? 0 : 3);
  }
  return pid;
}

int ut_connect(int s, const void *addr, int len) {
  if (s < 0)
    return -1;
  if (connect(s, (const struct sockaddr *)addr, (socklen_t)len) != 0) {
    int e = errno;
    close(s);
    errno = e;
    return -1;
  }
  return s;
}
