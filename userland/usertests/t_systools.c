/* t_systools.c: what the system tools of issue 17 rely on — nanosleep's
 * EINTR and remaining time with a handler, its transparent restart
 * (restart_syscall) after a stop and continue without one, a new child
 * getting the CPU while its parent keeps busy (the scheduler's placement
 * of forked tasks), and statfs's figures (df). */
#include <unistd.h>
#include <signal.h>
#include <time.h>
#include <sys/wait.h>
#include <sys/statfs.h>
#include <fcntl.h>
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

/* statfs: ext2's figures move with a file's blocks; /proc is proc;
 * statfs64 wants Linux's 84-byte struct; bad paths and pointers fail. */
static void statfs_figures(void) {
  struct statfs a, b, c;
  unsigned int s64[21];
  static char data[12288];
  int fd;
  CHECK(statfs("/", &a) == 0);
  CHECK(a.f_type == 0xEF53 && a.f_bsize == 4096 && a.f_frsize == 4096 && a.f_namelen == 255);
  CHECK(a.f_blocks > 0 && a.f_bfree <= a.f_blocks && a.f_bavail <= a.f_bfree);
  CHECK(a.f_files > 0 && a.f_ffree < a.f_files);
  fd = open("three_blocks", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK(write(fd, data, sizeof data) == (int)sizeof data);
  CHECK(fstatfs(fd, &b) == 0);
  CHECK(close(fd) == 0);
  CHECK(b.f_blocks == a.f_blocks);
  CHECK(a.f_bfree - b.f_bfree >= 3 && a.f_bfree - b.f_bfree <= 4);   /* 3 data blocks, maybe a directory block */
  CHECK(a.f_ffree - b.f_ffree == 1);
  CHECK(unlink("three_blocks") == 0);
  CHECK(statfs(".", &c) == 0);
  CHECK(c.f_bfree - b.f_bfree >= 3 && c.f_ffree == a.f_ffree);
  CHECK(statfs("/proc", &c) == 0);
  CHECK(c.f_type == 0x9FA0 && c.f_blocks == 0);
  CHECK_ERR(statfs("/no/such/dir", &c), ENOENT);
  CHECK_ERR(statfs("/", (struct statfs *)0xC0100000), EFAULT);
  CHECK(ut_syscall3(268, (int)"/", 88, (int)s64) == -EINVAL);
  CHECK(ut_syscall3(268, (int)"/", 84, (int)s64) == 0);
  CHECK(s64[0] == 0xEF53 && s64[1] == 4096 && s64[2] == a.f_blocks && s64[3] == 0 && s64[8] == a.f_files && s64[14] == 255);
}

struct ut_case ut_systools_cases[] = {
  { "nanosleep_eintr_rem", nanosleep_eintr_rem },
  { "nanosleep_restarts_after_stop", nanosleep_restarts_after_stop },
  { "restart_syscall_alone", restart_syscall_alone },
  { "forked_child_runs_while_parent_busy", forked_child_runs_while_parent_busy },
  { "statfs_figures", statfs_figures },
  { 0, 0 }
};
