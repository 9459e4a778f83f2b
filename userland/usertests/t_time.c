/* t_time.c: sleeping and the CPU — nanosleep's EINTR and remaining time
 * with a handler, its transparent restart (restart_syscall) after a stop
 * and continue without one, and a new child getting the CPU while its
 * parent keeps busy (the scheduler's placement of forked tasks). */
#include <unistd.h>
#include <signal.h>
#include <time.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

static volatile int alarms;

static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

static int ms_between(struct timespec *a, struct timespec *b) {
  return (b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

/* alarm(1) during a 3 s nanosleep: EINTR after 1 s, 2 s left in rem
 * (give or take the 10 ms tick). */
static void nanosleep_eintr_rem(void) {
  struct timespec req, rem;
  long left_ms;
  CHECK(signal(SIGALRM, on_alarm) != SIG_ERR);
  req.tv_sec = 3;
  req.tv_nsec = 0;
  rem.tv_sec = rem.tv_nsec = -1;
  alarm(1);
  CHECK_ERR(nanosleep(&req, &rem), EINTR);
  CHECK(alarms == 1);
  left_ms = rem.tv_sec * 1000 + rem.tv_nsec / 1000000;
  CHECK(left_ms >= 1980 && left_ms <= 2010);
  CHECK(rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000);
}

static void sleep_half_second(void) {
  struct timespec req, rem;
  req.tv_sec = 0;
  req.tv_nsec = 500000000;
  if (nanosleep(&req, &rem) != 0)
    _exit(1);
}

/* SIGSTOP then SIGCONT (no handler) during a 0.5 s nanosleep: the sleep
 * goes on to its deadline and returns 0, as Linux's restart_syscall. */
static void nanosleep_restarts_after_stop(void) {
  struct timespec t0, t1, pause;
  int pid, st;
  CHECK(clock_gettime(CLOCK_MONOTONIC, &t0) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    sleep_half_second();
    _exit(0);
  }
  pause.tv_sec = 0;
  pause.tv_nsec = 100000000;
  CHECK(nanosleep(&pause, 0) == 0);
  CHECK(kill(pid, SIGSTOP) == 0);
  CHECK(waitpid(pid, &st, WUNTRACED) == pid);
  CHECK(WIFSTOPPED(st));
  CHECK(nanosleep(&pause, 0) == 0);
  CHECK(kill(pid, SIGCONT) == 0);
  CHECK(waitpid(pid, &st, 0) == pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(clock_gettime(CLOCK_MONOTONIC, &t1) == 0);
  CHECK(ms_between(&t0, &t1) >= 500);
}

/* restart_syscall with nothing interrupted: EINTR, as Linux. */
static void restart_syscall_alone(void) {
  CHECK(ut_syscall3(0, 0, 0, 0) == -EINTR);
}

/* A child forked by a parent that then stays busy gets the CPU within a
 * few scheduler slices (2 ms each): the parent sees it exited long
 * before 50 ms of its own busy time have passed. */
static void forked_child_runs_while_parent_busy(void) {
  struct timespec t0, t;
  int pid, st, reaped = 0;
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0)
    _exit(7);
  CHECK(clock_gettime(CLOCK_MONOTONIC, &t0) == 0);
  do {
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t) == 0);
    if (waitpid(pid, &st, WNOHANG) == pid) {
      reaped = 1;
      break;
    }
  } while (ms_between(&t0, &t) < 50);
  CHECK(reaped);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

struct ut_case ut_time_cases[] = {
  { "nanosleep_eintr_rem", nanosleep_eintr_rem },
  { "nanosleep_restarts_after_stop", nanosleep_restarts_after_stop },
  { "restart_syscall_alone", restart_syscall_alone },
  { "forked_child_runs_while_parent_busy", forked_child_runs_while_parent_busy },
  { 0, 0 }
};
