/* t_sig.c: signals — kill to a process and to a group, default actions
 * (terminate, ignore, stop/continue), SIGCHLD, faults in user code ending
 * in the right signal (even blocked, ignored, or with an unusable
 * handler), the fault log lines (none for a caught fault, rate-limited for
 * deaths), signals interrupting blocking calls (EINTR), and init (pid 1)
 * immune to what it does not handle. */
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <dirent.h>
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
  CHECK(siginterrupt(SIGALRM, 1) == 0);   /* signal() restarts reads, as glibc's */
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
  CHECK(siginterrupt(SIGALRM, 1) == 0);
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


/* A child that should die of a fault, watched for 2 s of emulated time: a
 * fault that restarts forever must fail the case, not hang the suite.
 * Returns the wait status, or -2 when the child was still running (it is
 * killed then). */
static int bounded_fork_status(void (*fn)(void)) {
  int st = -1;
  int tries;
  int pid = fork();
  if (pid == 0) {
    fn();
    _exit(0);
  }
  if (pid < 0)
    return -1;
  for (tries = 0; tries < 200; tries++) {
    unsigned int req[2];
    if (waitpid(pid, &st, WNOHANG) == pid)
      return st;
    req[0] = 0;
    req[1] = 10000000;
    __sys_nanosleep(req, 0);
  }
  kill(pid, SIGKILL);
  ut_wait_status(pid);
  return -2;
}

static void block_signal(int sig) {
  unsigned int set[2];
  set[0] = 1u << (sig - 1);
  set[1] = 0;
  __sys_rt_sigprocmask(0, set, 0, 8);   /* SIG_BLOCK */
}

static void null_write_blocked(void) {
  block_signal(SIGSEGV);
  null_write();
}

static void null_write_ignored(void) {
  signal(SIGSEGV, SIG_IGN);
  null_write();
}

static void divide_blocked(void) {
  block_signal(SIGFPE);
  divide_by_zero();
}

static void segv_handler_unmapped(void) {
  signal(SIGSEGV, (sighandler_t)0x30000000);
  null_write();
}

static void usr1_handler_unmapped(void) {
  signal(SIGUSR1, (sighandler_t)0x30000000);
  raise(SIGUSR1);
}

/* Forced signals (Linux's force_sig): a fault whose signal is blocked or
 * ignored, or whose handler cannot run, kills the process with that signal
 * instead of restarting the instruction forever. */
static void fault_blocked_or_unusable(void) {
  int st;
  st = bounded_fork_status(null_write_blocked);
  CHECK(st != -2);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  st = bounded_fork_status(null_write_ignored);
  CHECK(st != -2);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  st = bounded_fork_status(divide_blocked);
  CHECK(st != -2);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGFPE);
  /* the handler's own address faults, with SIGSEGV blocked inside it */
  st = bounded_fork_status(segv_handler_unmapped);
  CHECK(st != -2);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  st = bounded_fork_status(usr1_handler_unmapped);
  CHECK(st != -2);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  /* sigreturn with no frame: garbage eip, and a mask blocking everything */
  st = bounded_fork_status(ut_sigreturn_garbage);
  CHECK(st != -2);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
}

/* The kernel log (syslog READ_ALL, what dmesg shows). */
static char log_text[16384 + 1];

static int read_log(void) {
  int n = __sys_syslog(3, log_text, 16384);
  if (n < 0)
    n = 0;
  log_text[n] = 0;
  return n;
}

/* Where the log line about process pid ("usertests[PID]: ") starts, or 0. */
static char *log_line_of(int pid) {
  char key[32];
  sprintf(key, "usertests[%d]: ", pid);
  return strstr(log_text, key);
}

static volatile int faults_caught;

static void count_and_return(int sig) {
  (void)sig;
  if (++faults_caught == 10000)
    _exit(42);
  /* returning restarts the faulting store: it faults again */
}

static void catch_many_faults(void) {
  signal(SIGSEGV, count_and_return);
  null_write();
}

/* A fault a handler catches is the program's business: no log line, even
 * for 10,000 of them. */
static void caught_faults_are_quiet(void) {
  int pid = fork();
  int st;
  if (pid == 0) {
    catch_many_faults();
    _exit(1);
  }
  CHECK(pid > 0);
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42);
  read_log();
  CHECK(log_line_of(pid) == 0);
}

static void sleep_seconds(unsigned int s) {
  unsigned int req[2];
  req[0] = s;
  req[1] = 0;
  __sys_nanosleep(req, 0);
}

/* Deaths by fault are logged, at most 10 lines per 5 s (Linux's
 * printk_ratelimit); the first line after the window says how many were
 * dropped. */
static void fault_log_rate_limited(void) {
  int pids[20];
  int i;
  int logged = 0;
  int last;
  int st;
  char *burst_end = 0;
  char *after;
  sleep_seconds(6);   /* a fresh window, whatever crashed before */
  for (i = 0; i < 20; i++) {
    pids[i] = fork();
    if (pids[i] == 0) {
      null_write();
      _exit(0);
    }
    CHECK(pids[i] > 0);
    st = ut_wait_status(pids[i]);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  }
  read_log();
  for (i = 0; i < 20; i++) {
    char *line = log_line_of(pids[i]);
    if (line) {
      logged++;
      burst_end = line;
    }
  }
  CHECK(logged == 10);
  CHECK(log_line_of(pids[9]) != 0 && log_line_of(pids[10]) == 0);
  sleep_seconds(6);
  last = fork();
  if (last == 0) {
    null_write();
    _exit(0);
  }
  CHECK(last > 0);
  st = ut_wait_status(last);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  read_log();
  burst_end = log_line_of(pids[9]);
  after = log_line_of(last);
  CHECK(burst_end != 0 && after != 0);
  burst_end = strstr(burst_end, "user_fault: 10 callbacks suppressed\n");
  CHECK(burst_end != 0 && burst_end < after);
}

/* /proc/PID/stat of a process: its state letter, parent and name. */
static int proc_stat(int pid, char *state, int *ppid, char *comm, int comm_size) {
  char path[64];
  char text[512];
  char *open_paren;
  char *close_paren;
  int n;
  sprintf(path, "/proc/%d/stat", pid);
  n = ut_read_file(path, text, sizeof text - 1);
  if (n <= 0)
    return -1;
  text[n] = 0;
  open_paren = strchr(text, '(');
  close_paren = strrchr(text, ')');
  if (!open_paren || !close_paren || close_paren - open_paren - 1 >= comm_size)
    return -1;
  memcpy(comm, open_paren + 1, close_paren - open_paren - 1);
  comm[close_paren - open_paren - 1] = 0;
  *state = close_paren[2];
  *ppid = atoi(close_paren + 4);
  return 0;
}

/* How many children of init are shells. */
static int shells_of_init(void) {
  DIR *d = opendir("/proc");
  struct dirent *e;
  int shells = 0;
  CHECK(d != 0);
  while ((e = readdir(d)) != 0) {
    char state;
    int ppid;
    char comm[32];
    int pid = atoi(e->d_name);
    if (pid > 1 && proc_stat(pid, &state, &ppid, comm, sizeof comm) == 0 && ppid == 1 && strcmp(comm, "sh") == 0)
      shells++;
  }
  closedir(d);
  return shells;
}

/* Signals init has no handler for are dropped at send time (Linux's rule
 * for the child reaper): SIGKILL and SIGSEGV do not interrupt its wait (it
 * would start a second shell on the console), SIGSTOP does not stop it. */
static void init_ignores_unhandled(void) {
  static int sigs[] = { SIGKILL, SIGSEGV, SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGSTOP, SIGTSTP, SIGTTIN, 0 };
  char state;
  int ppid;
  char comm[32];
  int i;
  CHECK(shells_of_init() == 1);
  for (i = 0; sigs[i]; i++)
    CHECK(kill(1, sigs[i]) == 0);   /* as on Linux: "sent", and dropped */
  sleep_seconds(2);   /* init would have restarted a shell after 1 s */
  CHECK(proc_stat(1, &state, &ppid, comm, sizeof comm) == 0);
  CHECK(strcmp(comm, "init") == 0);
  CHECK(state == 'S');   /* waiting for children, not stopped ('T') */
  CHECK(shells_of_init() == 1);
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
  { "fault_blocked_or_unusable", fault_blocked_or_unusable },
  { "caught_faults_are_quiet", caught_faults_are_quiet },
  { "fault_log_rate_limited", fault_log_rate_limited },
  { "init_ignores_unhandled", init_ignores_unhandled },
  { 0, 0 }
};
