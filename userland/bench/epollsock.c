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
#include <sys/socket.h>
#include <sys/resource.h>
#include "bench.h"

#define IDLE_SOCKETS 1000

static void add_idle_pair(int ep) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0) bench_fail("epollsock", "socketpair");
  bench_epoll_watch("epollsock", ep, sv[0]);
  bench_epoll_watch("epollsock", ep, sv[1]);
}

static unsigned fill(int ep) {
  unsigned idle;
  for (idle = 2; idle < IDLE_SOCKETS; idle += 2) add_idle_pair(ep);
  return idle;
}

int main(int argc, char **argv) {
  struct rlimit nofile = { 1024, 1024 };
  if (setrlimit(RLIMIT_NOFILE, &nofile) != 0) bench_fail("epollsock", "setrlimit NOFILE 1024");
  bench_epoll_wait("epollsock", "epoll-wait-sockets", "idle_sockets", bench_count(argc, argv, 1000), add_idle_pair, fill);
  return 0;
}
