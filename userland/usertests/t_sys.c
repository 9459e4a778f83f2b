/* t_sys.c: bad system-call arguments. A pointer into the kernel, to
 * unmapped memory or wrapping around must give EFAULT and change nothing
 * else; a bad fd gives EBADF; an unknown system call number ENOSYS. */
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
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
  CHECK(ut_syscall3(0, 0, 0, 0) == -ENOSYS);   /* restart_syscall: not ours */
  CHECK(ut_syscall3(17, 0, 0, 0) == -ENOSYS);  /* break: never implemented on Linux */
}

struct ut_case ut_sys_cases[] = {
  { "efault_read_write", efault_read_write },
  { "efault_paths", efault_paths },
  { "efault_structures", efault_structures },
  { "efault_argv", efault_argv },
  { "ebadf", ebadf },
  { "enosys", enosys },
  { 0, 0 }
};
