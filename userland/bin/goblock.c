/* goblock: one goroutine blocks in read() on a pipe while two others keep
 * printing. With GOMAXPROCS=1 there is one P: the reader's M keeps it
 * going into read() (goro_read, Go's entersyscall), and sysmon, finding it
 * still in the call on its next look, retakes the P and hands it to
 * another M, so the printers go on; the last printer then writes the byte
 * the reader waits for. It prints how long the P stayed stuck.
 *   goblock   (GOMAXPROCS defaults to 1 here) */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sched.h>
#include <time.h>
#include <goro.h>

static int fds[2];
static goro_waitgroup wg;
static volatile int printed;
static long read_began, printer_began;

static long now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void reader(void *unused) {
  char c;
  long n;
  (void)unused;
  printf("reader: read() on M tid %d blocks...\n", gettid());
  read_began = now_us();
  n = goro_read(fds[0], &c, 1);
  printf("reader: read() returned %ld ('%c') after %d lines from the others\n", n, n == 1 ? c : '?', printed);
  goro_wg_done(&wg);
}

static void printer(void *arg) {
  int i;
  if (!printer_began) {
    printer_began = now_us();
    printf("printer %d: sysmon retook the P %ld us after read() began\n", (int)arg, printer_began - read_began);
  }
  for (i = 0; i < 3; i++) {
    printf("printer %d: line %d on M tid %d\n", (int)arg, i, gettid());
    printed++;
    goro_yield();
  }
  if (printed == 6)
    goro_write(fds[1], "x", 1);
  goro_wg_done(&wg);
}

static void start(void *unused) {
  (void)unused;
  goro_wg_add(&wg, 3);
  go(reader, 0);
  goro_yield(); /* the reader runs and blocks in read(), keeping the only P */
  go(printer, (void *)1);
  go(printer, (void *)2);
  goro_wg_wait(&wg);
}

int main(void) {
  struct goro_stats st;
  char *env = getenv("GOMAXPROCS");
  if (pipe(fds) < 0) {
    perror("goblock: pipe");
    return 1;
  }
  goro_main(start, 0, env ? 0 : 1);
  goro_stats(&st);
  printf("gomaxprocs=%d threads=%d handoffs=%d\n", st.gomaxprocs, st.threads, st.handoffs);
  return 0;
}
