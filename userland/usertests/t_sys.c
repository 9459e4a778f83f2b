/* t_sys.c: bad system-call arguments. A pointer into the kernel, to
 * unmapped memory or wrapping around, or a length reaching past user
 * space, must give EFAULT and change nothing else; a bad fd gives EBADF;
 * unknown wait4 options EINVAL; an unknown system call number ENOSYS. */
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>
#include "ulib.h"
#include "ut.h"

#define KERNEL_PTR ((void *)0xC0100000)
#define UNMAPPED_PTR ((void *)0x30000000)
#define NULL_PTR ((void *)0)
#define WRAP_PTR ((void *)0xFFFFFFF0)

static void efault_read_write(void) {
  int fd;
  char buf[8];
  CHECK(ut_write_file("f", "abcdef", 6) == 6);
  fd = open("f", O_RDONLY, 0);
  CHECK(fd >= 0);
  CHECK_ERR(read(fd, KERNEL_PTR, 4), EFAULT);
  CHECK_ERR(read(fd, UNMAPPED_PTR, 4), EFAULT);
  CHECK_ERR(read(fd, NULL_PTR, 4), EFAULT);
  CHECK_ERR(read(fd, WRAP_PTR, 64), EFAULT);
  /* nothing else happened: the offset did not move */
  CHECK(read(fd, buf, 3) == 3);
  CHECK(memcmp(buf, "abc", 3) == 0);
  close(fd);
  fd = open("g", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK_ERR(write(fd, KERNEL_PTR, 4), EFAULT);
  CHECK_ERR(write(fd, UNMAPPED_PTR, 4), EFAULT);
  close(fd);
}

/* A buffer that starts in user space but whose length reaches past it is
 * EFAULT as a whole (Linux's access_ok), before anything moves: not a
 * write of everything up to the stack top, nor a short read. */
static void efault_length_past_user_space(void) {
  char buf[64];
  static char text[16384];
  struct stat st;
  int fd;
  int fds[2];
  CHECK(ut_write_file("f", "abcdef", 6) == 6);
  fd = open("g", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK_ERR(write(fd, buf, 0xFFFFFFFF), EFAULT);
  CHECK_ERR(write(fd, buf, 0x7FFFFFFF), EFAULT);
  CHECK(fstat(fd, &st) == 0 && st.st_size == 0);   /* not a byte written */
  close(fd);
  fd = open("/dev/null", O_WRONLY, 0);
  CHECK(fd >= 0);
  CHECK_ERR(write(fd, buf, 0xFFFFFFFF), EFAULT);
  close(fd);
  CHECK(pipe(fds) == 0);
  CHECK_ERR(write(fds[1], buf, 0xFFFFFFFF), EFAULT);
  CHECK_ERR(read(fds[0], buf, 0xFFFFFFFF), EFAULT);
  close(fds[0]);
  close(fds[1]);
  fd = open("f", O_RDONLY, 0);
  CHECK(fd >= 0);
  CHECK_ERR(read(fd, buf, 0xFFFFFFFF), EFAULT);
  CHECK(read(fd, buf, 3) == 3 && memcmp(buf, "abc", 3) == 0);   /* the offset did not move */
  close(fd);
  fd = open(".", O_RDONLY, 0);
  CHECK(fd >= 0);
  CHECK(ut_syscall3(141, fd, (int)buf, (int)0xFFFFFFFF) == -EFAULT);   /* getdents */
  close(fd);
  CHECK(ut_syscall3(103, 3, (int)buf, 0x40000000) == -EFAULT);   /* syslog READ_ALL */
  CHECK(ut_syscall3(103, 3, (int)text, (int)sizeof text) > 0);    /* a whole buffer is fine */
}

/* wait4/waitpid take the options Linux i386 takes (WNOHANG, WUNTRACED,
 * WCONTINUED, __WALL, __WCLONE, __WNOTHREAD); any other bit is EINVAL, not
 * a silent wait. WCONTINUED reports a SIGCONT resume as status 0xffff. */
static void wait4_options(void) {
  int st;
  int pid = fork();
  if (pid == 0) {
    for (;;)
      pause();
  }
  CHECK(pid > 0);
  CHECK_ERR(waitpid(pid, &st, 4), EINVAL);           /* WEXITED: waitid only */
  CHECK_ERR(waitpid(pid, &st, 0x01000000), EINVAL);  /* WNOWAIT: waitid only */
  CHECK_ERR(waitpid(pid, &st, 0x10), EINVAL);
  CHECK(ut_syscall3(114, pid, (int)&st, 0x100) == -EINVAL);   /* wait4 */
  CHECK(waitpid(pid, &st, WNOHANG | 0x40000000) == 0);       /* __WALL: still running */
  CHECK(kill(pid, SIGSTOP) == 0);
  CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));
  CHECK(kill(pid, SIGCONT) == 0);
  st = 0;
  CHECK(waitpid(pid, &st, WCONTINUED) == pid);
  CHECK(WIFCONTINUED(st) && st == 0xffff);
  CHECK(waitpid(pid, &st, WNOHANG | WCONTINUED) == 0);      /* reported once */
  CHECK(kill(pid, SIGKILL) == 0);
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

static void efault_paths(void) {
  struct stat st;
  CHECK_ERR(open(KERNEL_PTR, O_RDONLY, 0), EFAULT);
  CHECK_ERR(open(NULL_PTR, O_RDONLY, 0), EFAULT);
  CHECK_ERR(mkdir(UNMAPPED_PTR, 0755), EFAULT);
  CHECK_ERR(unlink(KERNEL_PTR), EFAULT);
  CHECK_ERR(chdir(WRAP_PTR), EFAULT);
  CHECK_ERR(stat(KERNEL_PTR, &st), EFAULT);
  CHECK_ERR(stat("/", KERNEL_PTR), EFAULT);
  CHECK_ERR(stat("/", UNMAPPED_PTR), EFAULT);
  CHECK_ERR(execve(KERNEL_PTR, 0, 0), EFAULT);
}

static void efault_structures(void) {
  int st;
  int pid;
  CHECK_ERR(pipe(KERNEL_PTR), EFAULT);
  CHECK(ut_syscall3(122, (int)KERNEL_PTR, 0, 0) == -EFAULT);   /* uname */
  CHECK(ut_syscall3(116, (int)UNMAPPED_PTR, 0, 0) == -EFAULT); /* sysinfo */
  CHECK(ut_syscall3(183, (int)KERNEL_PTR, 100, 0) == -EFAULT); /* getcwd */
  /* wait4 with a bad status pointer: EFAULT */
  pid = fork();
  if (pid == 0)
    _exit(5);
  CHECK(ut_syscall3(7, pid, (int)KERNEL_PTR, 0) == -EFAULT);
  /* the kernel itself is intact: the child is still there to be reaped
   * (or was reaped — either way, no crash and a sane answer) */
  {
    int r = waitpid(pid, &st, 0);
    CHECK(r == pid || (r == -1 && errno == ECHILD));
  }
}

static void efault_argv(void) {
  char *argv[3];
  argv[0] = "x";
  argv[1] = KERNEL_PTR;
  argv[2] = 0;
  CHECK_ERR(execve("/bin/true", argv, 0), EFAULT);
  CHECK_ERR(execve("/bin/true", KERNEL_PTR, 0), EFAULT);
  CHECK(getpid() > 1);   /* still running our own program */
}

static void ebadf(void) {
  char c;
  struct stat st;
  int fd;
  CHECK_ERR(read(99, &c, 1), EBADF);
  CHECK_ERR(read(-1, &c, 1), EBADF);
  CHECK_ERR(write(1000000, &c, 1), EBADF);
  CHECK_ERR(close(77), EBADF);
  CHECK_ERR(dup(55), EBADF);
  CHECK_ERR(dup2(55, 3), EBADF);
  CHECK_ERR(fstat(66, &st), EBADF);
  CHECK_ERR(lseek(88, 0, SEEK_SET), EBADF);
  CHECK(ut_write_file("f", "x", 1) == 1);
  fd = open("f", O_RDONLY, 0);
  CHECK(fd >= 0);
  CHECK_ERR(write(fd, "y", 1), EBADF);
  close(fd);
  fd = open("f", O_WRONLY, 0);
  CHECK(fd >= 0);
  CHECK_ERR(read(fd, &c, 1), EBADF);
  close(fd);
  CHECK_ERR(close(fd), EBADF);
}

static void enosys(void) {
  CHECK(ut_syscall3(999, 0, 0, 0) == -ENOSYS);
  CHECK(ut_syscall3(0x7fffffff, 0, 0, 0) == -ENOSYS);
  CHECK(ut_syscall3(-1, 0, 0, 0) == -ENOSYS);
  CHECK(ut_syscall3(17, 0, 0, 0) == -ENOSYS);  /* break: never implemented on Linux */
}

struct ut_case ut_sys_cases[] = {
  { "efault_read_write", efault_read_write },
  { "efault_length_past_user_space", efault_length_past_user_space },
  { "wait4_options", wait4_options },
  { "efault_paths", efault_paths },
  { "efault_structures", efault_structures },
  { "efault_argv", efault_argv },
  { "ebadf", ebadf },
  { "enosys", enosys },
  { 0, 0 }
};
