/* The kernel test suite's /sbin/init: runs each case, prints ok/FAIL
 * lines, then powers off with the number of failures as the exit code. */
#include "ktest.h"

#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000

static void test_process(void) {
  int status = 0, r;
  int pid = __sys_fork();
  if (pid == 0) {
    __sys_exit(__sys_getppid() == 1 ? 42 : 1);
  }
  CHECK(pid > 1, "fork returns the child's pid", pid);
  r = __sys_wait4(pid, &status, 0, 0);
  CHECK(r == pid, "wait4 reaps the child", r);
  CHECK(status == (42 << 8), "exit status 42 reaches the parent", status);
  CHECK(__sys_wait4(-1, &status, 0, 0) == -10, "wait4 without children is ECHILD", 0);
  pid = __sys_fork();
  if (pid == 0) {
    char *argv[3];
    char *envp[2];
    argv[0] = "/bin/echoargs";
    argv[1] = "hello-from-exec";
    argv[2] = 0;
    envp[0] = "K=V";
    envp[1] = 0;
    __sys_execve("/bin/echoargs", argv, envp);
    __sys_exit(99);
  }
  __sys_wait4(pid, &status, 0, 0);
  CHECK(status == (7 << 8), "execve runs a program from the disk with argv and envp", status);
  pid = __sys_fork();
  if (pid == 0) {
    char *argv[3];
    char *envp[1];
    argv[0] = "hello";
    argv[1] = "world";
    argv[2] = 0;
    envp[0] = 0;
    __sys_execve("/bin/hello", argv, envp);
    __sys_exit(99);
  }
  __sys_wait4(pid, &status, 0, 0);
  CHECK(status == (3 << 8), "a libc program (printf, malloc) runs and exits 3", status);
  CHECK(__sys_execve("/etc/motd", 0, 0) == -13, "execve of a non-executable file is EACCES", 0);
  CHECK(__sys_execve("/bin/bad.elf", 0, 0) == -8, "execve of a malformed ELF is ENOEXEC", 0);
  CHECK(__sys_execve("/nonexistent", 0, 0) == -2, "execve of a missing file is ENOENT", 0);
  pid = __sys_fork();
  if (pid == 0) {
    volatile int *p = (int *)0x10;
    *p = 1;   /* SIGSEGV */
    __sys_exit(0);
  }
  __sys_wait4(pid, &status, 0, 0);
  CHECK((status & 0x7f) == 11, "a wild store kills the child with SIGSEGV", status);
  pid = __sys_fork();
  if (pid == 0) {
    int ts[2];
    ts[0] = 10;
    ts[1] = 0;
    __sys_nanosleep(ts, 0);
    __sys_exit(0);
  }
  CHECK(__sys_kill(pid, 15) == 0, "kill sends SIGTERM", 0);
  __sys_wait4(pid, &status, 0, 0);
  CHECK((status & 0x7f) == 15, "SIGTERM interrupts a sleep and terminates", status);
}

int __sys_sysinfo(unsigned *info);

static unsigned free_pages_now(void) {
  unsigned info[16];
  __sys_sysinfo(info);
  return info[5];   /* freeram, in pages (mem_unit 4096) */
}

static void spawn_and_wait(const char *path) {
  int status;
  int pid = __sys_fork();
  if (pid == 0) {
    char *argv[2];
    char *envp[1];
    argv[0] = (char *)path;
    argv[1] = 0;
    envp[0] = 0;
    __sys_execve(path, argv, envp);
    __sys_exit(127);
  }
  __sys_wait4(pid, &status, 0, 0);
}

static void test_fork_limit(void) {
  int fds[2], pid, n = 0, r, status;
  char c;
  __sys_pipe(fds);
  for (;;) {
    pid = __sys_fork();
    if (pid == 0) {
      __sys_close(fds[1]);
      __sys_read(fds[0], &c, 1);   /* wait until the parent closes the pipe */
      __sys_exit(0);
    }
    if (pid < 0) break;
    n++;
    if (n > 4000) break;
  }
  r = pid;
  CHECK(r == -11, "a fork bomb hits the process limit: EAGAIN", r);
  /* the table is sized by RAM (Linux's max_threads), not a fixed 64 */
  CHECK(n > 200 && n < 4000, "after more than 200 live children", n);
  __sys_close(fds[0]);
  __sys_close(fds[1]);
  while (__sys_wait4(-1, &status, 0, 0) > 0) {
  }
  pid = __sys_fork();
  if (pid == 0) __sys_exit(5);
  __sys_wait4(pid, &status, 0, 0);
  CHECK(status == (5 << 8), "and fork works again once they are reaped", status);
}

static void test_no_leaks(void) {
  unsigned before, after;
  int i, fds[2];
  spawn_and_wait("/bin/true");   /* warm the caches */
  before = free_pages_now();
  for (i = 0; i < 5; i++) spawn_and_wait("/bin/true");
  for (i = 0; i < 5; i++) {
    __sys_pipe(fds);
    __sys_close(fds[0]);
    __sys_close(fds[1]);
  }
  after = free_pages_now();
  CHECK(after == before, "fork, exec, exit and pipes give every frame back", (int)before - (int)after);
}

static void test_syscall_args(void) {
  CHECK(__sys_write(1, (void *)0xC0000000, 4) == -14, "write from a kernel address is EFAULT", 0);
  CHECK(__sys_write(1, (void *)0x500000, 4) == -14, "write from an unmapped address is EFAULT", 0);
  CHECK(__sys_open((char *)0xFFFFF000, 0, 0) == -14, "open with a kernel pointer path is EFAULT", 0);
  CHECK(__sys_write(55, "x", 1) == -9, "write to a bad fd is EBADF", 0);
  CHECK(__sys_uname((void *)0x08048000) == -14, "uname into read-only text is EFAULT", 0);
  {
    int r;
    r = __sys_syslog(10, 0, 0);
    CHECK(r == 16384, "syslog reports the log buffer size", r);
  }
}

static void test_files(void) {
  char buf[64];
  int fd, n;
  unsigned st[16];
  fd = __sys_open("/tmp/a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 3, "open O_CREAT gives a new fd", fd);
  CHECK(__sys_write(fd, "hello, disk\n", 12) == 12, "write 12 bytes", 0);
  CHECK(__sys_lseek(fd, 0, 0) == 0, "lseek to 0", 0);
  n = __sys_read(fd, buf, 64);
  CHECK(n == 12 && buf[0] == 'h' && buf[11] == '\n', "read them back", n);
  __sys_close(fd);
  CHECK(__sys_open("/tmp/a.txt", O_CREAT | O_EXCL | O_WRONLY, 0644) == -17, "O_EXCL on an existing file is EEXIST", 0);
  fd = __sys_open("/tmp/a.txt", O_WRONLY | O_APPEND, 0);
  __sys_write(fd, "more\n", 5);
  __sys_close(fd);
  CHECK(__sys_stat("/tmp/a.txt", st) == 0 && st[5] == 17, "O_APPEND appends (size 17)", (int)st[5]);
  CHECK((st[2] & 0xFFFF) == 0100644, "mode is a regular file 0644", (int)(st[2] & 0xFFFF));
  CHECK(__sys_mkdir("/tmp/d", 0755) == 0, "mkdir", 0);
  CHECK(__sys_mkdir("/tmp/d", 0755) == -17, "mkdir twice is EEXIST", 0);
  CHECK(__sys_rename("/tmp/a.txt", "/tmp/d/b.txt") == 0, "rename into a directory", 0);
  CHECK(__sys_open("/tmp/a.txt", O_RDONLY, 0) == -2, "the old name is gone", 0);
  CHECK(__sys_link("/tmp/d/b.txt", "/tmp/c.txt") == 0, "link", 0);
  CHECK(__sys_stat("/tmp/c.txt", st) == 0 && (st[2] >> 16) == 2, "link count 2", (int)(st[2] >> 16));
  CHECK(__sys_symlink("/tmp/d/b.txt", "/tmp/s") == 0, "symlink", 0);
  n = __sys_readlink("/tmp/s", buf, 64);
  CHECK(n == 12 && buf[0] == '/' && buf[11] == 't', "readlink", n);
  fd = __sys_open("/tmp/s", O_RDONLY, 0);
  n = __sys_read(fd, buf, 64);
  CHECK(n == 17, "open follows the symlink", n);
  __sys_close(fd);
  n = __sys_rmdir("/tmp/d");
  CHECK(n == -39, "rmdir of a non-empty directory is ENOTEMPTY", n);
  n = __sys_unlink("/tmp/d/b.txt");
  CHECK(n == 0, "unlink", n);
  n = __sys_rmdir("/tmp/d");
  CHECK(n == 0, "rmdir", n);
  n = __sys_unlink("/tmp/c.txt");
  CHECK(n == 0, "unlink the second link", n);
  n = __sys_unlink("/tmp/s");
  CHECK(n == 0, "unlink the symlink", n);
  CHECK(__sys_open("/etc/passwd/x", O_RDONLY, 0) == -20, "a file as a directory is ENOTDIR", 0);
  n = __sys_stat("/etc/passwd/", st);
  CHECK(n == -20, "a trailing slash on a file is ENOTDIR", n);
  fd = __sys_open("/tmp/empty", O_CREAT | O_RDWR, 0600);
  n = __sys_write(fd, (void *)0x500000, 4);
  __sys_fstat(fd, st);
  CHECK(n == -14 && st[9] == 0 && st[5] == 0, "a write from a bad pointer allocates nothing", (int)st[9]);
  __sys_close(fd);
  __sys_unlink("/tmp/empty");
  n = __sys_symlink("/tmp/loop", "/tmp/loop");
  CHECK(n == 0, "symlink to itself", n);
  n = __sys_open("/tmp/loop", O_RDONLY, 0);
  CHECK(n == -40, "a symlink loop is ELOOP", n);
  __sys_unlink("/tmp/loop");
  CHECK(__sys_chdir("/tmp") == 0 && __sys_getcwd(buf, 64) == 5 && streq(buf, "/tmp"), "chdir and getcwd", 0);
  __sys_chdir("/");
  fd = __sys_open("/etc", O_RDONLY, 0);
  n = __sys_getdents(fd, buf, 64);
  CHECK(n > 0, "getdents returns entries", n);
  __sys_close(fd);
  {
    /* A file spanning direct and indirect blocks. */
    static char big[4096];
    int i, ok = 1;
    for (i = 0; i < 4096; i++) big[i] = (char)i;
    fd = __sys_open("/tmp/big", O_CREAT | O_RDWR, 0600);
    for (i = 0; i < 20; i++) if (__sys_write(fd, big, 4096) != 4096) ok = 0;
    CHECK(ok, "write 80 KiB (indirect blocks)", 0);
    __sys_lseek(fd, 15 * 4096 + 100, 0);
    n = __sys_read(fd, buf, 8);
    CHECK(n == 8 && buf[0] == (char)100, "read back from an indirect block", n);
    CHECK(__sys_ftruncate(fd, 5000) == 0, "ftruncate shrinks", 0);
    __sys_fstat(fd, st);
    CHECK(st[5] == 5000, "size after truncate", (int)st[5]);
    __sys_close(fd);
    n = __sys_unlink("/tmp/big");
    CHECK(n == 0, "unlink the big file", n);
  }
}

static int starts_with(const char *s, const char *prefix) {
  while (*prefix && *s == *prefix) { s++; prefix++; }
  return *prefix == 0;
}

static void test_proc(void) {
  static char buf[512];
  int fd, n;
  fd = __sys_open("/proc/1/stat", O_RDONLY, 0);
  n = fd >= 0 ? __sys_read(fd, buf, sizeof buf - 1) : fd;
  if (n >= 0) buf[n] = 0;
  CHECK(n > 20 && starts_with(buf, "1 (init) "), "/proc/1/stat starts with pid and (comm)", n);
  __sys_close(fd);
  fd = __sys_open("/proc/meminfo", O_RDONLY, 0);
  n = fd >= 0 ? __sys_read(fd, buf, sizeof buf - 1) : fd;
  if (n >= 0) buf[n] = 0;
  CHECK(n > 0 && starts_with(buf, "MemTotal:"), "/proc/meminfo starts with MemTotal", n);
  __sys_close(fd);
  n = __sys_open("/proc/meminfo", O_WRONLY, 0);
  CHECK(n == -13, "/proc files cannot be opened for writing", n);
  n = __sys_mkdir("/proc/x", 0755);
  CHECK(n == -1, "nor can /proc gain directories (EPERM)", n);
  n = __sys_open("/proc/99999/stat", O_RDONLY, 0);
  CHECK(n == -2, "a process that does not exist has no /proc entry", n);
  fd = __sys_open("/proc", O_RDONLY, 0);
  n = __sys_getdents(fd, buf, sizeof buf);
  CHECK(n > 0, "getdents lists /proc", n);
  __sys_close(fd);
  n = __sys_chdir("/proc/1");
  CHECK(n == 0 && __sys_getcwd(buf, 64) == 8 && streq(buf, "/proc/1"), "getcwd inside /proc", n);
  __sys_chdir("/");
}

static void test_pipes(void) {
  int fds[2], n, status;
  char buf[16];
  int pid;
  CHECK(__sys_pipe(fds) == 0, "pipe", 0);
  pid = __sys_fork();
  if (pid == 0) {
    __sys_close(fds[0]);
    __sys_write(fds[1], "through a pipe", 14);
    __sys_exit(0);
  }
  __sys_close(fds[1]);
  n = __sys_read(fds[0], buf, 16);
  CHECK(n == 14 && buf[0] == 't', "read what the child wrote", n);
  n = __sys_read(fds[0], buf, 16);
  CHECK(n == 0, "end of file after the writer exits", n);
  __sys_close(fds[0]);
  __sys_wait4(pid, &status, 0, 0);
  __sys_pipe(fds);
  __sys_close(fds[0]);
  pid = __sys_fork();
  if (pid == 0) {
    __sys_write(fds[1], "x", 1);
    __sys_exit(0);
  }
  __sys_close(fds[1]);
  __sys_wait4(pid, &status, 0, 0);
  CHECK((status & 0x7f) == 13, "writing to a pipe with no reader raises SIGPIPE", status);
}

void do_cli(void);
void do_int21(void);
void do_ud2(void);
void do_hlt(void);
void do_out(void);
void do_lvt(void);
void do_cr3(void);
void do_iret(void);
static void test_faults(void);

static int recurse(int n) {
  volatile char pad[256];
  pad[0] = (char)n;
  return recurse(n + 1) + pad[0];
}

/* Runs `what` in a child and returns the signal that ended it (0 = exit). */
static int child_signal(int what) {
  int status = 0;
  int pid = __sys_fork();
  if (pid == 0) {
    volatile int zero = 0;
    if (what == 0) do_cli();
    if (what == 1) do_int21();
    if (what == 2) do_ud2();
    if (what == 3) do_hlt();
    if (what == 4) do_out();
    if (what == 5) do_lvt();
    if (what == 6) do_cr3();
    if (what == 7) do_iret();
    if (what == 8) __sys_exit(100 / zero);
    if (what == 9) __sys_exit(*(volatile int *)0xC0100000);
    if (what == 10) ((void (*)(void))0xC0100000)();
    if (what == 11) *(volatile int *)(void *)test_faults = 0;   /* text is read-only */
    if (what == 12) recurse(0);                          /* past the 8 MiB stack limit */
    if (what == 13) ((void (*)(void))0)();
    __sys_exit(0);
  }
  __sys_wait4(pid, &status, 0, 0);
  return status & 0x7f;
}

static void test_faults(void) {
  static const char *names[14] = {
    "cli in ring 3 is SIGSEGV", "int 0x21 in ring 3 is SIGSEGV", "ud2 is SIGILL", "hlt in ring 3 is SIGSEGV",
    "out in ring 3 is SIGSEGV", "lvt in ring 3 is SIGSEGV", "mov cr3 in ring 3 is SIGSEGV", "iret in ring 3 is SIGSEGV",
    "division by zero is SIGFPE", "reading kernel memory is SIGSEGV", "jumping into the kernel is SIGSEGV",
    "writing to program text is SIGSEGV", "unbounded recursion is SIGSEGV", "calling address 0 is SIGSEGV",
  };
  static const int want[14] = { 11, 11, 4, 11, 11, 11, 11, 11, 8, 11, 11, 11, 11, 11 };
  int i;
  for (i = 0; i < 14; i++) {
    int sig = child_signal(i);
    CHECK(sig == want[i], names[i], sig);
  }
}

static void test_memory(void) {
  unsigned start = (unsigned)__sys_brk(0);
  unsigned r;
  char *p;
  CHECK(start >= 0x08048000 && start < 0x40000000, "brk(0) reports the break after the program", (int)start);
  r = (unsigned)__sys_brk(start + 64 * 1024);
  CHECK(r == start + 64 * 1024, "brk grows the heap", (int)r);
  p = (char *)start;
  p[0] = 'a';
  p[64 * 1024 - 1] = 'z';
  CHECK(p[0] == 'a' && p[64 * 1024 - 1] == 'z', "heap pages appear on first touch", 0);
  r = (unsigned)__sys_brk(0xB0000000u);
  CHECK(r == start + 64 * 1024, "an impossible brk leaves the break alone", (int)r);
  r = (unsigned)__sys_brk(start);
  CHECK(r == start, "brk shrinks the heap", (int)r);
}

static void test_orphans(void) {
  int fds[2], status, pid, n;
  char buf[8];
  __sys_pipe(fds);
  pid = __sys_fork();
  if (pid == 0) {
    int grandchild = __sys_fork();
    if (grandchild == 0) {
      int ts[2];
      ts[0] = 0;
      ts[1] = 50000000;
      __sys_nanosleep(ts, 0);   /* outlive the parent */
      buf[0] = (char)('0' + __sys_getppid());
      __sys_write(fds[1], buf, 1);
      __sys_exit(0);
    }
    __sys_exit(0);
  }
  __sys_close(fds[1]);
  __sys_wait4(pid, &status, 0, 0);
  n = __sys_read(fds[0], buf, 8);
  CHECK(n == 1 && buf[0] == '1', "an orphan is re-parented to init", buf[0]);
  __sys_close(fds[0]);
  n = __sys_wait4(-1, &status, 0, 0);
  CHECK(n > 0, "and init reaps it", n);
}

static void test_enospc(void) {
  static char chunk[65536];
  unsigned st[16];
  int fd = __sys_open("/tmp/fill", O_CREAT | O_WRONLY, 0600);
  int r = 0, total = 0;
  for (;;) {
    r = __sys_write(fd, chunk, sizeof chunk);
    if (r <= 0) break;
    total += r;
    if (r < (int)sizeof chunk) {
      r = __sys_write(fd, chunk, sizeof chunk);
      break;
    }
  }
  CHECK(r == -28, "filling the disk ends in ENOSPC", r);
  CHECK(total > 4 * 1024 * 1024, "after writing most of the 8 MiB disk", total);
  __sys_fstat(fd, st);
  CHECK((int)st[5] == total, "the file keeps exactly what was written", (int)st[5]);
  r = __sys_mkdir("/tmp/nospace", 0755);
  CHECK(r == -28, "mkdir on a full disk is ENOSPC", r);
  __sys_close(fd);
  r = __sys_unlink("/tmp/fill");
  CHECK(r == 0, "unlink frees the space", r);
  r = __sys_mkdir("/tmp/space", 0755);
  CHECK(r == 0, "and mkdir works again", r);
  __sys_rmdir("/tmp/space");
}

int __sys_syscall6(int nr, unsigned a, unsigned b, unsigned c, unsigned d, unsigned e, unsigned f);

static unsigned rng = 12345;
static unsigned next_random(void) {
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

/* An argument a careless or hostile program might pass. */
static unsigned wild_arg(char *buf) {
  static const unsigned specials[10] = {
    0, 1, 0xC0000000u, 0xFFFFFFFFu, 0x08048000u, 0xBFFFFFF0u, 0xC0100000u, 0x7FFFFFFFu, 0xFFFFF000u, 0x80000000u,
  };
  unsigned r = next_random();
  if (r % 4 == 0) return specials[(r >> 4) % 10];
  if (r % 4 == 1) return (unsigned)buf + (r >> 8) % 64;
  if (r % 4 == 2) return 3 + (r >> 8) % 40;   /* small numbers: fds, flags, counts */
  return next_random();
}

/* Numbers that would end the fuzzing child for reasons that prove nothing
 * (exit, fork bombs, signals to everyone, waits for input or time). */
static int skip_syscall(int nr) {
  return nr == 1 || nr == 2 || nr == 3 || nr == 11 || nr == 29 || nr == 37 || nr == 88 || nr == 162 ||
         nr == 27 || nr == 190 || nr == 252 || nr == 119 || nr == 173 || nr == 114 || nr == 7 || nr == 66;
}

static void test_fuzz(void) {
  int pid, status, i, fd;
  pid = __sys_fork();
  if (pid == 0) {
    static char buf[256];
    /* No console: random writes would only add noise to the test log. */
    __sys_close(0);
    __sys_close(1);
    __sys_close(2);
    __sys_chdir("/tmp");
    for (i = 0; i < 3000; i++) {
      int nr = (int)(next_random() % 340);
      if (skip_syscall(nr)) continue;
      __sys_syscall6(nr, wild_arg(buf), wild_arg(buf), wild_arg(buf), wild_arg(buf), wild_arg(buf), wild_arg(buf));
    }
    __sys_exit(0);
  }
  __sys_wait4(pid, &status, 0, 0);
  CHECK(1, "3000 random system calls with wild arguments", status);
  fd = __sys_open("/etc/motd", O_RDONLY, 0);
  CHECK(fd >= 0, "the kernel still serves files afterwards", fd);
  if (fd >= 0) __sys_close(fd);
  CHECK(__sys_syscall6(999, 0, 0, 0, 0, 0, 0) == -38, "an unknown syscall number is ENOSYS", 0);
  CHECK(__sys_syscall6(-5, 0, 0, 0, 0, 0, 0) == -38, "a negative syscall number is ENOSYS", 0);
}

int main(int argc, char **argv, char **envp) {
  (void)envp;
  puts1("ktest init: pid ");
  putnum(__sys_getpid());
  puts1(" argc ");
  putnum(argc);
  puts1(" argv0 ");
  puts1(argv[0]);
  puts1("\n");
  test_process();
  test_syscall_args();
  test_files();
  test_pipes();
  test_proc();
  test_faults();
  test_memory();
  test_orphans();
  test_enospc();
  test_fuzz();
  test_fork_limit();
  test_no_leaks();
  puts1("ktest: ");
  putnum(checks);
  puts1(" checks\n");
  puts1(failures ? "ktest: FAILED\n" : "ktest: all passed\n");
  power_off(failures);
  return 0;
}
