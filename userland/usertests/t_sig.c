/* t_sig.c: signals — kill to a process and to a group, default actions
 * (terminate, ignore, stop/continue), SIGCHLD, faults in user code ending
 * in the right signal, and signals interrupting blocking calls (EINTR). */
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

unsigned int alarm(unsigned int seconds);
int pause(void);

static void forever(void) {
  for (;;)
    pause();
}

static void kill_process(void) {
  int pid = fork();
  int st;
  if (pid == 0)
    forever();
  CHECK(kill(pid, SIGTERM) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
  pid = fork();
  if (pid == 0)
    for (;;)
      ;   /* busy: SIGKILL must still get it */
  CHECK(kill(pid, SIGKILL) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
  CHECK_ERR(kill(pid, SIGKILL), ESRCH);
  CHECK_ERR(kill(getpid(), 99), EINVAL);
  CHECK(kill(getpid(), 0) == 0);
}

static void kill_group(void) {
  int pids[3];
  int i;
  int leader = 0;
  for (i = 0; i < 3; i++) {
    pids[i] = fork();
    CHECK(pids[i] >= 0);
    if (pids[i] == 0) {
      __sys_setpgid(0, leader);
      forever();
    }
    if (leader == 0)
      leader = pids[i];
    __sys_setpgid(pids[i], leader);
  }
  for (i = 0; i < 3; i++)
    CHECK(__sys_getpgid(pids[i]) == leader);
  CHECK(kill(-leader, SIGUSR1) == 0);
  for (i = 0; i < 3; i++) {
    int st = ut_wait_status(pids[i]);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1);
  }
}

static void ignored_by_default(void) {
  CHECK(kill(getpid(), SIGCHLD) == 0);
  CHECK(kill(getpid(), SIGWINCH) == 0);
  CHECK(kill(getpid(), SIGURG) == 0);
  CHECK(getpid() > 0);   /* still alive */
}

static void stop_and_continue(void) {
  int st;
  int pid = fork();
  if (pid == 0)
    forever();
  CHECK(kill(pid, SIGSTOP) == 0);
  CHECK(waitpid(pid, &st, WUNTRACED) == pid);
  CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
  CHECK(kill(pid, SIGCONT) == 0);
  CHECK(kill(pid, SIGTERM) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
}

static volatile int chld_seen;

static void on_chld(int sig) {
  chld_seen = sig;
}

static void sigchld_to_parent(void) {
  int pid;
  int tries;
  CHECK(signal(SIGCHLD, on_chld) != SIG_ERR);
  pid = fork();
  if (pid == 0)
    _exit(0);
  for (tries = 0; tries < 100 && !chld_seen; tries++) {
    unsigned int req[2];
    req[0] = 0;
    req[1] = 10000000;
    __sys_nanosleep(req, 0);
  }
  CHECK(chld_seen == SIGCHLD);
  CHECK(ut_wait_status(pid) == 0);
}

static void null_write(void) {
  *(volatile int *)0 = 1;
}

static void kernel_read(void) {
  volatile int x = *(volatile int *)0xC0100000;
  (void)x;
}

static void divide_by_zero(void) {
  volatile int zero = 0;
  volatile int x = 10 / zero;
  (void)x;
}

static void jump_to_nowhere(void) {
  void (*fn)(void) = (void (*)(void))0x30000000;
  fn();
}

static void fault_signals(void) {
  int st;
  st = ut_fork_status(null_write);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  st = ut_fork_status(kernel_read);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  st = ut_fork_status(jump_to_nowhere);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  st = ut_fork_status(divide_by_zero);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGFPE);
  st = ut_fork_status(ut_illegal);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGILL);
  st = ut_fork_status(ut_privileged);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
}

static volatile int alarms;

static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

static void eintr_read(void) {
  int fds[2];
  char c;
  CHECK(pipe(fds) == 0);
  CHECK(signal(SIGALRM, on_alarm) != SIG_ERR);
  alarm(1);
  CHECK_ERR(read(fds[0], &c, 1), EINTR);   /* nobody writes: blocks until the alarm */
  CHECK(alarms == 1);
}

static void eintr_sleep(void) {
  unsigned int req[2];
  unsigned int rem[2];
  CHECK(signal(SIGALRM, on_alarm) != SIG_ERR);
  alarm(1);
  req[0] = 30;
  req[1] = 0;
  rem[0] = rem[1] = 0;
  CHECK(__sys_nanosleep(req, rem) == -EINTR);
  CHECK(alarms == 1);
  CHECK(rem[0] >= 27 && rem[0] <= 29);   /* about 29 s left */
}

static void eintr_wait(void) {
  int pid = fork();
  int st;
  if (pid == 0)
    forever();
  CHECK(signal(SIGALRM, on_alarm) != SIG_ERR);
  alarm(1);
  CHECK_ERR(waitpid(pid, &st, 0), EINTR);
  CHECK(kill(pid, SIGKILL) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

static void default_kills_blocked_read(void) {
  int fds[2];
  int pid;
  int st;
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    char c;
    read(fds[0], &c, 1);
    _exit(0);
  }
  CHECK(kill(pid, SIGINT) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT);
}

struct ut_case ut_sig_cases[] = {
  { "kill_process", kill_process },
  { "kill_group", kill_group },
  { "ignored_by_default", ignored_by_default },
  { "stop_and_continue", stop_and_continue },
  { "sigchld_to_parent", sigchld_to_parent },
  { "fault_signals", fault_signals },
  { "eintr_read", eintr_read },
  { "eintr_sleep", eintr_sleep },
  { "eintr_wait", eintr_wait },
  { "default_kills_blocked_read", default_kills_blocked_read },
  { 0, 0 }
};
