/* t_sigflags.c: the POSIX signal interface and the sigaction flags —
 * SA_RESTART (a slow read or wait goes on after the handler; without it,
 * EINTR; pause never restarts), sigsuspend (atomic unblock, EINTR, old
 * mask back), sigprocmask/sigpending, sigaltstack (a handler survives a
 * stack overflow), SA_RESETHAND, SA_NODEFER, SA_NOCLDSTOP, SA_NOCLDWAIT,
 * the core-dump bit of the wait status, the interval timers (REAL,
 * VIRTUAL, PROF) and alarm sharing ITIMER_REAL, and the libc helpers
 * (sigset operations, strsignal, psignal, killpg, raise). */
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

unsigned int alarm(unsigned int seconds);
int pause(void);

static volatile int caught[NSIG];
static volatile int depth, max_depth;

static void count(int sig) {
  caught[sig]++;
}

static void catch_with(int sig, void (*fn)(int), int flags) {
  struct sigaction sa;
  sa.sa_handler = fn;
  sa.sa_flags = flags;
  sigemptyset(&sa.sa_mask);
  CHECK(sigaction(sig, &sa, 0) == 0);
}

static void sleep_ms(int ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000;
  while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
  }
}

/* ITIMER_REAL one shot after ms milliseconds */
static void real_timer_ms(int ms) {
  struct itimerval it;
  memset(&it, 0, sizeof it);
  it.it_value.tv_sec = ms / 1000;
  it.it_value.tv_usec = (ms % 1000) * 1000;
  CHECK(setitimer(ITIMER_REAL, &it, 0) == 0);
}

/* A child that writes one byte into fd after ms milliseconds. */
static int late_writer(int fd, int ms) {
  int pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    sleep_ms(ms);
    write(fd, "x", 1);
    _exit(0);
  }
  return pid;
}

static void sa_restart_read(void) {
  int fds[2];
  char c = 0;
  int pid;
  CHECK(pipe(fds) == 0);
  /* SA_RESTART: the handler runs and the read goes on to the byte */
  catch_with(SIGALRM, count, SA_RESTART);
  pid = late_writer(fds[1], 400);
  real_timer_ms(100);
  CHECK(read(fds[0], &c, 1) == 1);
  CHECK(c == 'x');
  CHECK(caught[SIGALRM] == 1);
  CHECK(ut_wait_status(pid) == 0);
  /* without it: EINTR at the first signal */
  catch_with(SIGALRM, count, 0);
  pid = late_writer(fds[1], 400);
  real_timer_ms(100);
  CHECK_ERR(read(fds[0], &c, 1), EINTR);
  CHECK(caught[SIGALRM] == 2);
  CHECK(read(fds[0], &c, 1) == 1);   /* the byte still comes */
  CHECK(ut_wait_status(pid) == 0);
  /* signal() restarts, as glibc's; siginterrupt(sig, 1) asks for EINTR */
  CHECK(signal(SIGALRM, count) != SIG_ERR);
  pid = late_writer(fds[1], 400);
  real_timer_ms(100);
  CHECK(read(fds[0], &c, 1) == 1);
  CHECK(caught[SIGALRM] == 3);
  CHECK(ut_wait_status(pid) == 0);
  CHECK(siginterrupt(SIGALRM, 1) == 0);
  real_timer_ms(100);
  CHECK_ERR(read(fds[0], &c, 1), EINTR);
}

static void sa_restart_wait(void) {
  int pid;
  int st = -1;
  catch_with(SIGALRM, count, SA_RESTART);
  pid = fork();
  if (pid == 0) {
    sleep_ms(400);
    _exit(7);
  }
  real_timer_ms(100);
  CHECK(waitpid(pid, &st, 0) == pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
  CHECK(caught[SIGALRM] == 1);
}

/* pause and sigsuspend end with EINTR even under SA_RESTART (Linux) */
static void pause_never_restarted(void) {
  sigset_t none;
  catch_with(SIGALRM, count, SA_RESTART);
  real_timer_ms(50);
  CHECK_ERR(pause(), EINTR);
  CHECK(caught[SIGALRM] == 1);
  sigemptyset(&none);
  real_timer_ms(50);
  CHECK_ERR(sigsuspend(&none), EINTR);
  CHECK(caught[SIGALRM] == 2);
}

/* A stop and continue runs no handler: pause and sigsuspend go on, and
 * end (EINTR) only at the signal that runs one (Linux's ERESTARTNOHAND). */
static void pause_then_report(void) {
  sigset_t none;
  int r;
  catch_with(SIGUSR1, count, 0);
  r = pause();
  if (r != -1 || errno != EINTR || caught[SIGUSR1] != 1)
    _exit(1);
  sigemptyset(&none);
  r = sigsuspend(&none);
  _exit(r == -1 && errno == EINTR && caught[SIGUSR1] == 2 ? 0 : 2);
}

static void stop_continue_once(int pid) {
  int st;
  sleep_ms(100);
  CHECK(kill(pid, SIGSTOP) == 0);
  CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));
  CHECK(kill(pid, SIGCONT) == 0);
  sleep_ms(100);
}

static void pause_survives_stop(void) {
  int pid = fork();
  int st;
  if (pid == 0)
    pause_then_report();
  stop_continue_once(pid);
  CHECK(kill(pid, SIGUSR1) == 0);
  stop_continue_once(pid);
  CHECK(kill(pid, SIGUSR1) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void mask_and_pending(void) {
  sigset_t set, old, pend;
  catch_with(SIGUSR1, count, 0);
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGKILL);   /* silently not blocked */
  CHECK(sigprocmask(SIG_BLOCK, &set, &old) == 0);
  CHECK(sigismember(&old, SIGUSR1) == 0);
  CHECK(raise(SIGUSR1) == 0);
  CHECK(caught[SIGUSR1] == 0);
  CHECK(sigpending(&pend) == 0);
  CHECK(sigismember(&pend, SIGUSR1) == 1);
  CHECK(sigprocmask(SIG_SETMASK, 0, &old) == 0);
  CHECK(sigismember(&old, SIGUSR1) == 1);
  CHECK(sigismember(&old, SIGKILL) == 0);
  CHECK(sigprocmask(SIG_UNBLOCK, &set, 0) == 0);   /* delivered on the way out */
  CHECK(caught[SIGUSR1] == 1);
  CHECK(sigpending(&pend) == 0);
  CHECK(sigismember(&pend, SIGUSR1) == 0);
  CHECK_ERR(sigprocmask(7, &set, 0), EINVAL);
}

/* The handler sees sigsuspend's mask; afterwards the old mask is back. */
static volatile int usr2_blocked_in_handler = -1;

static void note_mask(int sig) {
  sigset_t now;
  caught[sig]++;
  sigprocmask(SIG_SETMASK, 0, &now);
  usr2_blocked_in_handler = sigismember(&now, SIGUSR2);
}

static void sigsuspend_atomic(void) {
  sigset_t block, during, now;
  catch_with(SIGUSR1, note_mask, 0);
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  CHECK(sigprocmask(SIG_BLOCK, &block, 0) == 0);
  CHECK(raise(SIGUSR1) == 0);   /* pending, blocked: only sigsuspend lets it in */
  CHECK(caught[SIGUSR1] == 0);
  sigemptyset(&during);
  sigaddset(&during, SIGUSR2);
  CHECK_ERR(sigsuspend(&during), EINTR);
  CHECK(caught[SIGUSR1] == 1);
  CHECK(usr2_blocked_in_handler == 1);
  CHECK(sigprocmask(SIG_SETMASK, 0, &now) == 0);
  CHECK(sigismember(&now, SIGUSR1) == 1);
  CHECK(sigismember(&now, SIGUSR2) == 0);
  /* a signal arriving from another process while suspended */
  {
    int parent = getpid();
    int pid = fork();
    if (pid == 0) {
      sleep_ms(100);
      kill(parent, SIGUSR1);
      _exit(0);
    }
    sigemptyset(&during);
    CHECK_ERR(sigsuspend(&during), EINTR);
    CHECK(caught[SIGUSR1] == 2);
    CHECK(ut_wait_status(pid) == 0);
  }
}

static char *alt_base;
static int alt_size;

static int recurse(int n) {
  volatile char frame[256];
  frame[0] = (char)n;
  return recurse(n + 1) + frame[0];
}

static void on_overflow(int sig) {
  char here;
  stack_t now;
  int on_alt = &here >= alt_base && &here < alt_base + alt_size;
  if (sigaltstack(0, &now) != 0 || now.ss_flags != SS_ONSTACK)
    _exit(3);
  if (sigaltstack(&now, 0) == 0 || errno != EPERM)
    _exit(4);   /* no changing the stack one runs on */
  _exit(sig == SIGSEGV && on_alt ? 42 : 2);
}

static void overflow_on_altstack(void) {
  stack_t ss;
  struct sigaction sa;
  alt_size = SIGSTKSZ;
  alt_base = malloc(alt_size);
  ss.ss_sp = alt_base;
  ss.ss_size = alt_size;
  ss.ss_flags = 0;
  if (sigaltstack(&ss, 0) != 0)
    _exit(5);
  sa.sa_handler = on_overflow;
  sa.sa_flags = SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, 0);
  recurse(0);
}

static void overflow_without_altstack(void) {
  catch_with(SIGSEGV, on_overflow, 0);   /* no room for its frame */
  recurse(0);
}

static void sigaltstack_overflow(void) {
  stack_t ss, old;
  int st;
  CHECK(sigaltstack(0, &old) == 0);
  CHECK(old.ss_flags == SS_DISABLE);
  ss.ss_sp = malloc(MINSIGSTKSZ - 1);
  ss.ss_size = MINSIGSTKSZ - 1;
  ss.ss_flags = 0;
  CHECK_ERR(sigaltstack(&ss, 0), ENOMEM);
  ss.ss_flags = 77;
  ss.ss_size = SIGSTKSZ;
  CHECK_ERR(sigaltstack(&ss, 0), EINVAL);
  st = ut_fork_status(overflow_on_altstack);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42);
  st = ut_fork_status(overflow_without_altstack);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  CHECK(WCOREDUMP(st));
}

static void raise_usr1_twice(void) {
  catch_with(SIGUSR1, count, SA_RESETHAND);
  raise(SIGUSR1);
  if (caught[SIGUSR1] != 1)
    _exit(2);
  raise(SIGUSR1);   /* the default action now: death */
  _exit(3);
}

static void sa_resethand(void) {
  struct sigaction now;
  int st;
  catch_with(SIGUSR2, count, SA_RESETHAND);
  CHECK(raise(SIGUSR2) == 0);
  CHECK(caught[SIGUSR2] == 1);
  CHECK(sigaction(SIGUSR2, 0, &now) == 0);
  CHECK(now.sa_handler == SIG_DFL);
  st = ut_fork_status(raise_usr1_twice);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1);
}

static void nest(int sig) {
  depth++;
  if (depth > max_depth)
    max_depth = depth;
  caught[sig]++;
  if (caught[sig] == 1)
    raise(sig);   /* runs inside this one only under SA_NODEFER */
  depth--;
}

static void sa_nodefer(void) {
  catch_with(SIGUSR1, nest, 0);
  CHECK(raise(SIGUSR1) == 0);
  CHECK(caught[SIGUSR1] == 2);
  CHECK(max_depth == 1);   /* the second waited for the first to return */
  caught[SIGUSR1] = 0;
  max_depth = 0;
  catch_with(SIGUSR1, nest, SA_NODEFER);
  CHECK(raise(SIGUSR1) == 0);
  CHECK(caught[SIGUSR1] == 2);
  CHECK(max_depth == 2);
}

static void sa_nocldstop(void) {
  int pid, st;
  catch_with(SIGCHLD, count, SA_RESTART);   /* else each SIGCHLD ends the waitpid with EINTR */
  pid = fork();
  if (pid == 0)
    for (;;)
      pause();
  CHECK(kill(pid, SIGSTOP) == 0);
  CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));
  CHECK(caught[SIGCHLD] == 1);   /* a stop is news */
  CHECK(kill(pid, SIGCONT) == 0);
  CHECK(waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st));
  CHECK(caught[SIGCHLD] == 2);   /* so is a resume */
  catch_with(SIGCHLD, count, SA_NOCLDSTOP | SA_RESTART);
  CHECK(kill(pid, SIGSTOP) == 0);
  CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));   /* wait still sees it */
  CHECK(kill(pid, SIGCONT) == 0);
  CHECK(waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st));
  CHECK(caught[SIGCHLD] == 2);   /* but no SIGCHLD for either */
  CHECK(kill(pid, SIGKILL) == 0);
  CHECK(waitpid(pid, &st, 0) == pid && WTERMSIG(st) == SIGKILL);
  CHECK(caught[SIGCHLD] == 3);   /* a death still is */
}

static void sa_nocldwait(void) {
  int pid, i;
  catch_with(SIGCHLD, count, SA_NOCLDWAIT | SA_RESTART);
  for (i = 0; i < 3; i++) {
    pid = fork();
    if (pid == 0) {
      sleep_ms(50 * i);
      _exit(i);
    }
  }
  CHECK_ERR(waitpid(-1, 0, 0), ECHILD);   /* returns once all are gone, none kept */
  CHECK(caught[SIGCHLD] >= 1);            /* the handler is still called */
  CHECK(kill(pid, 0) == -1 && errno == ESRCH);   /* no zombie left behind */
  catch_with(SIGCHLD, SIG_IGN, 0);       /* ignoring SIGCHLD does the same */
  pid = fork();
  if (pid == 0)
    _exit(0);
  CHECK_ERR(waitpid(pid, 0, 0), ECHILD);
}

static void die_of_abort(void) {
  raise(SIGABRT);
}

static void die_of_term(void) {
  raise(SIGTERM);
}

static void null_write(void) {
  *(volatile int *)0 = 1;
}

static void core_dump_status(void) {
  int st;
  st = ut_fork_status(null_write);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV && WCOREDUMP(st));
  st = ut_fork_status(die_of_abort);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && WCOREDUMP(st));
  st = ut_fork_status(die_of_term);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM && !WCOREDUMP(st));
}

static int timeval_ms(struct timeval *tv) {
  return (int)tv->tv_sec * 1000 + (int)tv->tv_usec / 1000;
}

static void itimer_real(void) {
  struct itimerval it, now;
  catch_with(SIGALRM, count, 0);
  memset(&it, 0, sizeof it);
  it.it_value.tv_usec = 200000;
  it.it_interval.tv_usec = 50000;
  CHECK(setitimer(ITIMER_REAL, &it, 0) == 0);
  CHECK(getitimer(ITIMER_REAL, &now) == 0);
  CHECK(timeval_ms(&now.it_value) > 150 && timeval_ms(&now.it_value) <= 200);
  CHECK(timeval_ms(&now.it_interval) == 50);
  while (caught[SIGALRM] < 3)
    pause();   /* the interval reloads it */
  memset(&it, 0, sizeof it);
  CHECK(setitimer(ITIMER_REAL, &it, &now) == 0);   /* disarm, old value back */
  CHECK(timeval_ms(&now.it_interval) == 50);
  CHECK(timeval_ms(&now.it_value) > 0 && timeval_ms(&now.it_value) <= 50);
  CHECK(getitimer(ITIMER_REAL, &now) == 0);
  CHECK(timeval_ms(&now.it_value) == 0);
  /* alarm is the same timer */
  CHECK(alarm(5) == 0);
  CHECK(getitimer(ITIMER_REAL, &now) == 0);
  CHECK(timeval_ms(&now.it_value) > 4900 && timeval_ms(&now.it_value) <= 5000);
  it.it_value.tv_sec = 3;
  CHECK(setitimer(ITIMER_REAL, &it, 0) == 0);
  CHECK(alarm(0) == 3);
  CHECK(getitimer(ITIMER_REAL, &now) == 0 && timeval_ms(&now.it_value) == 0);
  it.it_value.tv_usec = 1000000;
  CHECK_ERR(setitimer(ITIMER_REAL, &it, 0), EINVAL);
  CHECK_ERR(setitimer(3, &it, 0), EINVAL);
  CHECK_ERR(getitimer(-1, &now), EINVAL);
}

static void busy_until(int sig) {
  volatile int spin = 0;
  while (caught[sig] == 0)
    spin++;
}

/* VIRTUAL counts user time only (a sleep does not move it); PROF counts
 * user and system time. */
static void itimer_virtual_prof(void) {
  struct itimerval it, now;
  catch_with(SIGVTALRM, count, 0);
  catch_with(SIGPROF, count, 0);
  memset(&it, 0, sizeof it);
  it.it_value.tv_usec = 50000;
  CHECK(setitimer(ITIMER_VIRTUAL, &it, 0) == 0);
  sleep_ms(300);
  CHECK(caught[SIGVTALRM] == 0);
  CHECK(getitimer(ITIMER_VIRTUAL, &now) == 0);
  CHECK(timeval_ms(&now.it_value) > 30 && timeval_ms(&now.it_value) <= 50);
  busy_until(SIGVTALRM);
  CHECK(caught[SIGVTALRM] == 1 && caught[SIGPROF] == 0);
  CHECK(getitimer(ITIMER_VIRTUAL, &now) == 0 && timeval_ms(&now.it_value) == 0);   /* one shot */
  it.it_value.tv_usec = 30000;
  it.it_interval.tv_usec = 20000;
  CHECK(setitimer(ITIMER_PROF, &it, 0) == 0);
  busy_until(SIGPROF);
  CHECK(caught[SIGPROF] == 1 && caught[SIGVTALRM] == 1);
  CHECK(getitimer(ITIMER_PROF, &now) == 0);
  CHECK(timeval_ms(&now.it_interval) == 20);
  CHECK(timeval_ms(&now.it_value) > 0 && timeval_ms(&now.it_value) <= 20);
}

static void libc_helpers(void) {
  sigset_t s;
  int pid, st;
  CHECK(sigemptyset(&s) == 0);
  CHECK(sigismember(&s, SIGINT) == 0);
  CHECK(sigaddset(&s, SIGINT) == 0 && sigismember(&s, SIGINT) == 1);
  CHECK(sigaddset(&s, 64) == 0 && sigismember(&s, 64) == 1);
  CHECK(sigdelset(&s, SIGINT) == 0 && sigismember(&s, SIGINT) == 0);
  CHECK_ERR(sigaddset(&s, 0), EINVAL);
  CHECK_ERR(sigismember(&s, 65), EINVAL);
  CHECK(sigfillset(&s) == 0 && sigismember(&s, SIGSYS) == 1 && sigismember(&s, 1) == 1);
  CHECK(strcmp(strsignal(SIGSEGV), "Segmentation fault") == 0);
  CHECK(strcmp(strsignal(SIGKILL), "Killed") == 0);
  CHECK(strcmp(strsignal(99), "Unknown signal 99") == 0);
  CHECK(sigaction(SIGKILL, 0, 0) == 0);   /* reading its action is fine */
  {
    struct sigaction sa;
    sa.sa_handler = count;
    sa.sa_flags = 0;
    sigemptyset(&sa.sa_mask);
    CHECK_ERR(sigaction(SIGKILL, &sa, 0), EINVAL);
    CHECK_ERR(sigaction(0, &sa, 0), EINVAL);
  }
  /* killpg reaches every member of the group */
  pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    for (;;)
      pause();
  }
  setpgid(pid, pid);
  CHECK(killpg(pid, SIGTERM) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
  CHECK_ERR(killpg(pid, SIGTERM), ESRCH);
}

/* A handled signal sent to a stopped process waits, pending in the
 * process's shared set (ShdPnd), and the process stays stopped until
 * SIGCONT; then the handler runs. A default-fatal one ends it at once. */
static void usr1_then_exit(int sig) {
  (void)sig;
  _exit(42);
}

static void stopped_keeps_handled_signal(void) {
  char path[40], text[1024];
  int pid, st, n;
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    catch_with(SIGUSR1, usr1_then_exit, 0);
    for (;;)
      pause();
  }
  sleep_ms(20);
  CHECK(kill(pid, SIGSTOP) == 0);
  CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));
  CHECK(kill(pid, SIGUSR1) == 0);
  sleep_ms(50);
  CHECK(waitpid(pid, &st, WNOHANG) == 0);   /* still there, nothing to report */
  snprintf(path, sizeof path, "/proc/%d/status", pid);
  n = ut_read_file(path, text, sizeof text - 1);
  CHECK(n > 0);
  text[n] = 0;
  CHECK(strstr(text, "\nState:\tT (stopped)\n") != 0);
  CHECK(strstr(text, "\nShdPnd:\t00000200\n") != 0);   /* SIGUSR1 = bit 9 */
  CHECK(kill(pid, SIGCONT) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42);
  /* without a handler, SIGTERM ends a stopped process at once */
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    for (;;)
      pause();
  }
  CHECK(kill(pid, SIGSTOP) == 0);
  CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));
  CHECK(kill(pid, SIGTERM) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
}

struct ut_case ut_sigflags_cases[] = {
  { "sa_restart_read", sa_restart_read },
  { "sa_restart_wait", sa_restart_wait },
  { "pause_never_restarted", pause_never_restarted },
  { "pause_survives_stop", pause_survives_stop },
  { "stopped_keeps_handled_signal", stopped_keeps_handled_signal },
  { "mask_and_pending", mask_and_pending },
  { "sigsuspend_atomic", sigsuspend_atomic },
  { "sigaltstack_overflow", sigaltstack_overflow },
  { "sa_resethand", sa_resethand },
  { "sa_nodefer", sa_nodefer },
  { "sa_nocldstop", sa_nocldstop },
  { "sa_nocldwait", sa_nocldwait },
  { "core_dump_status", core_dump_status },
  { "itimer_real", itimer_real },
  { "itimer_virtual_prof", itimer_virtual_prof },
  { "libc_helpers", libc_helpers },
  { 0, 0 }
};
