/*
 * pids.c — the pids controller: pids.current counts the tasks (threads
 * too, as Linux) of a group's subtree from fork until they are freed
 * (a zombie still counts); fork and clone fail with EAGAIN when a group
 * on the way to the root is at its pids.max. Moving a process never
 * fails on the limit (Linux lets migration exceed it). pids.events'
 * `max` counts the refused forks.
 */
#include "cgroup.h"
#include "param.h"
#include "hako/errno.h"
#include "cgroup/internal.h"

void pids_charge(struct cgroup *cg, int n) {
  for (; cg && cg->parent; cg = cg->parent) cg->pids_current += (u32)n;
}

int pids_try_charge(struct cgroup *cg) {
  struct cgroup *c;
  for (c = cg; c && c->parent; c = c->parent) {
    if ((cgroup_controllers(c) & CGRP_PIDS) && c->pids_max != CG_UNLIMITED && c->pids_current >= c->pids_max) {
      c->pids_events_max++;
      return -EAGAIN;
    }
  }
  pids_charge(cg, 1);
  return 0;
}

int pids_show(struct cgroup *cg, int kind, struct cg_out *o) {
  switch (kind) {
    case CGF_PIDS_CURRENT: cg_outf(o, "%u\n", cg->pids_current); return 1;
    case CGF_PIDS_MAX:
      if (cg->pids_max == CG_UNLIMITED) cg_outf(o, "max\n");
      else cg_outf(o, "%u\n", cg->pids_max);
      return 1;
    case CGF_PIDS_EVENTS: cg_outf(o, "max %u\n", cg->pids_events_max); return 1;
  }
  return 0;
}

int pids_store(struct cgroup *cg, int kind, const char *text, u32 n, int *err) {
  u32 v;
  if (kind != CGF_PIDS_MAX) return 0;
  *err = cg_parse_u32(text, n, &v, 1);
  if (*err == 0 && v != CG_UNLIMITED && v > PID_MAX) *err = -EINVAL;   /* Linux: at most pid_max */
  if (*err == 0) cg->pids_max = v;
  return 1;
}
