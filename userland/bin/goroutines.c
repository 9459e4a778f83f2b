/* goroutines: start N goroutines (default 10000) that all stay alive,
 * blocked on one channel, and print what they cost in resident memory
 * (VmRSS of /proc/self/status, and MemFree of /proc/meminfo, which also
 * sees page tables and kernel memory, before and after). Each has a 96 KiB
 * stack (above a guard page) of which it touches one page, so a goroutine
 * costs about 4 KiB;
 * compare `threads 100`, whose threads cost the kernel more. With SECONDS,
 * the main goroutine sleeps that long (in a system call: sysmon retakes
 * its P) before releasing them, so a debugger can watch them all waiting.
 *   goroutines [N [SECONDS]] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <goro.h>
#include "ulib.h"

static goro_chan *gate;
static goro_waitgroup started, finished;
static int count, hold_seconds;
static long rss_before, rss_alive, free_before, free_alive;

static void waiter(void *unused) {
  int v;
  (void)unused;
  goro_wg_done(&started);
  goro_recv(gate, &v);
  goro_wg_done(&finished);
}

static void run(void *unused) {
  int i;
  (void)unused;
  gate = goro_chan_make(sizeof(int), 0);
  goro_wg_add(&started, count);
  goro_wg_add(&finished, count);
  for (i = 0; i < count; i++)
    go(waiter, 0);
  goro_wg_wait(&started);
  rss_alive = u_proc_kb("/proc/self/status", "VmRSS");
  free_alive = u_proc_kb("/proc/meminfo", "MemFree");
  if (hold_seconds > 0) {
    printf("goroutines: %d waiting; holding them %d s\n", count, hold_seconds);
    fflush(stdout);
    goro_entersyscall();
    sleep(hold_seconds);
    goro_exitsyscall();
  }
  goro_close(gate);
  goro_wg_wait(&finished);
}

int main(int argc, char **argv) {
  struct goro_stats st;
  count = argc > 1 ? atoi(argv[1]) : 10000;
  hold_seconds = argc > 2 ? atoi(argv[2]) : 0;
  if (count <= 0 || hold_seconds < 0) {
    fprintf(stderr, "usage: goroutines [N [SECONDS]]\n");
    return 2;
  }
  rss_before = u_proc_kb("/proc/self/status", "VmRSS");
  free_before = u_proc_kb("/proc/meminfo", "MemFree");
  goro_main(run, 0, 0);
  printf("goroutines: %d alive at once, VmRSS %ld kB -> %ld kB: %ld bytes each; MemFree -%ld kB: %ld bytes each\n",
         count, rss_before, rss_alive, (rss_alive - rss_before) * 1024 / count,
         free_before - free_alive, (free_before - free_alive) * 1024 / count);
  goro_stats(&st);
  printf("gomaxprocs=%d threads=%d steals=%d global_takes=%d handoffs=%d switches=%d\n",
         st.gomaxprocs, st.threads, st.steals, st.global_takes, st.handoffs, st.switches);
  return 0;
}
