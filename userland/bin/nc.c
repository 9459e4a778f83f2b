/* nc: netcat for AF_UNIX stream sockets (TCP and UDP come with the
 * network stack).
 *
 *   nc -U PATH       connect to the socket PATH
 *   nc -U -l PATH    listen on PATH (made as a socket file), serve one client
 *
 * Standard input goes to the socket and what comes from the socket goes
 * to standard output, both at once (poll); at the end of standard input
 * the sending side is shut down (the peer reads end of file) and nc goes
 * on until the peer closes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

static void usage(void) {
  fprintf(stderr, "usage: nc -U [-l] PATH\n");
  exit(2);
}

static int write_all(int fd, const char *buf, int n) {
  int off = 0;
  while (off < n) {
    int w = write(fd, buf + off, n - off);
    if (w <= 0)
      return -1;
    off += w;
  }
  return 0;
}

/* Copies both ways until the socket's end of file. */
static int pump(int s) {
  char buf[4096];
  int stdin_open = 1;
  for (;;) {
    struct pollfd p[2];
    int n;
    p[0].fd = s;
    p[0].events = POLLIN;
    p[1].fd = stdin_open ? 0 : -1;
    p[1].events = POLLIN;
    if (poll(p, 2, -1) < 0) {
      if (errno == EINTR)
        continue;
      perror("nc: poll");
      return 1;
    }
    if (p[0].revents) {
      n = read(s, buf, sizeof buf);
      if (n < 0) {
        perror("nc: read");
        return 1;
      }
      if (n == 0)
        return 0;
      if (write_all(1, buf, n) != 0)
        return 1;
    }
    if (stdin_open && p[1].revents) {
      n = read(0, buf, sizeof buf);
      if (n <= 0) {
        stdin_open = 0;
        shutdown(s, SHUT_WR);
      } else if (write_all(s, buf, n) != 0) {
        perror("nc: write");
        return 1;
      }
    }
  }
}

int main(int argc, char **argv) {
  struct sockaddr_un a;
  int unix_socket = 0, listening = 0, i, s, len;
  const char *path = 0;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-U") == 0)
      unix_socket = 1;
    else if (strcmp(argv[i], "-l") == 0)
      listening = 1;
    else if (strcmp(argv[i], "-lU") == 0 || strcmp(argv[i], "-Ul") == 0)
      unix_socket = listening = 1;
    else if (argv[i][0] == '-' || path)
      usage();
    else
      path = argv[i];
  }
  if (!path)
    usage();
  if (!unix_socket) {
    fprintf(stderr, "nc: only -U (AF_UNIX) sockets for now\n");
    return 2;
  }
  if (strlen(path) >= sizeof a.sun_path) {
    fprintf(stderr, "nc: %s: path too long\n", path);
    return 1;
  }
  memset(&a, 0, sizeof a);
  a.sun_family = AF_UNIX;
  strcpy(a.sun_path, path);
  len = (int)(2 + strlen(path) + 1);
  s = socket(AF_UNIX, SOCK_STREAM, 0);
  if (s < 0) {
    perror("nc: socket");
    return 1;
  }
  if (listening) {
    int c;
    if (bind(s, (struct sockaddr *)&a, len) != 0 || listen(s, 1) != 0) {
      fprintf(stderr, "nc: %s: %s\n", path, strerror(errno));
      return 1;
    }
    c = accept(s, 0, 0);
    if (c < 0) {
      perror("nc: accept");
      return 1;
    }
    close(s);
    s = c;
  } else if (connect(s, (struct sockaddr *)&a, len) != 0) {
    fprintf(stderr, "nc: %s: %s\n", path, strerror(errno));
    return 1;
  }
  return pump(s);
}
