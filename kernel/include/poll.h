/*
 * poll.h — readiness: how a file says which events are ready and on which
 * channels its state changes are announced (Linux's poll_table and wait
 * queues, on top of Hako's sleep_on/wakeup channels).
 *
 * A file's poll operation returns its ready mask (POLLIN, POLLOUT, ...)
 * and calls poll_wait(pt, chan) for each channel it wakeup()s when that
 * mask may change (a pipe: the pipe; the console: the tty). poll_wait
 * hangs a poll_entry on `chan` in a small hash of watched channels; every
 * wakeup(chan) then runs each entry's function (sched.c calls
 * poll_wake_channel). select/poll use entries that wake the poller;
 * epoll's entries put their item on the instance's ready list. A NULL
 * table only asks for the mask.
 */
#ifndef HAKO_POLL_H
#define HAKO_POLL_H

#include "types.h"
#include "list.h"
#include "hako/poll.h"

struct file;
struct poll_entry;

typedef void (*poll_wake_fn)(struct poll_entry *e);

struct poll_entry {
  struct list_head node;   /* in the hash bucket of chan */
  void *chan;
  poll_wake_fn func;
  void *owner;             /* the poller's table, or an epoll item */
};

/* Where poll_wait puts entries: an array the caller owns. */
struct poll_table {
  struct poll_entry *entries;
  int n, cap;
  poll_wake_fn func;
  void *owner;
  int overflow;            /* more channels than room: the caller re-polls */
};

/* Mask of a file that has no poll operation (regular files, directories,
 * /dev/null...): always readable and writable, as Linux's DEFAULT_POLLMASK. */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

void poll_wait(struct poll_table *pt, void *chan);
void poll_entry_add(struct poll_entry *e);      /* hang e on e->chan */
void poll_entry_remove(struct poll_entry *e);
void poll_table_release(struct poll_table *pt);  /* remove every entry */
void poll_wake_channel(void *chan);               /* from wakeup() */
int file_poll(struct file *f, struct poll_table *pt);   /* ops->poll or DEFAULT_POLLMASK */

/* eventpoll.c: the last close of a file drops it from every epoll set. */
void eventpoll_file_closed(struct file *f);

#endif
