/* ps: every process, as PID PPID STAT NI TIME CMD (the habitual "aux",
 * "-ef", "-e" and their letters are accepted and change nothing); with -L (or -T) one
 * line per thread, with its thread id in an LWP (SPID) column, read from
 * /proc/PID/task/TID/stat.
 *
 * From /proc/PID/stat (Linux's format: pid (comm) state ppid pgrp session
 * tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
 * priority nice …) when the kernel has /proc. Without /proc it probes pids
 * 1…MAX_PID with getpgid (ESRCH: no such process) and fills in what system
 * calls can tell — the nice value from getpriority; the columns no call
 * gives are '?'. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include "ulib.h"

#define MAX_PID 1024

static int threads;   /* -L / -T: a line per thread; the column's name */
static const char *lwp_name = "LWP";

static void header(void) {
  if (threads)
    printf("  PID %5s  PPID STAT  NI     TIME CMD\n", lwp_name);
  else
    printf("  PID  PPID STAT  NI     TIME CMD\n");
}

/* The thread ids of process pid, ascending (the leader first); at least
 * the pid itself. */
static int task_ids(int pid, int *tids, int max) {
  char path[64];
  DIR *d;
  struct dirent *e;
  int n = 0;
  sprintf(path, "/proc/%d/task", pid);
  d = opendir(path);
  if (d) {
    while ((e = readdir(d)) != 0 && n < max)
      if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
        tids[n++] = atoi(e->d_name);
    closedir(d);
  }
  if (n == 0)
    tids[n++] = pid;
  return n;
}

static void time_col(unsigned int ticks, char *out) {
  unsigned int s = ticks / 100;
  sprintf(out, "%u:%02u.%02u", s / 60, s % 60, ticks % 100);
}

static int from_proc(void) {
  DIR *d = opendir("/proc");
  struct dirent *e;
  int pids[MAX_PID];
  int n = 0;
  int i;
  if (!d)
    return 0;
  while ((e = readdir(d)) != 0 && n < MAX_PID)
    if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
      pids[n++] = atoi(e->d_name);
  closedir(d);
  if (n == 0)
    return 0;
  /* sorted by pid */
  for (i = 1; i < n; i++) {
    int k = i;
    int v = pids[i];
    while (k > 0 && pids[k - 1] > v) {
      pids[k] = pids[k - 1];
      k--;
    }
    pids[k] = v;
  }
  header();
  for (i = 0; i < n; i++) {
    int tids[64];
    int nt = threads ? task_ids(pids[i], tids, 64) : 1;
    int t;
    for (t = 0; t < nt; t++) {
      char path[64];
      char line[512];
      char cmd[256];
      char tbuf[32];
      FILE *f;
      char *open_paren;
      char *close_paren;
      char *p;
      int field;
      int ppid = 0;
      int nice = 0;
      unsigned int utime = 0, stime = 0;
      char state = '?';
      if (threads)
        sprintf(path, "/proc/%d/task/%d/stat", pids[i], tids[t]);
      else
        sprintf(path, "/proc/%d/stat", pids[i]);
      f = fopen(path, "r");
      if (!f)
        continue;
      if (!fgets(line, sizeof line, f)) {
        fclose(f);
        continue;
      }
      fclose(f);
      open_paren = strchr(line, '(');
      close_paren = strrchr(line, ')');
      if (!open_paren || !close_paren)
        continue;
      *close_paren = 0;
      strncpy(cmd, open_paren + 1, sizeof cmd - 1);
      cmd[sizeof cmd - 1] = 0;
      p = close_paren + 2;
      state = *p;
      for (field = 3; *p; field++) {
        if (field == 4)
          ppid = atoi(p);
        if (field == 14)
          utime = strtoul(p, 0, 10);
        if (field == 15)
          stime = strtoul(p, 0, 10);
        if (field == 19)
          nice = atoi(p);
        p = strchr(p, ' ');
        if (!p)
          break;
        p++;
      }
      /* the full command line when /proc has it */
      sprintf(path, "/proc/%d/cmdline", pids[i]);
      f = fopen(path, "r");
      if (f) {
        char args[256];
        int k;
        int got = fread(args, 1, sizeof args - 1, f);
        fclose(f);
        if (got > 0) {
          for (k = 0; k < got - 1; k++)
            if (args[k] == 0)
              args[k] = ' ';
          args[got] = 0;
          strcpy(cmd, args);
        }
      }
      time_col(utime + stime, tbuf);
      if (threads)
        printf("%5d %5d %5d %c    %3d %8s %s\n", pids[i], tids[t], ppid, state, nice, tbuf, cmd);
      else
        printf("%5d %5d %c    %3d %8s %s\n", pids[i], ppid, state, nice, tbuf, cmd);
    }
  }
  return 1;
}

int main(int argc, char **argv) {
  int pid;
  int i;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-L") == 0) {
      threads = 1;
    } else if (strcmp(argv[i], "-T") == 0) {
      threads = 1;
      lwp_name = "SPID";
    } else if (strspn(argv[i], "-aeAfuxlw") == strlen(argv[i]) && strcmp(argv[i], "-") != 0) {
      /* ps aux, ps -ef, ps -e, ps ax...: every process is always listed,
       * in the one format, so the selection and format letters people
       * type from habit are accepted and change nothing */
    } else {
      fprintf(stderr, "usage: ps [-L | -T] [aux | -ef]\n");
      return 1;
    }
  }
  if (from_proc())
    return 0;
  header();
  for (pid = 1; pid < MAX_PID; pid++) {
    int prio;
    if (__sys_getpgid(pid) < 0)
      continue;
    prio = __sys_getpriority(0, pid);
    printf("%5d %5s %-4s %3d %8s %s\n", pid, pid == 1 ? "0" : "?", "?", prio < 0 ? 0 : 20 - prio, "?", pid == 1 ? "init" : "?");
  }
  return 0;
}
