/*
 * eventfd.c — eventfd2(328): a file that is one 64-bit counter, for one
 * process or thread to wake another (Linux's fs/eventfd.c semantics).
 *
 * The counter lives in the open file (two u32 halves: our C has no 64-bit
 * integers in the kernel); fork and dup share it with the file. Reads and
 * writes move exactly 8 bytes (a smaller buffer is EINVAL; a larger one
 * still moves 8):
 *   write(v)  adds v; 0xffffffffffffffff is EINVAL; a sum that would
 *             pass 0xfffffffffffffffe waits for a read (O_NONBLOCK: EAGAIN);
 *   read      waits while the counter is 0 (O_NONBLOCK: EAGAIN), then
 *             returns the counter and zeroes it, or with EFD_SEMAPHORE
 *             returns 1 and decrements it.
 * Invariant: counter <= 0xfffffffffffffffe. Interrupts off serialize the
 * counter; every change wakes the sleepers on the eventfd (readers and
 * writers alike, each rechecks). Signals end a wait with EINTR.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "file.h"
#include "lib.h"
#include "mm.h"
#include "poll.h"
#include "proc.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "vm.h"

#define EFD_SEMAPHORE 1
#define EFD_CLOEXEC O_CLOEXEC
#define EFD_NONBLOCK O_NONBLOCK

struct eventfd {
  u32 lo, hi;       /* the counter */
  int semaphore;    /* EFD_SEMAPHORE */
};

static int counter_is_zero(const struct eventfd *e) {
  return e->lo == 0 && e->hi == 0;
}

/* Whether counter + (vhi:vlo) stays <= 0xfffffffffffffffe. */
static int sum_fits(const struct eventfd *e, u32 vlo, u32 vhi) {
  u32 room_lo = 0xfffffffeu - e->lo;   /* room = max - counter, the low half wrapping */
  u32 room_hi = 0xffffffffu - e->hi - (e->lo > 0xfffffffeu ? 1 : 0);   /* minus its borrow */
  return vhi < room_hi || (vhi == room_hi && vlo <= room_lo);
}

/* Sleeps until ready(e) holds; -EAGAIN for O_NONBLOCK, -EINTR on a signal. Interrupts off. */
static int eventfd_wait(struct file *f, struct eventfd *e, int for_read, u32 vlo, u32 vhi) {
  while (for_read ? counter_is_zero(e) : !sum_fits(e, vlo, vhi)) {
    if (f->flags & O_NONBLOCK) return -EAGAIN;
    if (sleep_on(e) != 0) return -EINTR;
  }
  return 0;
}

static int eventfd_read(struct file *f, char *ubuf, u32 n) {
  struct eventfd *e = (struct eventfd *)f->private;
  u32 value[2];
  u32 flags;
  int err;
  if (n < 8) return -EINVAL;
  flags = irq_save();
  err = eventfd_wait(f, e, 1, 0, 0);
  if (err) {
    irq_restore(flags);
    return err;
  }
  if (e->semaphore) {
    value[0] = 1;
    value[1] = 0;
  } else {
    value[0] = e->lo;
    value[1] = e->hi;
  }
  if (copyout(ubuf, value, 8) != 0) {
    irq_restore(flags);
    return -EFAULT;
  }
  if (e->semaphore) {
    if (e->lo == 0) e->hi--;
    e->lo--;
  } else {
    e->lo = 0;
    e->hi = 0;
  }
  wakeup(e);
  irq_restore(flags);
  return 8;
}

static int eventfd_write(struct file *f, const char *ubuf, u32 n) {
  struct eventfd *e = (struct eventfd *)f->private;
  u32 value[2];
  u32 flags;
  int err;
  if (n < 8) return -EINVAL;
  if (copyin(value, ubuf, 8) != 0) return -EFAULT;
  if (value[0] == 0xffffffffu && value[1] == 0xffffffffu) return -EINVAL;
  flags = irq_save();
  err = eventfd_wait(f, e, 0, value[0], value[1]);
  if (err) {
    irq_restore(flags);
    return err;
  }
  e->lo += value[0];
  e->hi += value[1] + (e->lo < value[0] ? 1 : 0);
  wakeup(e);
  irq_restore(flags);
  return 8;
}

static void eventfd_release(struct file *f) {
  kfree(f->private);
}

static int eventfd_dname(struct file *f, char *buf, u32 size) {
  (void)f;
  return snprintf(buf, size, "anon_inode:[eventfd]");
}

/* Readable while the counter is not 0; writable while 1 more still fits
 * (Linux's eventfd_poll). Every read and write wakes the eventfd. */
static int eventfd_poll(struct file *f, struct poll_table *pt) {
  struct eventfd *e = (struct eventfd *)f->private;
  int mask = 0;
  poll_wait(pt, e);
  if (!counter_is_zero(e)) mask |= POLLIN | POLLRDNORM;
  if (sum_fits(e, 1, 0)) mask |= POLLOUT | POLLWRNORM;
  return mask;
}

static const struct file_ops eventfd_ops = {
  .read = eventfd_read,
  .write = eventfd_write,
  .release = eventfd_release,
  .dname = eventfd_dname,
  .poll = eventfd_poll,
};

int sys_eventfd2(u32 initval, int flags) {
  struct eventfd *e;
  struct file *f;
  int fd;
  if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK)) return -EINVAL;
  e = (struct eventfd *)kmalloc(sizeof(struct eventfd));
  if (e == NULL) return -ENOMEM;
  e->lo = initval;
  e->hi = 0;
  e->semaphore = (flags & EFD_SEMAPHORE) != 0;
  f = file_alloc(&eventfd_ops, O_RDWR | ((u32)flags & O_NONBLOCK));
  if (f == NULL) {
    kfree(e);
    return -ENFILE;
  }
  f->private = e;
  fd = fd_install(f);
  if (fd < 0) {
    file_close(f);
    return fd;
  }
  if (flags & EFD_CLOEXEC) fd_set_cloexec(fd, 1);
  return fd;
}

int sys_eventfd(u32 initval) {
  return sys_eventfd2(initval, 0);
}
