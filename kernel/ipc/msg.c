/*
 * msg.c — System V message queues (Linux's ipc/msg.c semantics):
 * msgget, msgsnd, msgrcv, msgctl, reached directly (399-402) or through
 * ipc() (util.c).
 *
 * A queue is a list of messages in arrival order, each a positive type
 * and 0..MSGMAX bytes of text. msgsnd waits while the message would take
 * the queue past msg_qbytes bytes (or past msg_qbytes messages, as Linux
 * counts); msgrcv picks by msgtyp: 0 the first message, > 0 the first of
 * that type (MSG_EXCEPT: of another type), < 0 the first of the lowest
 * type <= |msgtyp|; it waits while none matches. IPC_NOWAIT makes those
 * waits EAGAIN (send) and ENOMSG (receive). A text longer than the
 * receiver's buffer is E2BIG and stays queued, unless MSG_NOERROR cuts
 * it. Sleepers wait on the queue; every change wakes them all and each
 * rechecks; IPC_RMID marks the queue deleted and wakes them, so they
 * return EIDRM, and frees it when the last sleeper has gone (`waiters`).
 * Interrupts off serialize everything; copies to and from the user happen
 * with the queue in a consistent state (a fault leaves the message
 * queued).
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "ipc.h"
#include "dev.h"
#include "lib.h"
#include "list.h"
#include "mm.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"

struct msg {
  struct list_head link;
  int type;
  u32 size;      /* the text's bytes, which follow the header */
};

static char *text_of(struct msg *m) {
  return (char *)(m + 1);
}

struct msg_queue {
  struct kern_ipc_perm perm;   /* first: the table holds &perm */
  struct list_head messages;
  u32 qbytes, cbytes, qnum;
  int lspid, lrpid;
  u32 stime, rtime, ctime;
  int waiters;                 /* sleeping in msgsnd/msgrcv: the queue outlives IPC_RMID until they leave */
};


static struct kern_ipc_perm *msg_make(int key, int flags, int *err) {
  struct msg_queue *q = (struct msg_queue *)kmalloc(sizeof(struct msg_queue));
  (void)key;
  (void)flags;
  if (q == NULL) {
    *err = -ENOMEM;
    return NULL;
  }
  list_init(&q->messages);
  q->qbytes = MSGMNB;
  q->ctime = time_now();
  return &q->perm;
}

static struct msg_queue *queue_of(int id) {
  struct kern_ipc_perm *p = ipc_lookup(&current_ipc_ns()->msg, id);
  return p ? CONTAINER_OF(p, struct msg_queue, perm) : NULL;
}

static void queue_free(struct msg_queue *q) {
  while (!list_empty(&q->messages)) {
    struct msg *m = CONTAINER_OF(q->messages.next, struct msg, link);
    list_del(&m->link);
    kfree(m);
  }
  kfree(q);
}

/* Sleeps on q once; -EIDRM when it was removed meanwhile, -EINTR on a signal. Interrupts off. */
static int queue_sleep(struct msg_queue *q) {
  int interrupted;
  q->waiters++;
  interrupted = sleep_on(q);
  q->waiters--;
  if (q->perm.deleted) {
    if (q->waiters == 0) queue_free(q);
    return -EIDRM;
  }
  return interrupted ? -EINTR : 0;
}

int sys_msgget(int key, int flags) {
  u32 irq = irq_save();
  int r = ipc_get(&current_ipc_ns()->msg, key, flags, msg_make);
  irq_restore(irq);
  return r;
}

int sys_msgsnd(int id, const void *umsg, u32 size, int flags) {
  struct msg_queue *q;
  struct msg *m;
  int type;
  u32 irq;
  int err;
  if (size > MSGMAX) return -EINVAL;
  if (copyin(&type, umsg, 4) != 0) return -EFAULT;
  if (type < 1) return -EINVAL;
  m = (struct msg *)kmalloc(sizeof(struct msg) + size);
  if (m == NULL) return -ENOMEM;
  m->type = type;
  m->size = size;
  if (copyin(text_of(m), (const char *)umsg + 4, size) != 0) {
    kfree(m);
    return -EFAULT;
  }
  irq = irq_save();
  q = queue_of(id);
  err = q ? ipc_permitted(&q->perm, 2) : -EINVAL;
  while (err == 0 && (q->cbytes + size > q->qbytes || q->qnum + 1 > q->qbytes)) {
    if (flags & IPC_NOWAIT)
      err = -EAGAIN;
    else
      err = queue_sleep(q);
  }
  if (err) {
    irq_restore(irq);
    kfree(m);
    return err;
  }
  list_add_tail(&m->link, &q->messages);
  q->cbytes += size;
  q->qnum++;
  q->lspid = current->tgid;
  q->stime = time_now();
  wakeup(q);
  irq_restore(irq);
  return 0;
}

/* The message msgrcv would take for type and flags, or NULL. */
static struct msg *pick(struct msg_queue *q, int type, int flags) {
  struct list_head *l;
  struct msg *best = NULL;
  for (l = q->messages.next; l != &q->messages; l = l->next) {
    struct msg *m = CONTAINER_OF(l, struct msg, link);
    if (type == 0) return m;
    if (type > 0) {
      if ((flags & MSG_EXCEPT) ? m->type != type : m->type == type) return m;
    } else if (m->type <= -type && (best == NULL || m->type < best->type)) {
      best = m;
    }
  }
  return best;
}

int sys_msgrcv(int id, void *umsg, u32 size, int type, int flags) {
  struct msg_queue *q;
  struct msg *m = NULL;
  u32 n, irq;
  int err;
  if ((int)size < 0) return -EINVAL;
  if (flags & MSG_COPY) return -ENOSYS;   /* checkpoint/restore only */
  irq = irq_save();
  q = queue_of(id);
  err = q ? ipc_permitted(&q->perm, 4) : -EINVAL;
  while (err == 0 && (m = pick(q, type, flags)) == NULL) {
    if (flags & IPC_NOWAIT)
      err = -ENOMSG;
    else
      err = queue_sleep(q);
  }
  if (err == 0 && m->size > size && !(flags & MSG_NOERROR)) err = -E2BIG;
  if (err) {
    irq_restore(irq);
    return err;
  }
  n = MIN(m->size, size);
  if (copyout(umsg, &m->type, 4) != 0 || copyout((char *)umsg + 4, text_of(m), n) != 0) {
    irq_restore(irq);
    return -EFAULT;
  }
  list_del(&m->link);
  q->cbytes -= m->size;
  q->qnum--;
  q->lrpid = current->tgid;
  q->rtime = time_now();
  kfree(m);
  wakeup(q);
  irq_restore(irq);
  return (int)n;
}

static void fill_stat(struct msg_queue *q, struct msqid64_ds *ds) {
  memset(ds, 0, sizeof *ds);
  ipc_fill_perm(&q->perm, &ds->msg_perm);
  ds->msg_stime = q->stime;
  ds->msg_rtime = q->rtime;
  ds->msg_ctime = q->ctime;
  ds->msg_cbytes = q->cbytes;
  ds->msg_qnum = q->qnum;
  ds->msg_qbytes = q->qbytes;
  ds->msg_lspid = q->lspid;
  ds->msg_lrpid = q->lrpid;
}

int sys_msgctl(int id, int cmd, void *ubuf) {
  struct msg_queue *q;
  struct msqid64_ds ds;
  u32 irq;
  int err;
  int with_64 = (cmd & IPC_64) != 0;
  cmd &= ~IPC_64;
  if ((cmd == IPC_STAT || cmd == IPC_SET || cmd == MSG_STAT) && !with_64) return -EINVAL;   /* 64 layouts only */
  if (cmd == IPC_SET && copyin(&ds, ubuf, sizeof ds) != 0) return -EFAULT;
  irq = irq_save();
  q = cmd == MSG_STAT ? NULL : queue_of(id);
  if (cmd == MSG_STAT) {   /* id is a table slot (ipcs walks them) */
    struct kern_ipc_perm *p = id >= 0 && id < MSGMNI ? current_ipc_ns()->msg_slots[id] : NULL;
    q = p ? CONTAINER_OF(p, struct msg_queue, perm) : NULL;
  }
  if (q == NULL) {
    irq_restore(irq);
    return -EINVAL;
  }
  switch (cmd) {
  case IPC_STAT:
  case MSG_STAT:
    err = ipc_permitted(&q->perm, 4);
    if (err) break;
    fill_stat(q, &ds);
    id = q->perm.id;   /* q may go while copyout sleeps */
    irq_restore(irq);
    if (copyout(ubuf, &ds, sizeof ds) != 0) return -EFAULT;
    return cmd == MSG_STAT ? id : 0;
  case IPC_SET:
    err = ipc_owner_or_root(&q->perm);
    if (err) break;
    if (ds.msg_qbytes > MSGMNB && current->uid != 0) {
      err = -EPERM;
      break;
    }
    ipc_set_perm(&q->perm, &ds.msg_perm);
    q->qbytes = ds.msg_qbytes;
    q->ctime = time_now();
    wakeup(q);   /* more room, maybe */
    break;
  case IPC_RMID:
    err = ipc_owner_or_root(&q->perm);
    if (err) break;
    ipc_remove(&current_ipc_ns()->msg, &q->perm);
    wakeup(q);
    if (q->waiters == 0) queue_free(q);
    break;
  default:
    err = -EINVAL;
  }
  irq_restore(irq);
  return err;
}

/* /proc/sysvipc/msg's line for table slot `slot` in Linux's format, or 0
 * (an empty slot). */
int msg_proc_line(int slot, char *buf, u32 size) {
  struct msg_queue *q;
  int n;
  u32 irq = irq_save();
  if (slot < 0 || slot >= MSGMNI || current_ipc_ns()->msg_slots[slot] == NULL) {
    irq_restore(irq);
    return 0;
  }
  q = CONTAINER_OF(current_ipc_ns()->msg_slots[slot], struct msg_queue, perm);
  n = snprintf(buf, size, "%10d %10d  %4o  %10u %10u %5d %5d %5u %5u %5u %5u %10u %10u %10u\n", q->perm.key,
               q->perm.id, q->perm.mode, q->cbytes, q->qnum, q->lspid, q->lrpid, q->perm.uid, q->perm.gid,
               q->perm.cuid, q->perm.cgid, q->stime, q->rtime, q->ctime);
  irq_restore(irq);
  return n;
}

/* ipc_ns_release: the queues of a namespace nobody is in any more. */
void msg_release_ids(struct ipc_ids *ids) {
  int slot;
  for (slot = 0; slot < ids->max; slot++) {
    if (ids->slots[slot] == NULL) continue;
    queue_free(CONTAINER_OF(ids->slots[slot], struct msg_queue, perm));
    ids->slots[slot] = NULL;
  }
}
