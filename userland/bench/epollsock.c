/* epollsock: the cost of one epoll_wait over 1,000 idle sockets with one
 * ready, per call (issue 12's "epoll_wait with 1,000 idle sockets").
 *
 *   epollsock [N]    N calls per measurement (default 1000)
 *
 * The set: 500 AF_UNIX datagram socketpairs, both ends watched for
 * EPOLLIN (1,000 idle sockets: nothing to read, peers open, so neither
 * readable nor hung up; datagram, because a stream socket's 16 KiB ring
 * times 1,000 would not fit the bench machine's 32 MiB), plus one pipe
 * with a byte waiting (Hako's datagram socketpairs cannot send yet: a
 * datagram goes only to a path name; level-triggered: reported
 * by every call). The descriptor table grows past its first 32 slots to
 * hold them, up to RLIMIT_NOFILE (1024 by default; set again in case the
 * shell lowered it: the bench runs as root). Prints "@result epoll-wait-sockets
 * idle_sockets=I calls=N per_call=P per_call_one_idle=Q" — the last with
 * one idle pair only, to show the cost follows the ready entries. */
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include "bench.h"

#define IDLE_SOCKETS 1000

static void watch(int ep, int fd) {
  struct epoll_event ev;
  ev.events = EPOLLIN;
  ev.data.fd = fd;
  if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) != 0) bench_fail("epollsock", "epoll_ctl");
}

static void add_idle_pair(int ep) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0) bench_fail("epollsock", "socketpair");
  watch(ep, sv[0]);
  watch(ep, sv[1]);
}

int main(int argc, char **argv) {
  unsigned n = bench_count(argc, argv, 1000);
  int ep = epoll_create1(0), ready[2], idle;
  const char *keys[4] = { "idle_sockets", "calls", "per_call", "per_call_one_idle" };
  unsigned values[4];
  struct rlimit nofile = { 1024, 1024 };
  if (setrlimit(RLIMIT_NOFILE, &nofile) != 0) bench_fail("epollsock", "setrlimit NOFILE 1024");
  if (ep < 0) bench_fail("epollsock", "epoll_create1");
  if (pipe(ready) != 0 || write(ready[1], "x", 1) != 1) bench_fail("epollsock", "the ready pipe");
  watch(ep, ready[0]);
  add_idle_pair(ep);
  values[3] = bench_epoll_wait_cost("epollsock", ep, n);
  for (idle = 2; idle < IDLE_SOCKETS; idle += 2) add_idle_pair(ep);
  bench_mark("epollsock-start");
  values[2] = bench_epoll_wait_cost("epollsock", ep, n);
  bench_mark("epollsock-end");
  values[0] = (unsigned)idle;
  values[1] = n;
  bench_result("epoll-wait-sockets", 4, keys, values);
  return 0;
}
