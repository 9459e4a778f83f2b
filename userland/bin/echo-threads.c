/* echo-threads: a TCP echo server with one thread per connection (a demo
 * of /usr/share/demo, to compare with echo-epoll).
 *
 *   echo-threads [-p PORT] [-n COUNT]
 *
 * Listens on PORT (default 7008) of every address; the main thread only
 * accepts, and each connection gets a thread of its own that reads and
 * writes back with plain blocking calls until the client closes its side.
 * The code of a connection is straight-line, and a slow client holds only
 * its own thread; the price is a thread (a stack, a kernel task) per
 * client. With -n the server accepts COUNT clients, joins their threads
 * and exits; without it the threads are detached and it runs until killed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <signal.h>
#include <pthread.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "ulib.h"

#define MAX_JOINED 256
#define USAGE "usage: echo-threads [-p PORT] [-n COUNT]\n"

static void *serve(void *arg) {
  int c = (int)(long)arg;
  char buf[4096];
  int n;
  while ((n = read(c, buf, sizeof buf)) > 0) {
    int off = 0;
    while (off < n) {
      int w = write(c, buf + off, n - off);
      if (w <= 0)
        goto out;
      off += w;
    }
  }
out:
  close(c);
  return NULL;
}

int main(int argc, char **argv) {
  static pthread_t joined[MAX_JOINED];
  int port = 7008, count = -1, accepted = 0, i, s;
  if (u_server_options("echo-threads", USAGE, argc, argv, &port, &count, 0) < 0)
    return 2;
  if (count > MAX_JOINED) {
    fprintf(stderr, "echo-threads: -n at most %d\n", MAX_JOINED);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  s = u_tcp_listen(port, 64);
  if (s < 0) {
    fprintf(stderr, "echo-threads: port %d: %s\n", port, strerror(errno));
    return 1;
  }
  while (count < 0 || accepted < count) {
    pthread_t t;
    int c = accept(s, NULL, NULL), err;
    if (c < 0) {
      if (errno == EINTR)
        continue;
      perror("echo-threads: accept");
      return 1;
    }
    err = pthread_create(&t, NULL, serve, (void *)(long)c);
    if (err) {
      fprintf(stderr, "echo-threads: pthread_create: %s\n", strerror(err));
      close(c);
      continue;
    }
    if (count < 0)
      pthread_detach(t);
    else
      joined[accepted] = t;
    accepted++;
  }
  for (i = 0; i < accepted; i++)
    pthread_join(joined[i], NULL);
  return 0;
}
