/*
 * oom.h — the OOM killer (mm/oom.c): what it scores and whom it kills when
 * neither free frames nor swap can satisfy an allocation.
 *
 * The score (Linux's oom_badness, documented in docs/kernel.md "Memory"):
 *   points = resident pages + swapped pages + page-table pages of p's mm
 *          + oom_score_adj * (RAM pages + swap pages) / 1000
 * clamped to at least 1 for a process that may be chosen. 0 means "never
 * chosen": pid 1, kernel threads, zombies, processes already dying (SIGKILL
 * pending) and oom_score_adj == -1000.
 */
#ifndef HAKO_OOM_H
#define HAKO_OOM_H

#include "types.h"

struct proc;
struct mm;

#define OOM_SCORE_ADJ_MIN (-1000)
#define OOM_SCORE_ADJ_MAX 1000

/* The badness of p (the documented score above); 0 for pid 1, kernel
 * threads and exiting processes, which are never chosen. */
u32 oom_badness(struct proc *p);
/* RAM pages + swap pages: the scale of badness and of oom_score. */
u32 oom_total_pages(void);
/* /proc/PID/oom_score: badness on a 0..1000 scale of oom_total_pages. */
u32 oom_score(struct proc *p);

/* Called (in process context, may sleep) when an allocation of user memory
 * failed even after reclaim: picks the process with the highest badness,
 * sends it SIGKILL, logs `Out of memory: Killed process PID (NAME)
 * total-vm:…kB, anon-rss:…kB, file-rss:…kB, swap:…kB, oom_score_adj:N`,
 * counts oom_kill, and waits until the victim has released its memory.
 * 1 when the caller should retry its allocation; 0 when it should fail (no
 * victim, or the caller itself was chosen or is dying). */
int out_of_memory(void);
/* The same inside control group memcg only (its memory.max could not be
 * met by reclaim): victims among its processes, `Memory cgroup out of
 * memory: Killed process ...`, memory.oom.group honoured. */
struct cgroup;
int mem_cgroup_out_of_memory(struct cgroup *memcg);

/* exit.c, right after a process dropped its address space: wakes the
 * allocations waiting for an OOM victim to release its memory. */
void oom_mm_released(struct proc *p);   /* p: the group leader of the last thread using the mm */

/* Page counts of an address space, from its page tables and VMAs. */
struct mm_usage {
  u32 total_vm;     /* pages covered by VMAs */
  u32 anon_rss;     /* present pages that are not page cache */
  u32 file_rss;     /* present page-cache pages */
  u32 swap;         /* swap entries */
  u32 pgtables;     /* page-table frames of the user half */
};
void mm_usage(struct mm *mm, struct mm_usage *u);

/* The last OOM kill, for the oom-latency benchmark (read by the host from
 * kdebug_root, layout in kernel/kdebug.tbl): retired-instruction counter (low
 * dword) when the allocation failed, when SIGKILL was sent, and when the
 * victim's memory was back; the victim's pid; a count of kills. */
struct oom_event {
  u32 fail_tsc, kill_tsc, release_tsc;
  u32 victim_pid;
  u32 kills;
};
extern struct oom_event oom_last_event;

#endif
