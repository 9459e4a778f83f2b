/* t_fifo.c: FIFOs (named pipes) between forked processes — the data
 * through, end of file when the last writer closes, EPIPE and SIGPIPE
 * when no reader is left; open's waits (a reader for a writer and the
 * other way round), O_NONBLOCK (a reader at once, a writer ENXIO), O_RDWR
 * never waiting, a signal ending a wait with EINTR; a FIFO's data gone
 * once nobody has it open; the inode as stat and fstat see it. The boot
 * test test/kernel/fifo.test.ts runs them and e2fsck after. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

int __sys_nanosleep(const unsigned int *req, unsigned int *rem);

static void nap(unsigned int ms) {
  unsigned int req[2];
  req[0] = ms / 1000;
  req[1] = (ms % 1000) * 1000000;
  __sys_nanosleep(req, 0);
}

static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

static void fifo_data_and_eof(void) {
  struct stat st;
  char buf[16];
  int pid, fd;
  CHECK(mkfifo("p", 0644) == 0);
  CHECK(stat("p", &st) == 0 && S_ISFIFO(st.st_mode) && st.st_size == 0 && (st.st_mode & 0777) == 0644);
  CHECK_ERR(mkfifo("p", 0644), EEXIST);
  pid = fork();
  if (pid == 0) {
    int w = open("p", O_WRONLY);   /* waits for the parent's read open */
    if (w < 0 || write(w, "hello", 5) != 5)
      _exit(1);
    nap(50);
    if (write(w, " again", 6) != 6)
      _exit(2);
    _exit(0);
  }
  fd = open("p", O_RDONLY);
  CHECK(fd >= 0);
  CHECK(read(fd, buf, sizeof buf) == 5 && memcmp(buf, "hello", 5) == 0);
  CHECK(read(fd, buf, sizeof buf) == 6 && memcmp(buf, " again", 6) == 0);
  CHECK(read(fd, buf, sizeof buf) == 0);   /* the writer exited: end of file */
  CHECK(ut_wait_status(pid) == 0);
  CHECK(fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode));
  {
    struct stat named;
    CHECK(stat("p", &named) == 0 && named.st_ino == st.st_ino);
  }
  CHECK_ERR(lseek(fd, 0, SEEK_SET), ESPIPE);
  close(fd);
}

/* A blocking read open waits for a writer; the writer's open lets it go. */
static void fifo_open_waits(void) {
  int pid, fd;
  CHECK(mkfifo("p", 0600) == 0);
  pid = fork();
  if (pid == 0) {
    char buf[8];
    int r = open("p", O_RDONLY);
    if (r < 0)
      _exit(1);
    ut_write_file("opened", "", 0);
    if (read(r, buf, sizeof buf) != 3 || memcmp(buf, "abc", 3) != 0)
      _exit(2);
    _exit(0);
  }
  nap(200);
  CHECK(!exists("opened"));   /* still waiting for a writer */
  fd = open("p", O_WRONLY);   /* the reader is there: no wait */
  CHECK(fd >= 0);
  CHECK(write(fd, "abc", 3) == 3);
  close(fd);
  CHECK(ut_wait_status(pid) == 0);
  CHECK(exists("opened"));
  /* and the other way round: a writer waits for a reader */
  CHECK(unlink("opened") == 0);
  pid = fork();
  if (pid == 0) {
    int w = open("p", O_WRONLY);
    if (w < 0)
      _exit(1);
    ut_write_file("opened", "", 0);
    _exit(write(w, "xyz", 3) == 3 ? 0 : 2);
  }
  nap(200);
  CHECK(!exists("opened"));
  fd = open("p", O_RDONLY);
  CHECK(fd >= 0);
  {
    char buf[8];
    CHECK(read(fd, buf, sizeof buf) == 3 && memcmp(buf, "xyz", 3) == 0);
  }
  CHECK(ut_wait_status(pid) == 0);
  close(fd);
}

static void fifo_nonblock(void) {
  int r, w, rw;
  char c;
  CHECK(mkfifo("p", 0600) == 0);
  CHECK_ERR(open("p", O_WRONLY | O_NONBLOCK), ENXIO);   /* no reader */
  r = open("p", O_RDONLY | O_NONBLOCK);   /* at once, without a writer */
  CHECK(r >= 0);
  CHECK(read(r, &c, 1) == 0);   /* no writer: end of file */
  w = open("p", O_WRONLY | O_NONBLOCK);   /* a reader exists now */
  CHECK(w >= 0);
  CHECK_ERR(read(r, &c, 1), EAGAIN);   /* a writer, nothing written */
  CHECK(write(w, "x", 1) == 1);
  CHECK(read(r, &c, 1) == 1 && c == 'x');
  close(w);
  CHECK(read(r, &c, 1) == 0);
  close(r);
  /* O_RDWR never waits and is both ends */
  rw = open("p", O_RDWR);
  CHECK(rw >= 0);
  CHECK(write(rw, "yz", 2) == 2);
  CHECK(read(rw, &c, 1) == 1 && c == 'y');
  close(rw);
  /* nobody has it open: what was left in it is gone */
  rw = open("p", O_RDWR | O_NONBLOCK);
  CHECK(rw >= 0);
  CHECK_ERR(read(rw, &c, 1), EAGAIN);
  close(rw);
  CHECK_ERR(open("p", O_WRONLY | O_NONBLOCK), ENXIO);   /* no reader left counted */
}

static void fifo_epipe(void) {
  int pid, w, st;
  CHECK(mkfifo("p", 0600) == 0);
  pid = fork();
  if (pid == 0) {
    int r = open("p", O_RDONLY);
    _exit(r < 0 ? 1 : 0);   /* and closes it at once */
  }
  w = open("p", O_WRONLY);
  CHECK(w >= 0);
  CHECK(ut_wait_status(pid) == 0);
  CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
  CHECK_ERR(write(w, "x", 1), EPIPE);
  CHECK(signal(SIGPIPE, SIG_DFL) != SIG_ERR);
  pid = fork();
  if (pid == 0) {
    write(w, "x", 1);   /* SIGPIPE ends it */
    _exit(0);
  }
  st = ut_wait_status(pid);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE);
  close(w);
}

static void on_usr1(int sig) {
  (void)sig;
}

/* A signal whose handler has no SA_RESTART ends an open's wait with EINTR,
 * and the interrupted open leaves nothing counted in the FIFO. */
static void fifo_open_eintr(void) {
  int pid;
  CHECK(mkfifo("p", 0600) == 0);
  pid = fork();
  if (pid == 0) {
    struct sigaction sa;
    int r;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, 0);
    r = open("p", O_RDONLY);
    _exit(r == -1 && errno == EINTR ? 0 : 1);
  }
  nap(100);
  CHECK(kill(pid, SIGUSR1) == 0);
  CHECK(ut_wait_status(pid) == 0);
  CHECK_ERR(open("p", O_WRONLY | O_NONBLOCK), ENXIO);
}

/* A FIFO removed while open still carries data; its inode is freed at
 * the last close (the boot test's e2fsck sees that). */
static void fifo_unlinked_open(void) {
  int rw;
  char buf[4];
  CHECK(mkfifo("p", 0600) == 0);
  rw = open("p", O_RDWR);
  CHECK(rw >= 0);
  CHECK(unlink("p") == 0);
  CHECK(!exists("p"));
  CHECK(write(rw, "ok", 2) == 2);
  CHECK(read(rw, buf, sizeof buf) == 2 && memcmp(buf, "ok", 2) == 0);
  close(rw);
}

struct ut_case ut_fifo_cases[] = {
  { "fifo_data_and_eof", fifo_data_and_eof },
  { "fifo_open_waits", fifo_open_waits },
  { "fifo_nonblock", fifo_nonblock },
  { "fifo_epipe", fifo_epipe },
  { "fifo_open_eintr", fifo_open_eintr },
  { "fifo_unlinked_open", fifo_unlinked_open },
  { 0, 0 },
};
