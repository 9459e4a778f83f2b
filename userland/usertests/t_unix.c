/* t_unix.c: AF_UNIX sockets (issue 12) — a stream echo of 1 MiB checked
 * byte for byte between forked processes, the name as a socket inode
 * (EADDRINUSE while it exists, ECONNREFUSED once nobody listens or the
 * name names no socket), datagram boundaries and senders' names,
 * half-close with shutdown, EPIPE with SIGPIPE (and MSG_NOSIGNAL without),
 * non-blocking accept and full queues (EAGAIN), socketpair, readiness of
 * sockets under poll and epoll, names, options and socketcall (102).
 * test/kernel/unix-sockets.test.ts runs them. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

static int listener(const char *path, int type, int flags) {
  struct sockaddr_un a;
  int len = ut_unix_addr(&a, path);
  int s = socket(AF_UNIX, type | flags, 0);
  if (s < 0 || bind(s, (struct sockaddr *)&a, len) != 0)
    return -1;
  if (type == SOCK_STREAM && listen(s, 4) != 0)
    return -1;
  return s;
}

static int connect_to(const char *path, int type) {
  struct sockaddr_un a;
  int len = ut_unix_addr(&a, path);
  return ut_connect(socket(AF_UNIX, type, 0), &a, len);
}

static unsigned char pattern(unsigned int i) {
  return (unsigned char)(i * 7 + (i >> 9));
}

#define MIB (1024 * 1024)

static void unix_stream_echo_1mib(void) {
  int l, c, pid;
  unsigned int sent = 0, got = 0, bad = 0;
  static unsigned char buf[4096];
  l = listener("sock", SOCK_STREAM, 0);
  CHECK(l >= 0);
  pid = ut_echo_server(l);
  close(l);
  c = connect_to("sock", SOCK_STREAM);
  CHECK(c >= 0);
  /* write in 3000-byte pieces, read what came back in between */
  fcntl(c, F_SETFL, O_NONBLOCK);
  while (got < MIB) {
    if (sent < MIB) {
      unsigned char out[3000];
      unsigned int k, n = MIB - sent < sizeof out ? MIB - sent : sizeof out;
      int w;
      for (k = 0; k < n; k++)
        out[k] = pattern(sent + k);
      w = write(c, out, n);
      CHECK(w > 0 || errno == EAGAIN);
      if (w > 0)
        sent += (unsigned int)w;
      if (sent == MIB)
        CHECK(shutdown(c, SHUT_WR) == 0);
    }
    {
      struct pollfd p;
      int n, k;
      p.fd = c;
      p.events = POLLIN | (sent < MIB ? POLLOUT : 0);
      CHECK(poll(&p, 1, 5000) > 0);
      n = read(c, buf, sizeof buf);
      CHECK(n > 0 || (n < 0 && errno == EAGAIN));
      for (k = 0; k < n; k++)
        if (buf[k] != pattern(got + (unsigned int)k))
          bad++;
      if (n > 0)
        got += (unsigned int)n;
    }
  }
  CHECK(bad == 0 && got == MIB);
  fcntl(c, F_SETFL, 0);
  CHECK(read(c, buf, sizeof buf) == 0);   /* the server closed after our shutdown */
  CHECK(ut_wait_status(pid) == 0);
}

static void unix_names(void) {
  struct sockaddr_un a;
  struct stat st;
  socklen_t len;
  int l, c, s, d;
  l = listener("sock", SOCK_STREAM, 0);
  CHECK(l >= 0);
  CHECK(stat("sock", &st) == 0 && S_ISSOCK(st.st_mode));
  /* the name exists: EADDRINUSE, whatever is there */
  CHECK(listener("sock", SOCK_STREAM, 0) == -1 && errno == EADDRINUSE);
  CHECK(ut_write_file("file", "x", 1) == 1);
  CHECK(listener("file", SOCK_DGRAM, 0) == -1 && errno == EADDRINUSE);
  /* names as Linux gives them */
  len = sizeof a;
  CHECK(getsockname(l, (struct sockaddr *)&a, &len) == 0);
  CHECK(len == 2 + 5 && a.sun_family == AF_UNIX && strcmp(a.sun_path, "sock") == 0);
  c = connect_to("sock", SOCK_STREAM);
  CHECK(c >= 0);
  s = accept(l, 0, 0);
  CHECK(s >= 0);
  len = sizeof a;
  CHECK(getpeername(c, (struct sockaddr *)&a, &len) == 0 && strcmp(a.sun_path, "sock") == 0);
  len = sizeof a;
  CHECK(getsockname(c, (struct sockaddr *)&a, &len) == 0 && len == 2);   /* unbound */
  CHECK(getpeername(l, (struct sockaddr *)&a, &len) == -1 && errno == ENOTCONN);
  /* refused: not a socket, not listening, no such name, name removed */
  CHECK(connect_to("file", SOCK_STREAM) == -1 && errno == ECONNREFUSED);
  CHECK(connect_to("nothing", SOCK_STREAM) == -1 && errno == ENOENT);
  d = listener("dsock", SOCK_DGRAM, 0);
  CHECK(d >= 0);
  CHECK(connect_to("dsock", SOCK_STREAM) == -1 && errno == EPROTOTYPE);
  close(d);
  CHECK(connect_to("dsock", SOCK_DGRAM) == -1 && errno == ECONNREFUSED);   /* the inode stays, nobody behind it */
  CHECK(unlink("sock") == 0);
  CHECK(connect_to("sock", SOCK_STREAM) == -1 && errno == ENOENT);
  close(l);
  CHECK(listener("sock", SOCK_STREAM, 0) >= 0);   /* the name is free again */
  /* errors of the layer */
  CHECK_ERR(socket(AF_INET + 40, SOCK_STREAM, 0), EAFNOSUPPORT);
  CHECK_ERR(socket(AF_UNIX, 3, 0), ESOCKTNOSUPPORT);
  CHECK_ERR(listen(0, 1), ENOTSOCK);
  CHECK_ERR(listen(29, 1), EBADF);
}

static void unix_dgram(void) {
  struct sockaddr_un from, to;
  socklen_t flen;
  char buf[64];
  int srv, cli, tolen, n = 0;
  srv = listener("srv", SOCK_DGRAM, 0);
  cli = listener("cli", SOCK_DGRAM, SOCK_NONBLOCK);
  CHECK(srv >= 0 && cli >= 0);
  tolen = ut_unix_addr(&to, "srv");
  CHECK(sendto(cli, "one", 3, 0, (struct sockaddr *)&to, tolen) == 3);
  CHECK(sendto(cli, "two!", 4, 0, (struct sockaddr *)&to, tolen) == 4);
  CHECK(sendto(cli, "", 0, 0, (struct sockaddr *)&to, tolen) == 0);
  flen = sizeof from;
  CHECK(recvfrom(srv, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen) == 3 && memcmp(buf, "one", 3) == 0);
  CHECK(strcmp(from.sun_path, "cli") == 0 && flen == 2 + 4);
  CHECK(recv(srv, buf, 2, 0) == 2 && memcmp(buf, "tw", 2) == 0);   /* the rest of "two!" is dropped */
  CHECK(recv(srv, buf, sizeof buf, 0) == 0);                        /* an empty datagram */
  CHECK(recv(cli, buf, sizeof buf, 0) == -1 && errno == EAGAIN);
  /* connected: send and write without an address */
  CHECK(connect(cli, (struct sockaddr *)&to, tolen) == 0);
  CHECK(send(cli, "three", 5, 0) == 5 && write(cli, "4", 1) == 1);
  CHECK(read(srv, buf, sizeof buf) == 5 && read(srv, buf, sizeof buf) == 1 && buf[0] == '4');
  /* full: EAGAIN for a non-blocking sender */
  while (send(cli, buf, 64, 0) == 64)
    n++;
  CHECK(errno == EAGAIN && n > 10);
  /* nobody there */
  tolen = ut_unix_addr(&to, "gone");
  CHECK(sendto(cli, "x", 1, 0, (struct sockaddr *)&to, tolen) == -1 && errno == ENOENT);
  close(srv);
  tolen = ut_unix_addr(&to, "srv");
  CHECK(sendto(cli, "x", 1, 0, (struct sockaddr *)&to, tolen) == -1 && errno == ECONNREFUSED);
}

static int sigpipes;
static void on_pipe(int sig) {
  (void)sig;
  sigpipes++;
}

static void unix_half_close_and_epipe(void) {
  int sv[2];
  char buf[16];
  struct sigaction sa;
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  CHECK(write(sv[0], "abc", 3) == 3);
  CHECK(shutdown(sv[0], SHUT_WR) == 0);
  CHECK(read(sv[1], buf, sizeof buf) == 3);
  CHECK(read(sv[1], buf, sizeof buf) == 0);   /* end of file after the data */
  CHECK(write(sv[1], "back", 4) == 4);        /* the other way still works */
  CHECK(read(sv[0], buf, sizeof buf) == 4 && memcmp(buf, "back", 4) == 0);
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_pipe;
  sigaction(SIGPIPE, &sa, 0);
  CHECK_ERR(write(sv[0], "x", 1), EPIPE);
  CHECK(sigpipes == 1);
  CHECK_ERR(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
  CHECK(sigpipes == 1);
  CHECK_ERR(shutdown(sv[0], 7), EINVAL);
  /* the peer closes: end of file, then EPIPE */
  close(sv[1]);
  CHECK(read(sv[0], buf, sizeof buf) == 0);
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  close(sv[1]);
  CHECK_ERR(write(sv[0], "x", 1), EPIPE);
  CHECK(sigpipes == 2);
  /* SHUT_RD: reads see end of file at once */
  CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
  CHECK((fcntl(sv[0], F_GETFD) & FD_CLOEXEC) != 0);
  CHECK(shutdown(sv[0], SHUT_RD) == 0);
  CHECK(read(sv[0], buf, sizeof buf) == 0);
}

static void unix_nonblocking(void) {
  int l, c[8], s, i, n = 0;
  struct pollfd p;
  l = listener("sock", SOCK_STREAM, SOCK_NONBLOCK);
  CHECK(l >= 0);
  CHECK_ERR(accept(l, 0, 0), EAGAIN);
  p.fd = l;
  p.events = POLLIN;
  CHECK(poll(&p, 1, 0) == 0);
  c[0] = connect_to("sock", SOCK_STREAM);
  CHECK(c[0] >= 0);
  CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLIN);
  s = accept4(l, 0, 0, SOCK_NONBLOCK);
  CHECK(s >= 0 && (fcntl(s, F_GETFL) & O_NONBLOCK));
  CHECK_ERR(read(s, &i, 1), EAGAIN);
  /* a full backlog: a non-blocking connect gets EAGAIN */
  for (i = 1; i < 8; i++) {
    struct sockaddr_un a;
    int len = ut_unix_addr(&a, "sock");
    c[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (connect(c[i], (struct sockaddr *)&a, len) == 0)
      n++;
    else
      break;
  }
  CHECK(i < 8 && errno == EAGAIN && n == 5);   /* backlog 4: 5 wait, as Linux */
  /* a stream fills up: EAGAIN for a non-blocking writer */
  {
    char buf[1024];
    int w = 0;
    fcntl(c[0], F_SETFL, O_NONBLOCK);
    memset(buf, 1, sizeof buf);
    while (write(c[0], buf, sizeof buf) > 0)
      w++;
    CHECK(errno == EAGAIN && w >= 8);
    p.fd = c[0];
    p.events = POLLOUT;
    CHECK(poll(&p, 1, 0) == 0);
    CHECK(read(s, buf, sizeof buf) > 0);
    CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLOUT);
  }
}

static void unix_epoll_and_opts(void) {
  int sv[2], ep, v;
  socklen_t len;
  struct epoll_event ev, out[2];
  CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  ep = epoll_create1(0);
  ev.events = EPOLLIN | EPOLLET;
  ev.data.u64 = 42;
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], &ev) == 0);
  CHECK(epoll_wait(ep, out, 2, 0) == 0);
  CHECK(write(sv[0], "hi", 2) == 2);
  CHECK(epoll_wait(ep, out, 2, 1000) == 1 && out[0].data.u64 == 42 && out[0].events == EPOLLIN);
  CHECK(epoll_wait(ep, out, 2, 0) == 0);   /* edge: once */
  close(sv[0]);
  CHECK(epoll_wait(ep, out, 2, 0) == 1 && (out[0].events & EPOLLHUP));
  /* options */
  len = sizeof v;
  CHECK(getsockopt(sv[1], SOL_SOCKET, SO_TYPE, &v, &len) == 0 && v == SOCK_STREAM && len == 4);
  CHECK(getsockopt(sv[1], SOL_SOCKET, SO_ERROR, &v, &len) == 0 && v == 0);
  v = 1;
  CHECK(setsockopt(sv[1], SOL_SOCKET, SO_REUSEADDR, &v, sizeof v) == 0);
  CHECK(getsockopt(sv[1], SOL_SOCKET, SO_REUSEADDR, &v, &len) == 0 && v == 1);
  v = 4096;
  CHECK(setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &v, sizeof v) == 0);
  CHECK(getsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &v, &len) == 0 && v == 8192);
  CHECK_ERR(getsockopt(sv[1], SOL_SOCKET, 999, &v, &len), ENOPROTOOPT);
  /* socketcall (102): socket and socketpair through the old door */
  {
    unsigned int args[4];
    int fds[2], r;
    args[0] = AF_UNIX;
    args[1] = SOCK_STREAM;
    args[2] = 0;
    args[3] = (unsigned int)fds;
    r = ut_syscall3(102, SYS_SOCKETPAIR, (int)args, 0);
    CHECK(r == 0);
    CHECK(write(fds[0], "sc", 2) == 2 && read(fds[1], &v, 4) == 2);
    CHECK(ut_syscall3(102, 99, (int)args, 0) == -EINVAL);
  }
}

/* A datagram socketpair: each send is one message to the other end (which
 * has no name), both ways; once one end is closed the other's next send is
 * ECONNREFUSED, and ENOTCONN after that (as Linux). */
static void unix_dgram_socketpair(void) {
  int sv[2];
  char buf[16];
  CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
  CHECK(send(sv[0], "ab", 2, 0) == 2);
  CHECK(send(sv[0], "cde", 3, 0) == 3);
  CHECK(recv(sv[1], buf, sizeof buf, 0) == 2 && memcmp(buf, "ab", 2) == 0);
  CHECK(recv(sv[1], buf, sizeof buf, 0) == 3 && memcmp(buf, "cde", 3) == 0);
  CHECK(write(sv[1], "back", 4) == 4);
  CHECK(read(sv[0], buf, sizeof buf) == 4 && memcmp(buf, "back", 4) == 0);
  CHECK(close(sv[1]) == 0);
  CHECK_ERR(send(sv[0], "x", 1, 0), ECONNREFUSED);
  CHECK_ERR(send(sv[0], "x", 1, 0), ENOTCONN);   /* Linux forgets the dead peer after telling once */
  close(sv[0]);
}

struct ut_case ut_unix_cases[] = {
  { "unix_stream_echo_1mib", unix_stream_echo_1mib },
  { "unix_names", unix_names },
  { "unix_dgram", unix_dgram },
  { "unix_half_close_and_epipe", unix_half_close_and_epipe },
  { "unix_nonblocking", unix_nonblocking },
  { "unix_epoll_and_opts", unix_epoll_and_opts },
  { "unix_dgram_socketpair", unix_dgram_socketpair },
  { 0, 0 },
};
