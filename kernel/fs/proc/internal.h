/*
 * internal.h — what the parts of /proc share:
 *   base.c   the mount, inodes (number → kind, mode, owner), the directory
 *            tables, lookup, readdir, read/write/open;
 *   pid.c    per-process text: PID/stat, PID/status, PID/cmdline and
 *            PID/environ (read from the process's memory);
 *   links.c  the links: self, mounts, PID/fd/N, PID/cwd, PID/root, PID/exe
 *            (readlink and following), and the PID/fd directory;
 *   sys.c    system files: stat, cpuinfo, interrupts, version,
 *            filesystems, mounts, uptime, loadavg;
 *   pagemap.c PID/pagemap: a 64-bit entry per virtual page (frames, swap);
 *   mem.c    the memory views (meminfo, vmstat, buddyinfo, slabinfo,
 *            swaps, PID/maps, PID/status's Vm lines, PID/oom_score(_adj)).
 *
 * An inode number says what the inode is, so nothing is stored: the root
 * is 1; every other is 0x80000000 | pid << 16 | fd << 6 | kind (pid 0 for
 * the system files; fd only for PID/fd/N). So kinds stay below 64, pids
 * below 32768 (PID_MAX) and fds below 1024 (NR_OPEN). The
 * pid is the process's number in the mount's pid namespace (PROC_NS).
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
#define PROC_STAT 15
#define PROC_CPUINFO 16
#define PROC_INTERRUPTS 17
#define PROC_VERSION 18
#define PROC_FILESYSTEMS 19
#define PROC_MOUNTS_LINK 20   /* /proc/mounts -> self/mounts */
#define PROC_SELF 21          /* /proc/self -> PID */
#define PROC_PID_CMDLINE 22
#define PROC_PID_ENVIRON 23
#define PROC_PID_FD_DIR 24
#define PROC_PID_FD 25        /* PID/fd/N */
#define PROC_PID_CWD 26
#define PROC_PID_ROOT 27
#define PROC_PID_EXE 28
#define PROC_PID_MOUNTS 29
#define PROC_PID_TASK 30      /* PID/task/: a directory per thread (task.c) */
#define PROC_TASK_DIR 31      /* PID/task/TID/ — the number's pid field holds the tid */
#define PROC_TASK_STAT 32     /* PID/task/TID/stat: PID/stat of the thread */
#define PROC_TASK_STATUS 33   /* PID/task/TID/status */
#define PROC_PID_PAGEMAP 40
#define PROC_SYSVIPC 34       /* /proc/sysvipc/ (sysvipc.c) */
#define PROC_SYSVIPC_MSG 35
#define PROC_SYSVIPC_SEM 36
#define PROC_SYSVIPC_SHM 37
#define PROC_PID_LIMITS 41    /* PID/limits: the resource limits (kernel/proc/rlimit.c) */
#define PROC_PID_CGROUP 59    /* PID/cgroup: its control group (kernel/cgroup/) */
#define PROC_PID_NS_DIR 42    /* PID/ns/ (ns.c) */
#define PROC_PID_NS_UTS 43    /* PID/ns/uts ... magic links to the namespace (nsfs) */
#define PROC_PID_NS_IPC 44
#define PROC_PID_NS_MNT 45
#define PROC_PID_NS_PID 46
#define PROC_PID_NS_PID_CHILDREN 47   /* PID/ns/pid_for_children */
#define PROC_PID_NS_NET 62    /* PID/ns/net */
#define PROC_NET_DIR 60       /* /proc/net/ */
#define PROC_NET_UNIX 61      /* /proc/net/unix (net/unix.c writes the lines) */
#define PROC_NET_TCP 48       /* /proc/net/tcp, udp, arp, dev, route, snmp: the IPv4 stack's lines (kernel/net) */
#define PROC_NET_UDP 49
#define PROC_NET_ARP 50
#define PROC_NET_DEV 51
#define PROC_NET_ROUTE 52
#define PROC_NET_SNMP 53
/* Kinds 38, 39, 54..58 and 63 are free. */
#define PROC_KINDS 64

#define PROC_BUF 4096
#define PROC_DIR_BUF 16384   /* a directory's records: /proc/PID/fd of 1024 fds is about 12 KiB */

/* The procfs part of a struct inode. */
struct proc_inode_info {
  int kind;
  int pid;      /* the process it describes (0: none) */
  int fd;       /* PID/fd/N: N */
};
#define PROC_I(ip) ((struct proc_inode_info *)(ip)->i_private)

/* Text output into a fixed PROC_BUF buffer; what does not fit is cut. */
struct out {
  char *buf;
  u32 len;
  struct pid_namespace *ns;   /* the mount's pid namespace: the numbers the text shows */
};

/* Each mount of proc belongs to the pid namespace of whoever mounted it
 * (referenced): its PID directories are that namespace's processes, named
 * by their numbers there, as Linux. */
#define PROC_NS(sb) ((struct pid_namespace *)(sb)->fs_info)

void outf(struct out *o, const char *fmt, ...);
void out_pad_to(struct out *o, u32 line_start, u32 column);
void procfs_net_generate(int kind, struct out *o);   /* net.c: /proc/net/tcp, udp, arp, dev, route, snmp */

struct proc;
struct mm;
struct file;
struct inode;
struct pid_namespace;

/* base.c */
u32 proc_ino(int kind, int pid, int fd);
struct inode *proc_inode(struct super_block *sb, int kind, int pid, int fd);
/* A directory as one block of ext2-style records (type 1 file, 2 dir, 7 link). */
void add_dirent(struct out *o, u32 ino, const char *name, u32 type, u32 *last);
/* The live process an inode describes (NULL: gone, or a zombie when live). */
struct proc *proc_of(struct inode *ip, int live);
/* A directory entry's name as a pid, tid or fd: decimal, no sign, no
 * leading zero (as Linux's /proc reads them), at most 6 digits; -1 if not. */
int procfs_parse_number(const char *name, u32 len);
/* Whether the (name, len) of a lookup is the string want. */
int procfs_name_is(const char *name, u32 len, const char *want);

/* pid.c */
int procfs_pid_generate(int kind, struct proc *p, struct out *o);   /* 0: not its kind */
int procfs_read_args(struct inode *ip, u32 offset, char *dst, u32 n, int user);   /* cmdline, environ */
int procfs_may_access(struct proc *p);   /* Linux's ptrace read access: the same user, or root */

/* pagemap.c: PID/pagemap's entries [offset, offset + n). */
int procfs_read_pagemap(struct inode *ip, u32 offset, char *dst, u32 n, int user);

/* links.c */
int procfs_readlink(struct inode *ip, char *out, u32 size);
struct inode *procfs_get_link(struct inode *ip, int *err);
void procfs_fd_entries(struct proc *p, int pid, struct out *o, u32 *last);   /* pid: its number in the mount */
int procfs_fd_mode(struct proc *p, int fd);   /* the link's mode; 0: no such fd */

/* sysvipc.c: /proc/sysvipc/msg, sem, shm */
int procfs_sysvipc_generate(int kind, struct out *o);   /* 0: not its kind */
void procfs_sysvipc_dir(struct out *o, u32 *last);
struct inode *procfs_sysvipc_lookup(struct super_block *sb, const char *name, u32 len);

/* sys.c */
int procfs_sys_generate(int kind, struct out *o);   /* 0: not its kind */
void procfs_mounts(struct out *o);

/* mem.c: system-wide files of one of the kinds above (0 when the
 * kind is not one of them). */
int procfs_mem_generate(int kind, struct out *o);
/* mem.c: per-process files (maps, oom_score, oom_score_adj). */
int procfs_mem_generate_pid(int kind, struct proc *p, struct out *o);
/* mem.c: PID/status's memory lines (VmSize … VmSwap). */
void procfs_status_mem(struct out *o, struct mm *mm);
/* ns.c: PID/ns/ (a link per namespace kind) */
void procfs_ns_entries(int pid, struct out *o, u32 *last);
struct inode *procfs_ns_lookup(struct super_block *sb, int pid, const char *name, u32 len);
int procfs_ns_readlink(struct inode *ip, char *out);
struct inode *procfs_ns_get_link(struct inode *ip, int *err);
int procfs_ns_kind(int kind);   /* NS_* of a PROC_PID_NS_* kind, 0 if not one */

/* task.c: PID/task and PID/task/TID's records (after "."), lookups in
 * them, and the live thread tid of group pid (any group: pid 0). */
void procfs_task_dir(int kind, int id, struct out *o, u32 *last);
struct inode *procfs_task_lookup(struct super_block *sb, int kind, int id, const char *name, u32 len);
struct proc *procfs_find_thread(struct pid_namespace *ns, int pid, int tid);

/* mem.c: a write to PID/oom_score_adj. */
int procfs_write_oom_adj(struct proc *p, const void *src, u32 n, int user);

#endif
