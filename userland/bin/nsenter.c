/* nsenter: runs a program in the namespaces of another process,
 * util-linux syntax for what Hako has:
 *   nsenter -t PID [-u|--uts] [-p|--pid] [-m|--mount] [-i|--ipc] [-n|--net] [-a|--all]
 *           [-r|--root] [-w|--wd] [PROGRAM [ARG]...]
 * Opens /proc/PID/ns/KIND for each kind asked (and PID's root and cwd for
 * -r and -w) before joining any, since joining the mount namespace changes
 * what paths mean; then setns(2) each, chroot/chdir, and exec PROGRAM
 * (default $SHELL, else /bin/sh). Joining a pid namespace places the
 * caller's children there, so with --pid nsenter forks: the child runs
 * PROGRAM inside, nsenter waits and exits with its status. Root only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

static const struct { char opt; const char *name; const char *kind; int flag; } kinds[] = {
  { 'i', "--ipc", "ipc", CLONE_NEWIPC },
  { 'u', "--uts", "uts", CLONE_NEWUTS },
  { 'p', "--pid", "pid", CLONE_NEWPID },
  { 'm', "--mount", "mnt", CLONE_NEWNS },
  { 'n', "--net", "net", CLONE_NEWNET },
};
#define NKINDS 5

static void usage(void) {
  fprintf(stderr, "usage: nsenter -t PID [--uts] [--pid] [--mount] [--ipc] [--net] [--all] [--root] [--wd] [PROGRAM [ARG]...]\n");
  exit(1);
}

static int open_at_target(const char *pid, const char *what) {
  char path[64];
  int fd;
  snprintf(path, sizeof path, "/proc/%s/%s", pid, what);
  fd = open(path, O_RDONLY);
  if (fd < 0) {
    fprintf(stderr, "nsenter: cannot open %s: %s\n", path, strerror(errno));
    exit(1);
  }
  return fd;
}

int main(int argc, char **argv) {
  const char *target = 0;
  int want[NKINDS], fds[NKINDS];
  int root_fd = -1, wd_fd = -1, want_root = 0, want_wd = 0, i, k;
  char *shell[2];
  char **prog;
  memset(want, 0, sizeof want);
  for (i = 1; i < argc && argv[i][0] == '-'; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (strcmp(a, "-t") == 0 || strcmp(a, "--target") == 0) {
      if (++i >= argc) usage();
      target = argv[i];
      continue;
    }
    if (strncmp(a, "--target=", 9) == 0) {
      target = a + 9;
      continue;
    }
    if (strcmp(a, "-a") == 0 || strcmp(a, "--all") == 0) {
      for (k = 0; k < NKINDS; k++) want[k] = 1;
      continue;
    }
    if (strcmp(a, "-r") == 0 || strcmp(a, "--root") == 0) {
      want_root = 1;
      continue;
    }
    if (strcmp(a, "-w") == 0 || strcmp(a, "--wd") == 0) {
      want_wd = 1;
      continue;
    }
    for (k = 0; k < NKINDS; k++) {
      if ((a[1] == kinds[k].opt && a[2] == 0) || strcmp(a, kinds[k].name) == 0) break;
    }
    if (k == NKINDS) usage();
    want[k] = 1;
  }
  if (target == 0) {
    fprintf(stderr, "nsenter: no target process given (-t PID)\n");
    return 1;
  }
  for (k = 0; k < NKINDS; k++) {
    char what[16];
    snprintf(what, sizeof what, "ns/%s", kinds[k].kind);
    fds[k] = want[k] ? open_at_target(target, what) : -1;
  }
  if (want_root) root_fd = open_at_target(target, "root");
  if (want_wd) wd_fd = open_at_target(target, "cwd");
  for (k = 0; k < NKINDS; k++) {
    if (fds[k] < 0) continue;
    if (setns(fds[k], kinds[k].flag) != 0) {
      fprintf(stderr, "nsenter: reassociate to namespace 'ns/%s' failed: %s\n", kinds[k].kind, strerror(errno));
      return 1;
    }
    close(fds[k]);
  }
  if (root_fd >= 0) {
    if (fchdir(root_fd) != 0 || chroot(".") != 0) {
      fprintf(stderr, "nsenter: cannot change root directory: %s\n", strerror(errno));
      return 1;
    }
    close(root_fd);
    if (wd_fd < 0 && chdir("/") != 0) return 1;
  }
  if (wd_fd >= 0) {
    if (fchdir(wd_fd) != 0) {
      fprintf(stderr, "nsenter: cannot change directory: %s\n", strerror(errno));
      return 1;
    }
    close(wd_fd);
  }
  if (want[2]) {   /* --pid: the namespace takes our children */
    int st, pid = fork();
    if (pid < 0) {
      fprintf(stderr, "nsenter: fork failed: %s\n", strerror(errno));
      return 1;
    }
    if (pid > 0) {
      signal(SIGINT, SIG_IGN);
      signal(SIGQUIT, SIG_IGN);
      while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return 1;
      if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
      return WEXITSTATUS(st);
    }
  }
  prog = argv + i;
  if (prog[0] == 0) {
    shell[0] = getenv("SHELL") ? getenv("SHELL") : "/bin/sh";
    shell[1] = 0;
    prog = shell;
  }
  execvp(prog[0], prog);
  fprintf(stderr, "nsenter: failed to execute %s: %s\n", prog[0], strerror(errno));
  return errno == ENOENT ? 127 : 126;
}
