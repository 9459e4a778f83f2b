/* goro_chan.c: channels and WaitGroups of the G/M/P runtime (goro.c).
 *
 * A channel is Go's hchan in miniature: a ring buffer of `capacity`
 * elements and two wait queues, of blocked senders and of blocked
 * receivers. Everything happens under the scheduler lock, so the rules
 * read straight off the code:
 * - send: a waiting receiver takes the value directly (the rendezvous of an
 *   unbuffered channel); else room in the buffer takes it; else the sender
 *   parks on sendq with a pointer to its value.
 * - receive: a waiting sender means the buffer is full (or there is none):
 *   take the buffer's head and put the sender's value at its tail, or,
 *   unbuffered, take the sender's value; else the buffer's head; else, if
 *   closed, the zero value and ok = 0; else park on recvq.
 * - close: every waiting receiver wakes with the zero value and ok = 0;
 *   a sender on a closed channel aborts the program (Go panics).
 * A blocked goroutine never blocks its M: __goro_park switches to the M's
 * scheduler, and __goro_ready puts the woken G in the readier's runnext. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "goro_impl.h"

struct goro_chan {
  int elem_size;
  int capacity;
  int count;        /* elements in the buffer */
  int head;         /* index of the oldest */
  int closed;
  struct goro_g *sendq, *recvq;
  char *buf;
};

static void enqueue(struct goro_g **q, struct goro_g *g) {
  g->link = 0;
  while (*q)
    q = &(*q)->link;
  *q = g;
}

static struct goro_g *dequeue(struct goro_g **q) {
  struct goro_g *g = *q;
  if (g)
    *q = g->link;
  return g;
}

static void panic(const char *why) {
  write(2, "goro: panic: ", 13);
  write(2, why, strlen(why));
  write(2, "\n", 1);
  abort();
}

goro_chan *goro_chan_make(int elem_size, int capacity) {
  goro_chan *c;
  unsigned long size;
  if (elem_size < 0 || capacity < 0)
    panic("makechan: size out of range");
  size = sizeof *c + (unsigned long)elem_size * capacity;
  c = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (c == MAP_FAILED)
    panic("makechan: out of memory");
  c->elem_size = elem_size;
  c->capacity = capacity;
  c->buf = (char *)(c + 1);
  return c;
}

static char *slot(goro_chan *c, int i) {
  return c->buf + (long)((c->head + i) % c->capacity) * c->elem_size;
}

void goro_send(goro_chan *c, const void *elem) {
  struct goro_g *g;
  __goro_lock();
  if (c->closed) {
    __goro_unlock();
    panic("send on closed channel");
  }
  g = dequeue(&c->recvq);
  if (g) {
    memcpy(g->elem, elem, c->elem_size);
    g->ok = 1;
    __goro_ready(g);
    __goro_unlock();
    return;
  }
  if (c->count < c->capacity) {
    memcpy(slot(c, c->count), elem, c->elem_size);
    c->count++;
    __goro_unlock();
    return;
  }
  g = __goro_current();
  g->elem = (void *)elem;
  enqueue(&c->sendq, g);
  __goro_park();
  if (!g->ok)
    panic("send on closed channel");
}

int goro_recv(goro_chan *c, void *elem) {
  struct goro_g *g;
  __goro_lock();
  g = dequeue(&c->sendq);
  if (g) {
    if (c->capacity == 0) {
      memcpy(elem, g->elem, c->elem_size);
    } else {
      memcpy(elem, slot(c, 0), c->elem_size);
      memcpy(slot(c, 0), g->elem, c->elem_size); /* the head slot becomes the tail */
      c->head = (c->head + 1) % c->capacity;
    }
    g->ok = 1;
    __goro_ready(g);
    __goro_unlock();
    return 1;
  }
  if (c->count > 0) {
    memcpy(elem, slot(c, 0), c->elem_size);
    c->head = (c->head + 1) % c->capacity;
    c->count--;
    __goro_unlock();
    return 1;
  }
  if (c->closed) {
    memset(elem, 0, c->elem_size);
    __goro_unlock();
    return 0;
  }
  g = __goro_current();
  g->elem = elem;
  g->ok = 0;
  enqueue(&c->recvq, g);
  __goro_park();
  return g->ok;
}

void goro_close(goro_chan *c) {
  struct goro_g *g;
  __goro_lock();
  if (c->closed) {
    __goro_unlock();
    panic("close of closed channel");
  }
  c->closed = 1;
  while ((g = dequeue(&c->recvq)) != 0) {
    memset(g->elem, 0, c->elem_size);
    g->ok = 0;
    __goro_ready(g);
  }
  while ((g = dequeue(&c->sendq)) != 0) {
    g->ok = 0; /* it panics when it runs */
    __goro_ready(g);
  }
  __goro_unlock();
}

void goro_wg_add(goro_waitgroup *wg, int n) {
  struct goro_g *g;
  __goro_lock();
  wg->count += n;
  if (wg->count < 0) {
    __goro_unlock();
    panic("negative WaitGroup counter");
  }
  if (wg->count == 0)
    while ((g = dequeue(&wg->waiters)) != 0)
      __goro_ready(g);
  __goro_unlock();
}

void goro_wg_done(goro_waitgroup *wg) {
  goro_wg_add(wg, -1);
}

void goro_wg_wait(goro_waitgroup *wg) {
  __goro_lock();
  if (wg->count == 0) {
    __goro_unlock();
    return;
  }
  enqueue(&wg->waiters, __goro_current());
  __goro_park();
}
