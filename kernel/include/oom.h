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

/* Called (in process context, may sleep) when an allocation of user memory
 * failed even after reclaim: picks the process with the highest badness,
 * sends it SIGKILL, logs `Out of memory: Killed process PID (NAME)
 * total-vm:…kB, anon-rss:…kB, swap:…kB`, counts oom_kill, and waits until
 * the victim has released its memory. 1 when the caller should retry its
 * allocation; 0 when it should fail (no victim, or the caller itself was
 * chosen). */
int out_of_memory(void);

#endif
