/*
 * util.c — what every System V IPC object shares (Linux's ipc/util.c):
 * the id tables, keys, IPC_PRIVATE, IPC_CREAT/IPC_EXCL, the ipc_perm
 * record checked against the caller's effective credentials, and the
 * ipc() multiplexer (117) that Linux i386 routes every SysV call through.
 * The tables of every kind live in one struct ipc_namespace, reached only
 * through current_ipc_ns().
 *
 * An id is seq * IPC_SLOTS + slot: a table slot reused after IPC_RMID
 * gets a new seq, so an old id fails with EINVAL instead of reaching the
 * new object. Keys are unique among live objects except IPC_PRIVATE,
 * which always makes a new one. Permission is Linux's ipcperms: the
 * owner's or creator's bits for a matching effective uid, else the
 * group's for a matching (effective or supplementary) group, else the
 * others'; root passes. Interrupts off serialize the tables. Each IPC
 * namespace has its own tables (struct ipc_namespace): every lookup goes
 * through current_ipc_ns(), the caller's.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "ipc.h"
#include "lib.h"
#include "mm.h"
#include "ns.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"

/* Empty tables; the namespace's struct ns_common (refcount, inode number)
 * is its owner's (nsproxy.c) and stays as it is. */
void ipc_ns_init(struct ipc_namespace *ns) {
  memset((char *)ns + sizeof ns->ns, 0, sizeof *ns - sizeof ns->ns);
  ns->msg.slots = ns->msg_slots;
  ns->msg.max = MSGMNI;
  ns->sem.slots = ns->sem_slots;
  ns->sem.max = SEMMNI;
  ns->shm.slots = ns->shm_slots;
  ns->shm.max = SHMMNI;
}

struct kern_ipc_perm *ipc_lookup(struct ipc_ids *ids, int id) {
  int slot;
  struct kern_ipc_perm *p;
  if (id < 0) return NULL;
  slot = id % IPC_SLOTS;
  if (slot >= ids->max) return NULL;
  p = ids->slots[slot];
  if (p == NULL || p->id != id) return NULL;
  return p;
}

int ipc_add(struct ipc_ids *ids, struct kern_ipc_perm *p, int key, int flags) {
  int slot;
  for (slot = 0; slot < ids->max; slot++)
    if (ids->slots[slot] == NULL) break;
  if (slot == ids->max) return -ENOSPC;
  p->seq = ids->seq;   /* the first object of a kind gets id 0, as on Linux */
  ids->seq = (ids->seq + 1) % (0x7fffffff / IPC_SLOTS);
  p->id = (int)p->seq * IPC_SLOTS + slot;
  p->key = key;
  p->uid = p->cuid = current->uid;
  p->gid = p->cgid = current->gid;
  p->mode = (u32)flags & 0777;
  p->deleted = 0;
  ids->slots[slot] = p;
  ids->in_use++;
  return p->id;
}

void ipc_remove(struct ipc_ids *ids, struct kern_ipc_perm *p) {
  int slot = p->id % IPC_SLOTS;
  if (slot < ids->max && ids->slots[slot] == p) {
    ids->slots[slot] = NULL;
    ids->in_use--;
  }
  p->deleted = 1;
}

int ipc_permitted(struct kern_ipc_perm *p, int want) {
  u32 granted = p->mode;
  if (current->uid == 0) return 0;
  if (current->uid == p->uid || current->uid == p->cuid)
    granted >>= 6;
  else if (in_group_p(current, p->gid) || in_group_p(current, p->cgid))
    granted >>= 3;
  return ((u32)want & ~granted & 7) ? -EACCES : 0;
}

int ipc_owner_or_root(struct kern_ipc_perm *p) {
  if (current->uid == 0 || current->uid == p->uid || current->uid == p->cuid) return 0;
  return -EPERM;
}

void ipc_fill_perm(struct kern_ipc_perm *p, struct ipc64_perm *out) {
  memset(out, 0, sizeof *out);
  out->key = p->key;
  out->uid = p->uid;
  out->gid = p->gid;
  out->cuid = p->cuid;
  out->cgid = p->cgid;
  out->mode = (unsigned short)p->mode;
  out->seq = (unsigned short)p->seq;
}

void ipc_set_perm(struct kern_ipc_perm *p, const struct ipc64_perm *in) {
  p->uid = in->uid;
  p->gid = in->gid;
  p->mode = (p->mode & ~0777u) | (in->mode & 0777u);
}

int ipc_get(struct ipc_ids *ids, int key, int flags, struct kern_ipc_perm *(*make)(int key, int flags, int *err)) {
  struct kern_ipc_perm *p;
  int err = 0;
  int slot;
  if (key != IPC_PRIVATE) {
    for (slot = 0; slot < ids->max; slot++) {
      p = ids->slots[slot];
      if (p == NULL || p->key != key) continue;
      if ((flags & IPC_CREAT) && (flags & IPC_EXCL)) return -EEXIST;
      /* the requested bits, owner's position folded down (Linux's ipcperms) */
      err = ipc_permitted(p, ((flags >> 6) | (flags >> 3) | flags) & 7);
      return err ? err : p->id;
    }
    if (!(flags & IPC_CREAT)) return -ENOENT;
  }
  if (ids->in_use >= ids->max) return -ENOSPC;
  p = make(key, flags, &err);
  if (p == NULL) return err ? err : -ENOMEM;
  return ipc_add(ids, p, key, flags);
}

/* ipc(2): Linux i386's multiplexer. call's high 16 bits are the version
 * (MSGRCV version 0 passes msgp and msgtyp through a struct ipc_kludge). */
int sys_ipc(u32 call, int first, int second, int third, void *ptr, int fifth) {
  u32 version = call >> 16;
  switch (call & 0xffff) {
  case HAKO_IPC_SEMOP:
    return ipc_semop(first, (struct sembuf *)ptr, (u32)second, NULL);
  case HAKO_IPC_SEMTIMEDOP:
    return ipc_semop(first, (struct sembuf *)ptr, (u32)second, (const void *)fifth);
  case HAKO_IPC_SEMGET:
    return sys_semget(first, second, third);
  case HAKO_IPC_SEMCTL: {
    u32 arg;   /* ptr points to the union semun */
    if (ptr == NULL) return -EINVAL;
    if (copyin(&arg, ptr, 4) != 0) return -EFAULT;
    return sys_semctl(first, second, third, arg);
  }
  case HAKO_IPC_MSGSND:
    return sys_msgsnd(first, ptr, (u32)second, third);
  case HAKO_IPC_MSGRCV:
    if (version == 0) {
      struct ipc_kludge k;
      if (ptr == NULL) return -EINVAL;
      if (copyin(&k, ptr, sizeof k) != 0) return -EFAULT;
      return sys_msgrcv(first, k.msgp, (u32)second, (int)k.msgtyp, third);
    }
    return sys_msgrcv(first, ptr, (u32)second, fifth, third);
  case HAKO_IPC_MSGGET:
    return sys_msgget(first, second);
  case HAKO_IPC_MSGCTL:
    return sys_msgctl(first, second, ptr);
  case HAKO_IPC_SHMAT: {
    u32 raddr;   /* the address goes to *third; ipc() itself returns 0 */
    int err;
    if (version == 1) return -EINVAL;   /* iBCS2's variant, as Linux i386 */
    err = do_shmat(first, (u32)ptr, second, &raddr);
    if (err) return err;
    return copyout((void *)third, &raddr, 4) != 0 ? -EFAULT : 0;
  }
  case HAKO_IPC_SHMDT:
    return sys_shmdt((u32)ptr);
  case HAKO_IPC_SHMGET:
    return sys_shmget(first, (u32)second, third);
  case HAKO_IPC_SHMCTL:
    return sys_shmctl(first, second, ptr);
  default:
    return -ENOSYS;
  }
}

/* ---- IPC namespaces ---- */

/* A new namespace's ids start at a seq of their own, so an id of one
 * namespace is not also a live id of another (undo records are kept by
 * id: sem.c). */
static u32 next_seq_base = 1000;

struct ipc_namespace *ipc_ns_create(void) {
  struct ipc_namespace *ns = (struct ipc_namespace *)kmalloc(sizeof *ns);
  if (ns == NULL) return NULL;
  memset(ns, 0, sizeof *ns);
  ipc_ns_init(ns);
  ns->msg.seq = ns->sem.seq = ns->shm.seq = next_seq_base;
  next_seq_base = next_seq_base >= 60000 ? 1000 : next_seq_base + 1000;
  ns_register(&ns->ns, NS_IPC);
  return ns;
}

/* No process uses the namespace any more: nobody sleeps on its objects.
 * Its queues and sets go; a segment still attached (by a process that
 * left with setns) outlives it as an orphan (shm.c). */
void ipc_ns_release(struct ipc_namespace *ns) {
  u32 irq = irq_save();
  msg_release_ids(&ns->msg);
  sem_release_ids(&ns->sem);
  shm_release_ids(&ns->shm);
  irq_restore(irq);
}
