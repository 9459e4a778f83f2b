/* The kernel benchmarks' init (init=/sbin/bench): measures in retired
 * instructions (rdtsc) and prints "bench NAME VALUE" lines, then powers
 * off. Run by test/bench/kernel.ts. */
#include "ktest.h"

unsigned read_tsc(void);
int __clone(int (*fn)(void *), void *stack, int flags, void *arg, int *ptid, void *tls, int *ctid);
int __sys_futex(int *uaddr, int op, int val, unsigned timeout, int *uaddr2, int val3);

#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129
/* CLONE_VM FS FILES SIGHAND THREAD SYSVSEM PARENT_SETTID CHILD_CLEARTID */
#define THREAD_FLAGS 0x00350f00

static char thread_stack[16384];
static int thread_tid;
static int ping, pong;

static int nothing(void *arg) {
  (void)arg;
  return 0;
}

/* The other side of the futex round trip: wait for ping, answer pong. */
static int ponger(void *arg) {
  int i, n = (int)arg;
  for (i = 0; i < n; i++) {
    while (ping == 0) __sys_futex(&ping, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
    ping = 0;
    pong = 1;
    __sys_futex(&pong, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
  }
  return 0;
}

/* Waits until CLONE_CHILD_CLEARTID has zeroed the thread's tid word. */
static void join_thread(void) {
  int t;
  while ((t = thread_tid) != 0) __sys_futex(&thread_tid, 0, t, 0, 0, 0);
}

static void report(const char *name, unsigned value) {
  puts1("bench ");
  puts1(name);
  puts1(" ");
  putnum((int)value);
  puts1("\n");
}

int main(void) {
  unsigned t0, t1;
  int i, status, fds[2], back[2];
  char c = 'x';
  static char block[65536];
  report("boot", read_tsc());

  t0 = read_tsc();
  for (i = 0; i < 1000; i++) __sys_getpid();
  t1 = read_tsc();
  report("getpid", (t1 - t0) / 1000);

  t0 = read_tsc();
  for (i = 0; i < 10; i++) {
    int pid = __sys_fork();
    if (pid == 0) {
      char *argv[2];
      char *envp[1];
      argv[0] = "/bin/true";
      argv[1] = 0;
      envp[0] = 0;
      __sys_execve("/bin/true", argv, envp);
      __sys_exit(127);
    }
    __sys_wait4(pid, &status, 0, 0);
  }
  t1 = read_tsc();
  report("forkexec", (t1 - t0) / 10);

  __sys_pipe(fds);
  __sys_pipe(back);
  if (__sys_fork() == 0) {
    for (i = 0; i < 200; i++) {
      __sys_read(fds[0], &c, 1);
      __sys_write(back[1], &c, 1);
    }
    __sys_exit(0);
  }
  t0 = read_tsc();
  for (i = 0; i < 200; i++) {
    __sys_write(fds[1], &c, 1);
    __sys_read(back[0], &c, 1);
  }
  t1 = read_tsc();
  __sys_wait4(-1, &status, 0, 0);
  report("pipe-pingpong", (t1 - t0) / 200);

  t0 = read_tsc();
  for (i = 0; i < 50; i++) {
    __clone(nothing, thread_stack + sizeof thread_stack, THREAD_FLAGS, 0, &thread_tid, 0, &thread_tid);
    join_thread();
  }
  t1 = read_tsc();
  report("thread-create-join", (t1 - t0) / 50);

  __clone(ponger, thread_stack + sizeof thread_stack, THREAD_FLAGS, (void *)200, &thread_tid, 0, &thread_tid);
  t0 = read_tsc();
  for (i = 0; i < 200; i++) {
    ping = 1;
    __sys_futex(&ping, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
    while (pong == 0) __sys_futex(&pong, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
    pong = 0;
  }
  t1 = read_tsc();
  join_thread();
  report("futex-pingpong", (t1 - t0) / 200);

  {
    int fd = __sys_open("/tmp/f4m", 0100 | 2, 0600);
    t0 = read_tsc();
    for (i = 0; i < 64; i++) __sys_write(fd, block, sizeof block);
    __sys_lseek(fd, 0, 0);
    for (i = 0; i < 64; i++) __sys_read(fd, block, sizeof block);
    t1 = read_tsc();
    __sys_close(fd);
    __sys_unlink("/tmp/f4m");
    report("file-4m", t1 - t0);
  }
  puts1("bench: done\n");
  power_off(0);
  return 0;
}
