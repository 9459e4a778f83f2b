/* epoll: the cost of one epoll_wait over a set of idle pipes with one
 * ready pipe, per call — and the same with one idle pipe, to show that
 * the cost follows the ready entries, not the size of the set.
 *
 *   epoll [N]        N calls per measurement (default 1000)
 *
 * The set: as many idle pipes' read ends as the descriptor table holds
 * (RLIMIT_NOFILE is 1024, so about 510 pipes; both ends stay open, so the
 * pipes are idle, not hung up; epollsock.c does 1,000 sockets), plus one pipe
 * holding a byte (level-triggered: reported by every call). Prints
 * "@result epoll-wait idle_pipes=I calls=N per_call=P per_call_one_idle=Q". */
#include <unistd.h>
#include <sys/epoll.h>
#include "bench.h"

int main(int argc, char **argv) {
  unsigned n = bench_count(argc, argv, 1000);
  int ep = epoll_create1(0), ready[2], p[2], idle = 0;
  struct epoll_event ev;
  const char *keys[4] = { "idle_pipes", "calls", "per_call", "per_call_one_idle" };
  unsigned values[4];
  if (ep < 0 || pipe(ready) != 0 || write(ready[1], "x", 1) != 1) bench_fail("epoll", "setup");
  ev.events = EPOLLIN;
  ev.data.fd = ready[0];
  if (epoll_ctl(ep, EPOLL_CTL_ADD, ready[0], &ev) != 0) bench_fail("epoll", "epoll_ctl");
  /* one idle pipe first */
  if (pipe(p) != 0) bench_fail("epoll", "pipe");
  ev.data.fd = p[0];
  if (epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) != 0) bench_fail("epoll", "epoll_ctl");
  idle = 1;
  values[3] = bench_epoll_wait_cost("epoll", ep, n);
  /* then every pipe the descriptor table still holds */
  while (pipe(p) == 0) {
    ev.data.fd = p[0];
    if (epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) != 0) bench_fail("epoll", "epoll_ctl");
    idle++;
  }
  bench_mark("epoll-start");
  values[2] = bench_epoll_wait_cost("epoll", ep, n);
  bench_mark("epoll-end");
  values[0] = (unsigned)idle;
  values[1] = n;
  bench_result("epoll-wait", 4, keys, values);
  return 0;
}
