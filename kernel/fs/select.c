/*
 * select.c — readiness of files: the poll_entry hash that links wakeup()
 * channels to waiters (poll.h), and the select (_newselect, 142) and poll
 * (168) system calls.
 *
 * Waiting without lost wakeups: a scan calls every file's poll with a
 * table, which hangs one entry per channel before the file's state is
 * read; an entry's function sets the table's `triggered` and wakes the
 * poller. The poller sleeps only if, with interrupts off, nothing has
 * triggered since the scan, so a change between the scan and the sleep
 * wakes it at once. A woken poller drops its entries and scans again.
 *
 * Invariant: an entry is in exactly one bucket while hung and the table
 * that owns it is alive (entries live in the poller's array, released
 * before the call returns). Timeouts end at µs precision on a
 * high-resolution timer, like nanosleep's (proc/hrtimer.c; ticks past
 * 2000 s); select writes back the time left (Linux does). A
 * signal ends the wait with EINTR (restarted when no handler ran).
 */
#include "arch.h"
#include "dev.h"
#include "file.h"
#include "hrtimer.h"
#include "lib.h"
#include "mm.h"
#include "param.h"
#include "poll.h"
#include "proc.h"
#include "syscall.h"
#include "vm.h"
#include "hako/errno.h"

#define POLL_BUCKETS 64
#define POLL_CHANS_PER_FILE 2     /* the most channels one file's poll names */
#define POLL_MAX_NFDS 1024        /* poll(2): more is EINVAL (RLIMIT_NOFILE's default) */

static struct list_head buckets[POLL_BUCKETS];
static int buckets_ready;
static int hung_entries;          /* wakeup() skips the hash while none */

static struct list_head *bucket_of(void *chan) {
  u32 k = (u32)chan;
  int i;
  if (!buckets_ready) {
    for (i = 0; i < POLL_BUCKETS; i++) list_init(&buckets[i]);
    buckets_ready = 1;
  }
  return &buckets[((k >> 4) ^ (k >> 12)) % POLL_BUCKETS];
}

void poll_entry_add(struct poll_entry *e) {
  u32 flags = irq_save();
  list_add_tail(&e->node, bucket_of(e->chan));
  hung_entries++;
  irq_restore(flags);
}

void poll_entry_remove(struct poll_entry *e) {
  u32 flags = irq_save();
  if (e->chan) {
    list_del(&e->node);
    hung_entries--;
    e->chan = NULL;
  }
  irq_restore(flags);
}

void poll_wait(struct poll_table *pt, void *chan) {
  struct poll_entry *e;
  if (pt == NULL || chan == NULL) return;
  if (pt->n == pt->cap) {
    pt->overflow = 1;
    return;
  }
  e = &pt->entries[pt->n++];
  e->chan = chan;
  e->func = pt->func;
  e->owner = pt->owner;
  poll_entry_add(e);
}

void poll_table_release(struct poll_table *pt) {
  int i;
  for (i = 0; i < pt->n; i++) poll_entry_remove(&pt->entries[i]);
  pt->n = 0;
}

/* From wakeup(chan), interrupts off. Entry functions may wakeup() other
 * channels (epoll wakes its waiters) but never hang or drop entries. */
void poll_wake_channel(void *chan) {
  struct list_head *b, *n;
  if (hung_entries == 0) return;
  b = bucket_of(chan);
  for (n = b->next; n != b; n = n->next) {
    struct poll_entry *e = list_entry(n, struct poll_entry, node);
    if (e->chan == chan) e->func(e);
  }
}

int file_poll(struct file *f, struct poll_table *pt) {
  if (f->ops->poll == NULL) return DEFAULT_POLLMASK;
  return f->ops->poll(f, pt);
}

/* ---- a poller: one select or poll call ---- */

struct poller {
  struct poll_table pt;
  int triggered;
};

static void poller_wake(struct poll_entry *e) {
  struct poller *w = (struct poller *)e->owner;
  w->triggered = 1;
  wakeup(w);
}

static int poller_init(struct poller *w, int files) {
  memset(w, 0, sizeof *w);
  w->pt.cap = files * POLL_CHANS_PER_FILE;
  if (w->pt.cap == 0) w->pt.cap = 1;
  w->pt.entries = (struct poll_entry *)kmalloc((u32)w->pt.cap * sizeof(struct poll_entry));
  if (w->pt.entries == NULL) return -ENOMEM;
  w->pt.func = poller_wake;
  w->pt.owner = w;
  return 0;
}

static void poller_done(struct poller *w) {
  poll_table_release(&w->pt);
  kfree(w->pt.entries);
}

/* Sleeps until an entry fires, the deadline (NULL = none) passes, or a
 * signal comes: 0, 1 when the deadline passed, or -EINTR. Drops the
 * entries either way, ready for the next scan. */
static int poller_sleep(struct poller *w, const struct deadline *deadline) {
  u32 flags = irq_save();
  int r = 0;
  if (deadline && deadline_passed(deadline)) r = 1;
  else if (!w->triggered) {
    if ((deadline ? sleep_on_deadline(w, deadline) : sleep_on(w)) != 0) r = -EINTR;
    if (r == 0 && !w->triggered && deadline && deadline_passed(deadline)) r = 1;
  }
  w->triggered = 0;
  irq_restore(flags);
  poll_table_release(&w->pt);
  return r;
}

/* ---- poll(2) ---- */

int sys_poll(struct pollfd *ufds, u32 nfds, int timeout_ms) {
  struct poller w;
  struct deadline deadline;
  int ready, err;
  u32 i;
  if (nfds > POLL_MAX_NFDS) return -EINVAL;
  if (timeout_ms > 0) deadline_after(&deadline, (u32)timeout_ms / 1000u, (u32)timeout_ms % 1000u * 1000u);
  err = poller_init(&w, (int)nfds);
  if (err) return err;
  for (;;) {
    ready = 0;
    for (i = 0; i < nfds; i++) {
      struct pollfd pfd;
      struct file *f;
      int mask;
      if (copyin(&pfd, &ufds[i], sizeof pfd) != 0) {
        poller_done(&w);
        return -EFAULT;
      }
      if (pfd.fd < 0) {
        mask = 0;   /* ignored, revents 0 */
      } else if ((f = fd_get(pfd.fd)) == NULL) {
        mask = POLLNVAL;
      } else {
        mask = file_poll(f, timeout_ms != 0 ? &w.pt : NULL);
        mask &= pfd.events | POLLERR | POLLHUP;
      }
      pfd.revents = (short)mask;
      if (copyout(&ufds[i].revents, &pfd.revents, sizeof pfd.revents) != 0) {
        poller_done(&w);
        return -EFAULT;
      }
      if (mask) ready++;
    }
    if (ready || timeout_ms == 0) break;
    err = poller_sleep(&w, timeout_ms > 0 ? &deadline : NULL);
    if (err == 1) break;
    if (err < 0) {
      poller_done(&w);
      return -ERESTARTNOHAND;
    }
  }
  poller_done(&w);
  return ready;
}

/* ---- select(2) ---- */

struct timeval {
  int tv_sec;
  int tv_usec;
};

#define SELECT_IN  (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SELECT_OUT (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SELECT_EX  (POLLPRI)
#define FDSET_WORDS (FD_SETSIZE / 32)

static int copyin_set(u32 *set, const u32 *uset, u32 words) {
  memset(set, 0, FDSET_WORDS * 4);
  if (uset == NULL) return 0;
  return copyin(set, uset, words * 4) != 0 ? -EFAULT : 0;
}

int sys__newselect(int nfds, u32 *uin, u32 *uout, u32 *uex, struct timeval *utv) {
  u32 in[FDSET_WORDS], out[FDSET_WORDS], ex[FDSET_WORDS];
  u32 rin[FDSET_WORDS], rout[FDSET_WORDS], rex[FDSET_WORDS];
  struct poller w;
  struct timeval tv;
  struct deadline deadline;
  u32 words;
  int forever = 1, poll_now = 0, ready, err, fd, files = 0;
  if (nfds < 0) return -EINVAL;
  if (nfds > FD_SETSIZE) nfds = FD_SETSIZE;
  words = ((u32)nfds + 31) / 32;
  if (utv) {
    if (copyin(&tv, utv, sizeof tv) != 0) return -EFAULT;
    if (tv.tv_sec < 0 || tv.tv_usec < 0) return -EINVAL;
    forever = 0;
    if (tv.tv_sec == 0 && tv.tv_usec == 0) poll_now = 1;
    else deadline_after(&deadline, (u32)tv.tv_sec, (u32)tv.tv_usec);
  }
  if (copyin_set(in, uin, words) || copyin_set(out, uout, words) || copyin_set(ex, uex, words)) return -EFAULT;
  for (fd = 0; fd < nfds; fd++) {
    u32 bit = 1u << (fd % 32);
    if (!((in[fd / 32] | out[fd / 32] | ex[fd / 32]) & bit)) continue;
    if (fd_get(fd) == NULL) return -EBADF;
    files++;
  }
  err = poller_init(&w, files);
  if (err) return err;
  for (;;) {
    ready = 0;
    memset(rin, 0, sizeof rin);
    memset(rout, 0, sizeof rout);
    memset(rex, 0, sizeof rex);
    for (fd = 0; fd < nfds; fd++) {
      u32 bit = 1u << (fd % 32);
      u32 want = (in[fd / 32] | out[fd / 32] | ex[fd / 32]) & bit;
      struct file *f;
      int mask;
      if (!want) continue;
      f = fd_get(fd);
      if (f == NULL) {   /* closed by another thread meanwhile */
        poller_done(&w);
        return -EBADF;
      }
      mask = file_poll(f, poll_now ? NULL : &w.pt);
      if ((in[fd / 32] & bit) && (mask & SELECT_IN)) { rin[fd / 32] |= bit; ready++; }
      if ((out[fd / 32] & bit) && (mask & SELECT_OUT)) { rout[fd / 32] |= bit; ready++; }
      if ((ex[fd / 32] & bit) && (mask & SELECT_EX)) { rex[fd / 32] |= bit; ready++; }
    }
    if (ready || poll_now) break;
    err = poller_sleep(&w, forever ? NULL : &deadline);
    if (err == 1) break;
    if (err < 0) break;
  }
  poller_done(&w);
  if (utv) {
    u32 left = poll_now ? 0 : deadline_left_us(&deadline);
    tv.tv_sec = (int)(left / 1000000u);
    tv.tv_usec = (int)(left % 1000000u);
    if (copyout(utv, &tv, sizeof tv) != 0 && err >= 0) return -EFAULT;
  }
  if (err < 0) return -ERESTARTNOHAND;
  if ((uin && copyout(uin, rin, words * 4) != 0) || (uout && copyout(uout, rout, words * 4) != 0) ||
      (uex && copyout(uex, rex, words * 4) != 0))
    return -EFAULT;
  return ready;
}
