/*
 * cgroup.c — the control-group hierarchy: the table of groups, making and
 * removing them, which process is in which, and what fork, exit and the
 * last free of a process do to the counters (cgroup.h has the invariants).
 *
 * Membership is per thread group, as cgroup v2's cgroup.procs: moving a
 * pid moves every thread of its group. A child of fork or clone starts in
 * its creator's group. Linux's "no internal processes" rule holds below
 * the root: a group with processes cannot hand controllers to children
 * (subtree_control EBUSY) and a group that does cannot take processes
 * (cgroup.procs EBUSY). At boot the root hands all three controllers down
 * (what systemd does on a Linux machine), so every new group has
 * memory.*, pids.* and cpu.* files at once.
 *
 * Removing a group (rmdir) needs no live task and no child (EBUSY), as
 * Linux; its zombies and its charged pages become its parent's, which
 * counted them already, so the slot is free at once.
 */
#include "cgroup.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "hako/errno.h"

struct cgroup cgroup_table[CGROUP_MAX];

static void cgroup_defaults(struct cgroup *cg) {
  cg->mem_max = CG_UNLIMITED;
  cg->mem_high = CG_UNLIMITED;
  cg->pids_max = CG_UNLIMITED;
  cg->cpu_weight = 100;
  cg->cpu_quota_us = CG_UNLIMITED;
  cg->cpu_period_us = 100000;
}

void cgroup_init(void) {
  struct cgroup *root = cgroup_root;
  memset(cgroup_table, 0, sizeof cgroup_table);
  root->used = 1;
  root->id = CGROUP_ROOT_ID;
  root->gen = 1;
  cgroup_defaults(root);
  root->subtree_control = CGRP_ALL;
}

struct cgroup *task_cgroup(struct proc *p) {
  return p->cgroup ? p->cgroup : cgroup_root;
}

struct cgroup *cgroup_by_id(u32 id) {
  if (id == 0 || id >= CGROUP_MAX || !cgroup_table[id].used) return NULL;
  return &cgroup_table[id];
}

int cgroup_is_descendant(struct cgroup *cg, struct cgroup *ancestor) {
  for (; cg; cg = cg->parent) {
    if (cg == ancestor) return 1;
  }
  return 0;
}

u32 cgroup_controllers(struct cgroup *cg) {
  return cg->parent ? cg->parent->subtree_control : CGRP_ALL;
}

u32 cgroup_path(struct cgroup *cg, char *buf, u32 size) {
  struct cgroup *chain[CGROUP_MAX];
  int depth = 0;
  u32 len = 0;
  if (size == 0) return 0;
  for (; cg && cg->parent; cg = cg->parent) chain[depth++] = cg;
  if (depth == 0) {
    strlcpy(buf, "/", size);
    return 1;
  }
  buf[0] = 0;
  while (depth-- > 0) {
    u32 n = strlen(chain[depth]->name);
    if (len + 1 + n + 1 > size) break;
    buf[len++] = '/';
    memcpy(buf + len, chain[depth]->name, n);
    len += n;
    buf[len] = 0;
  }
  return len;
}

struct cgroup *cgroup_child(struct cgroup *parent, const char *name, u32 len) {
  int i;
  for (i = 1; i < CGROUP_MAX; i++) {
    struct cgroup *c = &cgroup_table[i];
    if (c->used && c->parent == parent && strlen(c->name) == len && memcmp(c->name, name, len) == 0) return c;
  }
  return NULL;
}

struct cgroup *cgroup_child_at(struct cgroup *parent, int n) {
  int i;
  for (i = 1; i < CGROUP_MAX; i++) {
    struct cgroup *c = &cgroup_table[i];
    if (c->used && c->parent == parent && n-- == 0) return c;
  }
  return NULL;
}

int cgroup_mkdir(struct cgroup *parent, const char *name) {
  u32 len = strlen(name);
  int i;
  struct cgroup *cg;
  u32 gen;
  if (len >= CGROUP_NAME_MAX) return -ENAMETOOLONG;
  if (cgroup_child(parent, name, len)) return -EEXIST;
  for (i = 2; i < CGROUP_MAX; i++) {
    if (!cgroup_table[i].used) break;
  }
  if (i == CGROUP_MAX) return -ENOSPC;
  cg = &cgroup_table[i];
  gen = cg->gen + 1;
  memset(cg, 0, sizeof *cg);
  cg->used = 1;
  cg->id = (u32)i;
  cg->gen = gen;
  cg->parent = parent;
  strlcpy(cg->name, name, sizeof cg->name);
  cgroup_defaults(cg);
  cg->period_start_us = 0;
  parent->nr_children++;
  return 0;
}

int cgroup_rmdir(struct cgroup *cg) {
  struct list_head *n;
  if (cg->parent == NULL || cg->nr_children > 0 || cg->nr_populated > 0) return -EBUSY;
  /* Zombies still waiting for their parent belong to the parent now. */
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->cgroup == cg) p->cgroup = cg->parent == cgroup_root ? NULL : cg->parent;
  }
  mem_cgroup_reparent(cg);
  cg->parent->nr_children--;
  cg->used = 0;
  return 0;
}

/* Adds n live tasks to cg and its ancestors below the root. */
static void populate(struct cgroup *cg, int n) {
  for (; cg && cg->parent; cg = cg->parent) cg->nr_populated += (u32)n;
}

static int has_live_tasks(struct cgroup *cg) {
  struct list_head *n;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->cgroup_live && task_cgroup(p) == cg) return 1;
  }
  return 0;
}

int cgroup_attach_pid(struct cgroup *cg, int pid) {
  struct proc *p = proc_find(pid);
  struct proc *leader;
  struct cgroup *old;
  struct list_head *n;
  if (p == NULL || p->state == P_ZOMBIE) return -ESRCH;
  leader = p->group_leader;
  if (leader->mm == NULL && leader->pid != 1) return -EINVAL;   /* kernel threads stay in the root */
  if (current->uid != 0 && current->uid != leader->uid && current->uid != leader->ruid) return -EACCES;
  if (cg->parent && cg->subtree_control) return -EBUSY;   /* no internal processes */
  old = task_cgroup(leader);
  if (old == cg) return 0;
  for (n = leader->thread_list.next; n != &leader->thread_list; n = n->next) {
    struct proc *t = list_entry(n, struct proc, thread_node);
    if (t->state == P_UNUSED) continue;
    pids_charge(old, -1);
    pids_charge(cg, 1);
    if (t->cgroup_live) {
      populate(old, -1);
      populate(cg, 1);
    }
    t->cgroup = cg == cgroup_root ? NULL : cg;
  }
  return 0;
}

/* One controller's name at the start of text: its bit, or 0. */
static u32 controller_named(const char *s, u32 len) {
  if (len == 3 && memcmp(s, "cpu", 3) == 0) return CGRP_CPU;
  if (len == 6 && memcmp(s, "memory", 6) == 0) return CGRP_MEMORY;
  if (len == 4 && memcmp(s, "pids", 4) == 0) return CGRP_PIDS;
  return 0;
}

int cgroup_write_subtree_control(struct cgroup *cg, const char *text, u32 n) {
  u32 enable = 0, disable = 0, i = 0, avail = cgroup_controllers(cg);
  int k;
  while (i < n) {
    u32 start, bit;
    char sign;
    while (i < n && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) i++;
    if (i >= n) break;
    sign = text[i++];
    if (sign != '+' && sign != '-') return -EINVAL;
    start = i;
    while (i < n && text[i] != ' ' && text[i] != '\n' && text[i] != '\t') i++;
    bit = controller_named(text + start, i - start);
    if (bit == 0 || !(avail & bit)) return -ENOENT;   /* Linux: not available here */
    if (sign == '+') enable |= bit;
    else disable |= bit;
  }
  if (enable & disable) return -EINVAL;
  if (enable && cg->parent && (cg->subtree_control | enable) != cg->subtree_control && has_live_tasks(cg))
    return -EBUSY;
  /* A controller a child still hands down cannot be taken away. */
  for (k = 1; k < CGROUP_MAX; k++) {
    struct cgroup *c = &cgroup_table[k];
    if (c->used && c->parent == cg && (c->subtree_control & disable)) return -EBUSY;
  }
  cg->subtree_control = (cg->subtree_control | enable) & ~disable;
  return 0;
}

int cgroup_fork(struct proc *child) {
  struct cgroup *cg = task_cgroup(current);
  int err = pids_try_charge(cg);
  if (err) return err;
  child->cgroup = current->cgroup;   /* proc_alloc made it live, in the root */
  populate(cg, 1);
  return 0;
}

void cgroup_exit(struct proc *p) {
  if (!p->cgroup_live) return;
  p->cgroup_live = 0;
  populate(task_cgroup(p), -1);
}

void cgroup_release(struct proc *p) {
  if (p->cgroup_live) cgroup_exit(p);
  pids_charge(task_cgroup(p), -1);
  p->cgroup = NULL;
}

void cgroup_proc_line(struct proc *p, char *buf, u32 size) {
  u32 len;
  if (size < 6) return;
  strlcpy(buf, "0::", size);
  len = cgroup_path(task_cgroup(p), buf + 3, size - 4) + 3;
  buf[len++] = '\n';
  buf[len] = 0;
}
