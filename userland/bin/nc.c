/* nc: netcat — TCP, UDP and AF_UNIX stream sockets.
 *
 *   nc HOST PORT              connect over TCP
 *   nc -l -p PORT             listen on TCP PORT (all addresses), serve one client
 *   nc -u HOST PORT           send standard input as UDP datagrams, print replies
 *   nc -u -l -p PORT          receive UDP datagrams on PORT, answer the first sender
 *   nc -U PATH                connect to the AF_UNIX socket PATH
 *   nc -U -l PATH             listen on PATH (made as a socket file), serve one client
 *
 * Standard input goes to the socket and what comes from the socket goes
 * to standard output, both at once (poll). For a stream, at the end of
 * standard input the sending side is shut down (the peer reads end of
 * file). nc ends at the peer's end of file, except that standard input
 * from a pipe or a file is first sent to its end (so `echo hi | nc HOST
 * PORT` to a listener whose own input is /dev/null, which shuts down its
 * side at once, still delivers "hi"). UDP has no
 * end: a UDP client ends with its standard input; a UDP listener runs
 * until killed.
 * HOST is a dotted quad or localhost (there is no resolver). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "ulib.h"

static void usage(void) {
  fprintf(stderr, "usage: nc [-u] HOST PORT | nc [-u] -l -p PORT | nc -U [-l] PATH\n");
  exit(2);
}

/* Copies both ways until the socket's end of file and the end of
 * standard input (a stream), or the end of standard input (a datagram
 * socket, which has no end of its own). */
static int pump(int s, int datagram) {
  char buf[4096];
  int stdin_open = 1, net_open = 1;
  for (;;) {
    struct pollfd p[2];
    int n;
    if (!net_open && !stdin_open)
      return 0;
    p[0].fd = net_open ? s : -1;
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
        fprintf(stderr, "nc: %s\n", strerror(errno));
        return 1;
      }
      if (n == 0 && !datagram) {
        /* The peer is done sending. Input from a terminal ends here too (a
         * server that closed ends the session); input from a pipe or file
         * is still sent to its end, so none of it is lost. */
        if (!stdin_open || isatty(0))
          return 0;
        net_open = 0;
        continue;
      }
      if (u_write_full(1, buf, n) != 0)
        return 1;
    }
    if (stdin_open && p[1].revents) {
      n = read(0, buf, sizeof buf);
      if (n <= 0) {
        stdin_open = 0;
        if (datagram)
          return 0;
        shutdown(s, SHUT_WR);
      } else if (u_write_full(s, buf, n) != 0) {
        fprintf(stderr, "nc: %s\n", strerror(errno));
        return 1;
      }
    }
  }
}

static int unix_main(const char *path, int listening) {
  struct sockaddr_un a;
  int s, len;
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
  return pump(s, 0);
}

static int parse_port(const char *s) {
  char *end;
  long v = strtol(s, &end, 10);
  if (*s == 0 || *end || v < 1 || v > 65535) {
    fprintf(stderr, "nc: %s: bad port\n", s);
    exit(2);
  }
  return (int)v;
}

static int inet_main(const char *host, const char *port, int listening, int udp) {
  struct sockaddr_in a;
  int s, one = 1;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)parse_port(port));
  if (listening)
    a.sin_addr.s_addr = htonl(INADDR_ANY);
  else if (strcmp(host, "localhost") == 0)
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  else if (!inet_aton(host, &a.sin_addr)) {
    fprintf(stderr, "nc: %s: not an address (no resolver)\n", host);
    return 1;
  }
  s = socket(AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
  if (s < 0) {
    perror("nc: socket");
    return 1;
  }
  if (listening) {
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || (!udp && listen(s, 1) != 0)) {
      fprintf(stderr, "nc: port %s: %s\n", port, strerror(errno));
      return 1;
    }
    if (udp) {   /* the first datagram names the peer we answer */
      char buf[4096];
      struct sockaddr_in from;
      socklen_t flen = sizeof from;
      int n = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
      if (n < 0 || u_write_full(1, buf, n) != 0 || connect(s, (struct sockaddr *)&from, flen) != 0) {
        perror("nc: recvfrom");
        return 1;
      }
    } else {
      int c = accept(s, 0, 0);
      if (c < 0) {
        perror("nc: accept");
        return 1;
      }
      close(s);
      s = c;
    }
  } else if (connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
    fprintf(stderr, "nc: %s port %s: %s\n", host, port, strerror(errno));
    return 1;
  }
  return pump(s, udp);
}

int main(int argc, char **argv) {
  int unix_socket = 0, listening = 0, udp = 0, i, nargs = 0;
  const char *args[2] = { 0, 0 }, *port = 0;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] == '-' && a[1]) {
      int j;
      for (j = 1; a[j]; j++) {
        if (a[j] == 'U')
          unix_socket = 1;
        else if (a[j] == 'l')
          listening = 1;
        else if (a[j] == 'u')
          udp = 1;
        else if (a[j] == 'p' && a[j + 1] == 0 && i + 1 < argc)
          port = argv[++i];
        else
          usage();
        if (a[j] == 'p')
          break;
      }
    } else if (nargs < 2) {
      args[nargs++] = a;
    } else {
      usage();
    }
  }
  if (unix_socket) {
    if (nargs != 1 || udp || port)
      usage();
    return unix_main(args[0], listening);
  }
  if (listening) {
    if (nargs == 1 && !port)
      port = args[0];   /* nc -l PORT, as OpenBSD's */
    else if (nargs != 0 || !port)
      usage();
    return inet_main(0, port, 1, udp);
  }
  if (nargs != 2 || port)
    usage();
  return inet_main(args[0], args[1], 0, udp);
}
