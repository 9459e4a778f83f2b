/* t_goro.c: the G/M/P runtime (<goro.h>) — 10,000 goroutines complete on
 * GOMAXPROCS=2 with work stolen between the Ps, channel semantics (an
 * unbuffered rendezvous, a buffered channel's capacity, close and receive
 * with ok), a WaitGroup, and goroutines spread over more than one M; a P
 * retaken from a blocked system call but kept through short ones; stacks
 * that start small, grow, and end in a guard page. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <sys/wait.h>
#include <goro.h>
#include "../lib/sys/hako/goro_impl.h"
#include "ulib.h"
#include "ut.h"

enum { MANY = 10000 };
static int done_by[MANY];
static int tid_of[MANY];
static goro_waitgroup wg;
static goro_chan *tokens; /* a counting semaphore: at most LIVE workers at once */
enum { LIVE = 1000 };

static void worker(void *arg) {
  int i = (int)arg;
  done_by[i] = goro_id();
  if (i % 3 == 0)
    goro_yield();
  tid_of[i] = gettid();
  goro_recv(tokens, &i); /* give the token back */
  goro_wg_done(&wg);
}

static void spawn_many(void *unused) {
  int i;
  (void)unused;
  tokens = goro_chan_make(sizeof(int), LIVE);
  goro_wg_add(&wg, MANY);
  for (i = 0; i < MANY; i++) {
    goro_send(tokens, &i); /* blocks while LIVE workers are alive: bounds memory */
    go(worker, (void *)i);
  }
  goro_wg_wait(&wg);
}

static void ten_thousand_goroutines(void) {
  struct goro_stats st;
  int i, other_thread = 0;
  CHECK(goro_main(spawn_many, 0, 2) == 0);
  for (i = 0; i < MANY; i++) {
    CHECK(done_by[i] > 1);
    if (tid_of[i] != tid_of[0])
      other_thread = 1;
  }
  goro_stats(&st);
  CHECK(st.gomaxprocs == 2);
  CHECK(st.goroutines_made == MANY + 1);
  {
    /* dead Gs were reused: far fewer G structs exist than were made */
    struct goro_g *g;
    int structs = 0;
    for (g = *goro_debug.allg; g; g = g->alllink)
      structs++;
    CHECK(structs < 2 * LIVE);
  }
  CHECK(st.goroutines_live == 0 || st.goroutines_live == 1);
  CHECK(st.threads == 2);
  CHECK(st.steals > 0);        /* the second P found its queue empty and stole */
  CHECK(other_thread);         /* and so goroutines ran on both Ms */
}

/* ---- channels ---- */
static int log_[64], nlog;
static goro_chan *ch;

static void producer(void *arg) {
  int i, n = (int)arg;
  for (i = 1; i <= n; i++) {
    goro_send(ch, &i);
    log_[nlog++] = 100 + i; /* after the send returned */
  }
  goro_close(ch);
}

static void buffered_main(void *unused) {
  int v, sum = 0, got = 0;
  (void)unused;
  ch = goro_chan_make(sizeof(int), 3);
  go(producer, (void *)5);
  goro_yield(); /* the producer runs: 3 sends fit, the 4th blocks */
  log_[nlog++] = 1;
  while (goro_recv(ch, &v)) {
    sum += v;
    got++;
  }
  CHECK(got == 5 && sum == 15);
  CHECK(goro_recv(ch, &v) == 0 && v == 0); /* closed and drained: zero, !ok */
}

static void buffered_capacity_and_close(void) {
  CHECK(goro_main(buffered_main, 0, 1) == 0);
  /* three sends completed before main ran again, no more */
  CHECK(nlog >= 4);
  CHECK(log_[0] == 101 && log_[1] == 102 && log_[2] == 103 && log_[3] == 1);
}

static void echo(void *arg) {
  int v;
  (void)arg;
  while (goro_recv(ch, &v)) {
    log_[nlog++] = v;
    v = -v;
    goro_send(ch, &v);
  }
}

static void unbuffered_main(void *unused) {
  int i, v;
  (void)unused;
  ch = goro_chan_make(sizeof(int), 0);
  go(echo, 0);
  for (i = 1; i <= 10; i++) {
    goro_send(ch, &i);
    /* the send completed only once echo took the value */
    CHECK(nlog == i && log_[i - 1] == i);
    CHECK(goro_recv(ch, &v) == 1 && v == -i);
  }
  goro_close(ch);
}

static void unbuffered_rendezvous(void) {
  nlog = 0;
  CHECK(goro_main(unbuffered_main, 0, 2) == 0);
  CHECK(nlog == 10);
}

/* ---- a blocking read() with one P ---- */
static int pipefd[2];
static volatile int ticks, read_result, reader_started;
static char got_byte;
static long read_began_us, ticker_began_us;

static long now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void reader(void *unused) {
  (void)unused;
  reader_started = 1;
  read_began_us = now_us();
  read_result = goro_read(pipefd[0], &got_byte, 1);
  goro_wg_done(&wg);
}

static void ticker(void *unused) {
  (void)unused;
  ticker_began_us = now_us();
  while (ticks < 50) {
    ticks++;
    goro_yield();
  }
  /* the reader is in read() and has not returned: only now does its byte come */
  CHECK(reader_started && read_result == 0);
  CHECK(goro_write(pipefd[1], "x", 1) == 1);
  goro_wg_done(&wg);
}

static void block_main(void *unused) {
  (void)unused;
  goro_wg_add(&wg, 2);
  go(reader, 0);
  goro_yield(); /* the reader runs first and blocks, keeping the only P */
  go(ticker, 0);
  goro_wg_wait(&wg);
}

/* GOMAXPROCS=1: the reader blocks in the kernel keeping the only P, yet
 * the ticker runs: sysmon retook the P and handed it to another M. Not at
 * once: only once sysmon has seen the call on two looks at least 20 us
 * apart; and soon, since a fresh sysmon looks every 50 us (its nanosleep
 * ends on the kernel's µs timer, not on a 10 ms tick): under 1 ms, though
 * this first handoff also starts the second M (about 200 us measured) */
static void blocked_syscall_hands_off_p(void) {
  struct goro_stats st;
  long waited;
  CHECK(pipe(pipefd) == 0);
  CHECK(goro_main(block_main, 0, 1) == 0);
  CHECK(ticks == 50);
  CHECK(read_result == 1 && got_byte == 'x');
  goro_stats(&st);
  CHECK(st.handoffs >= 1);
  CHECK(st.threads >= 2);
  waited = ticker_began_us - read_began_us;
  if (waited < GORO_RETAKE_US || waited >= 1000)
    printf("  the ticker ran %ld us after the read began\n", waited);
  CHECK(waited >= GORO_RETAKE_US && waited < 1000);
}

/* ---- the retake latency, round after round ---- */
enum { ROUNDS = 20 };
static long began_us, latency_us[ROUNDS];
static int round_no;

static void measurer(void *unused) {
  (void)unused;
  latency_us[round_no] = now_us() - began_us;
  CHECK(goro_write(pipefd[1], "x", 1) == 1);
}

static void blocking_rounds(void *unused) {
  char c;
  (void)unused;
  for (round_no = 0; round_no < ROUNDS; round_no++) {
    go(measurer, 0); /* runnable on this P, behind the caller */
    began_us = now_us();
    CHECK(goro_read(pipefd[0], &c, 1) == 1);
  }
}

/* GOMAXPROCS=1, 20 times: a G blocks in read() with another G runnable
 * behind it on the only P; that G runs, on another M after sysmon's
 * retake, under 1 ms of guest time after the read began every time (the
 * first rounds also start the second M and touch fresh stacks), and in
 * the median round under 200 us (sysmon's two looks, 50 us apart plus
 * what a look costs on a 100 MHz machine). Each round is a handoff. */
static int compare_long(const void *a, const void *b) {
  long x = *(const long *)a, y = *(const long *)b;
  return x < y ? -1 : x > y;
}

static void retake_within_200us(void) {
  struct goro_stats st;
  long sorted[ROUNDS];
  int i;
  CHECK(pipe(pipefd) == 0);
  CHECK(goro_main(blocking_rounds, 0, 1) == 0);
  goro_stats(&st);
  CHECK(st.handoffs >= ROUNDS);
  memcpy(sorted, latency_us, sizeof sorted);
  qsort(sorted, ROUNDS, sizeof sorted[0], compare_long);
  if (sorted[0] < GORO_RETAKE_US || sorted[ROUNDS - 1] >= 1000 || sorted[ROUNDS / 2] >= 200) {
    printf("  retake latencies (us):");
    for (i = 0; i < ROUNDS; i++)
      printf(" %ld", latency_us[i]);
    printf("\n");
  }
  CHECK(sorted[0] >= GORO_RETAKE_US && sorted[ROUNDS - 1] < 1000);
  CHECK(sorted[ROUNDS / 2] < 200);
}

/* ---- short system calls keep their P ---- */
static int pids_ok;

static void getpid_burst(void *unused) {
  int i, pid = getpid();
  (void)unused;
  for (i = 0; i < 2000; i++) {
    goro_entersyscall();
    if (getpid() == pid)
      pids_ok++;
    goro_exitsyscall();
  }
  goro_wg_done(&wg);
}

static void burst_main(void *unused) {
  (void)unused;
  goro_wg_add(&wg, 2);
  go(getpid_burst, 0);
  go(getpid_burst, 0);
  goro_wg_wait(&wg);
}

/* 4000 getpid calls on GOMAXPROCS=1 with another G runnable all along:
 * each comes back to its P; almost none is handed off. sysmon looks every
 * 50 us, so a call the kernel preempts for another process for longer than
 * that is rightly retaken (Go's would be too): a stray one or two may
 * happen, depending on what else runs; a retake of short calls (one that
 * ignored syscalltick) would hand off hundreds, and so did 20 us looks on
 * the guest's clock, which is up to 41 us stale (dozens retaken). */
static void short_syscalls_keep_p(void) {
  struct goro_stats st;
  CHECK(goro_main(burst_main, 0, 1) == 0);
  goro_stats(&st);
  CHECK(pids_ok == 4000);
  CHECK(st.syscalls == 4000);
  if (st.handoffs > 0)
    printf("  %d of 4000 calls retaken, %d threads\n", (int)st.handoffs, (int)st.threads);
  CHECK(st.handoffs <= 3);
  CHECK(st.threads <= 2);
}

/* ---- GODEBUG=schedtrace ---- */
static void spin_work(void *arg) {
  int i;
  for (i = 0; i < 200; i++)
    goro_yield();
  goro_wg_done(&wg);
  (void)arg;
}

static void trace_main(void *unused) {
  int i;
  (void)unused;
  goro_wg_add(&wg, 400);
  for (i = 0; i < 400; i++)
    go(spin_work, 0);
  goro_wg_wait(&wg);
}

static void schedtrace_child(int out) {
  static char *env[] = { "GODEBUG=schedtrace=5", 0 };
  extern char **environ;
  environ = env;
  dup2(out, 2);
  goro_main(trace_main, 0, 2);
  _exit(0);
}

/* sysmon prints Go's schedtrace line every 5 ms while the work runs */
static void schedtrace_lines(void) {
  static char text[16384];
  int fds[2], pid, n = 0, r;
  char *line;
  CHECK(pipe(fds) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    schedtrace_child(fds[1]);
  }
  close(fds[1]);
  while (n < (int)sizeof text - 1 && (r = read(fds[0], text + n, sizeof text - 1 - n)) > 0)
    n += r;
  text[n] = 0;
  CHECK(ut_wait_status(pid) == 0);
  line = strstr(text, "SCHED 5ms: gomaxprocs=2 idleprocs=");
  CHECK(line != 0);
  CHECK(strstr(line, " spinningthreads=0 idlethreads=") != 0);
  CHECK(strstr(line, " runqueue=") != 0 && strchr(line, '[') != 0);
  CHECK(strstr(line, "] handoffs=0\n") != 0);
  CHECK(strstr(text, "SCHED 10ms: ") != 0);
}

/* ---- the goro_debug table, read the way a debugger reads it: raw words
 * at the documented offsets (docs/abi.md) ---- */
static int table_ok;

static void look_at_table(void *unused) {
  unsigned *t = (unsigned *)&goro_debug;
  char *p1;
  unsigned *g;
  int running = 0, waiting = 0, dead = 0, n = 0;
  (void)unused;
  CHECK(t[0] == 0x31504d47 && t[1] == 2);
  CHECK(t[3] == 1068);
  CHECK(t[9] == 98304 && t[10] == 4096);      /* stack and guard sizes */
  CHECK(((unsigned *)0x3ffff000)[0] == 0x4c504d47); /* the locator page */
  CHECK(((unsigned *)0x3ffff000)[1] == (unsigned)t);
  {
    /* this M (the thread pointer) holds a P (+36) that says so: P_RUNNING
     * at +1048, its M at +1052; the M is on the allm chain (+68) */
    unsigned m = (unsigned)__get_tp(), p = ((unsigned *)m)[9], a;
    CHECK(p == t[2] || p == t[2] + t[3]);
    CHECK(*(unsigned *)(p + 1048) == 1 && *(unsigned *)(p + 1052) == m);
    for (a = *(unsigned *)t[8]; a && a != m; a = ((unsigned *)a)[17])
      ;
    CHECK(a == m);
  }
  p1 = (char *)t[2] + t[3];
  CHECK(*(int *)p1 == 1);                     /* P 1's id at +0 */
  for (g = *(unsigned **)t[4]; g; g = (unsigned *)g[2]) {
    n++;
    if (g[1] == 1) running++;
    if (g[1] == 2) waiting++;
    if (g[1] == 3) dead++;
  }
  CHECK(n >= 2);
  CHECK(running == 1);                        /* this G */
  CHECK(waiting == 1);                        /* blocked on the channel */
  CHECK(dead == n - 2);                       /* the rest of the batch, unused */
  CHECK(((int *)t[5])[0] == 2);               /* stats.gomaxprocs */
  CHECK(((int *)t[5])[2] == 2);               /* stats.goroutines_made */
  table_ok = 1;
}

static void recv_forever(void *unused) {
  int v;
  (void)unused;
  goro_recv(ch, &v);
}

static void table_main(void *unused) {
  (void)unused;
  ch = goro_chan_make(sizeof(int), 0);
  go(recv_forever, 0);
  goro_yield();        /* the receiver blocks */
  look_at_table(0);
}

static void debug_table(void) {
  CHECK(goro_main(table_main, 0, 2) == 0);
  CHECK(table_ok);
}

/* ---- stack growth: a goroutine 64 KiB deep ---- */
static long deep_sum;
static long rss_shallow, rss_deep;

static long dive(int n) {
  volatile char frame[256];
  frame[0] = 1;
  frame[255] = 2;
  if (n == 0) {
    rss_deep = ut_proc_number("/proc/self/status", "VmRSS");
    return 0;
  }
  return n + frame[0] + frame[255] - 3 + dive(n - 1);
}

static void deep(void *unused) {
  (void)unused;
  rss_shallow = ut_proc_number("/proc/self/status", "VmRSS");
  deep_sum = dive(256); /* 256 frames of >256 bytes: more than 64 KiB */
}

static int pages_fresh, pages_deep;

static void deep_measured(void *unused) {
  (void)unused;
  pages_fresh = goro_stack_pages();
  deep_sum = dive(256);
  pages_deep = goro_stack_pages();
}

static void stack_grows(void) {
  struct goro_g *g;
  CHECK(goro_main(deep, 0, 1) == 0);
  CHECK(deep_sum == 256 * 257 / 2);
  /* the stack's pages became resident as the G went down: 64 KiB at least */
  CHECK(rss_shallow > 0 && rss_deep - rss_shallow >= 64);
  /* counted per G from /proc/self/pagemap: a fresh G has at most 8 KiB
   * resident, and 17 pages or more once 64 KiB deep */
  deep_sum = 0;
  CHECK(goro_main(deep_measured, 0, 1) == 0);
  CHECK(deep_sum == 256 * 257 / 2);
  CHECK(pages_fresh >= 1 && pages_fresh <= 2);
  CHECK(pages_deep >= 17 && pages_deep <= 24);
  /* the G keeps the count for a debugger (goro_debug's G, +60) */
  for (g = *goro_debug.allg; g; g = g->alllink)
    if (g->stack_pages == pages_deep)
      break;
  CHECK(g != 0);
}

/* ---- a stack overflow: the guard page, and a message naming the G ---- */
static long bottomless(int n) {
  volatile char frame[512];
  frame[0] = (char)n;
  return bottomless(n + 1) + frame[0];
}

static void overflow(void *unused) {
  (void)unused;
  bottomless(0);
}

static void overflow_main(void *unused) {
  (void)unused;
  go(overflow, 0);
  goro_yield();
  _exit(4); /* not reached: G 2's overflow ended the process */
}

static void stack_overflow_is_caught(void) {
  static char text[1024];
  int fds[2], pid, n = 0, r, status;
  CHECK(pipe(fds) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], 2);
    goro_main(overflow_main, 0, 1);
    _exit(5);
  }
  close(fds[1]);
  while (n < (int)sizeof text - 1 && (r = read(fds[0], text + n, sizeof text - 1 - n)) > 0)
    n += r;
  text[n] = 0;
  status = ut_wait_status(pid);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
  CHECK(strstr(text, "goro: fatal error: stack overflow in goroutine 2 (stack ") == text);
  CHECK(strstr(text, ", 96 KiB; esp ") != 0);
}

/* ---- preemption: a goroutine that never yields ---- */
static volatile int spinner_stop, other_ran;

static void spinner(void *unused) {
  (void)unused;
  while (!spinner_stop)
    ; /* no call into the runtime: only a signal can take the P away */
  goro_wg_done(&wg);
}

static void other(void *unused) {
  (void)unused;
  other_ran = 1;
  spinner_stop = 1;
  goro_wg_done(&wg);
}

static void preempt_main(void *unused) {
  (void)unused;
  goro_wg_add(&wg, 2);
  go(spinner, 0);
  goro_yield();      /* the spinner takes the only P and keeps it */
  go(other, 0);
  goro_wg_wait(&wg);
}

/* GOMAXPROCS=1: without preemption the spinner would hold the P forever */
static void spinner_is_preempted(void) {
  struct goro_stats st;
  CHECK(goro_main(preempt_main, 0, 1) == 0);
  CHECK(other_ran && spinner_stop);
  goro_stats(&st);
  CHECK(st.preemptions >= 1);
}

struct ut_case ut_goro_cases[] = {
  { "goro_ten_thousand", ten_thousand_goroutines },
  { "goro_buffered_close", buffered_capacity_and_close },
  { "goro_unbuffered", unbuffered_rendezvous },
  { "goro_blocking_read", blocked_syscall_hands_off_p },
  { "goro_short_syscalls", short_syscalls_keep_p },
  { "goro_retake_rounds", retake_within_200us },
  { "goro_schedtrace", schedtrace_lines },
  { "goro_debug_table", debug_table },
  { "goro_stack_grows", stack_grows },
  { "goro_stack_overflow", stack_overflow_is_caught },
  { "goro_preempt", spinner_is_preempted },
  { 0, 0 }
};
