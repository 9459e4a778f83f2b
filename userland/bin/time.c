/* time: runs a command and reports, on stderr, the real (wall) time and the
 * user and system CPU time the kernel charged to it (from wait4's rusage).
 * The exit status is the command's (128+N after signal N). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ulib.h"

static void show(const char *what, unsigned int sec, unsigned int usec) {
  fprintf(stderr, "%s\t%um%u.%03us\n", what, sec / 60, sec % 60, usec / 1000);
}

int main(int argc, char **argv) {
  unsigned int t0[2];
  unsigned int t1[2];
  unsigned int ru[18];
  int st = 0;
  int pid;
  unsigned int sec;
  int usec;
  if (argc < 2) {
    fprintf(stderr, "usage: time COMMAND [ARG...]\n");
    return 1;
  }
  __sys_clock_gettime(1, t0);
  fflush(stdout);
  pid = fork();
  if (pid == 0) {
    execvp(argv[1], argv + 1);
    u_perror2("time", argv[1]);
    _exit(errno == ENOENT ? 127 : 126);
  }
  if (pid < 0) {
    perror("time: fork");
    return 1;
  }
  memset(ru, 0, sizeof ru);
  while (__sys_wait4(pid, &st, 0, ru) == -EINTR)
    ;
  __sys_clock_gettime(1, t1);
  sec = t1[0] - t0[0];
  usec = ((int)t1[1] - (int)t0[1]) / 1000;
  if (usec < 0) {
    usec += 1000000;
    sec--;
  }
  fprintf(stderr, "\n");
  show("real", sec, usec);
  show("user", ru[0], ru[1]);
  show("sys", ru[2], ru[3]);
  if (WIFSIGNALED(st))
    return 128 + WTERMSIG(st);
  return WEXITSTATUS(st);
}
