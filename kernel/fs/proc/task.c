/*
 * task.c — procfs's thread directories: /proc/PID/task, with a directory
 * per thread of the process (named by its tid, the leader's first) holding
 * that thread's own `stat` and `status`, as Linux's.
 *
 * Numbering (internal.h): PID/task is (PROC_PID_TASK, pid); a thread's
 * directory and files are (PROC_TASK_DIR / PROC_TASK_STAT /
 * PROC_TASK_STATUS, tid) — tids and pids share one number space, so the
 * pid field can hold the tid. The thread's stat and status are pid.c's
 * PID/stat and PID/status generated for the thread (its tid, state, times,
 * blocked and pending signals); the directory lists only threads that have
 * not exited, and a lookup of a thread from another group is ENOENT.
 */
#include "fs.h"
#include "lib.h"
#include "proc.h"
#include "fs/proc/internal.h"

/* The live thread tid of the group whose leader's pid is pid (any group
 * when pid is 0), or NULL. */
struct proc *procfs_find_thread(struct pid_namespace *ns, int pid, int tid) {
  struct proc *t = proc_find_ns(tid, ns);
  if (t == NULL || (t->state == P_ZOMBIE && t->group_leader != t)) return NULL;
  if (pid != 0 && pid_nr_ns(t->group_leader, ns) != pid) return NULL;
  return t;
}

void procfs_task_dir(int kind, int id, struct out *o, u32 *last) {
  if (kind == PROC_PID_TASK) {
    struct proc *p = proc_find_ns(id, o->ns);
    struct list_head *n;
    char name[12];
    add_dirent(o, proc_ino(PROC_PID_DIR, id, 0), "..", 2, last);
    if (p != NULL && p->group_leader == p) {
      for (n = p->thread_list.next; n != &p->thread_list; n = n->next) {
        struct proc *t = list_entry(n, struct proc, thread_node);
        int nr = pid_nr_ns(t, o->ns);
        snprintf(name, sizeof name, "%d", nr);
        add_dirent(o, proc_ino(PROC_TASK_DIR, nr, 0), name, 2, last);
      }
    }
  } else {
    struct proc *t = procfs_find_thread(o->ns, 0, id);
    add_dirent(o, proc_ino(PROC_PID_TASK, t ? pid_nr_ns(t->group_leader, o->ns) : 0, 0), "..", 2, last);
    add_dirent(o, proc_ino(PROC_TASK_STAT, id, 0), "stat", 1, last);
    add_dirent(o, proc_ino(PROC_TASK_STATUS, id, 0), "status", 1, last);
  }
}

struct inode *procfs_task_lookup(struct super_block *sb, int kind, int id, const char *name, u32 len) {
  if (kind == PROC_PID_TASK) {
    int tid;
    if (procfs_name_is(name, len, "..")) return proc_inode(sb, PROC_PID_DIR, id, 0);
    tid = procfs_parse_number(name, len);
    if (tid <= 0 || procfs_find_thread(PROC_NS(sb), id, tid) == NULL) return NULL;
    return proc_inode(sb, PROC_TASK_DIR, tid, 0);
  }
  {
    struct proc *t = procfs_find_thread(PROC_NS(sb), 0, id);
    if (t == NULL) return NULL;
    if (procfs_name_is(name, len, "..")) return proc_inode(sb, PROC_PID_TASK, pid_nr_ns(t->group_leader, PROC_NS(sb)), 0);
    if (procfs_name_is(name, len, "stat")) return proc_inode(sb, PROC_TASK_STAT, id, 0);
    if (procfs_name_is(name, len, "status")) return proc_inode(sb, PROC_TASK_STATUS, id, 0);
  }
  return NULL;
}
