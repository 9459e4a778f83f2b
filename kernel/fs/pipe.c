/*
 * pipe.c — pipes: a 4 KiB ring between a read end and a write end.
 *
 * read blocks while the ring is empty and a writer exists (0 = end of file
 * once every writer closed); write blocks while the ring is full and a
 * reader exists, and fails with EPIPE plus SIGPIPE to the writer when no
 * reader is left. Writes of at most PIPE_BUF bytes are atomic (never
 * interleaved with another writer's). Both sleep on the pipe; every state
 * change wakes both sides. Signals interrupt the sleeps (EINTR, or the
 * count already transferred).
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "file.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "vm.h"

#define PIPE_SIZE 4096
#define PIPE_BUF 4096

struct pipe {
  char *data;
  u32 head, tail;   /* bytes written / read so far */
  int readers, writers;
};

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
  u32 flags = irq_save();
  if ((f->flags & O_ACCMODE) == O_RDONLY) p->readers--;
  else p->writers--;
  wakeup(p);
  if (p->readers == 0 && p->writers == 0) {
    kfree(p->data);
    kfree(p);
  }
  irq_restore(flags);
}

static const struct file_ops pipe_ops = { pipe_read, pipe_write, 0, pipe_release };

int sys_pipe2(int *user_fds, int flags) {
  struct pipe *p;
  struct file *rf, *wf;
  int fds[2];
  if (flags & ~(O_CLOEXEC | O_NONBLOCK)) return -EINVAL;
  p = (struct pipe *)kmalloc(sizeof(struct pipe));
  if (p == NULL) return -ENFILE;
  p->data = (char *)kmalloc(PIPE_SIZE);
  rf = file_alloc(&pipe_ops, O_RDONLY | ((u32)flags & O_NONBLOCK));
  wf = file_alloc(&pipe_ops, O_WRONLY | ((u32)flags & O_NONBLOCK));
  if (p->data == NULL || rf == NULL || wf == NULL) {
    if (rf) kfree(rf);
    if (wf) kfree(wf);
    if (p->data) kfree(p->data);
    kfree(p);
    return -ENFILE;
  }
  p->readers = 1;
  p->writers = 1;
  rf->private = p;
  wf->private = p;
  fds[0] = fd_install(rf);
  fds[1] = fds[0] >= 0 ? fd_install(wf) : -EMFILE;
  if (fds[1] < 0) {
    if (fds[0] >= 0) current->files->fd[fds[0]] = NULL;
    file_close(rf);
    file_close(wf);
    return -EMFILE;
  }
  if (flags & O_CLOEXEC) current->files->close_on_exec |= (1u << fds[0]) | (1u << fds[1]);
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
