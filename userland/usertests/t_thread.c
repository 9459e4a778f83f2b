/* t_thread.c: threads from clone — thread groups, exit and exit_group,
 * exec from a thread, signals to threads and groups, TLS, what clone
 * shares — and the table of every thread case (issue 11). The futex and
 * scheduling cases are t_futex.c, the /proc and ps views t_threadproc.c;
 * the helpers they share are declared in thr.h. */
#include <dirent.h>
#include <fcntl.h>
#include <futex.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ut.h"
#include "thr.h"

void ut_wrtp(void);
void __sys_exit(int status);   /* exit(2): the calling thread only */
int __sys_sched_getaffinity(int pid, unsigned int len, unsigned int *mask);
int __sys_sched_setaffinity(int pid, unsigned int len, const unsigned int *mask);


char stacks[MAX_THREADS][STACK_SIZE];
int tids[MAX_THREADS];   /* CLONE_CHILD_CLEARTID zeroes each at the thread's end */

int spawn(int i, int (*fn)(void *), void *arg) {
  int tid = clone(fn, stacks[i] + STACK_SIZE, THREAD_FLAGS, arg, &tids[i], 0, &tids[i]);
  CHECK(tid > 0);
  CHECK(tids[i] == tid);   /* CLONE_PARENT_SETTID stored it before clone returned */
  return tid;
}

/* A joiner: sleeps on the tid word until the kernel zeroes it and wakes. */
void join(int i) {
  for (;;) {
    int t = tids[i];
    if (t == 0)
      return;
    if (futex(&tids[i], FUTEX_WAIT, t, 0, 0, 0) < 0)
      CHECK(errno == EAGAIN || errno == EINTR);
  }
}

/* The lock of "Futexes are tricky" with xchg only: 0 free, 1 held, 2 held
 * with (possible) sleepers. */
void lock(int *l) {
  if (ut_xchg(l, 1) == 0)
    return;
  while (ut_xchg(l, 2) != 0)
    futex(l, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 2, 0, 0, 0);
}

void unlock(int *l) {
  if (ut_xchg(l, 0) != 1)
    futex(l, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, 0, 0);
}

int the_lock;
static int seen_pid, seen_tid, seen_ppid;

static int report_ids(void *arg) {
  (void)arg;
  seen_pid = getpid();
  seen_tid = gettid();
  seen_ppid = getppid();
  return 0;
}

static void thread_ids(void) {
  int tid;
  CHECK(gettid() == getpid());   /* the leader's tid is the group's id */
  tid = spawn(0, report_ids, 0);
  join(0);
  CHECK(seen_pid == getpid());
  CHECK(seen_tid == tid);
  CHECK(seen_tid != getpid());
  CHECK(seen_ppid == getppid());   /* a thread's parent is the group's */
}

static int sleep_then_exit(void *arg) {
  struct timespec ts = {0, 50000000};
  nanosleep(&ts, 0);
  return (int)arg;   /* exit(2) of this thread alone */
}

static int exit_group_now(void *arg) {
  _exit((int)arg);   /* exit_group: every thread */
  return 0;
}

static void exit_leader_first(void) {
  spawn(0, sleep_then_exit, (void *)5);
  __sys_exit(3);
}

static void thread_exit_codes(void) {
  int st;
  int pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    /* The leader ends first with 3; the group lives on in the thread
     * (ending with 5): the parent sees 3, once the thread too has gone. */
    exit_leader_first();
  }
  CHECK(waitpid(pid, &st, 0) == pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    /* exit_group from a thread while the leader sleeps: status 7. */
    spawn(0, exit_group_now, (void *)7);
    for (;;)
      pause();
  }
  CHECK(waitpid(pid, &st, 0) == pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

static void cleartid_wakes_joiner(void) {
  int tid = spawn(0, sleep_then_exit, (void *)0);
  CHECK(tid > 0 && tids[0] == tid);
  /* The thread sleeps 50 ms: this wait really sleeps, and only the
   * kernel's zero-and-wake at the thread's exit can end it. */
  CHECK(futex(&tids[0], FUTEX_WAIT, tid, 0, 0, 0) == 0 || errno == EAGAIN);
  CHECK(tids[0] == 0);
}

static int exec_helper(void *arg) {
  ut_exec_helper("exit", arg);
  return 100;
}

static void exec_from_thread(void) {
  int st;
  int pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    /* The leader sleeps for ever; a thread execs a program that exits 42:
     * the leader is ended, the new image has the process's pid. */
    spawn(0, exec_helper, "42");
    spawn(1, sleep_then_exit, (void *)9);
    for (;;)
      pause();
  }
  CHECK(waitpid(pid, &st, 0) == pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42);
}

static int fault(void *arg) {
  (void)arg;
  *(volatile int *)0 = 1;   /* SIGSEGV in this thread only */
  return 0;
}

static void fatal_signal_kills_group(void) {
  int st;
  int pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    spawn(0, fault, 0);
    spawn(1, sleep_then_exit, (void *)0);
    for (;;)
      pause();
  }
  CHECK(waitpid(pid, &st, 0) == pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
}

int release;   /* the many threads sleep on it */
int started;

int wait_for_release(void *arg) {
  (void)arg;
  lock(&the_lock);
  started++;
  unlock(&the_lock);
  while (release == 0)
    futex(&release, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0, 0, 0);
  return 0;
}

static void many_threads(void) {
  int i;
  for (i = 0; i < MAX_THREADS; i++)
    spawn(i, wait_for_release, 0);
  while (started < MAX_THREADS)
    sched_yield();
  /* All alive at once: /proc counts them (the leader too). */
  CHECK(ut_proc_number("/proc/self/status", "Threads") == MAX_THREADS + 1);
  release = 1;
  CHECK(futex(&release, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, MAX_THREADS, 0, 0, 0) >= 0);
  for (i = 0; i < MAX_THREADS; i++)
    join(i);
  CHECK(ut_proc_number("/proc/self/status", "Threads") == 1);
}

static int park(void *arg) {
  (void)arg;
  for (;;)
    pause();
  return 0;
}

static void wait_sees_group(void) {
  int st, thread_tid = 0;
  int pfd[2];
  int pid;
  CHECK(pipe(pfd) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    int t = spawn(0, sleep_then_exit, (void *)0);
    spawn(1, sleep_then_exit, (void *)0);
    write(pfd[1], &t, sizeof t);
    _exit(4);   /* ends both threads too */
  }
  CHECK(read(pfd[0], &thread_tid, sizeof thread_tid) == sizeof thread_tid);
  CHECK(thread_tid > 0 && thread_tid != pid);
  CHECK_ERR(waitpid(thread_tid, &st, 0), ECHILD);   /* a thread is no child */
  CHECK(wait(&st) == pid);   /* the group, once */
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4);
  CHECK_ERR(wait(&st), ECHILD);
  /* A child forked by a thread belongs to the group: the leader waits. */
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    spawn(0, park, 0);
    _exit(0);
  }
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st));
}

static volatile int handled_by;

static void note_tid(int sig) {
  (void)sig;
  handled_by = gettid();
}

static int wait_for_signal(void *arg) {
  (void)arg;
  while (handled_by == 0)
    pause();
  return 0;
}

static void tgkill_to_thread(void) {
  int tid;
  CHECK(signal(SIGUSR1, note_tid) != SIG_ERR);
  tid = spawn(0, wait_for_signal, 0);
  CHECK_ERR(tgkill(getpid() + 1000, tid, SIGUSR1), ESRCH);   /* tid not in that group */
  CHECK_ERR(tgkill(getpid(), tid, 99), EINVAL);
  CHECK(tgkill(getpid(), tid, 0) == 0);
  CHECK(tgkill(getpid(), tid, SIGUSR1) == 0);
  join(0);
  CHECK(handled_by == tid);   /* the thread named ran the handler, not the leader */
  handled_by = 0;
  tid = spawn(0, wait_for_signal, 0);
  CHECK(tkill(tid, SIGUSR1) == 0);
  join(0);
  CHECK(handled_by == tid);
}

static int tls_blocks[5][4];
static int tls_ok[5];

/* Each thread checks, across yields (so across context switches), that
 * the thread pointer is still its own block. */
static int tls_check(void *arg) {
  int i = (int)arg, k;
  struct user_desc d;
  if (i >= 2) {   /* threads 2 and 3 set it themselves; 0 and 1 got it from CLONE_SETTLS */
    d.entry_number = -1;
    d.base_addr = (unsigned int)tls_blocks[i];
    d.limit = 0xfffff;
    d.flags = 0x51;
    if (set_thread_area(&d) != 0 || d.entry_number != HAKO_TLS_ENTRY)
      return 1;
  }
  for (k = 0; k < 20; k++) {
    if (__get_tp() != (void *)tls_blocks[i])
      return 1;
    sched_yield();
  }
  tls_ok[i] = 1;
  return 0;
}

static void tls_per_thread(void) {
  int i, st, pid;
  struct user_desc d;
  d.entry_number = -1;
  d.base_addr = (unsigned int)tls_blocks[4];
  d.limit = 0xfffff;
  d.flags = 0x51;
  CHECK(set_thread_area(&d) == 0);
  CHECK(d.entry_number == HAKO_TLS_ENTRY);
  CHECK(__get_tp() == (void *)tls_blocks[4]);
  for (i = 0; i < 4; i++) {
    struct user_desc td;
    td.entry_number = HAKO_TLS_ENTRY;
    td.base_addr = (unsigned int)tls_blocks[i];
    td.limit = 0xfffff;
    td.flags = 0x51;
    CHECK(clone(tls_check, stacks[i] + STACK_SIZE, THREAD_FLAGS | (i < 2 ? CLONE_SETTLS : 0), (void *)i, &tids[i],
                &td, &tids[i]) > 0);
  }
  for (i = 0; i < 4; i++) {
    join(i);
    CHECK(tls_ok[i] == 1);
  }
  CHECK(__get_tp() == (void *)tls_blocks[4]);   /* the leader's own, untouched */
  /* A forked child inherits the value; the entry number must be ours. */
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0)
    _exit(__get_tp() == (void *)tls_blocks[4] ? 0 : 1);
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
  d.entry_number = 3;
  CHECK_ERR(set_thread_area(&d), EINVAL);
  CHECK_ERR(set_thread_area((struct user_desc *)16), EFAULT);
  /* wrtp is privileged: ring 3 cannot set the register itself. */
  st = ut_fork_status(ut_wrtp);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
}

static int child_fd;

static void quiet(int sig) {
  (void)sig;
}

/* Opens a file, moves into sub/, sets a umask and a handler: what of it
 * the caller sees depends on the clone flags. */
static int change_things(void *arg) {
  (void)arg;
  child_fd = open("f", O_CREAT | O_RDWR, 0644);
  if (child_fd < 0 || chdir("sub") != 0)
    return 1;
  umask(077);
  signal(SIGUSR2, quiet);
  return 0;
}

static void clone_shares_tables(void) {
  char cwd[256];
  struct stat st;
  struct sigaction sa;
  int status, pid;
  CHECK(mkdir("sub", 0755) == 0);
  umask(022);
  /* A thread (CLONE_FILES, CLONE_FS, CLONE_SIGHAND): all of it is ours too. */
  spawn(0, change_things, 0);
  join(0);
  CHECK(child_fd >= 0);
  CHECK(fstat(child_fd, &st) == 0);
  CHECK(getcwd(cwd, sizeof cwd) != 0 && strcmp(strrchr(cwd, '/'), "/sub") == 0);
  CHECK(umask(022) == 077);
  CHECK(sigaction(SIGUSR2, 0, &sa) == 0 && sa.sa_handler == quiet);
  close(child_fd);
  CHECK(chdir("..") == 0);
  signal(SIGUSR2, SIG_DFL);
  /* CLONE_VM alone (a process sharing memory): its own copies of the rest. */
  child_fd = -1;
  pid = clone(change_things, stacks[1] + STACK_SIZE, CLONE_VM | SIGCHLD, 0, 0, 0, 0);
  CHECK(pid > 0);
  CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  CHECK(child_fd >= 0);   /* it wrote our memory */
  CHECK_ERR(fstat(child_fd, &st), EBADF);   /* but opened in its own file table */
  CHECK(getcwd(cwd, sizeof cwd) != 0 && strcmp(strrchr(cwd, '/'), "/sub") != 0);
  CHECK(umask(022) == 022);
  CHECK(sigaction(SIGUSR2, 0, &sa) == 0 && sa.sa_handler == SIG_DFL);
}

static volatile int *spin_counts;   /* MAP_SHARED: the parent watches them */

static int spin(void *arg) {
  for (;;)
    spin_counts[(int)arg]++;
  return 0;
}

static void nap(void) {
  struct timespec ts = {0, 60000000};
  nanosleep(&ts, 0);
}

/* SIGSTOP to the process stops every thread; SIGCONT resumes them all. */
static void stop_stops_group(void) {
  int st, pid, i;
  int before[3];
  spin_counts = (volatile int *)mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(spin_counts != (volatile int *)MAP_FAILED);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    spawn(1, spin, (void *)1);
    spawn(2, spin, (void *)2);
    spin((void *)0);
  }
  nap();
  CHECK(kill(pid, SIGSTOP) == 0);
  CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
  for (i = 0; i < 3; i++) {
    CHECK(spin_counts[i] > 0);   /* each thread ran */
    before[i] = spin_counts[i];
  }
  nap();
  for (i = 0; i < 3; i++)
    CHECK(spin_counts[i] == before[i]);   /* none runs while stopped */
  CHECK(kill(pid, SIGCONT) == 0);
  nap();
  for (i = 0; i < 3; i++)
    CHECK(spin_counts[i] != before[i]);   /* all run again */
  CHECK(kill(pid, SIGKILL) == 0);
  CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

static void clone_flag_rules(void) {
  int st, pid;
  CHECK_ERR(clone(report_ids, stacks[0] + STACK_SIZE, CLONE_THREAD | CLONE_VM, 0, 0, 0, 0), EINVAL);
  CHECK_ERR(clone(report_ids, stacks[0] + STACK_SIZE, CLONE_SIGHAND, 0, 0, 0, 0), EINVAL);
  /* Fork-like clone: a process of its own with its own pid, waited for. */
  seen_pid = 0;
  pid = clone(report_ids, stacks[0] + STACK_SIZE, SIGCHLD, 0, 0, 0, 0);
  CHECK(pid > 0);
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
  CHECK(seen_pid == 0);   /* it wrote its own copy of memory */
}

static void affinity(void) {
  unsigned int mask = 0;
  CHECK(__sys_sched_getaffinity(0, sizeof mask, &mask) == 4);
  CHECK(mask == 1);
  CHECK(__sys_sched_getaffinity(0, 2, &mask) == -EINVAL);
  mask = 1;
  CHECK(__sys_sched_setaffinity(0, sizeof mask, &mask) == 0);
  mask = 2;
  CHECK(__sys_sched_setaffinity(0, sizeof mask, &mask) == -EINVAL);
  CHECK(__sys_sched_getaffinity(99999, sizeof mask, &mask) == -ESRCH);
}

struct ut_case ut_thread_cases[] = {
  {"thread_ids", thread_ids},
  {"futex_counter", futex_counter},
  {"thread_exit_codes", thread_exit_codes},
  {"cleartid_wakes_joiner", cleartid_wakes_joiner},
  {"exec_from_thread", exec_from_thread},
  {"fatal_signal_kills_group", fatal_signal_kills_group},
  {"many_threads", many_threads},
  {"wait_sees_group", wait_sees_group},
  {"tgkill_to_thread", tgkill_to_thread},
  {"futex_errors", futex_errors},
  {"futex_shared_mapping", futex_shared_mapping},
  {"futex_requeue_moves", futex_requeue_moves},
  {"clone_flag_rules", clone_flag_rules},
  {"affinity", affinity},
  {"tls_per_thread", tls_per_thread},
  {"proc_task_dir", proc_task_dir},
  {"ps_shows_threads", ps_shows_threads},
  {"yield_alternates", yield_alternates},
  {"clone_shares_tables", clone_shares_tables},
  {"stop_stops_group", stop_stops_group},
  {0, 0},
};
