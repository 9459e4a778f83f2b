/*
 * tcp.c — TCP sockets (RFC 793, 9293): the state machine seen from the
 * system calls, connection set-up and teardown, the socket operations,
 * the timers, /proc/net/tcp and its debugger twin (the kdebug TCP table
 * the page's network pane reads). tcp_input.c handles arriving segments,
 * tcp_output.c sends and retransmits.
 *
 * The state diagram, in words:
 * - CLOSED → LISTEN by listen(); a SYN to a listener makes a child in
 *   SYN_RECV (SYN-ACK sent), which the handshake's ACK makes ESTABLISHED
 *   and puts on the listener's accept queue; accept() takes it from there.
 * - CLOSED → SYN_SENT by connect() (SYN sent); a SYN-ACK makes it
 *   ESTABLISHED (ACK sent), a bare SYN (simultaneous open) SYN_RECV, a
 *   RST ends it with ECONNREFUSED, silence with ETIMEDOUT.
 * - Active close (close or shutdown(SHUT_WR) first): ESTABLISHED →
 *   FIN_WAIT1 (FIN sent) → FIN_WAIT2 when it is acknowledged → TIME_WAIT
 *   on the peer's FIN; a FIN before our FIN's ACK (simultaneous close)
 *   goes FIN_WAIT1 → CLOSING → TIME_WAIT. TIME_WAIT lasts 2MSL (60 s,
 *   Linux's length), acknowledging any repeated FIN, then CLOSED.
 * - Passive close (the peer's FIN first): ESTABLISHED → CLOSE_WAIT
 *   (reads see end of file) → LAST_ACK when we close or shut writing →
 *   CLOSED when our FIN is acknowledged.
 * - A RST in the window ends any synchronized state: ECONNRESET for the
 *   owner (from ESTABLISHED, FIN_WAIT1/2, CLOSE_WAIT). close() with
 *   unread data sends RST instead of FIN (as Linux), so the peer knows
 *   data was lost.
 *
 * Ownership: an isock belongs to its socket while one exists. close()
 * leaves a connection that must still finish (FIN_WAIT, CLOSING,
 * LAST_ACK, TIME_WAIT) as an orphan (sock NULL, parent NULL) that
 * tcp_done frees when it reaches CLOSED; a listener's children belong
 * to it until accepted (parent set), and die with it (RST).
 *
 * Buffers: each connection has a send ring and a receive ring of
 * SO_SNDBUF and SO_RCVBUF bytes (64 KiB by default; set before connect
 * or listen to change them); the advertised window is the receive
 * ring's free space (at most 65535: no window scaling), so a reader
 * that does not read stops the sender (zero window, then probes).
 */
#include "arch.h"
#include "dev.h"
#include "inet.h"
#include "lib.h"
#include "net_ns.h"
#include "mm.h"
#include "net.h"
#include "poll.h"
#include "proc.h"
#include "signal.h"
#include "vm.h"
#include "hako/errno.h"
#include "gen/kdebug_layout.h"

#define TCP_RING_MIN 2048
#define TCP_RING_MAX (256 * 1024)

static struct isock *isk(struct socket *s) {
  return (struct isock *)s->sk;
}

void tcp_set_state(struct isock *sk, int state) {
  sk->state = state;
  if (state == TCP_ESTABLISHED) sk->connected = 1;
}

static u32 clamp_ring(u32 n) {
  return n < TCP_RING_MIN ? TCP_RING_MIN : n > TCP_RING_MAX ? TCP_RING_MAX : n;
}

/* Buffers, MSS and timers of a new connection (either side). */
void tcp_conn_init(struct isock *sk) {
  sk->rbuf_size = clamp_ring(sk->rcvbuf);
  sk->sbuf_size = clamp_ring(sk->sndbuf);
  sk->rbuf = (char *)kmalloc(sk->rbuf_size);
  sk->sbuf = (char *)kmalloc(sk->sbuf_size);
  if (sk->rbuf == NULL || sk->sbuf == NULL) {
    if (sk->rbuf) kfree(sk->rbuf);
    if (sk->sbuf) kfree(sk->sbuf);
    sk->rbuf = sk->sbuf = NULL;
    return;
  }
  {
    u32 nexthop, src;
    struct netdev *dev = route_output(sk->net, sk->raddr, &nexthop, &src);
    sk->mss = dev ? MIN(dev->mtu - 40, 16000u) : 536;
  }
  sk->rto = 100;   /* 1 s before the first RTT sample (RFC 6298) */
}

/* RFC 6528's shape: a clock ticking every 4 µs plus a hash of the
 * connection, so a new incarnation starts past the old one's numbers. */
u32 tcp_new_isn(struct isock *sk) {
  u32 h = sk->laddr * 2654435761u ^ sk->raddr * 40503u ^ ((u32)sk->lport << 16 | sk->rport) * 2246822519u;
  h ^= h >> 15;
  return timer_uptime_us_low() / 4 + h;
}

/* The handshake of a listener's child completed: queue it for accept. */
void tcp_child_established(struct isock *c) {
  struct isock *l = c->parent;
  c->acc_next = NULL;
  if (l->acc_tail) l->acc_tail->acc_next = c;
  else l->acc_head = c;
  l->acc_tail = c;
  isock_wake(l);
}

static void unqueue_child(struct isock *c) {
  struct isock *l = c->parent, **at;
  for (at = &l->acc_head; *at; at = &(*at)->acc_next) {
    if (*at == c) {
      *at = c->acc_next;
      break;
    }
  }
  l->acc_tail = NULL;
  for (at = &l->acc_head; *at; at = &(*at)->acc_next) l->acc_tail = *at;
  l->nchild--;
  c->parent = NULL;
}

/* The connection reached CLOSED: the owner sees err (0: an orderly
 * end); an orphan or an unaccepted child is freed. The caller must not
 * touch sk afterwards unless it owns the socket. */
void tcp_done(struct isock *sk, int err) {
  tcp_set_state(sk, TCP_CLOSED);
  sk->rto_at = 0;
  sk->tw_at = 0;
  if (err) sk->err = err;
  isock_wake(sk);
  if (sk->parent) {
    unqueue_child(sk);
    isock_free(sk);
  } else if (sk->sock == NULL) {
    isock_free(sk);
  }
}

static int tcp_bind(struct socket *s, const void *addr, u32 len) {
  struct isock *sk = isk(s);
  u32 ip;
  u16 port;
  int err = inet_sockaddr(addr, len, &ip, &port);
  if (err) return err;
  if (sk->lport || sk->state != TCP_CLOSED) return -EINVAL;
  if (ip != 0 && !inet_addr_is_local(sk->net, ip)) return -EADDRNOTAVAIL;
  if (port != 0 && ntohs(port) < 1024 && current->uid != 0) return -EACCES;
  sk->reuse = s->reuseaddr;
  sk->laddr = ip;
  if (port == 0) port = inet_ephemeral_port(sk);
  if (port == 0 || inet_port_in_use(sk, ip, port)) {
    sk->laddr = 0;
    return -EADDRINUSE;
  }
  sk->lport = port;
  return 0;
}

static int tcp_listen(struct socket *s, int backlog) {
  struct isock *sk = isk(s);
  if (sk->state != TCP_CLOSED && sk->state != TCP_LISTEN) return -EINVAL;
  if (sk->connected) return -EINVAL;
  if (sk->lport == 0) {
    sk->reuse = s->reuseaddr;
    sk->lport = inet_ephemeral_port(sk);
    if (sk->lport == 0) return -EADDRINUSE;
  } else if (sk->state == TCP_CLOSED) {
    /* SO_REUSEADDR let bind share the port with connections; two listeners never */
    struct list_head *n;
    for (n = tcp_socks.next; n != &tcp_socks; n = n->next) {
      struct isock *o = list_entry(n, struct isock, node);
      if (o != sk && o->net == sk->net && o->state == TCP_LISTEN && o->lport == sk->lport &&
          (o->laddr == 0 || sk->laddr == 0 || o->laddr == sk->laddr))
        return -EADDRINUSE;
    }
  }
  if (backlog < 0) backlog = 0;
  if (backlog > SOMAXCONN) backlog = SOMAXCONN;
  sk->backlog = backlog + 1;   /* Linux lets backlog + 1 wait */
  sk->rcvbuf = s->rcvbuf;
  sk->sndbuf = s->sndbuf;
  tcp_set_state(sk, TCP_LISTEN);
  return 0;
}

static int tcp_connect(struct socket *s, const void *addr, u32 len, int nonblock) {
  struct isock *sk = isk(s);
  u32 ip, nexthop, src, irq;
  u16 port;
  int err;
  if (sk->state == TCP_SYN_SENT || sk->state == TCP_SYN_RECV) return -EALREADY;
  if (sk->state == TCP_LISTEN) return -EISCONN;
  if (sk->state != TCP_CLOSED || sk->connected) {
    if (sk->state == TCP_CLOSED && sk->err) {
      err = -sk->err;
      sk->err = 0;
      return err;
    }
    return -EISCONN;
  }
  if ((err = inet_sockaddr(addr, len, &ip, &port)) != 0) return err;
  if (ip == 0xffffffffu) return -ENETUNREACH;
  if (port == 0) return -ECONNREFUSED;
  if (route_output(sk->net, ip, &nexthop, &src) == NULL) return -ENETUNREACH;
  if (sk->laddr == 0) sk->laddr = src;
  sk->raddr = ip;
  sk->rport = port;
  if (sk->lport == 0) {
    sk->reuse = s->reuseaddr;
    sk->lport = inet_ephemeral_port(sk);
    if (sk->lport == 0) return -EAGAIN;   /* Linux: no ephemeral port left */
  }
  sk->rcvbuf = s->rcvbuf;
  sk->sndbuf = s->sndbuf;
  tcp_conn_init(sk);
  if (sk->rbuf == NULL) return -ENOMEM;
  sk->iss = tcp_new_isn(sk);
  sk->snd_una = sk->iss;
  sk->snd_nxt = sk->iss + 1;
  sk->snd_max = sk->snd_nxt;
  sk->sbuf_seq = sk->iss + 1;
  sk->err = 0;
  tcp_set_state(sk, TCP_SYN_SENT);
  sk->net->stats.tcp_active_opens++;
  tcp_send_ctl(sk, TH_SYN);
  sk->rtt_start = jiffies | 1;
  sk->rtt_seq = sk->iss + 1;
  tcp_arm_rto(sk);
  if (nonblock) return -EINPROGRESS;
  irq = irq_save();
  while (sk->state == TCP_SYN_SENT || sk->state == TCP_SYN_RECV) {
    if (sleep_on(sk) != 0) {
      irq_restore(irq);
      return -EINTR;   /* the handshake goes on; SO_ERROR or a later connect tells */
    }
  }
  irq_restore(irq);
  if (sk->state == TCP_CLOSED) {
    err = sk->err ? -sk->err : -ECONNREFUSED;
    sk->err = 0;
    sk->connected = 0;
    return err;
  }
  return 0;
}

static int tcp_accept(struct socket *s, struct socket **out, int nonblock) {
  struct isock *l = isk(s), *c;
  struct socket *ns;
  u32 irq;
  if (l->state != TCP_LISTEN) return -EINVAL;
  ns = (struct socket *)kmalloc(sizeof *ns);
  if (ns == NULL) return -ENOMEM;
  irq = irq_save();
  while (l->acc_head == NULL) {
    if (nonblock || l->state != TCP_LISTEN) {
      irq_restore(irq);
      kfree(ns);
      return l->state != TCP_LISTEN ? -EINVAL : -EAGAIN;
    }
    if (sleep_on(l) != 0) {
      irq_restore(irq);
      kfree(ns);
      return -EINTR;
    }
  }
  c = l->acc_head;
  unqueue_child(c);
  irq_restore(irq);
  memset(ns, 0, sizeof *ns);
  ns->family = AF_INET;
  ns->type = SOCK_STREAM;
  ns->ops = &tcp_ops;
  ns->sk = c;
  ns->rcvbuf = c->rcvbuf;
  ns->sndbuf = c->sndbuf;
  ns->reuseaddr = s->reuseaddr;
  c->sock = ns;
  *out = ns;
  return 0;
}

static int tcp_name(struct socket *s, void *addr, u32 *len, int peer) {
  struct isock *sk = isk(s);
  if (peer) {
    if (!sk->connected || (sk->state == TCP_CLOSED)) return -ENOTCONN;
    inet_fill_addr(addr, len, sk->raddr, sk->rport);
  } else {
    inet_fill_addr(addr, len, sk->laddr, sk->lport);
  }
  return 0;
}

static int take_err(struct isock *sk) {
  int e = sk->err;
  sk->err = 0;
  return -e;
}

static int tcp_send(struct socket *s, const char *ubuf, u32 n, int flags, const void *addr, u32 alen, int nonblock) {
  struct isock *sk = isk(s);
  u32 done = 0, irq;
  (void)alen;
  if (addr && sk->connected) return -EISCONN;
  irq = irq_save();
  while (done < n || n == 0) {
    u32 space, tail, first, chunk;
    if (sk->err) {
      int e = take_err(sk);
      irq_restore(irq);
      return done ? (int)done : e;
    }
    if (sk->state == TCP_SYN_SENT || sk->state == TCP_SYN_RECV) {
      if (nonblock) break;
      if (sleep_on(sk) != 0) {
        irq_restore(irq);
        return done ? (int)done : -EINTR;
      }
      continue;
    }
    if (sk->state != TCP_ESTABLISHED && sk->state != TCP_CLOSE_WAIT) {
      irq_restore(irq);
      if (done) return (int)done;
      if (!sk->connected && sk->state != TCP_FIN_WAIT1) return -ENOTCONN;
      if (!(flags & MSG_NOSIGNAL)) send_signal(current, SIGPIPE);
      return -EPIPE;
    }
    if (sk->fin_queued || sk->shut_wr) {
      irq_restore(irq);
      if (done) return (int)done;
      if (!(flags & MSG_NOSIGNAL)) send_signal(current, SIGPIPE);
      return -EPIPE;
    }
    if (n == 0) break;
    space = sk->sbuf_size - sk->sbuf_len;
    if (space == 0) {
      if (nonblock) break;
      if (sleep_on(sk) != 0) {
        irq_restore(irq);
        return done ? (int)done : -EINTR;
      }
      continue;
    }
    chunk = MIN(n - done, space);
    tail = (sk->sbuf_start + sk->sbuf_len) % sk->sbuf_size;
    first = MIN(chunk, sk->sbuf_size - tail);
    /* the ring's tail does not move while copyin may sleep: acks move start and len together */
    if (copyin(sk->sbuf + tail, ubuf + done, first) != 0 ||
        (first < chunk && copyin(sk->sbuf, ubuf + done + first, chunk - first) != 0)) {
      irq_restore(irq);
      return done ? (int)done : -EFAULT;
    }
    sk->sbuf_len += chunk;
    done += chunk;
    tcp_output(sk);
  }
  irq_restore(irq);
  if (done == 0 && n > 0) return -EAGAIN;
  return (int)done;
}

/* After a read made room: advertise it when the window grew by a
 * segment or half the ring (RFC 1122's receiver-side SWS avoidance). */
static void window_update(struct isock *sk) {
  u32 wnd = tcp_rcv_window(sk), adv = sk->rcv_adv - sk->rcv_nxt;
  if (sk->state != TCP_ESTABLISHED && sk->state != TCP_FIN_WAIT1 && sk->state != TCP_FIN_WAIT2) return;
  if (SEQ_GT(sk->rcv_nxt, sk->rcv_adv)) adv = 0;
  if (wnd > adv && wnd - adv >= MIN(sk->mss, sk->rbuf_size / 2)) tcp_send_ctl(sk, TH_ACK);
}

static int tcp_recv(struct socket *s, char *ubuf, u32 n, int flags, void *addr, u32 *alen, int nonblock) {
  struct isock *sk = isk(s);
  u32 done = 0, irq;
  if (addr) *alen = 0;
  irq = irq_save();
  while (done < n) {
    u32 k, first, at;
    if (sk->rbuf_len == 0) {
      if (done && !(flags & MSG_WAITALL)) break;
      if (sk->err) {
        int e = take_err(sk);
        irq_restore(irq);
        return done ? (int)done : e;
      }
      if (sk->fin_rcvd || sk->shut_rd) break;
      if (sk->state == TCP_LISTEN || (sk->state == TCP_CLOSED && !sk->connected)) {
        irq_restore(irq);
        return -ENOTCONN;
      }
      if (sk->state == TCP_CLOSED) break;
      if (nonblock) {
        irq_restore(irq);
        return done ? (int)done : -EAGAIN;
      }
      if (sleep_on(sk) != 0) {
        irq_restore(irq);
        return done ? (int)done : -EINTR;
      }
      continue;
    }
    k = MIN(n - done, sk->rbuf_len);
    at = sk->rbuf_start;
    first = MIN(k, sk->rbuf_size - at);
    if (copyout(ubuf + done, sk->rbuf + at, first) != 0 ||
        (first < k && copyout(ubuf + done + first, sk->rbuf, k - first) != 0)) {
      irq_restore(irq);
      return done ? (int)done : -EFAULT;
    }
    done += k;
    if (flags & MSG_PEEK) break;
    sk->rbuf_start = (sk->rbuf_start + k) % sk->rbuf_size;
    sk->rbuf_len -= k;
    window_update(sk);
  }
  irq_restore(irq);
  return (int)done;
}

static void queue_fin(struct isock *sk) {
  if (sk->fin_queued) return;
  sk->fin_queued = 1;
  if (sk->state == TCP_ESTABLISHED || sk->state == TCP_SYN_RECV) tcp_set_state(sk, TCP_FIN_WAIT1);
  else if (sk->state == TCP_CLOSE_WAIT) tcp_set_state(sk, TCP_LAST_ACK);
  tcp_output(sk);
}

static int tcp_shutdown(struct socket *s, int how) {
  struct isock *sk = isk(s);
  if (how < SHUT_RD || how > SHUT_RDWR) return -EINVAL;
  if (sk->state == TCP_CLOSED || sk->state == TCP_LISTEN || sk->state == TCP_SYN_SENT) return -ENOTCONN;
  if (how != SHUT_WR) sk->shut_rd = 1;
  if (how != SHUT_RD) {
    sk->shut_wr = 1;
    queue_fin(sk);
  }
  isock_wake(sk);
  return 0;
}

static int tcp_poll(struct socket *s, struct poll_table *pt) {
  struct isock *sk = isk(s);
  int mask = 0;
  poll_wait(pt, sk);
  if (sk->state == TCP_LISTEN) return sk->acc_head ? POLLIN | POLLRDNORM : 0;
  if (sk->err) mask |= POLLERR;
  if (sk->state == TCP_SYN_SENT || sk->state == TCP_SYN_RECV) return mask;
  if (sk->rbuf_len) mask |= POLLIN | POLLRDNORM;
  if (sk->fin_rcvd || sk->shut_rd) mask |= POLLIN | POLLRDNORM | POLLRDHUP;
  if (sk->state == TCP_CLOSED) return mask | POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLHUP;
  if ((sk->fin_rcvd || sk->shut_rd) && sk->fin_queued) mask |= POLLHUP;
  if (sk->fin_queued || sk->sbuf_len < sk->sbuf_size) mask |= POLLOUT | POLLWRNORM;
  return mask;
}

static int tcp_release(struct socket *s) {
  struct isock *sk = isk(s);
  sk->sock = NULL;
  switch (sk->state) {
  case TCP_LISTEN: {
    struct list_head *n, *next;
    for (n = tcp_socks.next; n != &tcp_socks; n = next) {   /* its children: reset and freed */
      struct isock *c = list_entry(n, struct isock, node);
      next = n->next;
      if (c->parent != sk) continue;
      tcp_send_ctl(c, TH_RST | TH_ACK);
      tcp_done(c, 0);
    }
    isock_free(sk);
    return 0;
  }
  case TCP_CLOSED:
  case TCP_SYN_SENT:
    isock_free(sk);
    return 0;
  case TCP_SYN_RECV:
  case TCP_ESTABLISHED:
  case TCP_CLOSE_WAIT:
    if (sk->rbuf_len) {   /* unread data is lost: tell the peer with RST, as Linux */
      tcp_send_ctl(sk, TH_RST | TH_ACK);
      tcp_done(sk, 0);
      return 0;
    }
    queue_fin(sk);
    return 0;
  case TCP_FIN_WAIT2:
    sk->tw_at = jiffies + 6000;   /* tcp_fin_timeout for the orphan */
    net_kick();
    return 0;
  }
  return 0;   /* FIN_WAIT1, CLOSING, LAST_ACK, TIME_WAIT finish on their own */
}

static int tcp_socketpair(struct socket *a, struct socket *b) {
  (void)a;
  (void)b;
  return -EOPNOTSUPP;
}

const struct proto_ops tcp_ops = {
  .release = tcp_release,
  .bind = tcp_bind,
  .connect = tcp_connect,
  .listen = tcp_listen,
  .accept = tcp_accept,
  .name = tcp_name,
  .sendto = tcp_send,
  .recvfrom = tcp_recv,
  .shutdown = tcp_shutdown,
  .poll = tcp_poll,
  .socketpair = tcp_socketpair,
};

void tcp_timer(void) {
  struct list_head *n, *next;
  for (n = tcp_socks.next; n != &tcp_socks; n = next) {
    struct isock *sk = list_entry(n, struct isock, node);
    next = n->next;
    if (sk->tw_at && (int)(jiffies - sk->tw_at) >= 0) {
      sk->tw_at = 0;
      tcp_done(sk, 0);
      continue;
    }
    if (sk->rto_at && (int)(jiffies - sk->rto_at) >= 0) {
      sk->rto_at = 0;
      tcp_retransmit_timeout(sk);
    }
  }
}

void tcp_end_timewait_if_alone(struct net *net, int refs) {
  struct list_head *n;
  int waiting = 0;
  for (n = tcp_socks.next; n != &tcp_socks; n = n->next) {
    struct isock *sk = list_entry(n, struct isock, node);
    if (sk->net != net) continue;
    if (sk->state != TCP_TIME_WAIT || sk->sock != NULL) return;   /* something still lives there */
    waiting++;
  }
  if (waiting == 0 || waiting != refs) return;
  for (n = tcp_socks.next; n != &tcp_socks; n = n->next) {
    struct isock *sk = list_entry(n, struct isock, node);
    if (sk->net == net) sk->tw_at = jiffies;
  }
  net_kick();
}

u32 tcp_next_deadline(void) {
  struct list_head *n;
  u32 d = 0;
  for (n = tcp_socks.next; n != &tcp_socks; n = n->next) {
    struct isock *sk = list_entry(n, struct isock, node);
    if (sk->rto_at && (d == 0 || SEQ_LT(sk->rto_at, d))) d = sk->rto_at;
    if (sk->tw_at && (d == 0 || SEQ_LT(sk->tw_at, d))) d = sk->tw_at;
  }
  return d;
}

/* Linux's st codes for /proc/net/tcp, by our state. */
static const u8 linux_state[11] = { 7, 10, 2, 3, 1, 4, 5, 8, 11, 9, 6 };

/* Line `index` of /proc/net/tcp (0 the header), Linux's columns. */
int tcp_proc_line(int index, char *buf, u32 size) {
  struct list_head *n;
  int i = 1;
  if (index == 0)
    return snprintf(buf, size, "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
  for (n = tcp_socks.next; n != &tcp_socks; n = n->next) {
    struct isock *sk = list_entry(n, struct isock, node);
    u32 timer = sk->rto_at ? 1 : sk->tw_at ? 3 : 0;
    u32 when = sk->rto_at ? sk->rto_at - jiffies : sk->tw_at ? sk->tw_at - jiffies : 0;
    if (sk->net != current_net()) continue;   /* the reader's namespace only */
    if (i++ != index) continue;
    return snprintf(buf, size, "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %u 1 %08x %u %u %u %u %d\n",
                    i - 2, sk->laddr, (u32)ntohs(sk->lport), sk->raddr, (u32)ntohs(sk->rport), (u32)linux_state[sk->state],
                    sk->state == TCP_LISTEN ? 0u : sk->snd_max - sk->snd_una,
                    sk->state == TCP_LISTEN ? (u32)sk->nchild : sk->rbuf_len, timer, when, (u32)sk->retries, sk->uid, 0,
                    sk->ino, (u32)sk, sk->rto, 4u, sk->mss / 1024 + 1, 10u, -1);
  }
  return -1;
}

/*
 * The kdebug TCP table (kdebug.c's kdebugd calls this with interrupts off,
 * so the list holds still): the rows /proc/net/tcp lists, in the same
 * order, with our own state numbers and addresses in host order. The
 * caller owns the generation count.
 */
void tcp_kdebug_publish(struct kdebug_tcp_table *t) {
  struct list_head *n;
  t->count = 0;
  t->truncated = 0;
  for (n = tcp_socks.next; n != &tcp_socks; n = n->next) {
    struct isock *sk = list_entry(n, struct isock, node);
    struct kdebug_tcp *row;
    if (t->count == KDEBUG_MAX_TCP) { t->truncated = 1; return; }
    row = &t->conns[t->count++];
    row->laddr = ntohl(sk->laddr);
    row->lport = ntohs(sk->lport);
    row->raddr = ntohl(sk->raddr);
    row->rport = ntohs(sk->rport);
    row->state = (u32)sk->state;
    row->send_queue = sk->state == TCP_LISTEN ? 0u : sk->sbuf_len;
    row->recv_queue = sk->state == TCP_LISTEN ? (u32)sk->nchild : sk->rbuf_len;
    row->retransmits = (u32)sk->retries;
    row->uid = (u32)sk->uid;
    row->ino = sk->ino;
  }
}
