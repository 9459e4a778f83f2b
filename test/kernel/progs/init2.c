/* A second test init (init=/sbin/init2): signal handlers, stop/continue,
 * alarm, the scheduler's nice weights, the tty line discipline with input
 * the test harness types after each "tty:" prompt, and dmesg. */
#include "ktest.h"

static volatile int got_usr1;
static volatile int got_alrm;

static void on_usr1(int sig) { got_usr1 = sig; }
static void on_alrm(int sig) { got_alrm = sig; }

static void test_signals(void) {
  int status, pid, r;
  unsigned mask[2];
  CHECK(set_handler(10, on_usr1) == 0, "rt_sigaction installs a handler", 0);
  __sys_kill(__sys_getpid(), 10);
  CHECK(got_usr1 == 10, "the handler ran with the signal number", got_usr1);
  mask[0] = 1u << (10 - 1);
  mask[1] = 0;
  __sys_rt_sigprocmask(0, mask, 0, 8);   /* block SIGUSR1 */
  got_usr1 = 0;
  __sys_kill(__sys_getpid(), 10);
  CHECK(got_usr1 == 0, "a blocked signal waits", got_usr1);
  __sys_rt_sigprocmask(1, mask, 0, 8);   /* unblock */
  CHECK(got_usr1 == 10, "and arrives when unblocked", got_usr1);
  CHECK(set_handler(2, (void (*)(int))1) == 0, "SIG_IGN for SIGINT", 0);
  __sys_kill(__sys_getpid(), 2);
  CHECK(1, "an ignored SIGINT does nothing", 0);
  set_handler(14, on_alrm);
  __sys_alarm(1);
  r = __sys_pause();
  CHECK(r == -4 && got_alrm == 14, "alarm interrupts pause and runs the handler", r);
  pid = __sys_fork();
  if (pid == 0) {
    for (;;) __sys_sched_yield();
  }
  __sys_kill(pid, 19);
  r = __sys_wait4(pid, &status, 2, 0);
  CHECK(r == pid && (status & 0xff) == 0x7f && ((status >> 8) & 0xff) == 19, "SIGSTOP stops; wait4 WUNTRACED sees it", status);
  __sys_kill(pid, 18);
  __sys_kill(pid, 9);
  r = __sys_wait4(pid, &status, 0, 0);
  CHECK(r == pid && (status & 0x7f) == 9, "SIGCONT then SIGKILL ends it", status);
}

/* Spins until killed; counts nothing, the kernel counts its CPU time. */
static void spin(void) {
  volatile unsigned n = 0;
  for (;;) n++;
}

static void test_nice(void) {
  int a, b, status;
  unsigned ua[18], ub[18];   /* struct rusage: 72 bytes */
  int ts[2];
  a = __sys_fork();
  if (a == 0) spin();
  b = __sys_fork();
  if (b == 0) {
    __sys_setpriority(0, 0, 5);
    spin();
  }
  ts[0] = 0;
  ts[1] = 600000000;
  __sys_nanosleep(ts, 0);
  __sys_kill(a, 9);
  __sys_kill(b, 9);
  __sys_wait4(a, &status, 0, ua);
  __sys_wait4(b, &status, 0, ub);
  /* ru_utime seconds*100 + usec/10000 = ticks */
  {
    int ta = (int)(ua[0] * 100 + ua[1] / 10000);
    int tb = (int)(ub[0] * 100 + ub[1] / 10000);
    puts1("nice: ticks nice0 ");
    putnum(ta);
    puts1(" nice5 ");
    putnum(tb);
    puts1("\n");
    CHECK(ta + tb >= 45, "two spinners got most of 0.6 s of CPU between them", ta + tb);
    CHECK(tb > 0 && ta > 2 * tb && ta < 5 * tb, "nice 0 gets about 3x the CPU of nice 5 (1024 vs 335)", ta * 100 / (tb ? tb : 1));
  }
}

struct termios { unsigned iflag, oflag, cflag, lflag; unsigned char line, cc[19]; };

static int read_line(char *buf, int max) {
  int n = __sys_read(0, buf, max - 1);
  if (n >= 0) buf[n] = 0;
  return n;
}

static void test_tty(void) {
  char buf[64];
  int n, pid, status, pg;
  struct termios t, raw;
  puts1("tty: type a line\n");
  n = read_line(buf, 64);
  CHECK(n == 6 && streq(buf, "hello\n"), "canonical read returns one line", n);
  puts1("tty: edit a line\n");
  n = read_line(buf, 64);
  CHECK(n == 4 && streq(buf, "xyz\n"), "erase and kill edit the line", n);
  puts1("tty: end of file\n");
  n = read_line(buf, 64);
  CHECK(n == 0, "^D on an empty line is end of file", n);
  CHECK(__sys_ioctl(0, 0x5401, &t) == 0 && (t.lflag & 2), "TCGETS: canonical mode", (int)t.lflag);
  raw = t;
  raw.lflag &= ~(2u | 8u);
  __sys_ioctl(0, 0x5402, &raw);
  puts1("tty: raw keys\n");
  n = read_line(buf, 64);
  CHECK(n >= 1 && buf[0] == 'q', "raw mode returns keys without a newline", n);
  __sys_ioctl(0, 0x5402, &t);
  pid = __sys_fork();
  if (pid == 0) {
    set_handler(2, 0);   /* init ignored SIGINT earlier; the child must not */
    __sys_setpgid(0, 0);
    pg = __sys_getpid();
    __sys_ioctl(0, 0x5410, &pg);
    puts1("tty: interrupt me\n");
    for (;;) read_line(buf, 64);
  }
  __sys_wait4(pid, &status, 0, 0);
  CHECK((status & 0x7f) == 2, "^C sends SIGINT to the foreground group", status);
  pg = __sys_getpgrp();
  __sys_ioctl(0, 0x5410, &pg);
}

static void test_dmesg(void) {
  static char log[16384];
  int n = __sys_syslog(3, log, sizeof log);
  int i, found = 0;
  CHECK(n > 100, "syslog READ_ALL returns the kernel log", n);
  for (i = 0; i + 20 < n; i++) {
    if (log[i] == '<' && log[i + 1] == '6' && log[i + 2] == '>' && log[i + 3] == '[') { found = 1; break; }
  }
  CHECK(found, "records carry <level>[time] prefixes", 0);
  CHECK(__sys_syslog(3, (char *)0xC0001000, 100) == -14, "syslog into a kernel address is EFAULT", 0);
}

int main(void) {
  puts1("ktest2 init\n");
  test_signals();
  test_nice();
  test_tty();
  test_dmesg();
  puts1("ktest: ");
  putnum(checks);
  puts1(" checks\n");
  puts1(failures ? "ktest: FAILED\n" : "ktest: all passed\n");
  power_off(failures);
  return 0;
}
