/* t_rlimit.c: resource limits — getrlimit/setrlimit/prlimit64 and each
 * limit the kernel enforces (kernel/proc/rlimit.c): EMFILE at NOFILE,
 * EAGAIN at NPROC for uid 1000, ENOMEM at AS and DATA, SIGSEGV past STACK,
 * SIGXCPU then SIGKILL at CPU, SIGXFSZ and EFBIG at FSIZE, EPERM raising a
 * hard limit as non-root, inheritance across fork and exec, prlimit64 on
 * another process. */
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include <fcntl.h>
#include <dirent.h>
#include <string.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "ut.h"

#define USER 1000

static void set_limit(int res, unsigned cur, unsigned max) {
  struct rlimit r;
  r.rlim_cur = cur;
  r.rlim_max = max;
  CHECK(setrlimit(res, &r) == 0);
}

static void become_user(void) {
  CHECK(setresgid(USER, USER, USER) == 0);
  CHECK(setresuid(USER, USER, USER) == 0);
}

static void t_get_defaults(void) {
  struct rlimit r;
  unsigned old[2];
  CHECK(getrlimit(RLIMIT_NOFILE, &r) == 0);
  CHECK(r.rlim_cur == 1024 && r.rlim_max == 1024);
  CHECK(getrlimit(RLIMIT_STACK, &r) == 0);
  CHECK(r.rlim_cur == 8 * 1024 * 1024 && r.rlim_max == RLIM_INFINITY);
  CHECK(getrlimit(RLIMIT_CORE, &r) == 0);
  CHECK(r.rlim_cur == 0 && r.rlim_max == RLIM_INFINITY);
  CHECK(getrlimit(RLIMIT_CPU, &r) == 0);
  CHECK(r.rlim_cur == RLIM_INFINITY);
  /* the old getrlimit (76) reports infinity as LONG_MAX */
  CHECK(ut_syscall3(76, RLIMIT_CPU, (int)old, 0) == 0);
  CHECK(old[0] == 0x7FFFFFFF && old[1] == 0x7FFFFFFF);
  CHECK_ERR(getrlimit(RLIM_NLIMITS, &r), EINVAL);
  CHECK_ERR(getrlimit(-1, &r), EINVAL);
  r.rlim_cur = 10;
  r.rlim_max = 5;
  CHECK_ERR(setrlimit(RLIMIT_NOFILE, &r), EINVAL);   /* soft above hard */
  r.rlim_cur = r.rlim_max = 1025;
  CHECK_ERR(setrlimit(RLIMIT_NOFILE, &r), EPERM);    /* above NR_OPEN, even for root */
  CHECK_ERR(setrlimit(RLIMIT_NOFILE, (struct rlimit *)0), EFAULT);
}

static void t_nofile(void) {
  int fd, p[2];
  struct rlimit r;
  set_limit(RLIMIT_NOFILE, 5, 5);
  CHECK(getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur == 5 && r.rlim_max == 5);
  CHECK(open("/dev/null", O_RDONLY) == 3);
  CHECK(open("/dev/null", O_RDONLY) == 4);
  CHECK_ERR(open("/dev/null", O_RDONLY), EMFILE);
  CHECK_ERR(dup(0), EMFILE);
  CHECK_ERR(pipe(p), EMFILE);
  CHECK_ERR(dup2(0, 5), EBADF);
  CHECK_ERR(fcntl(0, F_DUPFD, 5), EINVAL);
  close(4);
  fd = dup(0);
  CHECK(fd == 4);
  /* lowering below open descriptors keeps them open, new ones fail */
  set_limit(RLIMIT_NOFILE, 2, 5);
  CHECK_ERR(dup(0), EMFILE);
  CHECK(write(4, "", 0) >= 0 || errno != EBADF);
}

/* Runs the usertests helper "fdclosed FD" in a child: 0 when FD is closed
 * in the new program, 1 when it is open. */
static int fd_closed_after_exec(int fd) {
  char num[16];
  int pid;
  sprintf(num, "%d", fd);
  pid = fork();
  if (pid == 0) {
    char *argv[] = { (char *)ut_self, "--helper", "fdclosed", num, 0 };
    execve(ut_self, argv, environ);
    _exit(100);
  }
  return WEXITSTATUS(ut_wait_status(pid));
}

/* The fd table grows past its first 32 slots up to RLIMIT_NOFILE (1024):
 * lowest-first allocation to 1023, EMFILE after, dup2 into the grown
 * table, fork copies all of it, close-on-exec holds at a high fd,
 * /proc/self/fd lists high fds; then a limit of 64 stops at 63. */
static void t_nofile_table(void) {
  int fd, last = -1, pid, seen = 0;
  DIR *d;
  struct dirent *e;
  set_limit(RLIMIT_NOFILE, 1024, 1024);                    /* the default: NR_OPEN */
  CHECK_ERR(dup2(0, 1024), EBADF);
  while ((fd = dup(0)) >= 0) {
    CHECK(fd == last + 1 || last < 0);
    last = fd;
  }
  CHECK(errno == EMFILE);
  CHECK(last == 1023);
  CHECK_ERR(dup2(0, 1024), EBADF);
  CHECK_ERR(fcntl(0, F_DUPFD, 1024), EINVAL);
  CHECK(close(900) == 0);
  CHECK(dup2(0, 900) == 900);
  CHECK(fcntl(900, F_GETFD) == 0);
  CHECK(close(500) == 0);
  CHECK(dup(1) == 500);                                    /* lowest first */
  CHECK(fcntl(1000, F_SETFD, FD_CLOEXEC) == 0);
  pid = fork();
  if (pid == 0) _exit(fcntl(999, F_GETFD) == 0 && fcntl(1000, F_GETFD) == FD_CLOEXEC && fcntl(1023, F_GETFD) == 0 ? 0 : 1);
  CHECK(WEXITSTATUS(ut_wait_status(pid)) == 0);           /* the child has all 1024 */
  CHECK(close(1001) == 0 && close(1002) == 0);            /* room for fork/exec's own descriptors */
  CHECK(fd_closed_after_exec(1000) == 0);
  CHECK(fd_closed_after_exec(999) == 1);
  d = opendir("/proc/self/fd");
  CHECK(d != 0);
  while (d && (e = readdir(d)) != 0) seen += strcmp(e->d_name, "999") == 0 || strcmp(e->d_name, "1023") == 0;
  if (d) closedir(d);
  CHECK(seen == 2);
  for (fd = 3; fd < 1024; fd++) close(fd);
  set_limit(RLIMIT_NOFILE, 64, 64);
  last = -1;
  while ((fd = dup(0)) >= 0) last = fd;
  CHECK(errno == EMFILE && last == 63);
  CHECK_ERR(dup2(0, 64), EBADF);
}

static void t_hard_eperm(void) {
  struct rlimit r;
  become_user();
  set_limit(RLIMIT_FSIZE, 1000, 2000);
  set_limit(RLIMIT_FSIZE, 2000, 2000);   /* soft up to hard: fine */
  r.rlim_cur = 2000;
  r.rlim_max = 3000;
  CHECK_ERR(setrlimit(RLIMIT_FSIZE, &r), EPERM);
  r.rlim_cur = r.rlim_max = RLIM_INFINITY;
  CHECK_ERR(setrlimit(RLIMIT_FSIZE, &r), EPERM);
  CHECK(getrlimit(RLIMIT_FSIZE, &r) == 0 && r.rlim_cur == 2000 && r.rlim_max == 2000);
}

static void t_nproc(void) {
  int kids[4];
  int i, n = 0, pid;
  set_limit(RLIMIT_NPROC, 3, 3);
  become_user();
  /* this process is one of the user's three */
  for (i = 0; i < 4; i++) {
    pid = fork();
    if (pid == 0) {
      pause();
      _exit(0);
    }
    if (pid < 0) {
      CHECK(errno == EAGAIN);
      break;
    }
    kids[n++] = pid;
  }
  CHECK(n == 2);
  for (i = 0; i < n; i++) {
    kill(kids[i], SIGKILL);
    ut_wait_status(kids[i]);
  }
  /* reaped: room again */
  pid = fork();
  if (pid == 0)
    _exit(0);
  CHECK(pid > 0);
  ut_wait_status(pid);
}

static void t_nproc_root_exempt(void) {
  int pid;
  set_limit(RLIMIT_NPROC, 1, 1);
  pid = fork();   /* root: the limit does not hold */
  if (pid == 0)
    _exit(0);
  CHECK(pid > 0);
  CHECK(ut_wait_status(pid) == 0);
}

static void t_as(void) {
  void *p;
  set_limit(RLIMIT_AS, 4 * 1024 * 1024, RLIM_INFINITY);
  p = mmap(0, 8 * 1024 * 1024, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(p == MAP_FAILED && errno == ENOMEM);
  CHECK(sbrk(8 * 1024 * 1024) == (void *)-1 && errno == ENOMEM);
  set_limit(RLIMIT_AS, RLIM_INFINITY, RLIM_INFINITY);
  p = mmap(0, 8 * 1024 * 1024, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(p != MAP_FAILED);
}

static void t_data(void) {
  void *p;
  set_limit(RLIMIT_DATA, 4 * 1024 * 1024, RLIM_INFINITY);
  CHECK(sbrk(8 * 1024 * 1024) == (void *)-1 && errno == ENOMEM);
  p = mmap(0, 8 * 1024 * 1024, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(p == MAP_FAILED && errno == ENOMEM);
  /* read-only and shared mappings are not data */
  p = mmap(0, 8 * 1024 * 1024, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(p != MAP_FAILED);
  p = mmap(0, 8 * 1024 * 1024, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(p != MAP_FAILED);
  CHECK(sbrk(64 * 1024) != (void *)-1);
}

int ut_recurse(int kib) {
  volatile char frame[1024];
  frame[0] = (char)kib;
  frame[1023] = 0;
  if (kib <= 1)
    return frame[1023];
  return ut_recurse(kib - 1) + frame[1023];
}

/* exec'ed helper "recurse KIB": uses that much stack, exits 0 */
static int run_recurse(unsigned stack_limit, const char *kib) {
  int pid = fork();
  if (pid == 0) {
    set_limit(RLIMIT_STACK, stack_limit, RLIM_INFINITY);
    ut_exec_helper("recurse", kib);
    _exit(99);
  }
  return ut_wait_status(pid);
}

static void t_stack(void) {
  int st = run_recurse(256 * 1024, "128");
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  st = run_recurse(256 * 1024, "512");
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  st = run_recurse(1024 * 1024, "512");   /* the same depth fits a bigger limit */
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static int xcpu_pipe;
static void on_xcpu(int sig) {
  (void)sig;
  write(xcpu_pipe, "x", 1);
}

static void t_cpu(void) {
  int p[2], pid, st, n;
  char buf[8];
  CHECK(pipe(p) == 0);
  pid = fork();
  if (pid == 0) {
    volatile unsigned spin = 0;
    close(p[0]);
    xcpu_pipe = p[1];
    signal(SIGXCPU, on_xcpu);
    set_limit(RLIMIT_CPU, 1, 2);
    for (;;)
      spin++;
  }
  close(p[1]);
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);   /* at the hard limit */
  n = read(p[0], buf, sizeof buf);
  CHECK(n == 1);   /* one SIGXCPU at the soft limit, before */
}

static void t_fsize(void) {
  char buf[150];
  int fd, pid, st;
  memset(buf, 'a', sizeof buf);
  signal(SIGXFSZ, SIG_IGN);
  set_limit(RLIMIT_FSIZE, 100, RLIM_INFINITY);
  fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK(write(fd, buf, 150) == 100);   /* shortened to what fits */
  CHECK_ERR(write(fd, buf, 1), EFBIG);
  CHECK_ERR(ftruncate(fd, 200), EFBIG);
  CHECK(ftruncate(fd, 50) == 0);
  CHECK(lseek(fd, 0, SEEK_END) == 50);
  close(fd);
  /* the default action of SIGXFSZ ends the writer */
  pid = fork();
  if (pid == 0) {
    signal(SIGXFSZ, SIG_DFL);
    fd = open("f", O_WRONLY | O_APPEND);
    write(fd, buf, 100);
    write(fd, buf, 100);
    _exit(0);
  }
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGXFSZ);
}

static void t_inherit(void) {
  int pid, st;
  struct rlimit r;
  set_limit(RLIMIT_NOFILE, 7, 9);
  pid = fork();
  if (pid == 0) {
    _exit(getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur == 7 && r.rlim_max == 9 ? 0 : 1);
  }
  CHECK(ut_wait_status(pid) == 0);
  pid = fork();
  if (pid == 0) {
    char *argv[] = { (char *)ut_self, "--helper", "rlimit", "7", 0 };   /* exits with NOFILE's soft limit */
    execv(ut_self, argv);
    _exit(99);
  }
  st = ut_wait_status(pid);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
}

static void t_prlimit_other(void) {
  struct rlimit64 n, o;
  int pid = fork();
  if (pid == 0) {
    pause();
    _exit(0);
  }
  n.rlim_cur = 6;
  n.rlim_max = 6;
  CHECK(prlimit64(pid, RLIMIT_NOFILE, &n, &o) == 0);
  CHECK(o.rlim_cur == 1024 && o.rlim_max == 1024);
  CHECK(prlimit64(pid, RLIMIT_NOFILE, 0, &o) == 0);
  CHECK(o.rlim_cur == 6 && o.rlim_max == 6);
  CHECK(prlimit64(pid, RLIMIT_CPU, 0, &o) == 0);
  CHECK(o.rlim_cur == RLIM64_INFINITY && o.rlim_max == RLIM64_INFINITY);
  /* a value of 2^32 and more is infinity on a 32-bit kernel */
  n.rlim_cur = 0x100000000ULL;
  n.rlim_max = RLIM64_INFINITY;
  CHECK(prlimit64(0, RLIMIT_FSIZE, &n, 0) == 0);
  CHECK(prlimit64(0, RLIMIT_FSIZE, 0, &o) == 0 && o.rlim_cur == RLIM64_INFINITY);
  CHECK_ERR(prlimit64(30000, RLIMIT_NOFILE, 0, &o), ESRCH);
  if (fork() == 0) {
    become_user();
    CHECK_ERR(prlimit64(pid, RLIMIT_NOFILE, 0, &o), EPERM);   /* root's process */
    _exit(0);
  }
  CHECK(wait(0) > 0);
  kill(pid, SIGKILL);
  ut_wait_status(pid);
}

static void t_proc_limits(void) {
  static char text[4096];
  int n;
  set_limit(RLIMIT_NOFILE, 9, 20);
  n = ut_read_file("/proc/self/limits", text, sizeof text - 1);
  CHECK(n > 0);
  text[n] = 0;
  CHECK(strncmp(text, "Limit                     Soft Limit           Hard Limit           Units     \n", 79) == 0);
  CHECK(strstr(text, "\nMax open files            9                    20                   files     \n") != 0);
  CHECK(strstr(text, "\nMax stack size            8388608              unlimited            bytes     \n") != 0);
  CHECK(strstr(text, "\nMax nice priority         0                    0                    \n") != 0);
  /* a kernel thread (kdebugd, pid 2) has the boot limits too */
  n = ut_read_file("/proc/2/limits", text, sizeof text - 1);
  CHECK(n > 0);
  text[n] = 0;
  CHECK(strstr(text, "\nMax open files            1024                 1024                 files     \n") != 0);
}

struct ut_case ut_rlimit_cases[] = {
  { "rlimit_defaults", t_get_defaults },
  { "rlimit_nofile", t_nofile },
  { "rlimit_nofile_table", t_nofile_table },
  { "rlimit_hard_eperm", t_hard_eperm },
  { "rlimit_nproc", t_nproc },
  { "rlimit_nproc_root", t_nproc_root_exempt },
  { "rlimit_as", t_as },
  { "rlimit_data", t_data },
  { "rlimit_stack", t_stack },
  { "rlimit_cpu", t_cpu },
  { "rlimit_fsize", t_fsize },
  { "rlimit_inherit", t_inherit },
  { "rlimit_prlimit", t_prlimit_other },
  { "rlimit_proc_limits", t_proc_limits },
  { 0, 0 },
};
