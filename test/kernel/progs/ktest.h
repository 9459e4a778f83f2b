/* ktest.h — a tiny freestanding toolkit for the kernel's test programs:
 * the raw system-call stubs generated from kernel/syscalls.tbl, output
 * helpers, and a CHECK macro that prints "ok"/"FAIL" lines. */
#ifndef KTEST_H
#define KTEST_H

int errno;
int *__errno_location(void) { return &errno; }   /* the generated stubs store through it */

int __sys_write(int fd, const void *buf, unsigned n);
int __sys_read(int fd, void *buf, unsigned n);
int __sys_open(const char *path, int flags, int mode);
int __sys_close(int fd);
int __sys_fork(void);
int __sys_execve(const char *path, char **argv, char **envp);
int __sys_wait4(int pid, int *status, int options, void *rusage);
int __sys_exit(int code);
int __sys_getpid(void);
int __sys_getppid(void);
int __sys_kill(int pid, int sig);
int __sys_pipe(int *fds);
int __sys_mkdir(const char *path, int mode);
int __sys_rmdir(const char *path);
int __sys_unlink(const char *path);
int __sys_link(const char *a, const char *b);
int __sys_symlink(const char *a, const char *b);
int __sys_readlink(const char *path, char *buf, int size);
int __sys_rename(const char *a, const char *b);
int __sys_chdir(const char *path);
int __sys_getcwd(char *buf, unsigned size);
int __sys_getdents(int fd, void *buf, unsigned n);
int __sys_stat(const char *path, void *st);
int __sys_fstat(int fd, void *st);
int __sys_lseek(int fd, int off, int whence);
int __sys_brk(unsigned addr);
int __sys_dup2(int a, int b);
int __sys_nanosleep(const int *req, int *rem);
int __sys_syslog(int type, char *buf, int len);
int __sys_uname(void *buf);
int __sys_reboot(unsigned a, unsigned b, unsigned c, unsigned d);
int __sys_ftruncate(int fd, int len);

static int slen(const char *s) { int n = 0; while (s[n]) n++; return n; }
static void puts1(const char *s) { __sys_write(1, s, slen(s)); }
static void putnum(int v) {
  char b[12];
  int i = 11;
  int neg = v < 0;
  unsigned u = neg ? 0u - (unsigned)v : (unsigned)v;
  b[i] = 0;
  do { b[--i] = (char)('0' + u % 10); u /= 10; } while (u);
  if (neg) b[--i] = '-';
  puts1(b + i);
}
static int failures;
static int checks;
static void check(int ok, const char *what, int got) {
  checks++;
  puts1(ok ? "ok " : "FAIL ");
  puts1(what);
  if (!ok) { puts1(" got "); putnum(got); failures++; }
  puts1("\n");
}
#define CHECK(expr, what, got) check((expr), (what), (got))
static int streq(const char *a, const char *b) { while (*a && *a == *b) { a++; b++; } return *a == *b; }
static void power_off(int code) { __sys_reboot(0xfee1dead, 672274793, 0x4321FEDC, (unsigned)code); }

#endif

int __sys_rt_sigaction(int sig, const void *act, void *old, unsigned size);
int __sys_rt_sigprocmask(int how, const void *set, void *old, unsigned size);
int __sys_pause(void);
int __sys_alarm(unsigned s);
int __sys_setpgid(int pid, int pgid);
int __sys_getpgrp(void);
int __sys_ioctl(int fd, unsigned cmd, void *arg);
int __sys_setpriority(int which, int who, int prio);
int __sys_times(unsigned *buf);
int __sys_sched_yield(void);

struct k_sigaction { unsigned handler, flags, restorer, mask[2]; };

static int set_handler(int sig, void (*fn)(int)) {
  struct k_sigaction a;
  a.handler = (unsigned)fn;
  a.flags = 0;
  a.restorer = 0;
  a.mask[0] = 0;
  a.mask[1] = 0;
  return __sys_rt_sigaction(sig, &a, 0, 8);
}
