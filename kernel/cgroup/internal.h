/*
 * internal.h — what the files of kernel/cgroup/ share: the kinds of
 * interface file (an inode number says which file of which group it is,
 * cgroupfs.c), the text buffer they are generated into, and each
 * controller's show/store of its own files.
 */
#ifndef HAKO_CGROUP_INTERNAL_H
#define HAKO_CGROUP_INTERNAL_H

#include "cgroup.h"
#include "types.h"

/* Interface files (kind 0 is the group's directory). */
#define CGF_DIR 0
#define CGF_PROCS 1             /* cgroup.procs */
#define CGF_CONTROLLERS 2       /* cgroup.controllers */
#define CGF_SUBTREE_CONTROL 3   /* cgroup.subtree_control */
#define CGF_EVENTS 4            /* cgroup.events */
#define CGF_MEM_CURRENT 5
#define CGF_MEM_MAX 6
#define CGF_MEM_HIGH 7
#define CGF_MEM_EVENTS 8
#define CGF_MEM_OOM_GROUP 9
#define CGF_MEM_PEAK 10
#define CGF_MEM_SWAP_CURRENT 11
#define CGF_PIDS_CURRENT 12
#define CGF_PIDS_MAX 13
#define CGF_PIDS_EVENTS 14
#define CGF_CPU_WEIGHT 15
#define CGF_CPU_MAX 16
#define CGF_CPU_STAT 17
#define CGF_KINDS 18

#define CG_BUF 4096

/* Text generated into a CG_BUF buffer; what does not fit is cut. */
struct cg_out {
  char *buf;
  u32 len;
};
void cg_outf(struct cg_out *o, const char *fmt, ...);
/* A byte count of `pages` ("max" for CG_UNLIMITED), and a cg_usec in µs. */
void cg_out_pages(struct cg_out *o, u32 pages);
void cg_out_usec(struct cg_out *o, const char *name, struct cg_usec *t);

/* Parsing a write: the text without blanks and a final newline; a number
 * (u32, decimal) or "max". 0 or -EINVAL. */
int cg_parse_u32(const char *text, u32 n, u32 *out, int allow_max);
/* memory sizes: bytes with an optional K/M/G suffix, or "max"; in pages
 * (rounded down, as Linux's page_counter). */
int cg_parse_pages(const char *text, u32 n, u32 *pages);

/* Each controller's files: 1 if kind is one of its own (and done). */
int memcg_show(struct cgroup *cg, int kind, struct cg_out *o);
int memcg_store(struct cgroup *cg, int kind, const char *text, u32 n, int *err);
int pids_show(struct cgroup *cg, int kind, struct cg_out *o);
int pids_store(struct cgroup *cg, int kind, const char *text, u32 n, int *err);
int cpu_show(struct cgroup *cg, int kind, struct cg_out *o);
int cpu_store(struct cgroup *cg, int kind, const char *text, u32 n, int *err);

#endif
