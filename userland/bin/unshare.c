/* unshare: runs a program in new namespaces, util-linux syntax for what
 * Hako has:
 *   unshare [-u|--uts] [-p|--pid] [-m|--mount] [-i|--ipc] [-n|--net] [-f|--fork]
 *           [--mount-proc[=DIR]] [PROGRAM [ARG]...]
 * unshare(2) with the chosen CLONE_NEW* flags, then exec PROGRAM (default
 * $SHELL, else /bin/sh). A new pid namespace holds the caller's children,
 * not the caller: without --fork PROGRAM itself stays outside and its
 * first child becomes pid 1 there; with --fork unshare forks, the child
 * (pid 1) runs PROGRAM, and unshare waits and exits with its status.
 * --mount-proc (implies --mount; with --pid, --fork is needed, as
 * util-linux) mounts a fresh proc on DIR (/proc) in the child, so ps sees
 * only the new namespace. --net gives PROGRAM a network stack of its own
 * with only lo, down (`ifconfig lo up` inside). Root only (the kernel
 * says EPERM). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>

static void usage(void) {
  fprintf(stderr, "usage: unshare [--uts] [--pid] [--mount] [--ipc] [--net] [--fork] [--mount-proc[=DIR]] [PROGRAM [ARG]...]\n");
  exit(1);
}

static void run(char **argv) {
  char *shell[2];
  if (argv[0] == 0) {
    shell[0] = getenv("SHELL") ? getenv("SHELL") : "/bin/sh";
    shell[1] = 0;
    argv = shell;
  }
  execvp(argv[0], argv);
  fprintf(stderr, "unshare: failed to execute %s: %s\n", argv[0], strerror(errno));
  exit(errno == ENOENT ? 127 : 126);
}

int main(int argc, char **argv) {
  int flags = 0, fork_first = 0, i;
  const char *proc_dir = 0;
  for (i = 1; i < argc && argv[i][0] == '-'; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (strcmp(a, "-u") == 0 || strcmp(a, "--uts") == 0) flags |= CLONE_NEWUTS;
    else if (strcmp(a, "-p") == 0 || strcmp(a, "--pid") == 0) flags |= CLONE_NEWPID;
    else if (strcmp(a, "-m") == 0 || strcmp(a, "--mount") == 0) flags |= CLONE_NEWNS;
    else if (strcmp(a, "-i") == 0 || strcmp(a, "--ipc") == 0) flags |= CLONE_NEWIPC;
    else if (strcmp(a, "-n") == 0 || strcmp(a, "--net") == 0) flags |= CLONE_NEWNET;
    else if (strcmp(a, "-f") == 0 || strcmp(a, "--fork") == 0) fork_first = 1;
    else if (strcmp(a, "--mount-proc") == 0) proc_dir = "/proc";
    else if (strncmp(a, "--mount-proc=", 13) == 0) proc_dir = a + 13;
    else if (strcmp(a, "-U") == 0 || strcmp(a, "--user") == 0) {
      fprintf(stderr, "unshare: %s: not supported by this kernel\n", a);
      return 1;
    } else if (a[1] != '-' && a[2] != 0) {
      /* bundled short options: -fp, -mpf ... */
      const char *c;
      for (c = a + 1; *c; c++) {
        if (*c == 'u') flags |= CLONE_NEWUTS;
        else if (*c == 'p') flags |= CLONE_NEWPID;
        else if (*c == 'm') flags |= CLONE_NEWNS;
        else if (*c == 'i') flags |= CLONE_NEWIPC;
        else if (*c == 'n') flags |= CLONE_NEWNET;
        else if (*c == 'f') fork_first = 1;
        else usage();
      }
    } else usage();
  }
  if (proc_dir) flags |= CLONE_NEWNS;
  if (proc_dir && (flags & CLONE_NEWPID) && !fork_first) {
    fprintf(stderr, "unshare: --mount-proc with --pid needs --fork\n");
    return 1;
  }
  if (unshare(flags) != 0) {
    fprintf(stderr, "unshare: unshare failed: %s\n", strerror(errno));
    return 1;
  }
  if (fork_first) {
    int st, pid = fork();
    if (pid < 0) {
      fprintf(stderr, "unshare: fork failed: %s\n", strerror(errno));
      return 1;
    }
    if (pid > 0) {
      signal(SIGINT, SIG_IGN);    /* ^C is for the program */
      signal(SIGQUIT, SIG_IGN);
      while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return 1;
      if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
      return WEXITSTATUS(st);
    }
  }
  if (proc_dir && mount("proc", proc_dir, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, 0) != 0) {
    fprintf(stderr, "unshare: mount %s failed: %s\n", proc_dir, strerror(errno));
    return 1;
  }
  run(argv + i);
  return 1;
}
