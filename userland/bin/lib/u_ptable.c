/* u_ptable.c: the process table from /proc for top and pstree — every
 * /proc/PID/stat (Linux's field order: pid (comm) state ppid pgrp session
 * tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
 * priority nice threads itrealvalue starttime vsize rss) and the Uid line
 * of /proc/PID/status, sorted by pid. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include "ulib.h"
#include "u_ptable.h"

static int parse_stat(const char *text, struct u_task *t) {
  const char *open = strchr(text, '('), *close = strrchr(text, ')');
  const char *p;
  unsigned int v[24];
  int field = 0;
  if (open == NULL || close == NULL || close < open) return 0;
  snprintf(t->name, sizeof t->name, "%.*s", (int)(close - open - 1), open + 1);
  p = close + 2;
  t->state = *p;
  p++;
  /* fields after the state, starting with ppid (field 4) */
  while (*p && field < 21) {
    while (*p == ' ') p++;
    v[field++] = (unsigned int)strtol(p, (char **)&p, 10);
  }
  if (field < 20) return 0;
  t->ppid = (int)v[0];
  t->utime = v[10];
  t->stime = v[11];
  t->priority = (int)v[14];
  t->nice = (int)v[15];
  t->start = v[18];
  t->vsize = v[19];
  t->rss = field > 20 ? v[20] : 0;
  return 1;
}

int u_read_tasks(struct u_task *tasks, int max) {
  DIR *d = opendir("/proc");
  struct dirent *e;
  int n = 0, i, k;
  if (d == NULL) return -1;
  while ((e = readdir(d)) != NULL && n < max) {
    char path[48], text[512];
    struct u_task *t = &tasks[n];
    if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
    memset(t, 0, sizeof *t);
    t->pid = atoi(e->d_name);
    snprintf(path, sizeof path, "/proc/%d/stat", t->pid);
    if (u_read_text(path, text, sizeof text) <= 0 || !parse_stat(text, t)) continue;   /* gone meanwhile */
    snprintf(path, sizeof path, "/proc/%d/status", t->pid);
    t->uid = u_read_text(path, text, sizeof text) > 0 ? (int)u_text_number(text, "Uid") : 0;
    n++;
  }
  closedir(d);
  for (i = 1; i < n; i++) {
    struct u_task v = tasks[i];
    for (k = i; k > 0 && tasks[k - 1].pid > v.pid; k--) tasks[k] = tasks[k - 1];
    tasks[k] = v;
  }
  return n;
}
