/*
 * ipc.h — System V IPC inside the kernel (kernel/ipc): the permission
 * record every object starts with, the id tables (one set per IPC
 * namespace), and the calls util.c offers the object files (msg.c, sem.c,
 * shm.c).
 */
#ifndef HAKO_IPC_H
#define HAKO_IPC_H

#include "types.h"
#include "hako/ipc.h"
#include "ns.h"

/* What every IPC object starts with. */
struct kern_ipc_perm {
  int id;           /* the user-visible id: seq * IPC_SLOTS + slot */
  int key;
  u32 uid, gid, cuid, cgid;
  u32 mode;         /* low 9 bits: rwx for owner, group, others */
  u32 seq;
  int deleted;      /* IPC_RMID done: sleepers see EIDRM */
};

#define IPC_SLOTS 32768   /* Linux's IPCMNI: id = seq * 32768 + slot */

/* One table per kind of object. */
struct ipc_ids {
  struct kern_ipc_perm **slots;   /* max entries, NULL = free */
  int max;
  int in_use;
  u32 seq;                        /* bumped per new object, so a stale id misses */
};

/* Every System V object table of one IPC namespace: init_ipc_ns, and
 * one more per CLONE_NEWIPC (ipc_ns_create); every table access goes
 * through current_ipc_ns(), the caller's (its nsproxy's). */
struct ipc_namespace {
  struct ns_common ns;   /* first: nsproxy.c and nsfs treat it as a namespace */
  struct ipc_ids msg, sem, shm;
  struct kern_ipc_perm *msg_slots[MSGMNI];
  struct kern_ipc_perm *sem_slots[SEMMNI];
  struct kern_ipc_perm *shm_slots[SHMMNI];
  u32 shm_tot;   /* pages of all its segments (SHMALL bounds it) */
};
extern struct ipc_namespace init_ipc_ns;
/* Empty tables for ns (its ids start at 0 again). */
void ipc_ns_init(struct ipc_namespace *ns);
/* The calling process's namespace. */
struct ipc_namespace *current_ipc_ns(void);
/* A new namespace (empty tables, ids from a seq base of its own), and its
 * end, once no process uses it, which frees whatever its objects hold. */
struct ipc_namespace *ipc_ns_create(void);
void ipc_ns_release(struct ipc_namespace *ns);
void msg_release_ids(struct ipc_ids *ids);   /* msg.c: every queue of a dead namespace */
void sem_release_ids(struct ipc_ids *ids);   /* sem.c: every set of a dead namespace */
void shm_release_ids(struct ipc_ids *ids);   /* shm.c: every segment of a dead namespace */

/* The object for id in ids, or NULL (stale or never made). */
struct kern_ipc_perm *ipc_lookup(struct ipc_ids *ids, int id);
/* msgget/shmget/semget: find or make by key and flags (IPC_CREAT, IPC_EXCL,
 * requested permission bits); make(key, flags) returns a new object or
 * -errno (an ERR pointer: use ipc_err). Returns the id or -errno. */
int ipc_get(struct ipc_ids *ids, int key, int flags, struct kern_ipc_perm *(*make)(int key, int flags, int *err));
/* Enters a freshly made object with the caller as owner and creator. */
int ipc_add(struct ipc_ids *ids, struct kern_ipc_perm *p, int key, int flags);
/* Takes p out of its table (IPC_RMID): its id never resolves again. */
void ipc_remove(struct ipc_ids *ids, struct kern_ipc_perm *p);
/* 0 when the caller may access p for `want` (4 read, 2 write), else -EACCES. */
int ipc_permitted(struct kern_ipc_perm *p, int want);
/* 0 when the caller owns or created p, or is root (IPC_SET, IPC_RMID), else -EPERM. */
int ipc_owner_or_root(struct kern_ipc_perm *p);
/* Copies p into the user's ipc64_perm layout (in kernel memory). */
void ipc_fill_perm(struct kern_ipc_perm *p, struct ipc64_perm *out);
/* IPC_SET: takes uid, gid and the 9 mode bits from in. */
void ipc_set_perm(struct kern_ipc_perm *p, const struct ipc64_perm *in);

/* msg.c: sys_msgget/msgsnd/msgrcv/msgctl (gen/syscall_table.h) */
/* /proc/sysvipc lines (msg.c, sem.c): the object in table slot `slot` in
 * Linux's format, its length, or 0 for an empty slot. */
int msg_proc_line(int slot, char *buf, u32 size);
int sem_proc_line(int slot, char *buf, u32 size);
int shm_proc_line(int slot, char *buf, u32 size);

/* shm.c: shmget/shmat/shmdt/shmctl (gen/syscall_table.h); ipc(SHMAT)
 * returns the address through *result. */
int do_shmat(int id, u32 addr, int flags, u32 *result);

/* sem.c: sys_semget/semctl (gen/syscall_table.h), and semop/semtimedop,
 * which Linux i386 reaches only through ipc() (timeout: a relative
 * timespec, or NULL for none). */
int ipc_semop(int id, struct sembuf *user_sops, u32 nsops, const void *timeout);
/* The exiting thread group's SEM_UNDO adjustments are applied (do_exit,
 * by the group's last thread). */
void sem_exit(int tgid);

#endif
