/* t_thread.c: threads from clone, thread groups and futexes (issue 11). */
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

int ut_xchg(int *p, int v);
void ut_wrtp(void);
void __sys_exit(int status);   /* exit(2): the calling thread only */
int __sys_sched_getaffinity(int pid, unsigned int len, unsigned int *mask);
int __sys_sched_setaffinity(int pid, unsigned int len, const unsigned int *mask);

#define THREAD_FLAGS \
  (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID | \
   CLONE_CHILD_CLEARTID)
#define STACK_SIZE 8192
#define MAX_THREADS 200

static char stacks[MAX_THREADS][STACK_SIZE];
static int tids[MAX_THREADS];   /* CLONE_CHILD_CLEARTID zeroes each at the thread's end */

static int spawn(int i, int (*fn)(void *), void *arg) {
  int tid = clone(fn, stacks[i] + STACK_SIZE, THREAD_FLAGS, arg, &tids[i], 0, &tids[i]);
  CHECK(tid > 0);
  CHECK(tids[i] == tid);   /* CLONE_PARENT_SETTID stored it before clone returned */
  return tid;
}

/* A joiner: sleeps on the tid word until the kernel zeroes it and wakes. */
static void join(int i) {
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
static void lock(int *l) {
  if (ut_xchg(l, 1) == 0)
    return;
  while (ut_xchg(l, 2) != 0)
    futex(l, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 2, 0, 0, 0);
}

static void unlock(int *l) {
  if (ut_xchg(l, 0) != 1)
    futex(l, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, 0, 0);
}

static int the_lock;
static int counter;

#define INCREMENTS 600

/* Each increment is a read, a yield and a write: without the lock the
 * other threads' increments in between would be lost. */
static int count_up(void *arg) {
  int i;
  (void)arg;
  for (i = 0; i < INCREMENTS; i++) {
    int v;
    lock(&the_lock);
    v = counter;
    if (i % 16 == 0)
      sched_yield();
    counter = v + 1;
    unlock(&the_lock);
  }
  return 0;
}

static void futex_counter(void) {
  int i;
  for (i = 0; i < 4; i++)
    spawn(i, count_up, 0);
  for (i = 0; i < 4; i++)
    join(i);
  CHECK(counter == 4 * INCREMENTS);
  CHECK(the_lock == 0);
}

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
  char *argv[5];
  argv[0] = (char *)ut_self;
  argv[1] = "--helper";
  argv[2] = "exit";
  argv[3] = (char *)arg;
  argv[4] = 0;
  execv(ut_self, argv);
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

static int release;   /* the many threads sleep on it */
static int started;

static int wait_for_release(void *arg) {
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

static void alarm_handler(int sig) {
  (void)sig;
}

static void futex_errors(void) {
  int word = 1;
  struct timespec ts = {0, 30000000};
  struct sigaction sa;
  CHECK_ERR(futex(&word, FUTEX_WAIT, 2, 0, 0, 0), EAGAIN);
  CHECK_ERR(futex(&word, FUTEX_WAIT, 1, &ts, 0, 0), ETIMEDOUT);
  ts.tv_nsec = 1000000000;
  CHECK_ERR(futex(&word, FUTEX_WAIT, 1, &ts, 0, 0), EINVAL);
  CHECK_ERR(futex((int *)((char *)&word + 1), FUTEX_WAKE, 1, 0, 0, 0), EINVAL);
  CHECK_ERR(futex((int *)16, FUTEX_WAKE, 1, 0, 0, 0), EFAULT);
  CHECK_ERR(futex(&word, 99, 1, 0, 0, 0), ENOSYS);
  CHECK(futex(&word, FUTEX_WAKE, 1, 0, 0, 0) == 0);   /* nobody waits */
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = alarm_handler;
  CHECK(sigaction(SIGALRM, &sa, 0) == 0);
  alarm(1);
  CHECK_ERR(futex(&word, FUTEX_WAIT, 1, 0, 0, 0), EINTR);
}

/* A futex word in a MAP_SHARED mapping joins processes: the key is the
 * physical page. */
static void futex_shared_mapping(void) {
  int st, pid;
  int *w = (int *)mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(w != (int *)MAP_FAILED);
  w[0] = 0;
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    struct timespec ts = {0, 50000000};
    nanosleep(&ts, 0);
    w[0] = 1;
    _exit(futex(&w[0], FUTEX_WAKE, 1, 0, 0, 0) == 1 ? 0 : 1);   /* it woke the parent */
  }
  while (w[0] == 0)
    futex(&w[0], FUTEX_WAIT, 0, 0, 0, 0);
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static int cond, mutex_word;
static int requeue_woken;

static int cond_waiter(void *arg) {
  (void)arg;
  lock(&the_lock);
  started++;
  unlock(&the_lock);
  futex(&cond, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0, 0, 0);
  lock(&the_lock);
  requeue_woken++;
  unlock(&the_lock);
  return 0;
}

static void futex_requeue_moves(void) {
  int i;
  for (i = 0; i < 3; i++)
    spawn(i, cond_waiter, 0);
  while (started < 3)
    sched_yield();
  sched_yield();   /* the last one reaches its FUTEX_WAIT */
  CHECK_ERR(futex_requeue(&cond, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, 2, &mutex_word, 5), EAGAIN);
  /* One woken, two moved to mutex_word: a wake on cond finds nobody. */
  CHECK(futex_requeue(&cond, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, 2, &mutex_word, 0) == 3);
  CHECK(futex(&cond, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, 0, 0, 0) == 0);
  CHECK(futex(&mutex_word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, 0, 0, 0) == 2);
  for (i = 0; i < 3; i++)
    join(i);
  CHECK(requeue_woken == 3);
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

static int count_entries(const char *dir, int *names, int max) {
  DIR *d = opendir(dir);
  struct dirent *e;
  int n = 0;
  if (d == 0)
    return -1;
  while ((e = readdir(d)) != 0) {
    if (e->d_name[0] == '.')
      continue;
    if (n < max)
      names[n] = atoi(e->d_name);
    n++;
  }
  closedir(d);
  return n;
}

static void proc_task_dir(void) {
  int names[8];
  int i, n, fd;
  char path[64], buf[512];
  int t1, t2;
  release = 0;
  t1 = spawn(0, wait_for_release, 0);
  t2 = spawn(1, wait_for_release, 0);
  n = count_entries("/proc/self/task", names, 8);
  CHECK(n == 3);
  CHECK(names[0] == getpid() && names[1] == t1 && names[2] == t2);
  /* The thread's own stat: its tid first, then 3 threads (field 20). */
  sprintf(path, "/proc/%d/task/%d/stat", getpid(), t2);
  fd = open(path, O_RDONLY);
  CHECK(fd >= 0);
  n = read(fd, buf, sizeof buf - 1);
  CHECK(n > 0);
  buf[n] = 0;
  close(fd);
  CHECK(atoi(buf) == t2);
  {
    char *f = strrchr(buf, ')') + 2;   /* field 3, the state */
    for (i = 3; i < 20; i++)
      f = strchr(f, ' ') + 1;
    CHECK(atoi(f) == 3);
  }
  sprintf(path, "/proc/self/task/%d/status", t1);
  CHECK(ut_proc_number(path, "Pid") == t1);
  CHECK(ut_proc_number(path, "Tgid") == getpid());
  CHECK(ut_proc_number(path, "Threads") == 3);
  sprintf(path, "/proc/self/task/%d", getppid());   /* not one of ours */
  CHECK_ERR(open(path, O_RDONLY), ENOENT);
  /* Threads are not processes: /proc lists the group once. */
  {
    DIR *d = opendir("/proc");
    struct dirent *e;
    char tname[16];
    sprintf(tname, "%d", t1);
    CHECK(d != 0);
    while ((e = readdir(d)) != 0)
      CHECK(strcmp(e->d_name, tname) != 0);
    closedir(d);
  }
  release = 1;
  futex(&release, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 2, 0, 0, 0);
  join(0);
  join(1);
  CHECK(count_entries("/proc/self/task", names, 8) == 1);
}

/* Runs /bin/ps with one argument (or none), its output into buf. */
static int run_ps(const char *arg, char *buf, int size) {
  int pfd[2], n = 0, r, st;
  int pid;
  CHECK(pipe(pfd) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    char *argv[3];
    argv[0] = "ps";
    argv[1] = (char *)arg;
    argv[2] = 0;
    dup2(pfd[1], 1);
    close(pfd[0]);
    close(pfd[1]);
    execv("/bin/ps", argv);
    _exit(127);
  }
  close(pfd[1]);
  while (n < size - 1 && (r = read(pfd[0], buf + n, size - 1 - n)) > 0)
    n += r;
  buf[n] = 0;
  close(pfd[0]);
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
  return n;
}

static int count_lines_starting(const char *buf, const char *prefix) {
  int n = 0;
  const char *l = buf;
  while (*l) {
    if (strncmp(l, prefix, strlen(prefix)) == 0)
      n++;
    l = strchr(l, '\n');
    if (!l)
      break;
    l++;
  }
  return n;
}

static char ps_out[4096];

static void ps_shows_threads(void) {
  char want[32];
  int t1, t2;
  release = 0;
  t1 = spawn(0, wait_for_release, 0);
  t2 = spawn(1, wait_for_release, 0);
  run_ps("-L", ps_out, sizeof ps_out);
  CHECK(strncmp(ps_out, "  PID   LWP  PPID", 17) == 0);
  sprintf(want, "%5d %5d ", getpid(), getpid());
  CHECK(count_lines_starting(ps_out, want) == 1);
  sprintf(want, "%5d %5d ", getpid(), t1);
  CHECK(count_lines_starting(ps_out, want) == 1);
  sprintf(want, "%5d %5d ", getpid(), t2);
  CHECK(count_lines_starting(ps_out, want) == 1);
  run_ps("-T", ps_out, sizeof ps_out);
  CHECK(strncmp(ps_out, "  PID  SPID  PPID", 17) == 0);
  CHECK(count_lines_starting(ps_out, want) == 1);
  /* Without -L: the process once, no thread as a process. */
  run_ps(0, ps_out, sizeof ps_out);
  sprintf(want, "%5d ", getpid());
  CHECK(count_lines_starting(ps_out, want) == 1);
  sprintf(want, "%5d ", t1);
  CHECK(count_lines_starting(ps_out, want) == 0);
  release = 1;
  futex(&release, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 2, 0, 0, 0);
  join(0);
  join(1);
}

static char yield_log[64];
static int yield_n;

static int yield_loop(void *arg) {
  int i;
  for (i = 0; i < 10; i++) {
    yield_log[yield_n++] = (char)(int)arg;
    sched_yield();
  }
  return 0;
}

/* sched_yield puts the caller behind every runnable thread: two threads
 * that yield after each step take turns, step by step. */
static void yield_alternates(void) {
  int i;
  spawn(0, yield_loop, (void *)'a');
  spawn(1, yield_loop, (void *)'b');
  join(0);
  join(1);
  CHECK(yield_n == 20);
  for (i = 1; i < 20; i++)
    CHECK(yield_log[i] != yield_log[i - 1]);
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
