/* u_ptable.h: the process table read from /proc (u_ptable.c). */
#ifndef U_PTABLE_H
#define U_PTABLE_H

struct u_task {
  int pid, ppid, uid, nice, priority;
  char state;
  char name[32];
  unsigned int utime, stime;   /* ticks (1/100 s) */
  unsigned int start;          /* ticks after boot */
  unsigned int vsize;          /* bytes */
  unsigned int rss;            /* pages */
};

/* fills tasks (sorted by pid), returns the count or -1 without /proc */
int u_read_tasks(struct u_task *tasks, int max);

#endif
