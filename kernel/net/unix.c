/*
 * unix.c — AF_UNIX sockets: SOCK_STREAM (connections through a listening
 * socket's accept queue) and SOCK_DGRAM (messages), named by a path in
 * the file system (a socket inode made by the VFS mknod path) or unnamed
 * (socketpair, an unbound client).
 *
 * Stream: each side has a receive ring; a send copies into the peer's
 * ring (blocking while it is full), a receive takes from its own. A
 * connect to a listening name makes the server's side at once and queues
 * it for accept (Linux's AF_UNIX does the same: connect does not wait for
 * accept unless the backlog is full). Datagram: a receive queue of whole
 * messages (a byte budget of rcvbuf); a send names its target by path,
 * looked up again on every attempt, so nothing points at a socket that
 * may be gone.
 *
 * Invariants (interrupts off around every change): a.peer == b iff
 * b.peer == a; a socket that closes clears its peer's pointer and sets
 * its peer_gone, so the other side reads end of file and writes EPIPE.
 * Every state change of a socket wakes the socket itself and its peer;
 * a sleeper sleeps on its own socket (so poll_wait(sk) covers all).
 * A bound socket holds a reference on its inode and is on `bound`;
 * unlink of the name leaves the socket working, unreachable by name.
 * Each socket belongs to a network namespace (referenced; its creator's,
 * and a connection's server side its listener's), which decides only
 * where /proc/net/unix lists it: names are paths, found through the file
 * system whatever the namespace, as on Linux (there are no abstract names).
 */
#include "arch.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "net.h"
#include "net_ns.h"
#include "poll.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"
#include "hako/stat.h"
#include "vm.h"

#define UNIX_RING 16384
#define UNIX_DGRAM_BUDGET 16384
#define UNIX_DGRAM_MAX 16384

enum { SS_UNCONNECTED, SS_LISTENING, SS_CONNECTED };

struct dgram {
  struct dgram *next;
  u32 len;
  char from[UNIX_PATH_MAX];
  char data[1];
};

struct unix_sock {
  struct socket *sock;
  struct list_head all_node;   /* every AF_UNIX socket (/proc/net/unix, lookups by name) */
  int state;
  struct unix_sock *peer;
  int peer_gone;               /* a connected peer closed */
  int shut_rd, shut_wr;        /* this side's shutdowns */
  int peer_shut_wr;            /* the peer shut its writing: end of file after the data */
  char *ring;
  u32 head, tail;
  struct dgram *dq_head, *dq_tail;
  u32 dq_bytes;
  struct unix_sock *accept_head, *accept_tail, *accept_next;
  int backlog, queued;
  struct inode *inode;         /* the bound name's inode, referenced */
  char path[UNIX_PATH_MAX];    /* the bound name ("" unbound) */
  char dgram_peer[UNIX_PATH_MAX];   /* a connected datagram socket's target */
  u32 ino;
  struct net *net;             /* its network namespace, referenced */
};

static struct list_head all_unix = { &all_unix, &all_unix };
static u32 next_ino = 100000;

static void wake_both(struct unix_sock *u) {
  wakeup(u);
  if (u->peer) wakeup(u->peer);
}

static struct unix_sock *usk(struct socket *s) {
  return (struct unix_sock *)s->sk;
}

/* The path of a sockaddr_un, NUL-terminated into out; -EINVAL if none. */
static int addr_path(const void *addr, u32 len, char *out) {
  const struct sockaddr_un *a = (const struct sockaddr_un *)addr;
  u32 n;
  if (len <= 2 || len > sizeof(struct sockaddr_un) || a->sun_family != AF_UNIX) return -EINVAL;
  n = len - 2;
  memcpy(out, a->sun_path, n);
  if (n == UNIX_PATH_MAX && out[n - 1] != 0) return -EINVAL;
  if (n < UNIX_PATH_MAX) out[n] = 0;
  if (out[0] == 0) return -EINVAL;   /* abstract names: not supported */
  return 0;
}

/* The bound socket of a path: found through its inode. */
static struct unix_sock *lookup_name(const char *path, int type, int *err) {
  struct inode *ip = namei(path, 1, err);
  struct list_head *n;
  struct unix_sock *found = NULL;
  if (ip == NULL) return NULL;
  for (n = all_unix.next; n != &all_unix; n = n->next) {
    struct unix_sock *u = list_entry(n, struct unix_sock, all_node);
    if (u->inode == ip) found = u;
  }
  inode_put(ip);
  if (found == NULL) *err = -ECONNREFUSED;
  else if (found->sock->type != type) {
    *err = -EPROTOTYPE;
    found = NULL;
  }
  return found;
}

int unix_create(struct socket *s);

static int unix_bind(struct socket *s, const void *addr, u32 len) {
  struct unix_sock *u = usk(s);
  char path[UNIX_PATH_MAX + 1];
  struct inode *ip;
  int err = addr_path(addr, len, path);
  if (err) return err;
  if (u->inode) return -EINVAL;   /* already bound */
  err = vfs_mknod(NULL, path, S_IFSOCK | 0777, 0);
  if (err == -EEXIST) return -EADDRINUSE;
  if (err) return err;
  ip = namei(path, 0, &err);
  if (ip == NULL) return err;
  u->inode = ip;
  memcpy(u->path, path, UNIX_PATH_MAX);
  return 0;
}

static void link_pair(struct unix_sock *a, struct unix_sock *b) {
  a->peer = b;
  b->peer = a;
  a->state = SS_CONNECTED;
  b->state = SS_CONNECTED;
}

static int unix_connect(struct socket *s, const void *addr, u32 len, int nonblock) {
  struct unix_sock *u = usk(s), *l;
  char path[UNIX_PATH_MAX + 1];
  struct socket *ns;
  u32 flags;
  int err = addr_path(addr, len, path);
  if (err) return err;
  if (s->type == SOCK_DGRAM) {
    l = lookup_name(path, SOCK_DGRAM, &err);
    if (l == NULL) return err;
    memcpy(u->dgram_peer, path, UNIX_PATH_MAX);
    return 0;
  }
  if (u->state == SS_CONNECTED) return -EISCONN;
  if (u->state == SS_LISTENING) return -EINVAL;
  ns = socket_alloc(AF_UNIX, s->type);
  if (ns == NULL) return -ENOMEM;
  for (;;) {
    l = lookup_name(path, SOCK_STREAM, &err);
    if (l == NULL || l->state != SS_LISTENING) {
      socket_free(ns);
      return l ? -ECONNREFUSED : err;
    }
    flags = irq_save();
    if (l->queued < l->backlog) break;
    if (nonblock) {
      irq_restore(flags);
      socket_free(ns);
      return -EAGAIN;
    }
    err = sleep_on(u);   /* woken by accept (wakes every waiting client) */
    irq_restore(flags);
    if (err) {
      socket_free(ns);
      return -EINTR;
    }
  }
  link_pair(u, usk(ns));
  memcpy(usk(ns)->path, l->path, UNIX_PATH_MAX);
  if (usk(ns)->net != l->net) {   /* the server's side lives where its listener does */
    net_put(usk(ns)->net);
    usk(ns)->net = l->net;
    net_get(l->net);
  }
  if (l->accept_tail) l->accept_tail->accept_next = usk(ns);
  else l->accept_head = usk(ns);
  l->accept_tail = usk(ns);
  l->queued++;
  wakeup(l);
  irq_restore(flags);
  return 0;
}

static int unix_listen(struct socket *s, int backlog) {
  struct unix_sock *u = usk(s);
  if (s->type != SOCK_STREAM) return -EOPNOTSUPP;
  if (u->inode == NULL || u->state == SS_CONNECTED) return -EINVAL;
  if (backlog < 0) backlog = 0;
  if (backlog > SOMAXCONN) backlog = SOMAXCONN;
  u->backlog = backlog + 1;   /* Linux lets backlog + 1 wait */
  u->state = SS_LISTENING;
  return 0;
}

/* Every process connecting waits on its own socket: wake them all. */
static void wake_connecters(void) {
  struct list_head *n;
  for (n = all_unix.next; n != &all_unix; n = n->next) {
    struct unix_sock *c = list_entry(n, struct unix_sock, all_node);
    if (c->state == SS_UNCONNECTED && c->sock->type == SOCK_STREAM) wakeup(c);
  }
}

static int unix_accept(struct socket *s, struct socket **out, int nonblock) {
  struct unix_sock *u = usk(s), *c;
  u32 flags;
  if (u->state != SS_LISTENING) return -EINVAL;
  flags = irq_save();
  while (u->accept_head == NULL) {
    if (nonblock) {
      irq_restore(flags);
      return -EAGAIN;
    }
    if (sleep_on(u) != 0) {
      irq_restore(flags);
      return -EINTR;
    }
  }
  c = u->accept_head;
  u->accept_head = c->accept_next;
  if (u->accept_head == NULL) u->accept_tail = NULL;
  c->accept_next = NULL;
  u->queued--;
  wake_connecters();
  irq_restore(flags);
  *out = c->sock;
  return 0;
}

static int unix_name(struct socket *s, void *addr, u32 *len, int peer) {
  struct unix_sock *u = usk(s);
  struct sockaddr_un *a = (struct sockaddr_un *)addr;
  const char *path = u->path;
  u32 n;
  if (peer) {
    if (s->type == SOCK_DGRAM) {
      if (u->dgram_peer[0] == 0) return -ENOTCONN;
      path = u->dgram_peer;
    } else {
      if (u->state != SS_CONNECTED) return -ENOTCONN;
      path = u->peer ? u->peer->path : "";
    }
  }
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  n = strlen(path);
  if (n >= UNIX_PATH_MAX) n = UNIX_PATH_MAX - 1;
  memcpy(a->sun_path, path, n);
  *len = n ? 2 + n + 1 : 2;   /* Linux counts the NUL of a path name */
  return 0;
}

static int stream_send(struct socket *s, const char *ubuf, u32 n, int flags, int nonblock) {
  struct unix_sock *u = usk(s);
  char chunk[256];
  u32 done = 0;
  u32 irq = irq_save();
  if (u->state != SS_CONNECTED && !u->peer_gone) {
    irq_restore(irq);
    return -ENOTCONN;
  }
  while (done < n) {
    struct unix_sock *p = u->peer;
    u32 space, len, i;
    if (u->shut_wr || p == NULL || p->shut_rd) {
      if (!(flags & MSG_NOSIGNAL)) send_signal(current, SIGPIPE);
      irq_restore(irq);
      return done ? (int)done : -EPIPE;
    }
    space = UNIX_RING - (p->head - p->tail);
    if (space == 0) {
      if (nonblock) break;
      if (sleep_on(u) != 0) {
        irq_restore(irq);
        return done ? (int)done : -EINTR;
      }
      continue;
    }
    len = MIN(MIN(n - done, space), sizeof chunk);
    if (copyin(chunk, ubuf + done, len) != 0) {
      irq_restore(irq);
      return done ? (int)done : -EFAULT;
    }
    for (i = 0; i < len; i++) p->ring[(p->head + i) % UNIX_RING] = chunk[i];
    p->head += len;
    done += len;
    wakeup(p);
  }
  irq_restore(irq);
  if (done == 0 && n > 0) return -EAGAIN;
  return (int)done;
}

static int stream_recv(struct socket *s, char *ubuf, u32 n, int flags, int nonblock) {
  struct unix_sock *u = usk(s);
  char chunk[256];
  u32 done = 0;
  u32 irq = irq_save();
  if (u->state != SS_CONNECTED && !u->peer_gone) {
    irq_restore(irq);
    return u->state == SS_LISTENING ? -EINVAL : -ENOTCONN;
  }
  while (u->head == u->tail) {
    if (u->shut_rd || u->peer == NULL || u->peer_shut_wr || n == 0) {
      irq_restore(irq);
      return 0;
    }
    if (nonblock) {
      irq_restore(irq);
      return -EAGAIN;
    }
    if (sleep_on(u) != 0) {
      irq_restore(irq);
      return -EINTR;
    }
  }
  while (done < n && u->head != u->tail + (flags & MSG_PEEK ? done : 0)) {
    u32 from = u->tail + ((flags & MSG_PEEK) ? done : 0);
    u32 len = MIN(MIN(n - done, u->head - from), sizeof chunk);
    u32 i;
    for (i = 0; i < len; i++) chunk[i] = u->ring[(from + i) % UNIX_RING];
    if (copyout(ubuf + done, chunk, len) != 0) {
      irq_restore(irq);
      return done ? (int)done : -EFAULT;
    }
    if (!(flags & MSG_PEEK)) u->tail += len;
    done += len;
  }
  wake_both(u);
  irq_restore(irq);
  return (int)done;
}

static int dgram_send(struct socket *s, const char *ubuf, u32 n, const void *addr, u32 alen, int nonblock) {
  struct unix_sock *u = usk(s), *t;
  char path[UNIX_PATH_MAX + 1];
  struct dgram *d;
  int err;
  u32 irq;
  /* a socketpair's other end, which has no name (gone: refused once, as Linux, then not connected) */
  int to_pair = addr == NULL && (u->peer != NULL || u->peer_gone);
  if (addr) {
    err = addr_path(addr, alen, path);
    if (err) return err;
  } else if (!to_pair) {
    if (u->dgram_peer[0] == 0) return -ENOTCONN;
    memcpy(path, u->dgram_peer, UNIX_PATH_MAX);
    path[UNIX_PATH_MAX] = 0;
  }
  if (n > UNIX_DGRAM_MAX) return -EMSGSIZE;
  d = (struct dgram *)kmalloc(sizeof(struct dgram) + n);
  if (d == NULL) return -ENOBUFS;
  if (n && copyin(d->data, ubuf, n) != 0) {
    kfree(d);
    return -EFAULT;
  }
  d->len = n;
  memcpy(d->from, u->path, UNIX_PATH_MAX);
  for (;;) {
    if (to_pair) {
      t = u->peer;
      if (t == NULL) u->peer_gone = 0;
      err = -ECONNREFUSED;
    } else {
      t = lookup_name(path, SOCK_DGRAM, &err);
    }
    if (t == NULL) {
      kfree(d);
      return err;
    }
    irq = irq_save();
    if (t->dq_bytes == 0 || t->dq_bytes + n <= t->sock->rcvbuf) break;
    if (nonblock) {
      irq_restore(irq);
      kfree(d);
      return -EAGAIN;
    }
    err = sleep_on(&all_unix);   /* woken when any datagram queue shrinks */
    irq_restore(irq);
    if (err) {
      kfree(d);
      return -EINTR;
    }
  }
  d->next = NULL;
  if (t->dq_tail) t->dq_tail->next = d;
  else t->dq_head = d;
  t->dq_tail = d;
  t->dq_bytes += n;
  wakeup(t);
  irq_restore(irq);
  return (int)n;
}

static int dgram_recv(struct socket *s, char *ubuf, u32 n, int flags, void *addr, u32 *alen, int nonblock) {
  struct unix_sock *u = usk(s);
  struct dgram *d;
  u32 len, irq = irq_save();
  while (u->dq_head == NULL) {
    if (u->shut_rd) {
      irq_restore(irq);
      return 0;
    }
    if (nonblock) {
      irq_restore(irq);
      return -EAGAIN;
    }
    if (sleep_on(u) != 0) {
      irq_restore(irq);
      return -EINTR;
    }
  }
  d = u->dq_head;
  if (!(flags & MSG_PEEK)) {
    u->dq_head = d->next;
    if (u->dq_head == NULL) u->dq_tail = NULL;
    u->dq_bytes -= d->len;
    wakeup(&all_unix);
  }
  irq_restore(irq);
  len = MIN(n, d->len);   /* the rest of a longer message is lost, as Linux */
  if (len && copyout(ubuf, d->data, len) != 0) len = (u32)-EFAULT;
  if (addr) {
    struct sockaddr_un *a = (struct sockaddr_un *)addr;
    u32 pl = strlen(d->from);
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    memcpy(a->sun_path, d->from, pl);
    *alen = pl ? 2 + pl + 1 : 2;
  }
  if (!(flags & MSG_PEEK)) kfree(d);
  return (int)len;
}

static int unix_sendto(struct socket *s, const char *ubuf, u32 n, int flags, const void *addr, u32 alen, int nonblock) {
  if (s->type == SOCK_DGRAM) return dgram_send(s, ubuf, n, addr, alen, nonblock);
  if (addr) return usk(s)->state == SS_CONNECTED ? -EISCONN : -EOPNOTSUPP;
  return stream_send(s, ubuf, n, flags, nonblock);
}

static int unix_recvfrom(struct socket *s, char *ubuf, u32 n, int flags, void *addr, u32 *alen, int nonblock) {
  if (s->type == SOCK_DGRAM) return dgram_recv(s, ubuf, n, flags, addr, alen, nonblock);
  if (addr) *alen = 0;
  return stream_recv(s, ubuf, n, flags, nonblock);
}

static int unix_shutdown(struct socket *s, int how) {
  struct unix_sock *u = usk(s);
  u32 irq;
  if (how < SHUT_RD || how > SHUT_RDWR) return -EINVAL;
  if (s->type == SOCK_STREAM && u->state != SS_CONNECTED) return -ENOTCONN;
  irq = irq_save();
  if (how != SHUT_WR) u->shut_rd = 1;
  if (how != SHUT_RD) {
    u->shut_wr = 1;
    if (u->peer) u->peer->peer_shut_wr = 1;
  }
  wake_both(u);
  irq_restore(irq);
  return 0;
}

static int unix_poll(struct socket *s, struct poll_table *pt) {
  struct unix_sock *u = usk(s);
  int mask = 0;
  poll_wait(pt, u);
  if (u->state == SS_LISTENING) return u->accept_head ? POLLIN | POLLRDNORM : 0;
  if (s->type == SOCK_DGRAM) {
    if (u->dq_head) mask |= POLLIN | POLLRDNORM;
    if (u->shut_rd) mask |= POLLRDHUP | POLLIN | POLLRDNORM;
    return mask | POLLOUT | POLLWRNORM;
  }
  if (u->head != u->tail) mask |= POLLIN | POLLRDNORM;
  if (u->shut_rd || u->peer_shut_wr) mask |= POLLRDHUP | POLLIN | POLLRDNORM;
  if ((u->shut_rd && u->shut_wr) || u->peer_gone) mask |= POLLHUP | POLLIN | POLLRDNORM;
  if (u->state == SS_CONNECTED && u->peer && !u->shut_wr && UNIX_RING - (u->peer->head - u->peer->tail) > 0)
    mask |= POLLOUT | POLLWRNORM;
  if (u->state == SS_CONNECTED && u->peer == NULL) mask |= POLLOUT | POLLWRNORM;   /* a send fails at once */
  if (u->state == SS_UNCONNECTED && s->type == SOCK_STREAM) mask |= POLLOUT | POLLWRNORM | POLLHUP;
  return mask;
}

static int unix_socketpair(struct socket *a, struct socket *b) {
  u32 irq = irq_save();
  link_pair(usk(a), usk(b));
  irq_restore(irq);
  return 0;
}

static int unix_release(struct socket *s) {
  struct unix_sock *u = usk(s);
  u32 irq = irq_save();
  struct dgram *d;
  while (u->accept_head) {   /* connections never accepted: their clients see a reset */
    struct unix_sock *c = u->accept_head;
    u->accept_head = c->accept_next;
    irq_restore(irq);
    socket_free(c->sock);
    irq = irq_save();
  }
  if (u->peer) {
    u->peer->peer = NULL;
    u->peer->peer_gone = 1;
    u->peer->peer_shut_wr = 1;   /* as Linux: the survivor sees both directions shut */
    wakeup(u->peer);
    u->peer = NULL;
  }
  list_del(&u->all_node);
  wake_connecters();
  irq_restore(irq);
  while ((d = u->dq_head) != NULL) {
    u->dq_head = d->next;
    kfree(d);
  }
  if (u->inode) inode_put(u->inode);
  if (u->ring) kfree(u->ring);
  net_put(u->net);
  kfree(u);
  return 0;
}

static const struct proto_ops unix_ops = {
  .release = unix_release,
  .bind = unix_bind,
  .connect = unix_connect,
  .listen = unix_listen,
  .accept = unix_accept,
  .name = unix_name,
  .sendto = unix_sendto,
  .recvfrom = unix_recvfrom,
  .shutdown = unix_shutdown,
  .poll = unix_poll,
  .socketpair = unix_socketpair,
};

int unix_create(struct socket *s) {
  struct unix_sock *u;
  u32 irq;
  if (s->type != SOCK_STREAM && s->type != SOCK_DGRAM) return -ESOCKTNOSUPPORT;
  u = (struct unix_sock *)kmalloc(sizeof *u);
  if (u == NULL) return -ENOMEM;
  memset(u, 0, sizeof *u);
  if (s->type == SOCK_STREAM) {
    u->ring = (char *)kmalloc(UNIX_RING);
    if (u->ring == NULL) {
      kfree(u);
      return -ENOMEM;
    }
  }
  u->sock = s;
  u->net = current_net();
  net_get(u->net);
  s->sk = u;
  s->ops = &unix_ops;
  s->rcvbuf = UNIX_DGRAM_BUDGET;
  s->sndbuf = UNIX_RING;
  irq = irq_save();
  u->ino = next_ino++;
  list_add_tail(&u->all_node, &all_unix);
  irq_restore(irq);
  return 0;
}

/* Line `index` of /proc/net/unix into buf (0 the header), Linux's
 * columns: Num (the socket's address) RefCount Protocol Flags (__SO_ACCEPTCON
 * 0x10000 on a listener) Type St (SS_UNCONNECTED 1, SS_CONNECTED 3) Inode
 * Path. Returns the length, or -1 past the last socket. */
int unix_proc_net_line(int index, char *buf, u32 size) {
  struct list_head *n;
  int i = 1;
  if (index == 0) return snprintf(buf, size, "Num       RefCount Protocol Flags    Type St Inode Path\n");
  for (n = all_unix.next; n != &all_unix; n = n->next) {
    struct unix_sock *u = list_entry(n, struct unix_sock, all_node);
    if (u->net != current_net()) continue;   /* the reader's namespace's only */
    if (i++ != index) continue;
    return snprintf(buf, size, "%08X: %08X %08X %08X %04X %02X %5u%s%s\n", (u32)u, 2u, 0u,
                    u->state == SS_LISTENING ? 0x10000u : 0u, (u32)u->sock->type, u->state == SS_CONNECTED ? 3u : 1u,
                    u->ino, u->path[0] ? " " : "", u->path);
  }
  return -1;
}
