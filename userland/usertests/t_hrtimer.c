/* t_hrtimer.c: sleeps that end at a microsecond deadline (the kernel's
 * high-resolution timers, kernel/proc/hrtimer.c, on the timer's one-shot
 * compare) rather than at the next 10 ms tick: nanosleep and a futex
 * timeout last what was asked plus a few µs of kernel path, the time left
 * after a signal is exact to the µs, sleepers of different lengths wake in
 * deadline order, clock_nanosleep sleeps for or until a time, and poll,
 * select and epoll_wait time out as precisely. Guest
 * time is CLOCK_MONOTONIC (µs). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <futex.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "ut.h"

/* The kernel's path around a sleep (system call, timer interrupt,
 * wakeup, switch back) in emulated µs, with room to spare; the tick a
 * sleep used to wait for is 10000 µs. */
enum { SLACK_US = 300 };

static long now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void nanosleep_50us(void) {
  int i;
  for (i = 0; i < 10; i++) {
    struct timespec ts = { 0, 50000 };
    long t0 = now_us(), took;
    CHECK(nanosleep(&ts, 0) == 0);
    took = now_us() - t0;
    CHECK(took >= 50 && took < 50 + SLACK_US);
  }
}

static void futex_timeout_100us(void) {
  int word = 7, i;
  for (i = 0; i < 5; i++) {
    struct timespec ts = { 0, 100000 };
    long t0 = now_us(), took;
    CHECK_ERR(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 7, &ts, 0, 0), ETIMEDOUT);
    took = now_us() - t0;
    CHECK(took >= 100 && took < 100 + SLACK_US);
  }
  {
    struct timespec zero = { 0, 0 };
    CHECK_ERR(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 7, &zero, 0, 0), ETIMEDOUT);
  }
}

static volatile int alarms;
static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

/* A 3 s sleep cut by SIGALRM after about 1 s: EINTR, and the time slept
 * plus the time left in rem is the 3 s asked, to within the kernel path. */
static void nanosleep_rem_exact(void) {
  struct timespec req = { 3, 0 }, rem = { 0, 0 };
  long t0, slept, left;
  CHECK(signal(SIGALRM, on_alarm) != SIG_ERR);
  alarm(1);
  t0 = now_us();
  CHECK_ERR(nanosleep(&req, &rem), EINTR);
  slept = now_us() - t0;
  CHECK(alarms == 1);
  left = rem.tv_sec * 1000000L + rem.tv_nsec / 1000;
  CHECK(rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000);
  CHECK(slept > 900000 && left > 1000000);
  CHECK(slept + left >= 3000000 - SLACK_US && slept + left <= 3000000 + SLACK_US);
}

/* Three children released together sleep 3, 1 and 2 ms: they report in
 * the order their deadlines fall, all within 3 ms and the kernel path of
 * the release (on ticks, all three would wait for the same tick). */
static void sleepers_wake_in_order(void) {
  static const int sleep_us[3] = { 3000, 1000, 2000 };
  int go[2], done[2], i, pids[3];
  char order[4], c;
  long t0, took;
  CHECK(pipe(go) == 0 && pipe(done) == 0);
  for (i = 0; i < 3; i++) {
    pids[i] = fork();
    CHECK(pids[i] >= 0);
    if (pids[i] == 0) {
      struct timespec ts = { 0, sleep_us[i] * 1000L };
      char id = (char)('a' + i);
      if (read(go[0], &c, 1) != 1)
        _exit(1);
      nanosleep(&ts, 0);
      _exit(write(done[1], &id, 1) == 1 ? 0 : 1);
    }
  }
  {
    struct timespec settle = { 0, 20000000 }; /* the children reach their read */
    nanosleep(&settle, 0);
  }
  t0 = now_us();
  CHECK(write(go[1], "xxx", 3) == 3);
  for (i = 0; i < 3; i++)
    CHECK(read(done[0], &order[i], 1) == 1);
  took = now_us() - t0;
  order[3] = 0;
  CHECK(strcmp(order, "bca") == 0);
  CHECK(took >= 3000 && took < 3000 + 3 * SLACK_US);
  for (i = 0; i < 3; i++) {
    int st = ut_wait_status(pids[i]);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  }
}

/* clock_nanosleep: relative like nanosleep; TIMER_ABSTIME until the
 * clock reads req (CLOCK_MONOTONIC and CLOCK_REALTIME), at once when that
 * is past; errors come back as the return value, errno untouched. */
static void clock_nanosleep_forms(void) {
  struct timespec now, until, rel = { 0, 80000 }, bad = { 0, 1000000000 };
  long t0, took, target;
  t0 = now_us();
  CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, &rel, 0) == 0);
  took = now_us() - t0;
  CHECK(took >= 80 && took < 80 + SLACK_US);

  CHECK(clock_gettime(CLOCK_MONOTONIC, &now) == 0);
  target = now.tv_sec * 1000000L + now.tv_nsec / 1000 + 150;
  until.tv_sec = target / 1000000L;
  until.tv_nsec = (target % 1000000L) * 1000L;
  CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, 0) == 0);
  took = now_us() - target;
  CHECK(took >= 0 && took < SLACK_US);

  CHECK(clock_gettime(CLOCK_REALTIME, &now) == 0);
  until.tv_sec = now.tv_sec;
  until.tv_nsec = now.tv_nsec + 200000;
  if (until.tv_nsec >= 1000000000) {
    until.tv_sec++;
    until.tv_nsec -= 1000000000;
  }
  t0 = now_us();
  CHECK(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &until, 0) == 0);
  took = now_us() - t0;
  CHECK(took >= 190 && took < 200 + SLACK_US);

  until.tv_sec = 0; /* long past on CLOCK_MONOTONIC */
  until.tv_nsec = 5;
  t0 = now_us();
  CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, 0) == 0);
  CHECK(now_us() - t0 < SLACK_US);

  errno = 0;
  CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, 0) == EINVAL);
  CHECK(clock_nanosleep(5, 0, &rel, 0) == EINVAL);
  CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, (struct timespec *)16, 0) == EFAULT);
  CHECK(errno == 0);
}

/* poll's, epoll_wait's and select's timeouts on an idle pipe end 1 ms
 * (select: 700 µs) later, not on a tick; select writes back 0 left, and
 * the time left when a write ends its wait early. */
static void poll_select_epoll_timeouts(void) {
  int fds[2], ep, pid;
  long t0, took;
  struct pollfd p;
  struct epoll_event ev, got;
  struct timeval tv;
  fd_set rd;
  CHECK(pipe(fds) == 0);
  p.fd = fds[0];
  p.events = POLLIN;
  t0 = now_us();
  CHECK(poll(&p, 1, 1) == 0);
  took = now_us() - t0;
  CHECK(took >= 1000 && took < 1000 + SLACK_US);

  ep = epoll_create1(0);
  CHECK(ep >= 0);
  ev.events = EPOLLIN;
  ev.data.u32 = 7;
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev) == 0);
  t0 = now_us();
  CHECK(epoll_wait(ep, &got, 1, 1) == 0);
  took = now_us() - t0;
  CHECK(took >= 1000 && took < 1000 + SLACK_US);

  FD_ZERO(&rd);
  FD_SET(fds[0], &rd);
  tv.tv_sec = 0;
  tv.tv_usec = 700;
  t0 = now_us();
  CHECK(select(fds[0] + 1, &rd, 0, 0, &tv) == 0);
  took = now_us() - t0;
  CHECK(took >= 700 && took < 700 + SLACK_US);
  CHECK(tv.tv_sec == 0 && tv.tv_usec == 0);

  /* a child writes after about 2 ms of a 1 s select: about 998 ms left */
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    struct timespec ts = { 0, 2000000 };
    nanosleep(&ts, 0);
    _exit(write(fds[1], "x", 1) == 1 ? 0 : 1);
  }
  FD_ZERO(&rd);
  FD_SET(fds[0], &rd);
  tv.tv_sec = 1;
  tv.tv_usec = 0;
  t0 = now_us();
  CHECK(select(fds[0] + 1, &rd, 0, 0, &tv) == 1);
  took = now_us() - t0;
  CHECK(tv.tv_sec == 0 && tv.tv_usec > 0);
  CHECK(took + tv.tv_usec >= 1000000 - SLACK_US && took + tv.tv_usec <= 1000000 + SLACK_US);
  CHECK(WEXITSTATUS(ut_wait_status(pid)) == 0);
  close(ep);
  close(fds[0]);
  close(fds[1]);
}

/* A sleep whose deadline falls while its timer is being armed must still
 * end: sleeps of 1-3 us put the deadline there again and again, and a
 * child that does 3000 of them must be done within a second (a lost
 * wakeup would leave it asleep for ever). */
static void tiny_sleeps_child(void) {
  int i;
  for (i = 0; i < 3000; i++) {
    struct timespec ts;
    ts.tv_sec = 0;
    ts.tv_nsec = 1000L * (1 + i % 3);
    if (nanosleep(&ts, 0) != 0)
      _exit(2);
  }
}

static void tiny_sleeps_never_lost(void) {
  int pid = fork(), st = 0, waited = 0, r;
  CHECK(pid >= 0);
  if (pid == 0) {
    tiny_sleeps_child();
    _exit(0);
  }
  while ((r = waitpid(pid, &st, WNOHANG)) == 0 && waited < 100) {
    struct timespec ts = { 0, 10000000L };
    nanosleep(&ts, 0);
    waited++;
  }
  if (r == 0) {
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
  }
  CHECK(r == pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

struct ut_case ut_hrtimer_cases[] = {
  { "hrtimer_nanosleep_50us", nanosleep_50us },
  { "hrtimer_futex_timeout", futex_timeout_100us },
  { "hrtimer_nanosleep_rem", nanosleep_rem_exact },
  { "hrtimer_sleepers_in_order", sleepers_wake_in_order },
  { "hrtimer_clock_nanosleep", clock_nanosleep_forms },
  { "hrtimer_poll_timeouts", poll_select_epoll_timeouts },
  { "hrtimer_tiny_sleeps", tiny_sleeps_never_lost },
  { 0, 0 },
};
