/* threads: start N kernel threads (default 100) from clone that all stay
 * alive, sleeping on a futex, and print what they cost in resident memory
 * (VmRSS, and MemFree, which also sees the kernel's per-thread memory,
 * before and after), for comparison with `goroutines 10000`. Each
 * thread has a 64 KiB stack, a size a C thread needs for ordinary calls
 * (glibc gives 8 MiB), touches its top page, and costs the kernel a task
 * with its own kernel stack besides (not counted in VmRSS).
 *   threads [N] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <futex.h>
#include <sys/mman.h>
#include <hako/sched.h>
#include "ulib.h"

enum { STACK = 65536 };
static int go_on;       /* futex: the threads wait for 1 */
enum { MAX_THREADS = 1000 };
static volatile char up[MAX_THREADS]; /* one flag per thread: no shared counter to race on */

static int sleeper(void *arg) {
  char frame[256];
  memset(frame, 1, sizeof frame); /* a call or two deep: the top page */
  up[(int)arg] = 1;
  while (!go_on)
    futex(&go_on, FUTEX_WAIT, 0, 0, 0, 0);
  return frame[0] - 1;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100, i, alive;
  long before, after, free_before, free_after;
  if (n <= 0 || n > MAX_THREADS) {
    fprintf(stderr, "usage: threads [N]\n");
    return 2;
  }
  before = u_proc_kb("/proc/self/status", "VmRSS");
  free_before = u_proc_kb("/proc/meminfo", "MemFree");
  for (i = 0; i < n; i++) {
    char *stack = mmap(0, STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (stack == MAP_FAILED || clone(sleeper, stack + STACK,
                                     CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM,
                                     (void *)i, 0, 0, 0) < 0) {
      perror("threads: clone");
      return 1;
    }
  }
  do {
    sched_yield();
    for (alive = 0, i = 0; i < n; i++)
      alive += up[i];
  } while (alive < n);
  after = u_proc_kb("/proc/self/status", "VmRSS");
  free_after = u_proc_kb("/proc/meminfo", "MemFree");
  printf("threads: %d alive at once, VmRSS %ld kB -> %ld kB: %ld bytes each; MemFree -%ld kB: %ld bytes each\n",
         n, before, after, (after - before) * 1024 / n,
         free_before - free_after, (free_before - free_after) * 1024 / n);
  go_on = 1;
  futex(&go_on, FUTEX_WAKE, n, 0, 0, 0);
  return 0;
}
