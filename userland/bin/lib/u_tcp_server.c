/* u_tcp_server.c: what the demo TCP servers (echo-epoll, echo-threads,
 * httpd) share: their options, -p PORT and -n COUNT (serve COUNT clients,
 * then exit; -1, the default, is no end), and a listening socket on PORT
 * of every address. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include "ulib.h"

int u_server_options(const char *prog, const char *usage, int argc, char **argv, int *port, int *count,
                     int max_operands) {
  int c;
  char *end;
  while ((c = getopt(argc, argv, "p:n:")) != -1) {
    if (c == 'p') {
      long v = strtol(optarg, &end, 10);
      if (*end || v < 1 || v > 65535) {
        fprintf(stderr, "%s: %s: bad port\n", prog, optarg);
        return -1;
      }
      *port = (int)v;
    } else if (c == 'n') {
      *count = atoi(optarg);
    } else {
      fputs(usage, stderr);
      return -1;
    }
  }
  if (argc - optind > max_operands) {
    fputs(usage, stderr);
    return -1;
  }
  return optind;
}

int u_tcp_listen(int port, int backlog) {
  struct sockaddr_in a;
  int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0)
    return -1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_ANY);
  if (bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, backlog) < 0) {
    int e = errno;
    close(s);
    errno = e;
    return -1;
  }
  return s;
}
