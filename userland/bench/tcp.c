/* tcp: the loopback TCP stack's throughput and connection cost.
 *
 *   tcp [MIB] [CONNS]   MIB mebibytes through one connection (default 4),
 *                       CONNS connect+accept+close rounds (default 100)
 *
 * Throughput: a child writes MIB MiB in 16 KiB writes to a connection on
 * 127.0.0.1, the parent reads them all (the stack copies each byte into
 * the send ring, a segment, the receive queue's copy of the frame, the
 * receive ring, and the reader's buffer; checksums twice); counted with
 * bench_tsc() in the parent, which counts every process's instructions
 * and the kernel's. Connection setup: connect (three-way handshake),
 * accept and close of both ends, per round, in one process.
 * Prints "@result tcp-throughput bytes=B total=T bytes_per_minstr=R" and
 * "@result tcp-connect rounds=N total=T per_round=P". */
#include <unistd.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include "bench.h"

static int listener(struct sockaddr_in *a) {
  socklen_t len = sizeof *a;
  int l = socket(AF_INET, SOCK_STREAM, 0);
  memset(a, 0, sizeof *a);
  a->sin_family = AF_INET;
  a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (l < 0 || bind(l, (struct sockaddr *)a, sizeof *a) != 0 || listen(l, 8) != 0) bench_fail("tcp", "listen");
  if (getsockname(l, (struct sockaddr *)a, &len) != 0) bench_fail("tcp", "getsockname");
  return l;
}

static char buf[16384];

int main(int argc, char **argv) {
  unsigned mib = bench_count(argc, argv, 4), rounds = argc > 2 ? bench_count(argc - 1, argv + 1, 100) : 100;
  unsigned total = mib << 20, got = 0, t0, t1, t2, t3, i;
  struct sockaddr_in a;
  int l = listener(&a), c, s, pid, status = -1, n;
  const char *tkeys[3] = { "bytes", "total", "bytes_per_minstr" };
  unsigned values[3];

  c = socket(AF_INET, SOCK_STREAM, 0);
  if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof a) != 0) bench_fail("tcp", "connect");
  s = accept(l, 0, 0);
  if (s < 0) bench_fail("tcp", "accept");
  pid = fork();
  if (pid < 0) bench_fail("tcp", "fork");
  if (pid == 0) {
    unsigned sent = 0;
    close(s);
    memset(buf, 'x', sizeof buf);
    while (sent < total) {
      int w = write(c, buf, sizeof buf);
      if (w <= 0) _exit(2);
      sent += (unsigned)w;
    }
    _exit(0);
  }
  close(c);
  bench_mark("tcp-start");
  t0 = bench_tsc();
  while (got < total && (n = read(s, buf, sizeof buf)) > 0) got += (unsigned)n;
  t1 = bench_tsc();
  bench_mark("tcp-end");
  if (got != total) bench_fail("tcp", "short read");
  if (waitpid(pid, &status, 0) != pid || status != 0) bench_fail("tcp", "the writer failed");
  close(s);
  values[0] = total;
  values[1] = t1 - t0;
  values[2] = (unsigned)((unsigned long long)total * 1000000u / (t1 - t0));
  bench_result("tcp-throughput", 3, tkeys, values);

  bench_mark("connect-start");
  t2 = bench_tsc();
  for (i = 0; i < rounds; i++) {
    c = socket(AF_INET, SOCK_STREAM, 0);
    if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof a) != 0) bench_fail("tcp", "connect");
    s = accept(l, 0, 0);
    if (s < 0) bench_fail("tcp", "accept");
    close(c);
    close(s);
  }
  t3 = bench_tsc();
  bench_mark("connect-end");
  bench_result_per("tcp-connect", "rounds", "per_round", rounds, t3 - t2);
  return 0;
}
