/*
 * eventpoll.c — epoll: an interest set of (fd, file) items kept in the
 * kernel between calls, epoll_create/epoll_create1 (254/329), epoll_ctl
 * (255) and epoll_wait/epoll_pwait (256/319).
 *
 * As Linux's: each item hangs a poll_entry (poll.h) on the channels its
 * file named when it was added, so a wakeup of the file moves the item
 * onto the instance's ready list and wakes the instance's waiters.
 * epoll_wait polls only the items on that list: an item whose file is
 * ready is reported, and stays listed when level-triggered (so the next
 * wait polls it again and drops it once it is no longer ready); an
 * edge-triggered item leaves the list until its file's next wakeup; a
 * one-shot item is disabled (no events) until EPOLL_CTL_MOD rearms it.
 *
 * Invariants: an item is on its instance's ready list iff `ready`; an
 * item does not reference its file — the file's last close (file_close)
 * removes the item from every instance, as Linux. The instances are on
 * one list for that. Epoll fds nest only one level: adding an epoll fd
 * to an epoll set is refused with EINVAL (Linux allows nesting with loop
 * checks).
 */
#include "hrtimer.h"
#include "arch.h"
#include "dev.h"
#include "file.h"
#include "lib.h"
#include "mm.h"
#include "param.h"
#include "poll.h"
#include "proc.h"
#include "syscall.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "signal.h"

#define EP_CHANS 2
#define EP_MAX_EVENTS 0x0AAAAAAA   /* maxevents above: EINVAL (Linux: INT_MAX / sizeof event) */
#define EP_CONTROL_BITS (EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE | EPOLLWAKEUP)

struct eventpoll {
  struct list_head all_node;   /* in instances */
  struct list_head items;
  struct list_head ready;
  int waiters;
};

struct epitem {
  struct list_head ep_node;
  struct list_head ready_node;
  int ready;
  struct eventpoll *ep;
  struct file *file;
  int fd;
  u32 events;                  /* asked for, with the EPOLLET/ONESHOT bits */
  u32 data_lo, data_hi;
  struct poll_entry wait[EP_CHANS];
  int nwait;
};

/* struct epoll_event as i386 lays it out (packed, 12 bytes). */
struct epoll_event_abi {
  u32 events;
  u32 data_lo, data_hi;
};

static struct list_head instances = { &instances, &instances };
static int nr_instances;

static void item_make_ready(struct epitem *it) {
  if (it->ready) return;
  it->ready = 1;
  list_add_tail(&it->ready_node, &it->ep->ready);
}

/* A watched channel was woken (interrupts off). */
static void item_wake(struct poll_entry *e) {
  struct epitem *it = (struct epitem *)e->owner;
  if ((it->events & ~EP_CONTROL_BITS) == 0) return;   /* a spent one-shot */
  item_make_ready(it);
  if (it->ep->waiters) wakeup(it->ep);
}

static void item_unhang(struct epitem *it) {
  int i;
  for (i = 0; i < it->nwait; i++) poll_entry_remove(&it->wait[i]);
  it->nwait = 0;
}

static void item_free(struct epitem *it) {
  u32 flags = irq_save();
  item_unhang(it);
  list_del(&it->ep_node);
  if (it->ready) list_del(&it->ready_node);
  irq_restore(flags);
  kfree(it);
}

/* Hangs the item's entries (first time) and polls its file once. */
static void item_poll_and_hang(struct epitem *it, int hang) {
  struct poll_table pt;
  int mask;
  u32 flags;
  memset(&pt, 0, sizeof pt);
  pt.entries = it->wait;
  pt.cap = EP_CHANS;
  pt.func = item_wake;
  pt.owner = it;
  mask = file_poll(it->file, hang ? &pt : NULL);
  if (hang) it->nwait = pt.n;
  flags = irq_save();
  if (mask & (it->events | POLLERR | POLLHUP) & ~EP_CONTROL_BITS && (it->events & ~EP_CONTROL_BITS)) {
    item_make_ready(it);
    if (it->ep->waiters) wakeup(it->ep);
  }
  irq_restore(flags);
}

/* Readable when epoll_wait would report something: a listed item whose
 * file is really ready (a level-triggered item stays listed until a wait
 * finds it idle). */
static int ep_poll(struct file *f, struct poll_table *pt) {
  struct eventpoll *ep = (struct eventpoll *)f->private;
  struct list_head *n;
  int mask = 0;
  poll_wait(pt, ep);
  for (n = ep->ready.next; n != &ep->ready && !mask; n = n->next) {
    struct epitem *it = list_entry(n, struct epitem, ready_node);
    if (file_poll(it->file, NULL) & (it->events | POLLERR | POLLHUP) & ~EP_CONTROL_BITS) mask = POLLIN | POLLRDNORM;
  }
  return mask;
}

static void ep_release(struct file *f) {
  struct eventpoll *ep = (struct eventpoll *)f->private;
  u32 flags;
  while (!list_empty(&ep->items)) item_free(list_entry(ep->items.next, struct epitem, ep_node));
  flags = irq_save();
  list_del(&ep->all_node);
  nr_instances--;
  irq_restore(flags);
  kfree(ep);
}

static int ep_dname(struct file *f, char *buf, u32 size) {
  (void)f;
  return snprintf(buf, size, "anon_inode:[eventpoll]");
}

static const struct file_ops eventpoll_ops = { .release = ep_release, .poll = ep_poll, .dname = ep_dname };

void eventpoll_file_closed(struct file *f) {
  struct list_head *n, *m;
  if (nr_instances == 0 || f->ops == &eventpoll_ops) return;
  for (n = instances.next; n != &instances; n = n->next) {
    struct eventpoll *ep = list_entry(n, struct eventpoll, all_node);
    for (m = ep->items.next; m != &ep->items;) {
      struct epitem *it = list_entry(m, struct epitem, ep_node);
      m = m->next;
      if (it->file == f) item_free(it);
    }
  }
}

int sys_epoll_create1(int flags) {
  struct eventpoll *ep;
  struct file *f;
  int fd;
  u32 irq;
  if (flags & ~EPOLL_CLOEXEC) return -EINVAL;
  ep = (struct eventpoll *)kmalloc(sizeof *ep);
  if (ep == NULL) return -ENOMEM;
  list_init(&ep->items);
  list_init(&ep->ready);
  f = file_alloc(&eventpoll_ops, O_RDWR);
  if (f == NULL) {
    kfree(ep);
    return -ENFILE;
  }
  f->private = ep;
  irq = irq_save();
  list_add_tail(&ep->all_node, &instances);
  nr_instances++;
  irq_restore(irq);
  fd = fd_install(f);
  if (fd < 0) {
    file_close(f);
    return fd;
  }
  if (flags & EPOLL_CLOEXEC) fd_set_cloexec(fd, 1);
  return fd;
}

int sys_epoll_create(int size) {
  if (size <= 0) return -EINVAL;
  return sys_epoll_create1(0);
}

static struct epitem *find_item(struct eventpoll *ep, struct file *f, int fd) {
  struct list_head *n;
  for (n = ep->items.next; n != &ep->items; n = n->next) {
    struct epitem *it = list_entry(n, struct epitem, ep_node);
    if (it->file == f && it->fd == fd) return it;
  }
  return NULL;
}

int sys_epoll_ctl(int epfd, int op, int fd, const struct epoll_event_abi *uevent) {
  struct file *ef = fd_get(epfd), *f = fd_get(fd);
  struct epoll_event_abi ev;
  struct eventpoll *ep;
  struct epitem *it;
  if (ef == NULL || f == NULL) return -EBADF;
  if (op != EPOLL_CTL_DEL && copyin(&ev, uevent, sizeof ev) != 0) return -EFAULT;
  if (f->ops->poll == NULL) return -EPERM;   /* regular files, directories: always ready */
  if (ef->ops != &eventpoll_ops || f == ef) return -EINVAL;
  if (f->ops == &eventpoll_ops) return -EINVAL;   /* nesting: not supported (see above) */
  ep = (struct eventpoll *)ef->private;
  it = find_item(ep, f, fd);
  switch (op) {
  case EPOLL_CTL_ADD:
    if (it) return -EEXIST;
    it = (struct epitem *)kmalloc(sizeof *it);
    if (it == NULL) return -ENOMEM;
    it->ep = ep;
    it->file = f;
    it->fd = fd;
    it->events = ev.events;
    it->data_lo = ev.data_lo;
    it->data_hi = ev.data_hi;
    it->ready = 0;
    it->nwait = 0;
    list_add_tail(&it->ep_node, &ep->items);
    item_poll_and_hang(it, 1);
    return 0;
  case EPOLL_CTL_MOD:
    if (it == NULL) return -ENOENT;
    it->events = ev.events;
    it->data_lo = ev.data_lo;
    it->data_hi = ev.data_hi;
    item_poll_and_hang(it, 0);
    return 0;
  case EPOLL_CTL_DEL:
    if (it == NULL) return -ENOENT;
    item_free(it);
    return 0;
  }
  return -EINVAL;
}

/* Reports ready items into uevents; the count, or -EFAULT. */
static int ep_collect(struct eventpoll *ep, struct epoll_event_abi *uevents, int maxevents) {
  struct list_head pending;
  int n = 0;
  u32 flags = irq_save();
  /* Take the list as it is now; items that stay ready go to the tail of
   * the live list, so every ready item gets its turn (no starvation). */
  if (list_empty(&ep->ready)) {
    irq_restore(flags);
    return 0;
  }
  pending = ep->ready;
  pending.next->prev = &pending;
  pending.prev->next = &pending;
  list_init(&ep->ready);
  while (!list_empty(&pending)) {
    struct epitem *it = list_entry(pending.next, struct epitem, ready_node);
    struct epoll_event_abi ev;
    int mask;
    list_del(&it->ready_node);
    it->ready = 0;
    if (n == maxevents) {
      item_make_ready(it);
      continue;
    }
    mask = file_poll(it->file, NULL) & (it->events | POLLERR | POLLHUP) & ~EP_CONTROL_BITS;
    if ((it->events & ~EP_CONTROL_BITS) == 0) mask = 0;
    if (mask == 0) continue;
    ev.events = (u32)mask;
    ev.data_lo = it->data_lo;
    ev.data_hi = it->data_hi;
    if (copyout(&uevents[n], &ev, sizeof ev) != 0) {
      item_make_ready(it);
      while (!list_empty(&pending)) {
        struct epitem *rest = list_entry(pending.next, struct epitem, ready_node);
        list_del(&rest->ready_node);
        rest->ready = 0;
        item_make_ready(rest);
      }
      irq_restore(flags);
      return n ? n : -EFAULT;
    }
    n++;
    if (it->events & EPOLLONESHOT) it->events &= EP_CONTROL_BITS;
    else if (!(it->events & EPOLLET)) item_make_ready(it);
  }
  irq_restore(flags);
  return n;
}

int sys_epoll_wait(int epfd, struct epoll_event_abi *uevents, int maxevents, int timeout_ms) {
  struct file *ef = fd_get(epfd);
  struct eventpoll *ep;
  struct deadline deadline;
  int n;
  if (ef == NULL) return -EBADF;
  if (ef->ops != &eventpoll_ops) return -EINVAL;
  if (maxevents <= 0 || maxevents > EP_MAX_EVENTS) return -EINVAL;
  ep = (struct eventpoll *)ef->private;
  if (timeout_ms > 0) deadline_after(&deadline, (u32)timeout_ms / 1000u, (u32)timeout_ms % 1000u * 1000u);
  for (;;) {
    u32 flags;
    int r = 0;
    n = ep_collect(ep, uevents, maxevents);
    if (n != 0 || timeout_ms == 0) return n;
    flags = irq_save();
    if (list_empty(&ep->ready)) {
      if (timeout_ms > 0 && deadline_passed(&deadline)) {
        irq_restore(flags);
        return 0;
      }
      ep->waiters++;
      r = timeout_ms > 0 ? sleep_on_deadline(ep, &deadline) : sleep_on(ep);
      ep->waiters--;
    }
    irq_restore(flags);
    if (r != 0) return -EINTR;
  }
}

/* epoll_pwait: the wait under a temporary signal mask. When a signal ends
 * it, the temporary mask stays until the handler has been set up and the
 * old one is restored after delivery (rt_sigsuspend's mechanism). */
int sys_epoll_pwait(int epfd, struct epoll_event_abi *uevents, int maxevents, int timeout_ms, const u32 *usigmask, u32 sigsetsize) {
  u32 mask[2], saved;
  int r;
  if (usigmask == NULL) return sys_epoll_wait(epfd, uevents, maxevents, timeout_ms);
  if (sigsetsize != 8) return -EINVAL;
  if (copyin(mask, usigmask, sizeof mask) != 0) return -EFAULT;
  saved = current->sig_blocked;
  current->sig_blocked = mask[0] & ~((1u << (SIGKILL - 1)) | (1u << (SIGSTOP - 1)));
  r = sys_epoll_wait(epfd, uevents, maxevents, timeout_ms);
  if (r == -EINTR) {
    current->sigsuspend_saved = saved;
    current->sigsuspend_active = 1;
    return -ERESTARTNOHAND;
  }
  current->sig_blocked = saved;
  return r;
}
