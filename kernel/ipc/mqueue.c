/*
 * mqueue.c — POSIX message queues (Linux's ipc/mqueue.c semantics without
 * the mqueue file system): mq_open (277), mq_unlink (278), mq_timedsend
 * (279), mq_timedreceive (280), mq_notify (281), mq_getsetattr (282).
 *
 * A queue has a name (libc passes it without the leading '/'), an owner
 * and 9 permission bits, its limits (mq_maxmsg messages of at most
 * mq_msgsize bytes) and its messages sorted by priority, highest first,
 * in arrival order within one priority. mq_open gives a file descriptor
 * (a struct file with mq_ops, private = the queue); its access mode says
 * who may send (write) and receive (read), its O_NONBLOCK whether a full
 * or empty queue is EAGAIN instead of a wait. Waits end at the absolute
 * CLOCK_REALTIME timeout (ETIMEDOUT), at a signal (EINTR), or when the
 * queue changes (each change wakes every sleeper; each rechecks).
 *
 * mq_notify: one process (thread group) at a time may ask to be told
 * when a message arrives on the empty queue while nobody waits in a
 * receive: SIGEV_SIGNAL sends it sigev_signo once, then the request is
 * gone (SIGEV_NONE registers without a signal). Closing the descriptor
 * it registered through cancels it, as Linux's mq_flush does.
 *
 * Lifetime: the name table holds one reference, every open file one more;
 * mq_unlink drops the name at once and the queue goes with its last file.
 * Interrupts off serialize everything.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "dev.h"
#include "file.h"
#include "lib.h"
#include "list.h"
#include "mm.h"
#include "param.h"
#include "proc.h"
#include "signal.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "hako/mqueue.h"

#define MQ_NAME_MAX 256
#define MQ_QUEUES 64

struct mq_msg {
  struct list_head link;
  u32 prio;
  u32 size;   /* the bytes, which follow the header */
};

struct mqueue {
  char name[MQ_NAME_MAX];
  int linked;         /* still in the name table */
  int refs;           /* the table's plus one per open file */
  u32 uid, gid, mode;
  u32 maxmsg, msgsize, curmsgs;
  struct list_head messages;   /* highest priority first, FIFO within one */
  int receivers;               /* asleep in mq_timedreceive */
  int notify_tgid;             /* mq_notify's process, 0 = none */
  int notify_signo;            /* its signal, 0 for SIGEV_NONE */
  struct file *notify_file;    /* the descriptor it registered through */
};

static struct mqueue *names[MQ_QUEUES];

static struct mqueue *find_name(const char *name) {
  int i;
  for (i = 0; i < MQ_QUEUES; i++)
    if (names[i] && strcmp(names[i]->name, name) == 0) return names[i];
  return NULL;
}

static void mq_put(struct mqueue *q) {
  if (--q->refs > 0) return;
  while (!list_empty(&q->messages)) {
    struct mq_msg *m = CONTAINER_OF(q->messages.next, struct mq_msg, link);
    list_del(&m->link);
    kfree(m);
  }
  kfree(q);
}

static void mq_release(struct file *f) {
  u32 irq = irq_save();
  struct mqueue *q = (struct mqueue *)f->private;
  if (q->notify_file == f) q->notify_tgid = 0;
  mq_put(q);
  irq_restore(irq);
}

static int mq_dname(struct file *f, char *buf, u32 size) {
  return snprintf(buf, size, "/dev/mqueue/%s", ((struct mqueue *)f->private)->name);
}

static const struct file_ops mq_ops = { .release = mq_release, .dname = mq_dname };

/* The queue behind descriptor fd, or NULL (EBADF). */
static struct file *mq_file(int fd) {
  struct file *f = fd_get(fd);
  return f && f->ops == &mq_ops ? f : NULL;
}

/* The jiffies deadline of an absolute CLOCK_REALTIME timespec; 0 and
 * *err = 0 when already past (the caller times out at once). */
static u32 deadline_of(const void *user_ts, int *err) {
  int ts[2];
  u32 s, us, now_s;
  int ticks;
  *err = 0;
  if (copyin(ts, user_ts, sizeof ts) != 0) {
    *err = -EFAULT;
    return 0;
  }
  if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000) {
    *err = -EINVAL;
    return 0;
  }
  uptime(&s, &us);
  now_s = time_now();   /* clock_gettime(CLOCK_REALTIME): these seconds, uptime's fraction */
  if ((u32)ts[0] < now_s) return 0;
  ticks = (int)((u32)ts[0] - now_s) * HZ + (ts[1] / 1000 - (int)us + TICK_US - 1) / TICK_US;
  if (ticks <= 0) return 0;
  return jiffies + (u32)ticks;
}

/* Sleeps on q until woken or the deadline (0: none); 0, -EINTR, -ETIMEDOUT. Interrupts off. */
static int mq_sleep(struct mqueue *q, u32 deadline, int timed) {
  int interrupted;
  if (timed && (deadline == 0 || (int)(jiffies - deadline) >= 0)) return -ETIMEDOUT;
  current->wake_at = timed ? deadline : 0;
  interrupted = sleep_on(q);
  current->wake_at = 0;
  return interrupted ? -EINTR : 0;
}

static int may_access(struct mqueue *q, u32 want) {
  u32 bits = q->mode;
  if (current->uid == 0) return 0;
  if (current->uid == q->uid) bits >>= 6;
  else if (in_group_p(current, q->gid)) bits >>= 3;
  return (want & ~bits & 7) ? -EACCES : 0;
}

static int read_name(char *name, const char *uname) {
  int n = strncpy_from_user(name, uname, MQ_NAME_MAX);
  if (n < 0) return n;
  if (n == 0) return -ENOENT;
  if (strchr(name, '/')) return -EACCES;   /* Linux: a name is one path component */
  return 0;
}

int sys_mq_open(const char *uname, int oflag, int mode, const void *uattr) {
  char name[MQ_NAME_MAX];
  struct mq_attr attr;
  struct mqueue *q;
  struct file *f;
  u32 acc = (u32)oflag & O_ACCMODE;
  u32 irq;
  int err, fd, slot;
  err = read_name(name, uname);
  if (err) return err;
  if (acc == O_ACCMODE) return -EINVAL;
  attr.mq_maxmsg = MQ_MAXMSG_DEFAULT;
  attr.mq_msgsize = MQ_MSGSIZE_DEFAULT;
  if ((oflag & O_CREAT) && uattr) {
    if (copyin(&attr, uattr, sizeof attr) != 0) return -EFAULT;
    if (attr.mq_maxmsg <= 0 || attr.mq_msgsize <= 0) return -EINVAL;
    if (current->uid != 0 && (attr.mq_maxmsg > MQ_MAXMSG_USER || attr.mq_msgsize > MQ_MSGSIZE_USER)) return -EINVAL;
    if (attr.mq_maxmsg > MQ_MAXMSG_ROOT || attr.mq_msgsize > MQ_MSGSIZE_ROOT) return -EINVAL;
  }
  f = file_alloc(&mq_ops, acc | ((u32)oflag & O_NONBLOCK));
  if (f == NULL) return -ENFILE;
  irq = irq_save();
  q = find_name(name);
  if (q && (oflag & O_CREAT) && (oflag & O_EXCL)) err = -EEXIST;
  else if (q) err = may_access(q, acc == O_RDONLY ? 4 : acc == O_WRONLY ? 2 : 6);
  else if (!(oflag & O_CREAT)) err = -ENOENT;
  else {
    for (slot = 0; slot < MQ_QUEUES && names[slot]; slot++) {}
    q = slot < MQ_QUEUES ? (struct mqueue *)kmalloc(sizeof(struct mqueue)) : NULL;
    if (q == NULL) {
      err = slot < MQ_QUEUES ? -ENOMEM : -ENOSPC;
    } else {
      strlcpy(q->name, name, sizeof q->name);
      q->linked = 1;
      q->refs = 1;
      q->uid = current->uid;
      q->gid = current->gid;
      q->mode = (u32)mode & 0777 & ~current->fs->umask;
      q->maxmsg = (u32)attr.mq_maxmsg;
      q->msgsize = (u32)attr.mq_msgsize;
      list_init(&q->messages);
      names[slot] = q;
    }
  }
  if (err) {
    irq_restore(irq);
    kfree(f);
    return err;
  }
  q->refs++;
  f->private = q;
  irq_restore(irq);
  fd = fd_install(f);
  if (fd < 0) {
    file_close(f);
    return fd;
  }
  if (oflag & O_CLOEXEC) fd_set_cloexec(fd, 1);
  return fd;
}

int sys_mq_unlink(const char *uname) {
  char name[MQ_NAME_MAX];
  struct mqueue *q;
  u32 irq;
  int i, err = read_name(name, uname);
  if (err) return err;
  irq = irq_save();
  q = find_name(name);
  if (q == NULL) err = -ENOENT;
  else if (current->uid != 0 && current->uid != q->uid) err = -EACCES;   /* /dev/mqueue is sticky */
  else {
    for (i = 0; i < MQ_QUEUES; i++)
      if (names[i] == q) names[i] = NULL;
    q->linked = 0;
    mq_put(q);
  }
  irq_restore(irq);
  return err;
}

/* One wait of a send on a full queue or a receive on an empty one (irqs
 * off): EAGAIN for a non-blocking descriptor; the deadline read from
 * abs_timeout at the first wait (one already past still sleeps nothing:
 * ETIMEDOUT); a receiver counted while it sleeps, so mq_notify's signal
 * goes only when nobody waits. 0: look at the queue again. */
static int mq_wait(struct mqueue *q, struct file *f, const void *abs_timeout, u32 *deadline, int receiver) {
  int err = 0;
  if (f->flags & O_NONBLOCK) return -EAGAIN;
  if (abs_timeout && *deadline == 0) {
    *deadline = deadline_of(abs_timeout, &err);
    if (err) return err;
    if (*deadline == 0) *deadline = jiffies;   /* already past */
  }
  q->receivers += receiver;
  err = mq_sleep(q, *deadline, abs_timeout != NULL);
  q->receivers -= receiver;
  return err;
}

int sys_mq_timedsend(int mqd, const char *umsg, u32 len, u32 prio, const void *abs_timeout) {
  struct file *f = mq_file(mqd);
  struct mqueue *q;
  struct mq_msg *m;
  struct list_head *l;
  u32 irq, deadline = 0;
  int err = 0;
  if (f == NULL || (f->flags & O_ACCMODE) == O_RDONLY) return -EBADF;
  q = (struct mqueue *)f->private;
  if (len > q->msgsize) return -EMSGSIZE;
  if (prio >= MQ_PRIO_MAX) return -EINVAL;
  m = (struct mq_msg *)kmalloc(sizeof(struct mq_msg) + len);
  if (m == NULL) return -ENOMEM;
  m->prio = prio;
  m->size = len;
  if (copyin(m + 1, umsg, len) != 0) {
    kfree(m);
    return -EFAULT;
  }
  irq = irq_save();
  while (err == 0 && q->curmsgs >= q->maxmsg) err = mq_wait(q, f, abs_timeout, &deadline, 0);
  if (err) {
    irq_restore(irq);
    kfree(m);
    return err;
  }
  /* behind every message of this priority or higher */
  for (l = q->messages.next; l != &q->messages; l = l->next)
    if (CONTAINER_OF(l, struct mq_msg, link)->prio < prio) break;
  list_insert_between(&m->link, l->prev, l);
  q->curmsgs++;
  if (q->curmsgs == 1 && q->receivers == 0 && q->notify_tgid) {   /* arrived on an empty queue */
    struct proc *p = proc_find(q->notify_tgid);
    if (p && q->notify_signo) send_signal(p, q->notify_signo);
    q->notify_tgid = 0;
  }
  wakeup(q);
  irq_restore(irq);
  return 0;
}

int sys_mq_timedreceive(int mqd, char *umsg, u32 len, u32 *uprio, const void *abs_timeout) {
  struct file *f = mq_file(mqd);
  struct mqueue *q;
  struct mq_msg *m;
  u32 irq, deadline = 0, size;
  int err = 0;
  if (f == NULL || (f->flags & O_ACCMODE) == O_WRONLY) return -EBADF;
  q = (struct mqueue *)f->private;
  if (len < q->msgsize) return -EMSGSIZE;
  irq = irq_save();
  while (err == 0 && q->curmsgs == 0) err = mq_wait(q, f, abs_timeout, &deadline, 1);
  if (err) {
    irq_restore(irq);
    return err;
  }
  m = CONTAINER_OF(q->messages.next, struct mq_msg, link);
  if (copyout(umsg, m + 1, m->size) != 0 || (uprio && copyout(uprio, &m->prio, 4) != 0)) {
    irq_restore(irq);
    return -EFAULT;   /* the message stays queued */
  }
  list_del(&m->link);
  q->curmsgs--;
  size = m->size;
  kfree(m);
  wakeup(q);
  irq_restore(irq);
  return (int)size;
}

int sys_mq_getsetattr(int mqd, const void *unew, void *uold) {
  struct file *f = mq_file(mqd);
  struct mqueue *q;
  struct mq_attr attr, set;
  if (f == NULL) return -EBADF;
  q = (struct mqueue *)f->private;
  if (unew) {
    if (copyin(&set, unew, sizeof set) != 0) return -EFAULT;
    if (set.mq_flags & ~(long)O_NONBLOCK) return -EINVAL;
  }
  memset(&attr, 0, sizeof attr);
  attr.mq_flags = (long)(f->flags & O_NONBLOCK);
  attr.mq_maxmsg = (long)q->maxmsg;
  attr.mq_msgsize = (long)q->msgsize;
  attr.mq_curmsgs = (long)q->curmsgs;
  if (uold && copyout(uold, &attr, sizeof attr) != 0) return -EFAULT;
  if (unew) f->flags = (f->flags & ~(u32)O_NONBLOCK) | ((u32)set.mq_flags & O_NONBLOCK);
  return 0;
}

int sys_mq_notify(int mqd, const void *usevp) {
  struct file *f = mq_file(mqd);
  struct mqueue *q;
  struct sigevent ev;
  u32 irq;
  int err = 0;
  if (f == NULL) return -EBADF;
  q = (struct mqueue *)f->private;
  if (usevp) {
    if (copyin(&ev, usevp, 12) != 0) return -EFAULT;   /* value, signo, notify */
    if (ev.sigev_notify == SIGEV_SIGNAL && (ev.sigev_signo < 1 || ev.sigev_signo >= NSIG)) return -EINVAL;
    if (ev.sigev_notify != SIGEV_SIGNAL && ev.sigev_notify != SIGEV_NONE) return -EINVAL;
  }
  irq = irq_save();
  if (usevp == NULL) {
    if (q->notify_tgid == current->tgid) q->notify_tgid = 0;
  } else if (q->notify_tgid && q->notify_tgid != current->tgid && proc_find(q->notify_tgid)) {
    err = -EBUSY;
  } else {
    q->notify_tgid = current->tgid;
    q->notify_signo = ev.sigev_notify == SIGEV_SIGNAL ? ev.sigev_signo : 0;
    q->notify_file = f;
  }
  irq_restore(irq);
  return err;
}
