/*
 * internal.h — what the two halves of /proc share: base.c (the
 * mount, inodes, directories, lookup, per-process stat/status) and
 * mem.c (the memory views: meminfo, vmstat, buddyinfo, slabinfo,
 * swaps, PID/maps, PID/status's Vm lines, PID/oom_score(_adj)).
 *
 * File kinds are small numbers: an inode number is 0xF0000000 | pid << 4 |
 * kind, so a kind must stay below 16.
 */
#ifndef HAKO_PROCFS_INTERNAL_H
#define HAKO_PROCFS_INTERNAL_H

#include "lib.h"
#include "types.h"

#define PROC_ROOT 1
#define PROC_MEMINFO 2
#define PROC_UPTIME 3
#define PROC_PID_DIR 4
#define PROC_PID_STAT 5
#define PROC_PID_STATUS 6
#define PROC_VMSTAT 7
#define PROC_PID_MAPS 8
#define PROC_BUDDYINFO 9
#define PROC_SLABINFO 10
#define PROC_SWAPS 11
#define PROC_PID_OOM_SCORE 12
#define PROC_PID_OOM_ADJ 13
#define PROC_LOADAVG 14
#define PROC_PID_TASK 15     /* PID/task: a directory per thread (task.c) */
/* task.c: PID/task/TID/ is numbered 0xE0000000 | tid << 4 | 4 (its stat 5,
 * status 6, which are generated like PID/stat and PID/status for the
 * thread); in memory the directory's kind is PROC_TASK_DIR. */
#define PROC_TASK_DIR 16
#define PROC_TASK_INO_BASE 0xE0000000u
#define PROC_BUF 4096

/* Text output into a fixed PROC_BUF buffer; what does not fit is cut. */
struct out {
  char *buf;
  u32 len;
};

void outf(struct out *o, const char *fmt, ...);
void out_pad_to(struct out *o, u32 line_start, u32 column);

struct proc;
struct mm;

/* mem.c: system-wide files of one of the kinds above (0 when the
 * kind is not one of them). */
int procfs_mem_generate(int kind, struct out *o);
/* mem.c: per-process files (maps, oom_score, oom_score_adj). */
int procfs_mem_generate_pid(int kind, struct proc *p, struct out *o);
/* mem.c: PID/status's memory lines (VmSize … VmSwap). */
void procfs_status_mem(struct out *o, struct mm *mm);
/* base.c, for task.c: directory records, inodes by number. */
void add_dirent(struct out *o, u32 ino, const char *name, u32 type, u32 *last);
void finish_dir(struct out *o, u32 last);
struct inode *procfs_iget(u32 ino);
/* task.c: the kind an inode number in the task range names; PID/task and
 * PID/task/TID as directory blocks; lookups in them. */
int procfs_task_kind(u32 ino);
void procfs_task_generate(int kind, int id, u32 ino, struct out *o);
struct inode *procfs_task_lookup(int kind, int id, const char *name, u32 len);

/* mem.c: a write to PID/oom_score_adj. */
int procfs_write_oom_adj(struct proc *p, const void *src, u32 n, int user);

#endif
