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
#include "bench.h"

static void add_idle_pipe(int ep) {
  int p[2];
  if (pipe(p) != 0) bench_fail("epoll", "pipe");
  bench_epoll_watch("epoll", ep, p[0]);
}

/* every pipe the descriptor table still holds */
static unsigned fill(int ep) {
  int p[2];
  unsigned idle = 1;
  for (; pipe(p) == 0; idle++)
    bench_epoll_watch("epoll", ep, p[0]);
  return idle;
}

int main(int argc, char **argv) {
  bench_epoll_wait("epoll", "epoll-wait", "idle_pipes", bench_count(argc, argv, 1000), add_idle_pipe, fill);
  return 0;
}
