/* t_poll.c: readiness (issue 12) — select, poll and epoll over pipes,
 * FIFOs, the always-ready files and each other: what is ready when
 * (data, end of file as POLLHUP, no reader as POLLERR, room to write),
 * timeouts (0 = a look, a finite wait that expires, select's time left),
 * a wait ended by another process's write, EINTR from a signal, errors
 * (EBADF, EINVAL, POLLNVAL), and epoll's level-triggered, edge-triggered
 * and one-shot reporting, data.u64 given back as set, EEXIST/ENOENT/EPERM
 * and a closed fd leaving the set. test/kernel/poll.test.ts runs them. */
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <poll.h>
#include <time.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

int __sys_nanosleep(const unsigned int *req, unsigned int *rem);
int pipe2(int *fds, int flags);

static void nap(unsigned int ms) {
  unsigned int req[2];
  req[0] = ms / 1000;
  req[1] = (ms % 1000) * 1000000;
  __sys_nanosleep(req, 0);
}

/* A child that sleeps ms, then writes one byte to fd and exits. */
static int later_write(int fd, unsigned int ms) {
  int pid = fork();
  if (pid == 0) {
    nap(ms);
    _exit(write(fd, "x", 1) == 1 ? 0 : 1);
  }
  return pid;
}

static void poll_pipe_states(void) {
  int p[2];
  struct pollfd f[2];
  char c;
  CHECK(pipe(p) == 0);
  f[0].fd = p[0];
  f[0].events = POLLIN;
  f[1].fd = p[1];
  f[1].events = POLLOUT;
  /* empty: only the write end is ready */
  CHECK(poll(f, 2, 0) == 1);
  CHECK(f[0].revents == 0 && f[1].revents == POLLOUT);
  CHECK(write(p[1], "a", 1) == 1);
  CHECK(poll(f, 2, 0) == 2);
  CHECK(f[0].revents == POLLIN && f[1].revents == POLLOUT);
  CHECK(read(p[0], &c, 1) == 1);
  /* the writer gone: POLLHUP on the read end, even when not asked for */
  close(p[1]);
  f[0].events = 0;
  CHECK(poll(f, 1, 0) == 1 && f[0].revents == POLLHUP);
  close(p[0]);
  /* the reader gone: POLLERR on the write end */
  CHECK(pipe(p) == 0);
  close(p[0]);
  f[1].fd = p[1];
  CHECK(poll(&f[1], 1, 0) == 1 && f[1].revents == (POLLOUT | POLLERR));
  close(p[1]);
}

static void poll_full_pipe(void) {
  int p[2], n = 0;
  struct pollfd f;
  char buf[512];
  CHECK(pipe2(p, O_NONBLOCK) == 0);
  memset(buf, 'z', sizeof buf);
  while (write(p[1], buf, sizeof buf) > 0)
    n++;
  CHECK(errno == EAGAIN && n > 0);
  f.fd = p[1];
  f.events = POLLOUT;
  CHECK(poll(&f, 1, 0) == 0 && f.revents == 0);
  CHECK(read(p[0], buf, 1) == 1);
  CHECK(poll(&f, 1, 0) == 1 && f.revents == POLLOUT);   /* not full: writable */
  CHECK_ERR(write(p[1], buf, sizeof buf), EAGAIN);   /* up to PIPE_BUF: all or nothing */
  CHECK(write(p[1], buf, 1) == 1);
  CHECK(poll(&f, 1, 0) == 0);
}

static void poll_errors_and_timeout(void) {
  struct pollfd f[3];
  int p[2];
  unsigned int t0;
  CHECK(pipe(p) == 0);
  f[0].fd = 29;   /* not open */
  f[0].events = POLLIN;
  f[1].fd = -1;   /* ignored */
  f[1].events = POLLIN;
  f[2].fd = p[0];
  f[2].events = POLLIN;
  CHECK(poll(f, 3, 0) == 1);
  CHECK(f[0].revents == POLLNVAL && f[1].revents == 0 && f[2].revents == 0);
  CHECK_ERR(poll(f, 100000, 0), EINVAL);
  CHECK_ERR(poll((struct pollfd *)4, 1, 0), EFAULT);
  /* a finite timeout runs out with nothing ready */
  t0 = (unsigned int)time(0);
  CHECK(poll(&f[2], 1, 150) == 0 && f[2].revents == 0);
  CHECK((unsigned int)time(0) - t0 <= 1);
}

static void poll_wakes_on_write(void) {
  int p[2], pid;
  struct pollfd f;
  char c;
  CHECK(pipe(p) == 0);
  pid = later_write(p[1], 100);
  f.fd = p[0];
  f.events = POLLIN;
  CHECK(poll(&f, 1, -1) == 1 && f.revents == POLLIN);
  CHECK(read(p[0], &c, 1) == 1 && c == 'x');
  CHECK(ut_wait_status(pid) == 0);
}

static void on_alarm(int sig) {
  (void)sig;
}

static void poll_eintr(void) {
  struct sigaction sa;
  struct pollfd f;
  fd_set rs;
  int p[2];
  CHECK(pipe(p) == 0);
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigaction(SIGALRM, &sa, 0);
  f.fd = p[0];
  f.events = POLLIN;
  alarm(1);
  CHECK_ERR(poll(&f, 1, -1), EINTR);
  FD_ZERO(&rs);
  FD_SET(p[0], &rs);
  alarm(1);
  CHECK_ERR(select(p[0] + 1, &rs, 0, 0, 0), EINTR);
}

static void select_sets(void) {
  int p[2], fd;
  fd_set rs, ws;
  struct timeval tv;
  CHECK(pipe(p) == 0);
  fd = open("file", O_RDWR | O_CREAT, 0644);
  CHECK(fd >= 0);
  FD_ZERO(&rs);
  FD_ZERO(&ws);
  FD_SET(p[0], &rs);
  FD_SET(fd, &rs);
  FD_SET(p[1], &ws);
  tv.tv_sec = 0;
  tv.tv_usec = 0;
  /* a regular file is always ready; the empty pipe is not */
  CHECK(select(fd + 1, &rs, &ws, 0, &tv) == 2);
  CHECK(!FD_ISSET(p[0], &rs) && FD_ISSET(fd, &rs) && FD_ISSET(p[1], &ws));
  CHECK(write(p[1], "q", 1) == 1);
  FD_ZERO(&rs);
  FD_SET(p[0], &rs);
  CHECK(select(p[0] + 1, &rs, 0, 0, 0) == 1 && FD_ISSET(p[0], &rs));
  /* a timeout: nothing ready, the time left written back as zero */
  {
    char c;
    CHECK(read(p[0], &c, 1) == 1);
  }
  FD_ZERO(&rs);
  FD_SET(p[0], &rs);
  tv.tv_sec = 0;
  tv.tv_usec = 200000;
  CHECK(select(p[0] + 1, &rs, 0, 0, &tv) == 0 && !FD_ISSET(p[0], &rs));
  CHECK(tv.tv_sec == 0 && tv.tv_usec == 0);
  /* woken before the timeout: time left is less than given, more than 0 */
  {
    int pid = later_write(p[1], 100);
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    tv.tv_sec = 5;
    tv.tv_usec = 0;
    CHECK(select(p[0] + 1, &rs, 0, 0, &tv) == 1);
    CHECK(tv.tv_sec >= 4 && tv.tv_sec < 5);
    CHECK(ut_wait_status(pid) == 0);
  }
  /* errors */
  FD_ZERO(&rs);
  FD_SET(27, &rs);
  CHECK_ERR(select(28, &rs, 0, 0, 0), EBADF);
  CHECK_ERR(select(-1, 0, 0, 0, 0), EINVAL);
  /* no descriptors: a plain sleep */
  tv.tv_sec = 0;
  tv.tv_usec = 50000;
  CHECK(select(0, 0, 0, 0, &tv) == 0);
}

static void select_fifo_and_tty(void) {
  int r, w;
  fd_set rs;
  struct timeval tv;
  CHECK(mkfifo("f", 0600) == 0);
  r = open("f", O_RDONLY | O_NONBLOCK);
  CHECK(r >= 0);
  w = open("f", O_WRONLY);
  CHECK(w >= 0);
  FD_ZERO(&rs);
  FD_SET(r, &rs);
  tv.tv_sec = 0;
  tv.tv_usec = 0;
  CHECK(select(r + 1, &rs, 0, 0, &tv) == 0);
  CHECK(write(w, "hi", 2) == 2);
  FD_SET(r, &rs);
  CHECK(select(r + 1, &rs, 0, 0, &tv) == 1 && FD_ISSET(r, &rs));
  close(w);
  {
    struct pollfd f;
    char buf[4];
    f.fd = r;
    f.events = POLLIN;
    CHECK(poll(&f, 1, 0) == 1 && f.revents == (POLLIN | POLLHUP));
    CHECK(read(r, buf, sizeof buf) == 2);
    CHECK(poll(&f, 1, 0) == 1 && f.revents == POLLHUP);
  }
  close(r);
  /* /dev/null: always ready both ways */
  r = open("/dev/null", O_RDWR);
  CHECK(r >= 0);
  {
    struct pollfd f;
    f.fd = r;
    f.events = POLLIN | POLLOUT;
    CHECK(poll(&f, 1, 0) == 1 && f.revents == (POLLIN | POLLOUT));
  }
}

static void epoll_basics(void) {
  int ep, p[2], fd;
  struct epoll_event ev, out[4];
  CHECK(sizeof(struct epoll_event) == 12);
  ep = epoll_create1(EPOLL_CLOEXEC);
  CHECK(ep >= 0);
  CHECK((fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
  CHECK_ERR(epoll_create(0), EINVAL);
  CHECK_ERR(epoll_create1(1), EINVAL);
  CHECK(pipe(p) == 0);
  ev.events = EPOLLIN;
  ev.data.u64 = 0x1122334455667788ULL;
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
  CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
  CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev), ENOENT);
  CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], &ev), ENOENT);
  CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, 29, &ev), EBADF);
  CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
  CHECK_ERR(epoll_ctl(p[0], EPOLL_CTL_ADD, p[1], &ev), EINVAL);
  fd = open("file", O_RDWR | O_CREAT, 0644);
  CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev), EPERM);
  CHECK_ERR(epoll_wait(ep, out, 0, 0), EINVAL);
  CHECK_ERR(epoll_wait(fd, out, 4, 0), EINVAL);
  CHECK(epoll_wait(ep, out, 4, 0) == 0);
  CHECK(epoll_wait(ep, out, 4, 100) == 0);   /* times out */
  CHECK(write(p[1], "ab", 2) == 2);
  CHECK(epoll_wait(ep, out, 4, -1) == 1);
  CHECK(out[0].events == EPOLLIN && out[0].data.u64 == 0x1122334455667788ULL);
  /* MOD: new data, and the write end too */
  ev.events = EPOLLOUT;
  ev.data.fd = p[1];
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev) == 0);
  CHECK(epoll_wait(ep, out, 4, 0) == 2);
  CHECK(epoll_wait(ep, out, 1, 0) == 1);   /* maxevents honoured */
  CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], 0) == 0);
  CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].data.u64 == 0x1122334455667788ULL);
  /* the writer's end closed after the data is read: POLLHUP */
  {
    char buf[4];
    CHECK(read(p[0], buf, sizeof buf) == 2);
  }
  CHECK(epoll_wait(ep, out, 4, 0) == 0);
  close(p[1]);
  CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].events == EPOLLHUP);
}

static void epoll_level_edge_oneshot(void) {
  int ep, lt[2], et[2], os[2];
  struct epoll_event ev, out[4];
  char c;
  ep = epoll_create(1);
  CHECK(ep >= 0);
  CHECK(pipe(lt) == 0 && pipe(et) == 0 && pipe(os) == 0);
  ev.events = EPOLLIN;
  ev.data.u32 = 1;
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, lt[0], &ev) == 0);
  ev.events = EPOLLIN | EPOLLET;
  ev.data.u32 = 2;
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, et[0], &ev) == 0);
  ev.events = EPOLLIN | EPOLLONESHOT;
  ev.data.u32 = 3;
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, os[0], &ev) == 0);
  CHECK(write(lt[1], "ab", 2) == 2 && write(et[1], "ab", 2) == 2 && write(os[1], "ab", 2) == 2);
  CHECK(epoll_wait(ep, out, 4, 0) == 3);
  /* level: again and again while data is there; edge and one-shot: once */
  CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].data.u32 == 1);
  CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].data.u32 == 1);
  /* new data is a new edge, even though the pipe was readable all along */
  CHECK(write(et[1], "c", 1) == 1);
  CHECK(write(os[1], "c", 1) == 1);
  CHECK(epoll_wait(ep, out, 4, 0) == 2);
  CHECK((out[0].data.u32 == 1 && out[1].data.u32 == 2) || (out[0].data.u32 == 2 && out[1].data.u32 == 1));
  /* one-shot: silent until MOD rearms it */
  ev.events = EPOLLIN | EPOLLONESHOT;
  ev.data.u32 = 3;
  CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, os[0], &ev) == 0);
  CHECK(read(lt[0], &c, 1) == 1 && read(lt[0], &c, 1) == 1);   /* level item now empty */
  CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].data.u32 == 3);
  CHECK(epoll_wait(ep, out, 4, 0) == 0);
}

static void epoll_close_removes(void) {
  int ep, p[2], q, pid;
  struct epoll_event ev, out[2];
  ep = epoll_create1(0);
  CHECK(pipe(p) == 0);
  ev.events = EPOLLIN;
  ev.data.u32 = 7;
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
  CHECK(write(p[1], "x", 1) == 1);
  /* a dup keeps the open file: still watched */
  q = dup(p[0]);
  close(p[0]);
  CHECK(epoll_wait(ep, out, 2, 0) == 1 && out[0].data.u32 == 7);
  /* the last close drops it from the set */
  close(q);
  CHECK(epoll_wait(ep, out, 2, 0) == 0);
  CHECK(pipe(p) == 0);   /* may reuse the same numbers: not in the set */
  CHECK(write(p[1], "x", 1) == 1);
  CHECK(epoll_wait(ep, out, 2, 0) == 0);
  CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], 0), ENOENT);
  /* a wait woken by another process's write */
  ev.events = EPOLLIN;
  ev.data.u32 = 9;
  {
    int r[2];
    char c;
    CHECK(pipe(r) == 0);
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, r[0], &ev) == 0);
    pid = later_write(r[1], 100);
    CHECK(epoll_wait(ep, out, 2, 5000) == 1 && out[0].data.u32 == 9);
    CHECK(read(r[0], &c, 1) == 1);
    CHECK(ut_wait_status(pid) == 0);
  }
  /* the epoll fd itself polls readable while something is ready */
  {
    struct pollfd f;
    f.fd = ep;
    f.events = POLLIN;
    CHECK(poll(&f, 1, 0) == 0);
    CHECK(write(p[1], "y", 1) == 1);
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
    CHECK(poll(&f, 1, 0) == 1 && f.revents == POLLIN);
  }
}

static void epoll_eintr(void) {
  struct sigaction sa;
  struct epoll_event ev, out[1];
  int ep, p[2];
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;   /* epoll_wait is never restarted (Linux) */
  sigaction(SIGALRM, &sa, 0);
  ep = epoll_create1(0);
  CHECK(pipe(p) == 0);
  ev.events = EPOLLIN;
  ev.data.u32 = 0;
  CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
  alarm(1);
  CHECK_ERR(epoll_wait(ep, out, 1, -1), EINTR);
}

struct ut_case ut_poll_cases[] = {
  { "poll_pipe_states", poll_pipe_states },
  { "poll_full_pipe", poll_full_pipe },
  { "poll_errors_and_timeout", poll_errors_and_timeout },
  { "poll_wakes_on_write", poll_wakes_on_write },
  { "poll_eintr", poll_eintr },
  { "poll_select_sets", select_sets },
  { "poll_select_fifo_dev", select_fifo_and_tty },
  { "poll_epoll_basics", epoll_basics },
  { "poll_epoll_lt_et_oneshot", epoll_level_edge_oneshot },
  { "poll_epoll_close_removes", epoll_close_removes },
  { "poll_epoll_eintr", epoll_eintr },
  { 0, 0 },
};
