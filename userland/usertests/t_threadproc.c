/* t_threadproc.c: threads as /proc and ps show them (PID/task/TID,
 * Tgid and Threads in status, ps -L/-T); cases of ut_thread_cases
 * (t_thread.c). */
#include <dirent.h>
#include <fcntl.h>
#include <futex.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ut.h"
#include "thr.h"

static int count_entries(const char *dir, int *names, int max) {
  DIR *d = opendir(dir);
  struct dirent *e;
  int n = 0;
  if (d == 0)
    return -1;
  while ((e = readdir(d)) != 0) {
    if (e->d_name[0] == '.')
      continue;
    if (n < max)
      names[n] = atoi(e->d_name);
    n++;
  }
  closedir(d);
  return n;
}

void proc_task_dir(void) {
  int names[8];
  int i, n, fd;
  char path[64], buf[512];
  int t1, t2;
  release = 0;
  t1 = spawn(0, wait_for_release, 0);
  t2 = spawn(1, wait_for_release, 0);
  n = count_entries("/proc/self/task", names, 8);
  CHECK(n == 3);
  CHECK(names[0] == getpid() && names[1] == t1 && names[2] == t2);
  /* The thread's own stat: its tid first, then 3 threads (field 20). */
  sprintf(path, "/proc/%d/task/%d/stat", getpid(), t2);
  fd = open(path, O_RDONLY);
  CHECK(fd >= 0);
  n = read(fd, buf, sizeof buf - 1);
  CHECK(n > 0);
  buf[n] = 0;
  close(fd);
  CHECK(atoi(buf) == t2);
  {
    char *f = strrchr(buf, ')') + 2;   /* field 3, the state */
    for (i = 3; i < 20; i++)
      f = strchr(f, ' ') + 1;
    CHECK(atoi(f) == 3);
  }
  sprintf(path, "/proc/self/task/%d/status", t1);
  CHECK(ut_proc_number(path, "Pid") == t1);
  CHECK(ut_proc_number(path, "Tgid") == getpid());
  CHECK(ut_proc_number(path, "Threads") == 3);
  sprintf(path, "/proc/self/task/%d", getppid());   /* not one of ours */
  CHECK_ERR(open(path, O_RDONLY), ENOENT);
  sprintf(path, "/proc/self/task/0%d", t1);   /* a tid is read as Linux reads it: no leading zero */
  CHECK_ERR(open(path, O_RDONLY), ENOENT);
  /* Threads are not processes: /proc lists the group once. */
  {
    DIR *d = opendir("/proc");
    struct dirent *e;
    char tname[16];
    sprintf(tname, "%d", t1);
    CHECK(d != 0);
    while ((e = readdir(d)) != 0)
      CHECK(strcmp(e->d_name, tname) != 0);
    closedir(d);
  }
  release = 1;
  futex(&release, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 2, 0, 0, 0);
  join(0);
  join(1);
  CHECK(count_entries("/proc/self/task", names, 8) == 1);
}

/* Runs /bin/ps with one argument (or none), its output into buf. */
static int run_ps(const char *arg, char *buf, int size) {
  int pfd[2], n = 0, r, st;
  int pid;
  CHECK(pipe(pfd) == 0);
  pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    char *argv[3];
    argv[0] = "ps";
    argv[1] = (char *)arg;
    argv[2] = 0;
    dup2(pfd[1], 1);
    close(pfd[0]);
    close(pfd[1]);
    execv("/bin/ps", argv);
    _exit(127);
  }
  close(pfd[1]);
  while (n < size - 1 && (r = read(pfd[0], buf + n, size - 1 - n)) > 0)
    n += r;
  buf[n] = 0;
  close(pfd[0]);
  CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
  return n;
}

static int count_lines_starting(const char *buf, const char *prefix) {
  int n = 0;
  const char *l = buf;
  while (*l) {
    if (strncmp(l, prefix, strlen(prefix)) == 0)
      n++;
    l = strchr(l, '\n');
    if (!l)
      break;
    l++;
  }
  return n;
}

static char ps_out[4096];

void ps_shows_threads(void) {
  char want[32];
  int t1, t2;
  release = 0;
  t1 = spawn(0, wait_for_release, 0);
  t2 = spawn(1, wait_for_release, 0);
  run_ps("-L", ps_out, sizeof ps_out);
  CHECK(strncmp(ps_out, "  PID   LWP  PPID", 17) == 0);
  sprintf(want, "%5d %5d ", getpid(), getpid());
  CHECK(count_lines_starting(ps_out, want) == 1);
  sprintf(want, "%5d %5d ", getpid(), t1);
  CHECK(count_lines_starting(ps_out, want) == 1);
  sprintf(want, "%5d %5d ", getpid(), t2);
  CHECK(count_lines_starting(ps_out, want) == 1);
  run_ps("-T", ps_out, sizeof ps_out);
  CHECK(strncmp(ps_out, "  PID  SPID  PPID", 17) == 0);
  CHECK(count_lines_starting(ps_out, want) == 1);
  /* Without -L: the process once, no thread as a process. */
  run_ps(0, ps_out, sizeof ps_out);
  sprintf(want, "%5d ", getpid());
  CHECK(count_lines_starting(ps_out, want) == 1);
  sprintf(want, "%5d ", t1);
  CHECK(count_lines_starting(ps_out, want) == 0);
  release = 1;
  futex(&release, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 2, 0, 0, 0);
  join(0);
  join(1);
}
