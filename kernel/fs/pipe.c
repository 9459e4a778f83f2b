/*
 * pipe.c — pipes: a 4 KiB ring between a read end and a write end, for
 * pipe(2) (two files made together) and for FIFOs (named pipes: files of
 * an inode of type S_IFIFO whose opens join the one pipe attached to the
 * in-memory inode, `i_pipe`, while any of them is open).
 *
 * read blocks while the ring is empty and a writer exists (0 = end of file
 * once every writer closed); write blocks while the ring is full and a
 * reader exists, and fails with EPIPE plus SIGPIPE to the writer when no
 * reader is left. Writes of at most PIPE_BUF bytes are atomic (never
 * interleaved with another writer's). Both sleep on the pipe; every state
 * change wakes both sides. Signals interrupt the sleeps (EINTR, or the
 * count already transferred).
 *
 * FIFO opens, as Linux's fifo_open: O_RDONLY waits until a writer has
 * opened (O_NONBLOCK: at once, and reads then see end of file while no
 * writer exists); O_WRONLY waits for a reader (O_NONBLOCK with no reader:
 * ENXIO); O_RDWR never waits. "Has opened" is counted (r_counter,
 * w_counter), so a partner that opened and closed again still releases
 * the waiter. A signal ends the wait with EINTR (the open restarts under
 * SA_RESTART, kernel/sys/syscall.c). Invariant: a pipe lives while
 * readers + writers > 0, i.e. while some file, or an open still waiting,
 * counts in it; the last one frees it and detaches it from its inode, so
 * data left in a FIFO nobody has open is gone, as on Linux.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "poll.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "vm.h"

#define PIPE_SIZE 4096
#define PIPE_BUF 4096

struct pipe {
  char *data;
  u32 head, tail;           /* bytes written / read so far */
  int readers, writers;
  u32 r_counter, w_counter; /* opens for reading / writing ever (FIFO waits) */
  struct inode *inode;      /* a FIFO's inode (holding i_pipe), or NULL */
  u32 ino;          /* its number in /proc/PID/fd/N's "pipe:[N]" (Linux's pipefs inode) */
};

static u32 next_pipe_ino = 1;

static int pipe_dname(struct file *f, char *buf, u32 size) {
  return snprintf(buf, size, "pipe:[%u]", ((struct pipe *)f->private)->ino);
}

static struct pipe *pipe_alloc(void) {
  struct pipe *p = (struct pipe *)kmalloc(sizeof(struct pipe));
  if (p == NULL) return NULL;
  memset(p, 0, sizeof *p);
  p->data = (char *)kmalloc(PIPE_SIZE);
  if (p->data == NULL) {
    kfree(p);
    return NULL;
  }
  return p;
}

/* Frees p once nobody counts in it (interrupts off). */
static void pipe_put_if_unused(struct pipe *p) {
  if (p->readers > 0 || p->writers > 0) return;
  if (p->inode) p->inode->i_pipe = NULL;
  kfree(p->data);
  kfree(p);
}

static int pipe_read(struct file *f, char *ubuf, u32 n) {
  struct pipe *p = (struct pipe *)f->private;
  char chunk[256];
  u32 done = 0;
  u32 flags = irq_save();
  while (p->head == p->tail && p->writers > 0) {
    if (f->flags & O_NONBLOCK) {
      irq_restore(flags);
      return -EAGAIN;
    }
    if (sleep_on(p) != 0) {
      irq_restore(flags);
      return -EINTR;
    }
  }
  while (done < n && p->head != p->tail) {
    u32 len = MIN(n - done, p->head - p->tail);
    u32 i;
    if (len > sizeof chunk) len = sizeof chunk;
    for (i = 0; i < len; i++) chunk[i] = p->data[(p->tail + i) % PIPE_SIZE];
    if (copyout(ubuf + done, chunk, len) != 0) {
      irq_restore(flags);
      return done ? (int)done : -EFAULT;
    }
    p->tail += len;
    done += len;
  }
  wakeup(p);
  irq_restore(flags);
  return (int)done;
}

static int pipe_write(struct file *f, const char *ubuf, u32 n) {
  struct pipe *p = (struct pipe *)f->private;
  char chunk[256];
  u32 done = 0;
  u32 flags = irq_save();
  while (done < n) {
    u32 space, len, i;
    if (p->readers == 0) {
      send_signal(current, SIGPIPE);
      irq_restore(flags);
      return done ? (int)done : -EPIPE;
    }
    space = PIPE_SIZE - (p->head - p->tail);
    /* Small writes wait for room for all of it (atomicity). */
    if (space == 0 || (n <= PIPE_BUF && space < n - done && done == 0)) {
      if (f->flags & O_NONBLOCK) {
        irq_restore(flags);
        return done ? (int)done : -EAGAIN;
      }
      wakeup(p);
      if (sleep_on(p) != 0) {
        irq_restore(flags);
        return done ? (int)done : -EINTR;
      }
      continue;
    }
    len = MIN(MIN(n - done, space), sizeof chunk);
    if (copyin(chunk, ubuf + done, len) != 0) {
      irq_restore(flags);
      return done ? (int)done : -EFAULT;
    }
    for (i = 0; i < len; i++) p->data[(p->head + i) % PIPE_SIZE] = chunk[i];
    p->head += len;
    done += len;
  }
  wakeup(p);
  irq_restore(flags);
  return (int)done;
}

static void pipe_release(struct file *f) {
  struct pipe *p = (struct pipe *)f->private;
  u32 acc = f->flags & O_ACCMODE;
  u32 flags;
  if (p == NULL) return;   /* a FIFO open that failed before joining */
  flags = irq_save();
  if (acc != O_WRONLY) p->readers--;
  if (acc != O_RDONLY) p->writers--;
  wakeup(p);
  pipe_put_if_unused(p);
  irq_restore(flags);
}

/* Readiness, as Linux's pipe_poll: the read side is readable with data
 * queued and hung up (POLLHUP) once no writer is left (a FIFO opened
 * O_NONBLOCK before any writer does not count as hung up until one came
 * and went); the write side is writable while not full (Linux: a free
 * buffer slot; a write may then still take only part) and in
 * error (POLLERR) once no reader is left. Every change wakes p. */
static int pipe_poll(struct file *f, struct poll_table *pt) {
  struct pipe *p = (struct pipe *)f->private;
  u32 acc = f->flags & O_ACCMODE;
  u32 used;
  int mask = 0;
  if (p == NULL) return POLLERR;
  poll_wait(pt, p);
  used = p->head - p->tail;
  if (acc != O_WRONLY) {
    if (used > 0) mask |= POLLIN | POLLRDNORM;
    if (p->writers == 0 && (p->inode == NULL || p->w_counter > 0)) mask |= POLLHUP;
  }
  if (acc != O_RDONLY) {
    if (used < PIPE_SIZE) mask |= POLLOUT | POLLWRNORM;
    if (p->readers == 0) mask |= POLLERR;
  }
  return mask;
}

static const struct file_ops pipe_ops = { .read = pipe_read, .write = pipe_write, .release = pipe_release, .dname = pipe_dname, .poll = pipe_poll };

/* Sleeps until *counter moves (a partner opened); -EINTR on a signal. */
static int wait_for_partner(struct pipe *p, u32 *counter) {
  u32 seen = *counter;
  while (*counter == seen) {
    if (sleep_on(p) != 0) return -EINTR;
  }
  return 0;
}

/* Opening a FIFO (f->inode): join, or start, the inode's pipe. */
static int fifo_open(struct file *f) {
  struct inode *ip = f->inode;
  struct pipe *p;
  u32 acc = f->flags & O_ACCMODE;
  int err = 0;
  u32 flags = irq_save();
  p = ip->i_pipe;
  if (p == NULL) {
    p = pipe_alloc();
    if (p == NULL) {
      irq_restore(flags);
      return -ENOMEM;
    }
    p->inode = ip;
    ip->i_pipe = p;
  }
  if (acc == O_RDONLY) {
    p->readers++;
    p->r_counter++;
    wakeup(p);
    if (p->writers == 0 && !(f->flags & O_NONBLOCK)) err = wait_for_partner(p, &p->w_counter);
    if (err) p->readers--;
  } else if (acc == O_WRONLY) {
    if (p->readers == 0 && (f->flags & O_NONBLOCK)) {
      err = -ENXIO;
    } else {
      p->writers++;
      p->w_counter++;
      wakeup(p);
      if (p->readers == 0) err = wait_for_partner(p, &p->r_counter);
      if (err) p->writers--;
    }
  } else {
    p->readers++;
    p->writers++;
    p->r_counter++;
    p->w_counter++;
    wakeup(p);
  }
  if (err) {
    wakeup(p);
    pipe_put_if_unused(p);
  } else {
    f->private = p;
  }
  irq_restore(flags);
  return err;
}

/* A FIFO inode's files: a pipe end once open. */
const struct file_ops fifo_fops = {
  .read = pipe_read,
  .write = pipe_write,
  .release = pipe_release,
  .open_file = fifo_open,
  .poll = pipe_poll,
};

int sys_pipe2(int *user_fds, int flags) {
  struct pipe *p;
  struct file *rf, *wf;
  int fds[2];
  if (flags & ~(O_CLOEXEC | O_NONBLOCK)) return -EINVAL;
  p = pipe_alloc();
  if (p == NULL) return -ENFILE;
  rf = file_alloc(&pipe_ops, O_RDONLY | ((u32)flags & O_NONBLOCK));
  wf = file_alloc(&pipe_ops, O_WRONLY | ((u32)flags & O_NONBLOCK));
  if (rf == NULL || wf == NULL) {
    if (rf) kfree(rf);
    if (wf) kfree(wf);
    kfree(p->data);
    kfree(p);
    return -ENFILE;
  }
  p->readers = 1;
  p->writers = 1;
  p->ino = next_pipe_ino++;
  rf->private = p;
  wf->private = p;
  fds[0] = fd_install(rf);
  fds[1] = fds[0] >= 0 ? fd_install(wf) : fds[0];
  if (fds[1] < 0) {
    int err = fds[1];
    if (fds[0] >= 0) current->files->fd[fds[0]] = NULL;
    file_close(rf);
    file_close(wf);
    return err;
  }
  if (flags & O_CLOEXEC) {
    fd_set_cloexec(fds[0], 1);
    fd_set_cloexec(fds[1], 1);
  }
  if (copyout(user_fds, fds, sizeof fds) != 0) {
    current->files->fd[fds[0]] = NULL;
    current->files->fd[fds[1]] = NULL;
    file_close(rf);
    file_close(wf);
    return -EFAULT;
  }
  return 0;
}

int sys_pipe(int *user_fds) {
  return sys_pipe2(user_fds, 0);
}
