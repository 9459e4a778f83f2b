/* t_pipe.c: pipes — data through, blocking when full, end of file when
 * the writers are gone, EPIPE and SIGPIPE when the readers are, and a
 * pipeline of many processes. */
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

static void pipe_basic(void) {
  int fds[2];
  char buf[16];
  CHECK(pipe(fds) == 0);
  CHECK(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1]);
  CHECK(write(fds[1], "hello", 5) == 5);
  CHECK(read(fds[0], buf, sizeof buf) == 5);
  CHECK(memcmp(buf, "hello", 5) == 0);
  CHECK_ERR(write(fds[0], "x", 1), EBADF);
  CHECK_ERR(read(fds[1], buf, 1), EBADF);
  CHECK_ERR(lseek(fds[0], 0, SEEK_SET), ESPIPE);
  close(fds[0]);
  close(fds[1]);
}

static void pipe_eof(void) {
  int fds[2];
  char buf[16];
  int pid;
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    close(fds[0]);
    write(fds[1], "bye", 3);
    _exit(0);
  }
  close(fds[1]);
  CHECK(read(fds[0], buf, sizeof buf) == 3);
  CHECK(read(fds[0], buf, sizeof buf) == 0);   /* every writer gone */
  CHECK(read(fds[0], buf, sizeof buf) == 0);
  CHECK(ut_wait_status(pid) == 0);
}

/* 64 KiB, far more than the pipe holds: the writer must block and resume */
static void pipe_blocking(void) {
  int fds[2];
  static unsigned char buf[1000];
  int pid;
  int total = 0;
  int n;
  int bad = 0;
  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    static unsigned char out[4096];
    int sent = 0;
    int i;
    close(fds[0]);
    while (sent < 65536) {
      for (i = 0; i < 4096; i++)
        out[i] = (unsigned char)((sent + i) * 7);
      if (write(fds[1], out, 4096) != 4096)
        _exit(1);
      sent += 4096;
    }
    _exit(0);
  }
  close(fds[1]);
  while ((n = read(fds[0], buf, sizeof buf)) > 0) {
    int i;
    for (i = 0; i < n; i++)
      if (buf[i] != (unsigned char)((total + i) * 7))
        bad++;
    total += n;
  }
  CHECK(total == 65536);
  CHECK(bad == 0);
  CHECK(ut_wait_status(pid) == 0);
}

static void pipe_epipe(void) {
  int fds[2];
  CHECK(pipe(fds) == 0);
  close(fds[0]);
  CHECK(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
  CHECK_ERR(write(fds[1], "x", 1), EPIPE);
  close(fds[1]);
}

static void sigpipe_writer(void) {
  int fds[2];
  if (pipe(fds) != 0)
    _exit(2);
  close(fds[0]);
  write(fds[1], "x", 1);
  _exit(3);   /* not reached: SIGPIPE kills first */
}

static void pipe_sigpipe(void) {
  int st = ut_fork_status(sigpipe_writer);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE);
}

/* A pipeline of 12 processes, each adding one to every byte. */
static void pipeline_many(void) {
  int in_fd;
  int fds[2];
  int first[2];
  int i;
  int pids[12];
  char buf[64];
  int n;
  int total = 0;
  CHECK(pipe(first) == 0);
  in_fd = first[0];
  for (i = 0; i < 12; i++) {
    CHECK(pipe(fds) == 0);
    pids[i] = fork();
    CHECK(pids[i] >= 0);
    if (pids[i] == 0) {
      close(first[1]);
      close(fds[0]);
      while ((n = read(in_fd, buf, sizeof buf)) > 0) {
        int k;
        for (k = 0; k < n; k++)
          buf[k]++;
        write(fds[1], buf, n);
      }
      _exit(0);
    }
    close(in_fd);
    close(fds[1]);
    in_fd = fds[0];
  }
  CHECK(write(first[1], "ABCDEFGH", 8) == 8);
  close(first[1]);
  while ((n = read(in_fd, buf + total, sizeof buf - total)) > 0)
    total += n;
  CHECK(total == 8);
  CHECK(memcmp(buf, "MNOPQRST", 8) == 0);
  for (i = 0; i < 12; i++)
    CHECK(ut_wait_status(pids[i]) == 0);
}

struct ut_case ut_pipe_cases[] = {
  { "pipe_basic", pipe_basic },
  { "pipe_eof", pipe_eof },
  { "pipe_blocking", pipe_blocking },
  { "pipe_epipe", pipe_epipe },
  { "pipe_sigpipe", pipe_sigpipe },
  { "pipeline_many", pipeline_many },
  { 0, 0 }
};
