/*
 * sem.c — System V semaphore sets (Linux's ipc/sem.c semantics): semget,
 * semop (through ipc()), semctl.
 *
 * A set is nsems semaphores, each a value 0..SEMVMX and the pid of the
 * last process that changed it. semop applies its operations all or
 * nothing: they run in order on a copy of the values; an operation that
 * would take a value below 0 (sem_op < 0) or finds a non-zero value when
 * waiting for zero (sem_op == 0) blocks the whole call, which then sleeps
 * on the set and retries from the start after any change (IPC_NOWAIT on
 * that operation: EAGAIN instead; semtimedop's relative timeout ends the
 * wait with EAGAIN too). Only when every operation fits are the
 * values written back. A sleeper records which semaphore and which kind
 * of wait blocked it: GETNCNT and GETZCNT count those.
 *
 * SEM_UNDO: each thread group has per set an adjustment per semaphore
 * (the negation of what its SEM_UNDO operations did), kept in `undos`;
 * when the group's last thread exits (sem_exit) the adjustments are
 * added back, the result clamped to 0..SEMVMX. SETVAL and SETALL zero
 * the adjustments of what they set, IPC_RMID drops the set's. fork does
 * not inherit them (the child is a new group).
 *
 * IPC_RMID marks the set deleted and wakes the sleepers (EIDRM); the
 * last sleeper to leave frees it. Interrupts off serialize everything.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "dev.h"
#include "ipc.h"
#include "lib.h"
#include "list.h"
#include "mm.h"
#include "param.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"

struct sem {
  int val;
  int pid;    /* tgid of the last change */
};

struct sem_array {
  struct kern_ipc_perm perm;   /* first: the table holds &perm */
  int nsems;
  struct sem *sems;
  u32 otime, ctime;
  struct list_head sleepers;   /* struct sem_sleeper */
  int nsleepers;
};

/* A semop asleep on a set: what blocked it (GETNCNT / GETZCNT). */
struct sem_sleeper {
  struct list_head link;
  int semnum;
  int for_zero;
};

/* One thread group's SEM_UNDO adjustments for one set. */
struct sem_undo {
  struct list_head link;
  int tgid;
  int semid;
  short *adj;   /* nsems of them */
};

static struct list_head undos = { &undos, &undos };
static int make_nsems;   /* semget's nsems for sem_make (interrupts off around ipc_get) */

static struct kern_ipc_perm *sem_make(int key, int flags, int *err) {
  struct sem_array *sa;
  (void)key;
  (void)flags;
  if (make_nsems <= 0) {
    *err = -EINVAL;
    return NULL;
  }
  sa = (struct sem_array *)kmalloc(sizeof(struct sem_array));
  if (sa == NULL) return NULL;
  sa->sems = (struct sem *)kmalloc((u32)make_nsems * sizeof(struct sem));
  if (sa->sems == NULL) {
    kfree(sa);
    return NULL;
  }
  sa->nsems = make_nsems;
  list_init(&sa->sleepers);
  sa->ctime = time_now();
  return &sa->perm;
}

static struct sem_array *set_of(int id) {
  struct kern_ipc_perm *p = ipc_lookup(&current_ipc_ns()->sem, id);
  return p ? CONTAINER_OF(p, struct sem_array, perm) : NULL;
}

static void set_free(struct sem_array *sa) {
  kfree(sa->sems);
  kfree(sa);
}

static struct sem_undo *undo_find(int tgid, int semid) {
  struct list_head *l;
  for (l = undos.next; l != &undos; l = l->next) {
    struct sem_undo *u = CONTAINER_OF(l, struct sem_undo, link);
    if (u->tgid == tgid && u->semid == semid) return u;
  }
  return NULL;
}

static void undo_free(struct sem_undo *u) {
  list_del(&u->link);
  kfree(u->adj);
  kfree(u);
}

/* Zeroes every group's adjustment of semaphore semnum (-1: all) of a set. */
static void undo_clear(struct sem_array *sa, int semnum) {
  struct list_head *l;
  for (l = undos.next; l != &undos; l = l->next) {
    struct sem_undo *u = CONTAINER_OF(l, struct sem_undo, link);
    int i;
    if (u->semid != sa->perm.id) continue;
    for (i = 0; i < sa->nsems; i++)
      if (semnum < 0 || i == semnum) u->adj[i] = 0;
  }
}

int sys_semget(int key, int nsems, int flags) {
  u32 irq;
  int id;
  if (nsems < 0 || nsems > SEMMSL) return -EINVAL;
  irq = irq_save();
  make_nsems = nsems;
  id = ipc_get(&current_ipc_ns()->sem, key, flags, sem_make);
  if (id >= 0 && nsems > set_of(id)->nsems) id = -EINVAL;   /* an existing set smaller than asked */
  irq_restore(irq);
  return id;
}

/* Runs the operations on a copy of the values; on success writes them
 * back and returns 0, else returns -EAGAIN (blocked: *blocker says by
 * what; nothing changed) or -ERANGE. */
static int try_ops(struct sem_array *sa, struct sembuf *sops, u32 nsops, int *vals, struct sem_undo *u,
                   struct sembuf **blocker) {
  u32 i;
  int k;
  for (k = 0; k < sa->nsems; k++) vals[k] = sa->sems[k].val;
  for (i = 0; i < nsops; i++) {
    struct sembuf *op = &sops[i];
    int v = vals[op->sem_num];
    if (op->sem_op == 0 ? v != 0 : v + op->sem_op < 0) {
      *blocker = op;
      return -EAGAIN;
    }
    if (v + op->sem_op > SEMVMX) return -ERANGE;
    if ((op->sem_flg & SEM_UNDO) && (u->adj[op->sem_num] - op->sem_op > SEMAEM ||
                                      u->adj[op->sem_num] - op->sem_op < -SEMAEM - 1))
      return -ERANGE;
    vals[op->sem_num] = v + op->sem_op;
  }
  for (i = 0; i < nsops; i++) {
    struct sembuf *op = &sops[i];
    sa->sems[op->sem_num].val = vals[op->sem_num];
    sa->sems[op->sem_num].pid = current->tgid;
    if (op->sem_flg & SEM_UNDO) u->adj[op->sem_num] = (short)(u->adj[op->sem_num] - op->sem_op);
  }
  sa->otime = time_now();
  return 0;
}

/* semtimedop's relative timeout as a jiffies deadline (as futex's). */
static u32 timeout_deadline(const void *user_ts, int *err) {
  int ts[2];
  *err = 0;
  if (copyin(ts, user_ts, sizeof ts) != 0) {
    *err = -EFAULT;
    return 0;
  }
  if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000) {
    *err = -EINVAL;
    return 0;
  }
  return jiffies + (u32)ts[0] * HZ + ((u32)ts[1] + 9999999u) / 10000000u + 1;
}

int ipc_semop(int id, struct sembuf *user_sops, u32 nsops, const void *timeout) {
  struct sembuf *sops;
  struct sem_array *sa;
  struct sem_undo *u = NULL;
  int *vals = NULL;
  int alter = 0, undo = 0, err;
  u32 i, irq, deadline = 0;
  if (nsops < 1) return -EINVAL;
  if (nsops > SEMOPM) return -E2BIG;
  if (timeout) {
    deadline = timeout_deadline(timeout, &err);
    if (err) return err;
  }
  sops = (struct sembuf *)kmalloc(nsops * sizeof(struct sembuf));
  if (sops == NULL) return -ENOMEM;
  if (copyin(sops, user_sops, nsops * sizeof(struct sembuf)) != 0) {
    kfree(sops);
    return -EFAULT;
  }
  for (i = 0; i < nsops; i++) {
    if (sops[i].sem_op != 0) alter = 1;
    if (sops[i].sem_flg & SEM_UNDO) undo = 1;
  }
  irq = irq_save();
  sa = set_of(id);
  err = sa ? 0 : -EINVAL;
  for (i = 0; err == 0 && i < nsops; i++)
    if ((int)sops[i].sem_num >= sa->nsems) err = -EFBIG;
  if (err == 0) err = ipc_permitted(&sa->perm, alter ? 2 : 4);
  if (err == 0) {
    vals = (int *)kmalloc((u32)sa->nsems * sizeof(int));
    if (vals == NULL) err = -ENOMEM;
  }
  if (err == 0 && undo) {
    u = undo_find(current->tgid, id);
    if (u == NULL) {
      u = (struct sem_undo *)kmalloc(sizeof(struct sem_undo));
      if (u) u->adj = (short *)kmalloc((u32)sa->nsems * sizeof(short));
      if (u == NULL || u->adj == NULL) {
        kfree(u);
        u = NULL;
        err = -ENOMEM;
      } else {
        u->tgid = current->tgid;
        u->semid = id;
        list_add(&u->link, &undos);
      }
    }
  }
  while (err == 0) {
    struct sembuf *blocker = NULL;
    struct sem_sleeper me;
    int interrupted;
    err = try_ops(sa, sops, nsops, vals, u, &blocker);
    if (err != -EAGAIN || (blocker->sem_flg & IPC_NOWAIT)) break;
    if (timeout && (int)(jiffies - deadline) >= 0) break;   /* timed out: EAGAIN, as Linux */
    me.semnum = blocker->sem_num;
    me.for_zero = blocker->sem_op == 0;
    list_add_tail(&me.link, &sa->sleepers);
    sa->nsleepers++;
    current->wake_at = deadline;
    interrupted = sleep_on(sa);
    current->wake_at = 0;
    list_del(&me.link);
    sa->nsleepers--;
    if (sa->perm.deleted) {
      if (sa->nsleepers == 0) set_free(sa);
      err = -EIDRM;
    } else {
      err = interrupted ? -EINTR : 0;
    }
  }
  if (err == 0) wakeup(sa);   /* values changed: sleepers retry */
  irq_restore(irq);
  kfree(vals);
  kfree(sops);
  return err;
}

void sem_exit(int tgid) {
  u32 irq = irq_save();
  struct list_head *l = undos.next;
  while (l != &undos) {
    struct sem_undo *u = CONTAINER_OF(l, struct sem_undo, link);
    struct sem_array *sa;
    int i;
    l = l->next;
    if (u->tgid != tgid) continue;
    sa = set_of(u->semid);
    for (i = 0; sa && i < sa->nsems; i++) {
      int v = sa->sems[i].val + u->adj[i];
      if (u->adj[i] == 0) continue;
      sa->sems[i].val = v < 0 ? 0 : v > SEMVMX ? SEMVMX : v;
      sa->sems[i].pid = tgid;
    }
    if (sa) wakeup(sa);
    undo_free(u);
  }
  irq_restore(irq);
}

static int count_sleepers(struct sem_array *sa, int semnum, int for_zero) {
  struct list_head *l;
  int n = 0;
  for (l = sa->sleepers.next; l != &sa->sleepers; l = l->next) {
    struct sem_sleeper *s = CONTAINER_OF(l, struct sem_sleeper, link);
    if (s->semnum == semnum && s->for_zero == for_zero) n++;
  }
  return n;
}

/* GETALL / SETALL move nsems unsigned shorts through the user's array. */
static int get_all(struct sem_array *sa, void *uarray) {
  u16 *vals = (u16 *)kmalloc((u32)sa->nsems * 2);
  int i, err;
  if (vals == NULL) return -ENOMEM;
  for (i = 0; i < sa->nsems; i++) vals[i] = (u16)sa->sems[i].val;
  err = copyout(uarray, vals, (u32)sa->nsems * 2) != 0 ? -EFAULT : 0;
  kfree(vals);
  return err;
}

static int set_all(struct sem_array *sa, const void *uarray) {
  u16 *vals = (u16 *)kmalloc((u32)sa->nsems * 2);
  int i, err = 0;
  if (vals == NULL) return -ENOMEM;
  if (copyin(vals, uarray, (u32)sa->nsems * 2) != 0) err = -EFAULT;
  for (i = 0; err == 0 && i < sa->nsems; i++)
    if (vals[i] > SEMVMX) err = -ERANGE;
  for (i = 0; err == 0 && i < sa->nsems; i++) {
    sa->sems[i].val = vals[i];
    sa->sems[i].pid = current->tgid;
  }
  if (err == 0) {
    undo_clear(sa, -1);
    sa->ctime = time_now();
    wakeup(sa);
  }
  kfree(vals);
  return err;
}

static void remove_set(struct sem_array *sa) {
  struct list_head *l = undos.next;
  while (l != &undos) {
    struct sem_undo *u = CONTAINER_OF(l, struct sem_undo, link);
    l = l->next;
    if (u->semid == sa->perm.id) undo_free(u);
  }
  ipc_remove(&current_ipc_ns()->sem, &sa->perm);
  wakeup(sa);
  if (sa->nsleepers == 0) set_free(sa);
}

/* semctl's arg is union semun by value: an int (SETVAL) or a pointer. */
int sys_semctl(int id, int semnum, int cmd, u32 arg) {
  struct sem_array *sa;
  struct semid64_ds ds;
  int with_64 = (cmd & IPC_64) != 0;
  int err = 0, r = 0;
  u32 irq;
  cmd &= ~IPC_64;
  if ((cmd == IPC_STAT || cmd == IPC_SET || cmd == SEM_STAT) && !with_64) return -EINVAL;   /* 64 layouts only */
  if (cmd == IPC_SET && copyin(&ds, (void *)arg, sizeof ds) != 0) return -EFAULT;
  irq = irq_save();
  if (cmd == SEM_STAT) {   /* id is a table slot (ipcs walks them) */
    struct kern_ipc_perm *p = id >= 0 && id < SEMMNI ? current_ipc_ns()->sem_slots[id] : NULL;
    sa = p ? CONTAINER_OF(p, struct sem_array, perm) : NULL;
  } else {
    sa = set_of(id);
  }
  if (sa == NULL) {
    irq_restore(irq);
    return -EINVAL;
  }
  if ((cmd == GETVAL || cmd == SETVAL || cmd == GETPID || cmd == GETNCNT || cmd == GETZCNT) &&
      (semnum < 0 || semnum >= sa->nsems)) {
    irq_restore(irq);
    return -EINVAL;
  }
  switch (cmd) {
  case IPC_STAT:
  case SEM_STAT:
    err = ipc_permitted(&sa->perm, 4);
    if (err) break;
    memset(&ds, 0, sizeof ds);
    ipc_fill_perm(&sa->perm, &ds.sem_perm);
    ds.sem_otime = sa->otime;
    ds.sem_ctime = sa->ctime;
    ds.sem_nsems = (u32)sa->nsems;
    r = cmd == SEM_STAT ? sa->perm.id : 0;
    irq_restore(irq);
    if (copyout((void *)arg, &ds, sizeof ds) != 0) return -EFAULT;
    return r;
  case IPC_SET:
    err = ipc_owner_or_root(&sa->perm);
    if (err) break;
    ipc_set_perm(&sa->perm, &ds.sem_perm);
    sa->ctime = time_now();
    break;
  case IPC_RMID:
    err = ipc_owner_or_root(&sa->perm);
    if (err == 0) remove_set(sa);
    break;
  case GETVAL:
  case GETPID:
  case GETNCNT:
  case GETZCNT:
    err = ipc_permitted(&sa->perm, 4);
    if (err) break;
    if (cmd == GETVAL) r = sa->sems[semnum].val;
    else if (cmd == GETPID) r = sa->sems[semnum].pid;
    else r = count_sleepers(sa, semnum, cmd == GETZCNT);
    break;
  case GETALL:
    err = ipc_permitted(&sa->perm, 4);
    if (err == 0) err = get_all(sa, (void *)arg);
    break;
  case SETVAL:
    err = ipc_permitted(&sa->perm, 2);
    if (err) break;
    if ((int)arg < 0 || (int)arg > SEMVMX) {
      err = -ERANGE;
      break;
    }
    sa->sems[semnum].val = (int)arg;
    sa->sems[semnum].pid = current->tgid;
    undo_clear(sa, semnum);
    sa->ctime = time_now();
    wakeup(sa);
    break;
  case SETALL:
    err = ipc_permitted(&sa->perm, 2);
    if (err == 0) err = set_all(sa, (const void *)arg);
    break;
  default:
    err = -EINVAL;
  }
  irq_restore(irq);
  return err ? err : r;
}

/* /proc/sysvipc/sem's line for table slot `slot` in Linux's format, or 0
 * (an empty slot). */
int sem_proc_line(int slot, char *buf, u32 size) {
  struct sem_array *sa;
  int n;
  u32 irq = irq_save();
  if (slot < 0 || slot >= SEMMNI || current_ipc_ns()->sem_slots[slot] == NULL) {
    irq_restore(irq);
    return 0;
  }
  sa = CONTAINER_OF(current_ipc_ns()->sem_slots[slot], struct sem_array, perm);
  n = snprintf(buf, size, "%10d %10d  %4o %10u %5u %5u %5u %5u %10u %10u\n", sa->perm.key, sa->perm.id,
               sa->perm.mode, (u32)sa->nsems, sa->perm.uid, sa->perm.gid, sa->perm.cuid, sa->perm.cgid, sa->otime,
               sa->ctime);
  irq_restore(irq);
  return n;
}

/* ipc_ns_release: the sets of a namespace nobody is in any more (their
 * undo records went with the processes that made them). */
void sem_release_ids(struct ipc_ids *ids) {
  int slot;
  for (slot = 0; slot < ids->max; slot++) {
    if (ids->slots[slot] == NULL) continue;
    set_free(CONTAINER_OF(ids->slots[slot], struct sem_array, perm));
    ids->slots[slot] = NULL;
  }
}
