/* strace_shapes.c: the program shapes test/kernel/strace.test.ts traces on
 * Hako and, built by the host's gcc, under Linux's strace: the same source
 * for both, raw calls only (no stdio), so the traced calls are the same.
 *   cat FILE   openat, read until the end, write, close
 *   fail       an openat with O_CREAT in a missing directory, a close of
 *              a descriptor not open
 *   fork       a child writes and exits 3; the parent wait4s for it
 *   signal     a handled SIGUSR1 sent to itself */
#if defined(__gnu_linux__)
#define _GNU_SOURCE
#include <sys/resource.h>
#endif
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_usr1(int sig) {
  (void)sig;
  write(1, "caught\n", 7);
}

int main(int argc, char **argv) {
  char buf[64];
  int n, fd, st;
  if (argc > 2 && strcmp(argv[1], "cat") == 0) {
    fd = openat(AT_FDCWD, argv[2], O_RDONLY);
    if (fd < 0)
      return 1;
    while ((n = read(fd, buf, sizeof buf)) > 0)
      write(1, buf, n);
    close(fd);
    return 0;
  }
  if (argc > 1 && strcmp(argv[1], "fail") == 0) {
    openat(AT_FDCWD, "/nonexistent/out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    close(99);
    return 2;
  }
  if (argc > 1 && strcmp(argv[1], "fork") == 0) {
    int pid = fork();
    if (pid == 0) {
      write(1, "child\n", 6);
      _exit(3);
    }
    wait4(pid, &st, 0, 0);
    return 0;
  }
  if (argc > 1 && strcmp(argv[1], "signal") == 0) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, 0);
    kill(getpid(), SIGUSR1);
    return 0;
  }
  return 9;
}
