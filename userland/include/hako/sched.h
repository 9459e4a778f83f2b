/* hako/sched.h: clone(2) flags, Linux's values, as constants only, so the
 * kernel and libc share one list. The low byte of clone's flags is the
 * signal the parent gets when a non-thread child ends (CSIGNAL). */
#ifndef _HAKO_SCHED_H
#define _HAKO_SCHED_H

#define CSIGNAL              0x000000ff
#define CLONE_VM             0x00000100   /* share the address space */
#define CLONE_FS             0x00000200   /* share cwd and umask */
#define CLONE_FILES          0x00000400   /* share the file-descriptor table */
#define CLONE_SIGHAND        0x00000800   /* share signal actions (needs CLONE_VM) */
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000   /* same thread group (needs CLONE_SIGHAND) */
#define CLONE_SYSVSEM        0x00040000   /* accepted: Hako has no System V semaphores */
#define CLONE_SETTLS         0x00080000   /* tls argument: a struct user_desc whose base is the thread pointer */
#define CLONE_PARENT_SETTID  0x00100000   /* store the new tid at ptid (parent's memory) */
#define CLONE_CHILD_CLEARTID 0x00200000   /* zero *ctid and futex-wake it when the child ends */
#define CLONE_DETACHED       0x00400000   /* ignored, as Linux */
#define CLONE_CHILD_SETTID   0x01000000   /* store the new tid at ctid (child's memory) */
/* Namespaces (clone, unshare, setns's nstype): root only (EPERM). */
#define CLONE_NEWNS          0x00020000   /* a private copy of the mount table */
#define CLONE_NEWCGROUP      0x02000000   /* not supported (EINVAL) */
#define CLONE_NEWUTS         0x04000000   /* own host and domain names */
#define CLONE_NEWIPC         0x08000000   /* own System V IPC ids */
#define CLONE_NEWUSER        0x10000000   /* not supported (EINVAL) */
#define CLONE_NEWPID         0x20000000   /* children in a new pid namespace (the first is its pid 1) */
#define CLONE_NEWNET         0x40000000   /* own network stack: only lo, down (net_ns.h) */

/* set_thread_area / CLONE_SETTLS argument (Linux's struct user_desc). Hako
 * has no segments: base_addr becomes the thread pointer (rdtp), the other
 * fields are checked loosely and kept nowhere. */
struct user_desc {
  unsigned int entry_number;   /* -1: "choose one"; Hako answers 6, Linux's first TLS entry */
  unsigned int base_addr;
  unsigned int limit;
  unsigned int flags;          /* seg_32bit:1 contents:2 read_exec_only:1 limit_in_pages:1 seg_not_present:1 useable:1 */
};
#define HAKO_TLS_ENTRY 6

#endif
