/*
 * task.c — procfs's thread directories: /proc/PID/task, with a directory
 * per thread of the process (named by its tid, the leader's first) holding
 * that thread's own `stat` and `status`, as Linux's.
 *
 * Numbering (internal.h): PID/task is 0xF0000000 | pid << 4 | PROC_PID_TASK
 * in base.c's range; a thread's directory and files live in their own
 * range, 0xE0000000 | tid << 4 | 4, 5 (stat), 6 (status), so a tid needs
 * no room beside its process's pid. The thread's stat and status are
 * base.c's PID/stat and PID/status generated for the thread (its tid,
 * state, times, blocked and pending signals); the directory lists only
 * threads that have not exited, and a lookup of a thread from another
 * group is ENOENT.
 */
#include "fs.h"
#include "lib.h"
#include "proc.h"
#include "fs/proc/internal.h"

#define TASK_DIR_LOW 4
#define TASK_STAT_LOW 5
#define TASK_STATUS_LOW 6

static u32 task_ino(int tid, int low) {
  return PROC_TASK_INO_BASE | ((u32)tid << 4) | (u32)low;
}

int procfs_task_kind(u32 ino) {
  switch (ino & 15) {
    case TASK_DIR_LOW: return PROC_TASK_DIR;
    case TASK_STAT_LOW: return PROC_PID_STAT;
    case TASK_STATUS_LOW: return PROC_PID_STATUS;
  }
  return 0;
}

/* The live thread tid of the group whose leader's pid is pid (any group
 * when pid is 0), or NULL. */
static struct proc *find_thread(int pid, int tid) {
  struct proc *t = proc_find(tid);
  if (t == NULL || (t->state == P_ZOMBIE && t->group_leader != t)) return NULL;
  if (pid != 0 && t->tgid != pid) return NULL;
  return t;
}

void procfs_task_generate(int kind, int id, u32 ino, struct out *o) {
  u32 last = 0;
  add_dirent(o, ino, ".", 2, &last);
  if (kind == PROC_PID_TASK) {
    struct proc *p = proc_find(id);
    struct list_head *n;
    char name[12];
    add_dirent(o, 0xF0000000u | ((u32)id << 4) | PROC_PID_DIR, "..", 2, &last);
    if (p != NULL && p->group_leader == p) {
      for (n = p->thread_list.next; n != &p->thread_list; n = n->next) {
        struct proc *t = list_entry(n, struct proc, thread_node);
        snprintf(name, sizeof name, "%d", t->pid);
        add_dirent(o, task_ino(t->pid, TASK_DIR_LOW), name, 2, &last);
      }
    }
  } else {
    struct proc *t = find_thread(0, id);
    add_dirent(o, 0xF0000000u | ((u32)(t ? t->tgid : 0) << 4) | PROC_PID_TASK, "..", 2, &last);
    add_dirent(o, task_ino(id, TASK_STAT_LOW), "stat", 1, &last);
    add_dirent(o, task_ino(id, TASK_STATUS_LOW), "status", 1, &last);
  }
  finish_dir(o, last);
}

static int parse_tid(const char *name, u32 len) {
  int v = 0;
  u32 i;
  if (len == 0 || len > 6) return -1;
  for (i = 0; i < len; i++) {
    if (name[i] < '0' || name[i] > '9') return -1;
    v = v * 10 + (name[i] - '0');
  }
  return v;
}

static int name_is(const char *name, u32 len, const char *want) {
  return strlen(want) == len && memcmp(name, want, len) == 0;
}

struct inode *procfs_task_lookup(int kind, int id, const char *name, u32 len) {
  if (kind == PROC_PID_TASK) {
    int tid;
    if (name_is(name, len, "..")) return procfs_iget(0xF0000000u | ((u32)id << 4) | PROC_PID_DIR);
    tid = parse_tid(name, len);
    if (tid <= 0 || find_thread(id, tid) == NULL) return NULL;
    return procfs_iget(task_ino(tid, TASK_DIR_LOW));
  }
  {
    struct proc *t = find_thread(0, id);
    if (t == NULL) return NULL;
    if (name_is(name, len, "..")) return procfs_iget(0xF0000000u | ((u32)t->tgid << 4) | PROC_PID_TASK);
    if (name_is(name, len, "stat")) return procfs_iget(task_ino(id, TASK_STAT_LOW));
    if (name_is(name, len, "status")) return procfs_iget(task_ino(id, TASK_STATUS_LOW));
  }
  return NULL;
}
