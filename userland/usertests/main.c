/* main.c: usertests — the runner.
 *
 *   usertests           every case
 *   usertests NAME...   only those cases (or every case whose name starts
 *                       with NAME)
 * Prints `test NAME: OK` or `test NAME: FAILED (…)` per case once it is
 * over (a failing CHECK's own line comes before it, and so does any kernel
 * log line the case provokes, so result lines stay whole), then
 * `ALL TESTS PASSED` or `N TESTS FAILED: names`; the exit status is the
 * number of failures. Each case runs in a child (ut.h) in /tmp/ut.NAME,
 * removed afterwards whatever the case left there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ulib.h"
#include "ut.h"

const char *ut_self = "/bin/usertests";

void ut_fail(const char *file, int line, const char *what) {
  printf("  %s:%d: CHECK(%s) failed (errno %d: %s)\n", file, line, what, errno, strerror(errno));
  fflush(stdout);
  _exit(1);
}

void ut_fail_errno(const char *file, int line, const char *what, int want) {
  int got = errno;
  printf("  %s:%d: %s: expected errno %d (%s), got errno %d (%s)\n", file, line, what, want, strerror(want), got, strerror(got));
  fflush(stdout);
  _exit(1);
}

int ut_write_file(const char *path, const char *data, int len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int n;
  if (fd < 0)
    return -1;
  n = write(fd, data, len);
  close(fd);
  return n;
}

/* The copy is made 0700 (nobody else may run or open it half-written)
 * and gets its mode only when complete, whatever the umask. */
int ut_copy_file(const char *from, const char *to, int mode) {
  static char buf[4096];
  int in = open(from, O_RDONLY, 0);
  int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0700);
  int n = -1;
  if (in >= 0 && out >= 0)
    while ((n = read(in, buf, sizeof buf)) > 0)
      if (write(out, buf, n) != n) {
        n = -1;
        break;
      }
  if (in >= 0)
    close(in);
  if (out >= 0)
    close(out);
  if (n != 0 || chmod(to, mode) != 0)
    return -1;
  return 0;
}

int ut_read_file(const char *path, char *buf, int size) {
  int fd = open(path, O_RDONLY, 0);
  int n;
  int total = 0;
  if (fd < 0)
    return -1;
  while (total < size && (n = read(fd, buf + total, size - total)) > 0)
    total += n;
  close(fd);
  return total;
}

/* The number after "key" at the start of a line of a /proc file (meminfo
 * and status "Key:", vmstat "key "); -1 when absent or unreadable. */
int ut_proc_number(const char *path, const char *key) {
  static char text[4096];
  int n = ut_read_file(path, text, sizeof text - 1);
  int len = strlen(key);
  char *p = text;
  if (n <= 0)
    return -1;
  text[n] = 0;
  while (p && *p) {
    if (strncmp(p, key, len) == 0 && (p[len] == ':' || p[len] == ' '))
      return atoi(p + len + 1);
    p = strchr(p, '\n');
    if (p)
      p++;
  }
  return -1;
}

int ut_wait_status(int pid) {
  int st = -1;
  int r;
  do {
    r = waitpid(pid, &st, 0);
  } while (r < 0 && errno == EINTR);
  if (r != pid)
    return -1;
  return st;
}

int ut_fork_status(void (*fn)(void)) {
  int pid = fork();
  if (pid == 0) {
    fn();
    _exit(0);
  }
  if (pid < 0)
    return -1;
  return ut_wait_status(pid);
}

static void remove_tree(const char *path) {
  struct stat st;
  if (lstat(path, &st) < 0)
    return;
  if (S_ISDIR(st.st_mode)) {
    DIR *d = opendir(path);
    struct dirent *e;
    chmod(path, 0755);
    if (d) {
      while ((e = readdir(d)) != 0) {
        char *child;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
          continue;
        child = malloc(strlen(path) + strlen(e->d_name) + 2);
        sprintf(child, "%s/%s", path, e->d_name);
        remove_tree(child);
        free(child);
        /* the directory changed under readdir: start it again */
        closedir(d);
        d = opendir(path);
        if (!d)
          break;
      }
      if (d)
        closedir(d);
    }
    rmdir(path);
  } else {
    unlink(path);
  }
}

/* Filled in main; an index nobody filled stays 0 and is skipped. */
static struct ut_case *tables[48];

static int selected(const char *name, int argc, char **argv) {
  int i;
  if (argc <= 1)
    return 1;
  for (i = 1; i < argc; i++)
    if (strncmp(name, argv[i], strlen(argv[i])) == 0)
      return 1;
  return 0;
}

static char failed_names[2048];

int main(int argc, char **argv) {
  int t;
  int failures = 0;
  int ran = 0;
  if (argc > 1 && strcmp(argv[1], "--helper") == 0)
    return ut_helper(argc, argv);
  if (argv[0][0] == '/')
    ut_self = argv[0];
  tables[0] = ut_proc_cases;
  tables[1] = ut_sys_cases;
  tables[2] = ut_fs_cases;
  tables[3] = ut_pipe_cases;
  tables[4] = ut_sig_cases;
  tables[5] = ut_fd_cases;
  tables[6] = ut_vm_cases;
  tables[7] = ut_mmap_cases;
  tables[8] = ut_swap_cases;
  tables[9] = ut_namei_cases;
  tables[10] = ut_systools_cases;
  tables[11] = ut_cred_cases;
  tables[12] = ut_sigflags_cases;
  tables[13] = ut_perm_cases;
  tables[14] = ut_at_cases;
  tables[15] = ut_fifo_cases;
  tables[16] = ut_procfs_cases;
  tables[17] = ut_mount_cases;
  tables[18] = ut_thread_cases;
  tables[19] = ut_ipc_cases;
  tables[20] = ut_rlimit_cases;
  tables[21] = ut_poll_cases;
  tables[22] = ut_unix_cases;
  tables[23] = ut_ucontext_cases;
  tables[24] = ut_goro_cases;
  tables[25] = ut_pthread_cases;
  tables[26] = ut_shm_cases;
  tables[27] = ut_ns_cases;
  tables[28] = ut_cgroup_cases;
  tables[29] = ut_ptrace_cases;
  tables[30] = ut_inet_cases;
  tables[31] = ut_netns_cases;
  tables[32] = ut_clock_cases;
  tables[33] = ut_hrtimer_cases;
  tables[34] = ut_wakeup_cases;
  mkdir("/tmp", 01777);
  for (t = 0; t < (int)(sizeof tables / sizeof tables[0]); t++) {
    struct ut_case *c;
    for (c = tables[t]; c && c->name; c++) {
      char dir[128];
      int pid;
      int st;
      if (!selected(c->name, argc, argv))
        continue;
      ran++;
      sprintf(dir, "/tmp/ut.%s", c->name);
      remove_tree(dir);
      fflush(stdout);
      pid = fork();
      if (pid == 0) {
        if (mkdir(dir, 0755) < 0 || chdir(dir) < 0) {
          printf("cannot make %s: %s\n", dir, strerror(errno));
          _exit(1);
        }
        c->fn();
        fflush(stdout);
        _exit(0);
      }
      st = pid < 0 ? -1 : ut_wait_status(pid);
      printf("test %s: ", c->name);
      if (st == 0) {
        printf("OK\n");
      } else {
        failures++;
        if (st == -1)
          printf("FAILED (cannot fork or wait)\n");
        else if (WIFSIGNALED(st))
          printf("FAILED (killed by signal %d: %s)\n", WTERMSIG(st), u_signal_message(WTERMSIG(st)));
        else
          printf("FAILED (exit status %d)\n", WEXITSTATUS(st));
        if (strlen(failed_names) + strlen(c->name) + 2 < sizeof failed_names) {
          strcat(failed_names, " ");
          strcat(failed_names, c->name);
        }
      }
      fflush(stdout);
      remove_tree(dir);
    }
  }
  if (ran == 0) {
    printf("usertests: no test matches\n");
    return 1;
  }
  if (failures == 0)
    printf("ALL TESTS PASSED (%d)\n", ran);
  else
    printf("%d OF %d TESTS FAILED:%s\n", failures, ran, failed_names);
  return failures;
}
