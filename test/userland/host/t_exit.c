/* t_exit.c: how programs end, each in a forked child whose stdout and
 * stderr go to pipes: exit runs atexit handlers in reverse order, flushes
 * stdout and open files, and passes the status on; abort flushes nothing
 * and ends with 134; failed assertions and bad frees say so on stderr.
 * Output lost to a failed write (stdout on /dev/full) is reported at exit
 * as "PROG: write error: REASON" and a status of 0 becomes 1, unless the
 * program cleared the error itself; fflush(NULL) says EOF. */
#include <fcntl.h>
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "hk.h"

struct outcome {
  int status;
  char out[256];
  char err[256];
};

static void drain_fd(int fd, char *buf, size_t cap) {
  size_t len = 0;
  ssize_t n;
  while (len + 1 < cap && (n = read(fd, buf + len, cap - 1 - len)) > 0)
    len += (size_t)n;
  buf[len] = 0;
}

/* Runs body in a child with the shim's console going to real pipes. */
static void run_child(void (*body)(void), struct outcome *o) {
  int out[2], err[2], status = 0;
  pid_t pid;
  fflush(stdout);
  if (pipe(out) != 0 || pipe(err) != 0) {
    o->status = -1;
    return;
  }
  pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    close(out[0]);
    close(err[0]);
    shim.capture = 0;
    body();
    _exit(99); /* body should never get here */
  }
  close(out[1]);
  close(err[1]);
  drain_fd(out[0], o->out, sizeof(o->out));
  drain_fd(err[0], o->err, sizeof(o->err));
  close(out[0]);
  close(err[0]);
  waitpid(pid, &status, 0);
  o->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void first_handler(void) { hk_printf("first;"); }
static void second_handler(void) { hk_printf("second;"); }

static void exits_with_handlers(void) {
  hk_atexit(first_handler);
  hk_atexit(second_handler);
  hk_printf("main;");
  hk_exit(7);
}

static void aborts(void) {
  hk_printf("never flushed");
  hk_abort();
}

static void asserts(void) {
  hk___assert_fail("x > 1", "prog.c", 12);
}

static void frees_twice(void) {
  char *p = hk_malloc(64);
  hk_free(p);
  hk_free(p);
}

static void frees_a_stray_pointer(void) {
  char *p = hk_malloc(100);
  memset(p, 0, 100);
  hk_free(p + 32);
}

static char file_path[64];

extern char *hk_program_invocation_name;

/* stdout on /dev/full: every write fails with ENOSPC. */
static void stdout_to_full(void) {
  int fd = open("/dev/full", O_WRONLY);
  dup2(fd, 1);
  close(fd);
  hk_program_invocation_name = "prog";
}

static void loses_output(void) {
  stdout_to_full();
  hk_printf("lost");
  hk_exit(0);
}

static void loses_output_and_fails(void) {
  stdout_to_full();
  hk_printf("lost");
  hk_exit(3);
}

static void loses_output_and_says_so(void) {
  stdout_to_full();
  hk_printf("lost");
  if (hk_fflush(hk_stdout) != -1 || !hk_ferror(hk_stdout) || hk_errno != 28)   /* ENOSPC */
    hk_exit(4);
  hk_printf("more");
  if (hk_fflush(0) != -1)
    hk_exit(5);
  hk_clearerr(hk_stdout);   /* handled: exit has nothing to report */
  hk_exit(0);
}

static void exits_with_open_file(void) {
  hk_FILE *f = hk_fopen(file_path, "w");
  hk_fputs("kept", f);
  hk_exit(0);
}

void test_exit(void) {
  struct outcome o;
  char buf[16] = {0};
  FILE *f;
  int fd;

  run_child(exits_with_handlers, &o);
  CHECK(o.status == 7, "exit status passes through: %d", o.status);
  CHECK(strcmp(o.out, "main;second;first;") == 0, "handlers run in reverse, output flushed: \"%s\"", o.out);

  run_child(aborts, &o);
  CHECK(o.status == 134 && o.out[0] == 0, "abort: status 134 (%d), nothing flushed (\"%s\")", o.status, o.out);

  run_child(asserts, &o);
  CHECK(o.status == 134 && strcmp(o.err, "prog.c:12: assertion failed: x > 1\n") == 0,
        "assertion failure message and status: %d \"%s\"", o.status, o.err);

  run_child(frees_twice, &o);
  CHECK(o.status == 134 && strstr(o.err, "free(): invalid pointer") != NULL, "double free is caught: %d \"%s\"",
        o.status, o.err);

  run_child(frees_a_stray_pointer, &o);
  CHECK(o.status == 134 && strstr(o.err, "free(): invalid pointer") != NULL, "a stray free is caught: %d \"%s\"",
        o.status, o.err);

  run_child(loses_output, &o);
  CHECK(o.status == 1 && strcmp(o.err, "prog: write error: No space left on device\n") == 0,
        "lost output: status 1 (%d) and \"%s\"", o.status, o.err);
  run_child(loses_output_and_fails, &o);
  CHECK(o.status == 3 && strcmp(o.err, "prog: write error: No space left on device\n") == 0,
        "lost output keeps a failing status 3 (%d), still reported: \"%s\"", o.status, o.err);
  run_child(loses_output_and_says_so, &o);
  CHECK(o.status == 0 && o.err[0] == 0, "fflush, fflush(NULL) and ferror see it; cleared, exit is quiet (%d), \"%s\"",
        o.status, o.err);

  strcpy(file_path, "/tmp/hako-exit-XXXXXX");
  fd = mkstemp(file_path);
  close(fd);
  run_child(exits_with_open_file, &o);
  f = fopen(file_path, "r");
  if (f) {
    if (!fgets(buf, sizeof(buf), f))
      buf[0] = 0;
    fclose(f);
  }
  unlink(file_path);
  CHECK(o.status == 0 && strcmp(buf, "kept") == 0, "exit flushes open files: \"%s\"", buf);
}
