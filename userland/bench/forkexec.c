/* forkexec: the cost of starting a program and waiting for it — fork,
 * execve of /bin/true (the real one, on libc) and waitpid — per iteration.
 *
 *   forkexec [N]    N iterations (default 20)
 *
 * Method: N iterations timed with bench_tsc() in the parent. Everything
 * the machine does meanwhile is counted: the child's fork return, the
 * exec, /bin/true's whole run and exit, the parent's wait and the context
 * switches between them. The loop's own instructions (a few per
 * iteration) are not subtracted: they are below 0.01% of an iteration.
 * Prints "@result forkexec iterations=N total=T per_iteration=P". */
#include <unistd.h>
#include <sys/wait.h>
#include "bench.h"

extern char **environ;

int main(int argc, char **argv) {
  unsigned n = bench_count(argc, argv, 20);
  unsigned i, t0, t1;
  char *child_argv[2];
  child_argv[0] = "/bin/true";
  child_argv[1] = 0;

  bench_mark("forkexec-start");
  t0 = bench_tsc();
  for (i = 0; i < n; i++) {
    int status = -1;
    int pid = fork();
    if (pid == 0) {
      execve("/bin/true", child_argv, environ);
      _exit(127);
    }
    if (pid < 0) bench_fail("forkexec", "fork");
    if (waitpid(pid, &status, 0) != pid) bench_fail("forkexec", "waitpid");
    if (status != 0) bench_fail("forkexec", "/bin/true did not exit with status 0");
  }
  t1 = bench_tsc();
  bench_mark("forkexec-end");

  bench_result_per("forkexec", "iterations", "per_iteration", n, t1 - t0);
  return 0;
}
