/* subst.c: command substitution, $( cmd ) and `cmd`.
 *
 * The command runs in a subshell: a forked child of this shell that runs
 * the same lexer, parser and executor on the text (run_string), with its
 * stdout on a pipe the shell reads to the end. The child has no job
 * control (it stays in its parent's process group and never takes the
 * terminal) and the default signal actions, so ^C stops it like any
 * foreground command. Invariants: the shell reads until end of file before
 * it waits, so a child that writes more than a pipe holds cannot deadlock;
 * what the child leaves in stdio buffers is flushed before _exit; the
 * result lives in the arena with trailing newlines cut. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include "sh.h"

int subst_status;
int subst_count;

static void run_child(const char *cmd, int out_fd) {
  if (interactive) {
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    signal(SIGTTOU, SIG_DFL);
    signal(SIGTTIN, SIG_DFL);
  }
  become_subshell();
  if (out_fd != 1) {
    dup2(out_fd, 1);
    close(out_fd);
  }
  run_string(cmd);
  shell_exit(last_status);
}

char *run_substitution(const char *cmd) {
  int fds[2];
  int pid;
  int cap = 256;
  int len = 0;
  char *out;
  int st = 0;
  int r;
  subst_count++;
  if (pipe(fds) < 0) {
    fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
    subst_status = 1;
    return "";
  }
  pid = shell_fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    subst_status = 1;
    return "";
  }
  if (pid == 0) {
    close(fds[0]);
    run_child(cmd, fds[1]);
  }
  close(fds[1]);
  out = arena_alloc(cap);
  for (;;) {
    int n;
    if (len + 1 >= cap) {
      char *bigger = arena_alloc(cap * 2);
      memcpy(bigger, out, len);
      out = bigger;
      cap *= 2;
    }
    n = read(fds[0], out + len, cap - 1 - len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    len += n;
  }
  close(fds[0]);
  while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR) {
  }
  subst_status = r == pid ? decode_status(st) : 1;
  while (len > 0 && out[len - 1] == '\n')
    len--;
  out[len] = 0;
  return out;
}
