/*
 * oom.h — the OOM killer (mm/oom.c): what it scores and whom it kills when
 * neither free frames nor swap can satisfy an allocation.
 */
#ifndef HAKO_OOM_H
#define HAKO_OOM_H

#include "types.h"

struct proc;

/* The badness of p (the documented score /proc/PID/oom_score shows):
 * 0 for pid 1, kernel threads and exiting processes, which are never chosen. */
u32 oom_badness(struct proc *p);

#endif
