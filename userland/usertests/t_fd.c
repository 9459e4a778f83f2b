/* t_fd.c: file descriptors — dup shares the offset, dup2 replaces,
 * fcntl F_DUPFD / F_GETFD / F_SETFD / F_GETFL, close-on-exec across exec,
 * fds shared across fork, the lowest free number rule, and /dev/tty. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

static void dup_shares_offset(void) {
  char buf[4];
  int fd;
  int fd2;
  CHECK(ut_write_file("f", "abcdef", 6) == 6);
  fd = open("f", O_RDONLY, 0);
  CHECK(fd >= 0);
  fd2 = dup(fd);
  CHECK(fd2 >= 0 && fd2 != fd);
  CHECK(read(fd, buf, 2) == 2 && memcmp(buf, "ab", 2) == 0);
  CHECK(read(fd2, buf, 2) == 2 && memcmp(buf, "cd", 2) == 0);
  CHECK(lseek(fd, 0, SEEK_CUR) == 4);
  close(fd);
  CHECK(read(fd2, buf, 2) == 2 && memcmp(buf, "ef", 2) == 0);
  close(fd2);
}

static void lowest_free_fd(void) {
  int a = open("/dev/null", O_RDONLY, 0);
  int b = open("/dev/null", O_RDONLY, 0);
  int c;
  CHECK(a >= 3 && b == a + 1);
  close(a);
  c = open("/dev/null", O_RDONLY, 0);
  CHECK(c == a);
  close(b);
  close(c);
}

static void dup2_replaces(void) {
  char buf[4];
  int fd;
  int other;
  CHECK(ut_write_file("f", "xyz", 3) == 3);
  fd = open("f", O_RDONLY, 0);
  other = open("/dev/null", O_RDONLY, 0);
  CHECK(fd >= 0 && other >= 0);
  CHECK(dup2(fd, other) == other);   /* closes /dev/null silently */
  CHECK(read(other, buf, 3) == 3 && memcmp(buf, "xyz", 3) == 0);
  CHECK(dup2(fd, fd) == fd);
  CHECK(dup2(fd, 20) == 20);
  CHECK(lseek(20, 0, SEEK_CUR) == 3);
  close(fd);
  close(other);
  close(20);
  CHECK_ERR(dup2(0, -1), EBADF);
}

static void fcntl_basics(void) {
  int fd = open("f", O_RDWR | O_CREAT | O_APPEND, 0644);
  int d;
  int fl;
  CHECK(fd >= 0);
  d = fcntl(fd, F_DUPFD, 10);
  CHECK(d >= 10);
  CHECK(fcntl(fd, F_GETFD) == 0);
  CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0);
  CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC);
  CHECK(fcntl(d, F_GETFD) == 0);   /* the flag is per descriptor */
  fl = fcntl(fd, F_GETFL);
  CHECK(fl >= 0);
  CHECK((fl & O_ACCMODE) == O_RDWR);
  CHECK((fl & O_APPEND) != 0);
  CHECK_ERR(fcntl(99, F_GETFD), EBADF);
  close(fd);
  close(d);
}

static void cloexec_on_exec(void) {
  int fd = open("/dev/null", O_RDONLY, 0);
  int keep = open("/dev/null", O_RDONLY, 0);
  int st;
  char num[16];
  char num2[16];
  CHECK(fd >= 0 && keep >= 0);
  CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0);
  sprintf(num, "%d", fd);
  sprintf(num2, "%d", keep);
  st = ut_run_helper("fdclosed", num);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);   /* closed in the new program */
  st = ut_run_helper("fdclosed", num2);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1);   /* still open */
}

static void fork_shares_files(void) {
  char buf[8];
  int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
  int pid;
  CHECK(fd >= 0);
  pid = fork();
  if (pid == 0) {
    write(fd, "child", 5);
    _exit(0);
  }
  CHECK(ut_wait_status(pid) == 0);
  CHECK(lseek(fd, 0, SEEK_CUR) == 5);   /* one open file description */
  CHECK(write(fd, "!", 1) == 1);
  CHECK(ut_read_file("f", buf, sizeof buf) == 6);
  CHECK(memcmp(buf, "child!", 6) == 0);
  close(fd);
}

/* /dev/tty (5:0) is the terminal whatever fds 0-2 are: what less and
 * more read keys from when standard input is a pipe. */
static void dev_tty(void) {
  struct stat st;
  struct winsize ws;
  unsigned int termios[16];
  int fd = open("/dev/tty", O_RDWR, 0);
  CHECK(fd >= 0);
  CHECK(isatty(fd));
  CHECK(fstat(fd, &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  CHECK(st.st_rdev == 0x0500);
  CHECK(ioctl(fd, TCGETS, termios) == 0);
  CHECK(ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0);
  CHECK(write(fd, "", 0) == 0);
  close(fd);
}

struct ut_case ut_fd_cases[] = {
  { "dup_shares_offset", dup_shares_offset },
  { "lowest_free_fd", lowest_free_fd },
  { "dup2_replaces", dup2_replaces },
  { "fcntl_basics", fcntl_basics },
  { "cloexec_on_exec", cloexec_on_exec },
  { "fork_shares_files", fork_shares_files },
  { "dev_tty", dev_tty },
  { 0, 0 }
};
