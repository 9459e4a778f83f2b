/*
 * cgroup.h — control groups v2 (kernel/cgroup/): one hierarchy of groups,
 * mounted as the cgroup2 file system at /sys/fs/cgroup, and three
 * controllers: memory, pids and cpu (docs/kernel.md "Control groups").
 *
 *   cgroup/cgroup.c      the hierarchy: the table of groups, mkdir/rmdir,
 *                        moving processes (cgroup.procs), fork and exit,
 *                        cgroup.subtree_control, paths
 *   cgroup/cgroupfs.c    the cgroup2 file system over it
 *   cgroup/memcontrol.c  memory: page charging, memory.max/high, the
 *                        group-local reclaim and OOM
 *   cgroup/pids.c        pids.max/current: fork's EAGAIN
 *   cgroup/cpu.c         cpu.weight, cpu.max, cpu.stat: what the scheduler asks
 *
 * Groups live in a fixed table: slot 1 is the root (Linux's root cgroup id
 * is 1), slot 0 is never used, so an id fits in struct page (`memcg`,
 * 0 = the root) and in the debugger's process rows. A slot's `gen` grows
 * each time it is reused, so an inode of a removed group never reaches its
 * successor.
 *
 * Counters are hierarchical and kept only below the root (the root has no
 * limits and no memory.current/pids.current files, as on Linux): a charge
 * to a group adds to it and every ancestor but the root.
 * Invariants:
 *   - every process belongs to exactly one group: p->cgroup, NULL meaning
 *     the root (kernel threads and init start there); threads of a group
 *     always share their leader's;
 *   - nr_populated = live (not yet exited) tasks in the subtree; pids_current
 *     = tasks not yet freed (zombies count, as Linux's pids controller);
 *     mem_current = frames whose page->memcg is in the subtree;
 *   - a removed group has no live task and no child: its zombies and pages
 *     move to the parent (already counted there), so nothing points at a
 *     free slot.
 */
#ifndef HAKO_CGROUP_H
#define HAKO_CGROUP_H

#include "types.h"

#define CGROUP_MAX 64          /* groups, the root included */
#define CGROUP_ROOT_ID 1
#define CGROUP_NAME_MAX 32     /* a group's name with its NUL */

/* Controllers (bits of subtree_control), in Linux's order of listing. */
#define CGRP_CPU 1
#define CGRP_MEMORY 2
#define CGRP_PIDS 4
#define CGRP_ALL (CGRP_CPU | CGRP_MEMORY | CGRP_PIDS)

#define CG_UNLIMITED 0xFFFFFFFFu   /* "max" */

/* memory.events, in the file's order. */
#define MEMCG_LOW 0
#define MEMCG_HIGH 1
#define MEMCG_MAX 2
#define MEMCG_OOM 3
#define MEMCG_OOM_KILL 4
#define MEMCG_NR_EVENTS 5

/* A time in seconds and microseconds (no 64-bit integers in our C). */
struct cg_usec {
  u32 sec, usec;
};

struct cgroup {
  int used;
  u32 id;                      /* its slot */
  u32 gen;                     /* bumped at every reuse of the slot */
  struct cgroup *parent;       /* NULL for the root */
  char name[CGROUP_NAME_MAX];
  u32 subtree_control;         /* CGRP_* enabled for the children */
  u32 nr_children;
  u32 nr_populated;            /* live tasks in the subtree */
  /* memory (memcontrol.c), in pages */
  u32 mem_current;
  u32 mem_max, mem_high;       /* CG_UNLIMITED: max */
  u32 mem_peak;
  u32 high_backoff;            /* charges over memory.high left to pass before reclaim is tried again */
  u32 mem_events[MEMCG_NR_EVENTS];
  int oom_group;               /* memory.oom.group */
  /* pids (pids.c) */
  u32 pids_current, pids_max;
  u32 pids_events_max;         /* forks refused at pids.max */
  /* cpu (cpu.c) */
  u32 cpu_weight;              /* 1..10000, 100 by default */
  u32 cpu_quota_us;            /* CG_UNLIMITED or µs per period */
  u32 cpu_period_us;           /* 1000 .. 1000000, 100000 by default */
  u32 period_start_us;         /* uptime (low dword) at this period's start */
  u32 period_used_us;          /* run time charged in this period */
  int throttled;               /* the quota is used up until the period ends */
  u32 throttled_since_us;
  u32 nr_periods, nr_throttled;
  struct cg_usec usage, throttled_time;
  u32 user_ticks, system_ticks;   /* tick samples that split usage into user and system */
};

extern struct cgroup cgroup_table[CGROUP_MAX];
#define cgroup_root (&cgroup_table[CGROUP_ROOT_ID])

struct proc;
struct page;

/* ---- The hierarchy (cgroup.c) ---- */
void cgroup_init(void);
struct cgroup *task_cgroup(struct proc *p);                 /* never NULL */
struct cgroup *cgroup_by_id(u32 id);                        /* a live group, or NULL */
int cgroup_is_descendant(struct cgroup *cg, struct cgroup *ancestor);   /* cg itself counts */
/* The controllers whose files cg has: its parent's subtree_control (the
 * root: every controller). */
u32 cgroup_controllers(struct cgroup *cg);
/* "/a/b" ("/" for the root) into buf; its length. */
u32 cgroup_path(struct cgroup *cg, char *buf, u32 size);
struct cgroup *cgroup_child(struct cgroup *parent, const char *name, u32 len);
int cgroup_mkdir(struct cgroup *parent, const char *name);  /* 0, -EEXIST, -ENOSPC, -ENAMETOOLONG */
int cgroup_rmdir(struct cgroup *cg);                        /* 0, -EBUSY */
/* cgroup.procs: moves the thread group of pid into cg (-ESRCH, -EBUSY,
 * -EINVAL for a kernel thread, -EACCES for another user's process). */
int cgroup_attach_pid(struct cgroup *cg, int pid);
/* cgroup.subtree_control: "+memory -cpu ..." (-EINVAL, -ENOENT, -EBUSY). */
int cgroup_write_subtree_control(struct cgroup *cg, const char *text, u32 n);
/* The i-th child of parent (NULL past the last), for readdir. */
struct cgroup *cgroup_child_at(struct cgroup *parent, int i);

/* fork/clone (before the child runs): inherit the caller's group; -EAGAIN
 * at a pids.max. exit: no longer live (populated). proc_free: uncharged. */
int cgroup_fork(struct proc *child);
void cgroup_exit(struct proc *p);
void cgroup_release(struct proc *p);

/* /proc/PID/cgroup's line, "0::/path\n". */
void cgroup_proc_line(struct proc *p, char *buf, u32 size);

/* ---- memory (memcontrol.c) ---- */
/* alloc_user_page: the group that must reclaim before current's next page
 * (the lowest one at its memory.max), or NULL when the page may be charged. */
struct cgroup *mem_cgroup_over_max(void);
/* Reclaim inside cg, then its OOM killer: 1 to try again, 0 to fail. */
int mem_cgroup_handle_max(struct cgroup *cg);
void mem_cgroup_charge(struct page *p);      /* to current's group; may reclaim for memory.high */
void mem_cgroup_uncharge(struct page *p);    /* page->memcg set: the frame is being freed */
int page_in_mem_cgroup(struct page *p, struct cgroup *cg);   /* charged to cg or below it */
/* rmdir: every page charged to cg is now its parent's. */
void mem_cgroup_reparent(struct cgroup *cg);
void mem_cgroup_event(struct cgroup *cg, int event);   /* cg and its ancestors */

/* ---- pids (pids.c) ---- */
int pids_try_charge(struct cgroup *cg);      /* 0 or -EAGAIN (counts the refusal) */
void pids_charge(struct cgroup *cg, int n);  /* n may be negative; no limit check (migration) */

/* ---- cpu (cpu.c): the scheduler's questions ---- */
/* Weighted vruntime for delta µs that p ran, its group's share applied. */
u32 cgroup_cpu_vruntime(struct proc *p, u32 delta, u32 weighted);
void cgroup_cpu_charge(struct proc *p, u32 delta_us);   /* usage, quota */
void cgroup_cpu_tick(struct proc *p, int user);          /* period ends, user/system split */
int cgroup_cpu_throttled(struct proc *p);                /* not to be picked */

#endif
