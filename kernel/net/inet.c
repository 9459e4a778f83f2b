/*
 * inet.c — AF_INET sockets: the family's create (SOCK_STREAM → TCP,
 * SOCK_DGRAM → UDP, SOCK_RAW with IPPROTO_ICMP → raw ICMP for root, as
 * ping needs), what the protocols share (struct isock, local ports and
 * the EADDRINUSE rule, sockaddr_in in and out, the datagram receive
 * queue), and raw ICMP sockets.
 *
 * Ports: a socket's local port is unique per protocol and network
 * namespace (a socket is made in its creator's, net_ns.h) unless the rule
 * below allows sharing; an unbound socket gets an ephemeral port (32768
 * to 60999, Linux's ip_local_port_range) at connect or first send.
 * EADDRINUSE: another socket of the protocol has the port and the two
 * local addresses overlap (equal, or either is 0.0.0.0), unless the new
 * one has SO_REUSEADDR and the holder is a UDP socket with SO_REUSEADDR
 * too, or a TCP connection that is not listening (a TIME_WAIT left by an
 * earlier server, or a connection it accepted).
 *
 * Datagram sockets (UDP, raw) keep received packets whole on rq, within
 * rcvbuf bytes of payload (one always fits; past that they are dropped
 * and counted); a read takes one packet, truncated to the reader's
 * buffer, as Linux. A sleeper sleeps on its isock; every change wakes it.
 */
#include "arch.h"
#include "file.h"
#include "inet.h"
#include "lib.h"
#include "mm.h"
#include "net.h"
#include "net_ns.h"
#include "poll.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"

struct list_head udp_socks = { &udp_socks, &udp_socks };
struct list_head tcp_socks = { &tcp_socks, &tcp_socks };
struct list_head raw_socks = { &raw_socks, &raw_socks };
static u32 next_ino = 200000;
static u32 next_port = 32768;

#define PORT_LOW 32768
#define PORT_HIGH 60999

static struct list_head *list_of(int proto) {
  if (proto == IPPROTO_TCP) return &tcp_socks;
  if (proto == IPPROTO_UDP) return &udp_socks;
  return &raw_socks;
}

struct isock *isock_new(int proto, struct net *net) {
  struct isock *sk = (struct isock *)kmalloc(sizeof *sk);
  if (sk == NULL) return NULL;
  memset(sk, 0, sizeof *sk);
  sk->proto = proto;
  sk->net = net;
  net_get(net);
  sk->ino = next_ino++;
  sk->uid = (int)current->uid;
  sk->rcvbuf = 65536;
  sk->sndbuf = 65536;
  list_add_tail(&sk->node, list_of(proto));
  return sk;
}

void isock_free(struct isock *sk) {
  struct pkt *p;
  list_del(&sk->node);
  while ((p = sk->rq_head) != NULL) {
    sk->rq_head = p->next;
    pkt_free(p);
  }
  while ((p = sk->ooo) != NULL) {
    sk->ooo = p->next;
    pkt_free(p);
  }
  if (sk->sbuf) kfree(sk->sbuf);
  if (sk->rbuf) kfree(sk->rbuf);
  net_put(sk->net);
  kfree(sk);
}

void isock_wake(struct isock *sk) {
  wakeup(sk);
}

int inet_port_in_use(struct isock *self, u32 laddr, u16 lport) {
  struct list_head *head = list_of(self->proto), *n;
  for (n = head->next; n != head; n = n->next) {
    struct isock *o = list_entry(n, struct isock, node);
    if (o == self || o->lport != lport || o->net != self->net) continue;
    if (o->laddr != 0 && laddr != 0 && o->laddr != laddr) continue;
    if (self->reuse) {
      if (self->proto == IPPROTO_UDP && o->reuse) continue;
      if (self->proto == IPPROTO_TCP && o->state != TCP_LISTEN && o->state != TCP_CLOSED) continue;
    }
    return 1;
  }
  return 0;
}

u16 inet_ephemeral_port(struct isock *self) {
  u32 tries;
  for (tries = 0; tries <= PORT_HIGH - PORT_LOW; tries++) {
    u16 port = htons((u16)next_port);
    next_port = next_port >= PORT_HIGH ? PORT_LOW : next_port + 1;
    if (!inet_port_in_use(self, self->laddr, port)) return port;
  }
  return 0;
}

int inet_sockaddr(const void *addr, u32 len, u32 *ip, u16 *port) {
  const struct sockaddr_in *a = (const struct sockaddr_in *)addr;
  if (len < sizeof *a) return -EINVAL;
  if (a->sin_family != AF_INET) return -EAFNOSUPPORT;
  *ip = a->sin_addr.s_addr;
  *port = a->sin_port;
  return 0;
}

void inet_fill_addr(void *addr, u32 *len, u32 ip, u16 port) {
  struct sockaddr_in *a = (struct sockaddr_in *)addr;
  memset(a, 0, sizeof *a);
  a->sin_family = AF_INET;
  a->sin_port = port;
  a->sin_addr.s_addr = ip;
  *len = sizeof *a;
}

/* ---- the datagram queue (UDP and raw) ---- */

int dgram_enqueue(struct isock *sk, struct pkt *p) {
  if (sk->shut_rd || (sk->rq_head != NULL && sk->rq_bytes + p->len > sk->rcvbuf)) {
    sk->drops++;
    pkt_free(p);
    return -1;
  }
  p->next = NULL;
  if (sk->rq_tail) sk->rq_tail->next = p;
  else sk->rq_head = p;
  sk->rq_tail = p;
  sk->rq_bytes += p->len;
  isock_wake(sk);
  return 0;
}

int dgram_recv(struct isock *sk, char *ubuf, u32 n, int flags, void *addr, u32 *alen, int nonblock) {
  struct pkt *p;
  u32 len;
  int err;
  u32 irq = irq_save();
  for (;;) {
    if (sk->err) {
      err = -sk->err;
      sk->err = 0;
      irq_restore(irq);
      return err;
    }
    if (sk->rq_head) break;
    if (sk->shut_rd) {
      irq_restore(irq);
      return 0;
    }
    if (nonblock) {
      irq_restore(irq);
      return -EAGAIN;
    }
    if (sleep_on(sk) != 0) {
      irq_restore(irq);
      return -EINTR;
    }
  }
  p = sk->rq_head;
  if (!(flags & MSG_PEEK)) {
    sk->rq_head = p->next;
    if (sk->rq_head == NULL) sk->rq_tail = NULL;
    sk->rq_bytes -= p->len;
  }
  irq_restore(irq);
  len = MIN(n, p->len);   /* the rest of a longer datagram is lost, as Linux */
  err = 0;
  if (len && copyout(ubuf, p->data, len) != 0) err = -EFAULT;
  if (addr) inet_fill_addr(addr, alen, p->saddr, p->sport);
  if (!(flags & MSG_PEEK)) pkt_free(p);
  return err ? err : (int)len;
}

int dgram_poll(struct isock *sk, struct poll_table *pt) {
  int mask = POLLOUT | POLLWRNORM;
  poll_wait(pt, sk);
  if (sk->rq_head) mask |= POLLIN | POLLRDNORM;
  if (sk->err) mask |= POLLERR;
  if (sk->shut_rd) mask |= POLLRDHUP | POLLIN | POLLRDNORM;
  if (sk->shut_rd && sk->shut_wr) mask |= POLLHUP;
  return mask;
}

/* ---- raw ICMP sockets ---- */

static struct isock *isk(struct socket *s) {
  return (struct isock *)s->sk;
}

void raw_input(struct pkt *p) {
  struct list_head *n;
  for (n = raw_socks.next; n != &raw_socks; n = n->next) {
    struct isock *sk = list_entry(n, struct isock, node);
    struct pkt *c;
    if (sk->net != p->dev->net) continue;
    if (sk->laddr && sk->laddr != p->daddr) continue;
    if (sk->connected && sk->raddr != p->saddr) continue;
    c = pkt_copy(p->data, p->len);
    if (c == NULL) continue;
    c->saddr = p->saddr;
    c->daddr = p->daddr;
    c->sport = 0;
    dgram_enqueue(sk, c);
  }
}

static int raw_release(struct socket *s) {
  isock_free(isk(s));
  return 0;
}

static int raw_bind(struct socket *s, const void *addr, u32 len) {
  u32 ip;
  u16 port;
  int err = inet_sockaddr(addr, len, &ip, &port);
  if (err) return err;
  if (ip != 0 && !inet_addr_is_local(isk(s)->net, ip)) return -EADDRNOTAVAIL;
  isk(s)->laddr = ip;
  return 0;
}

static int raw_connect(struct socket *s, const void *addr, u32 len, int nonblock) {
  struct isock *sk = isk(s);
  u16 port;
  int err;
  (void)nonblock;
  if (len >= 2 && ((const struct sockaddr *)addr)->sa_family == AF_UNSPEC) {
    sk->connected = 0;
    sk->raddr = 0;
    return 0;
  }
  err = inet_sockaddr(addr, len, &sk->raddr, &port);
  if (err) return err;
  sk->connected = 1;
  return 0;
}

int inet_dgram_name(struct socket *s, void *addr, u32 *len, int peer) {
  struct isock *sk = isk(s);
  if (peer) {
    if (!sk->connected) return -ENOTCONN;
    inet_fill_addr(addr, len, sk->raddr, sk->rport);
  } else {
    inet_fill_addr(addr, len, sk->laddr, sk->lport);
  }
  return 0;
}

/* The caller gives the ICMP header and data (its checksum too, as on
 * Linux); the kernel adds the IP header. */
static int raw_sendto(struct socket *s, const char *ubuf, u32 n, int flags, const void *addr, u32 alen, int nonblock) {
  struct isock *sk = isk(s);
  struct pkt *p;
  u32 daddr;
  u16 port;
  (void)flags;
  (void)nonblock;
  if (addr) {
    int err = inet_sockaddr(addr, alen, &daddr, &port);
    if (err) return err;
  } else {
    if (!sk->connected) return -EDESTADDRREQ;
    daddr = sk->raddr;
  }
  if (n > 65535 - 20) return -EMSGSIZE;
  p = pkt_alloc(n);
  if (p == NULL) return -ENOBUFS;
  if (n && copyin(p->data, ubuf, n) != 0) {
    pkt_free(p);
    return -EFAULT;
  }
  p->len = n;
  {
    int err = ip_output(sk->net, p, sk->laddr, daddr, IPPROTO_ICMP, (u32)sk->ttl);
    if (err) return err;
  }
  return (int)n;
}

static int raw_recvfrom(struct socket *s, char *ubuf, u32 n, int flags, void *addr, u32 *alen, int nonblock) {
  return dgram_recv(isk(s), ubuf, n, flags, addr, alen, nonblock);
}

int inet_dgram_shutdown(struct socket *s, int how) {
  struct isock *sk = isk(s);
  if (how < SHUT_RD || how > SHUT_RDWR) return -EINVAL;
  if (!sk->connected) return -ENOTCONN;
  if (how != SHUT_WR) sk->shut_rd = 1;
  if (how != SHUT_RD) sk->shut_wr = 1;
  isock_wake(sk);
  return 0;
}

static int raw_poll(struct socket *s, struct poll_table *pt) {
  return dgram_poll(isk(s), pt);
}

const struct proto_ops raw_ops = {
  .release = raw_release,
  .bind = raw_bind,
  .connect = raw_connect,
  .listen = sock_no_listen,
  .accept = sock_no_accept,
  .name = inet_dgram_name,
  .sendto = raw_sendto,
  .recvfrom = raw_recvfrom,
  .shutdown = inet_dgram_shutdown,
  .poll = raw_poll,
  .socketpair = sock_no_socketpair,
};

int inet_create(struct socket *s, int protocol) {
  const struct proto_ops *ops;
  int proto;
  struct isock *sk;
  if (s->type == SOCK_STREAM && (protocol == 0 || protocol == IPPROTO_TCP)) {
    proto = IPPROTO_TCP;
    ops = &tcp_ops;
  } else if (s->type == SOCK_DGRAM && (protocol == 0 || protocol == IPPROTO_UDP)) {
    proto = IPPROTO_UDP;
    ops = &udp_ops;
  } else if (s->type == SOCK_RAW && protocol == IPPROTO_ICMP) {
    if (current->uid != 0) return -EPERM;
    proto = IPPROTO_ICMP;
    ops = &raw_ops;
  } else if (s->type == SOCK_STREAM || s->type == SOCK_DGRAM || s->type == SOCK_RAW) {
    return -EPROTONOSUPPORT;
  } else {
    return -ESOCKTNOSUPPORT;
  }
  net_start_thread();
  sk = isock_new(proto, current_net());
  if (sk == NULL) return -ENOMEM;
  sk->sock = s;
  s->sk = sk;
  s->ops = ops;
  s->rcvbuf = sk->rcvbuf;
  s->sndbuf = sk->sndbuf;
  return 0;
}

/* AF_INET's socket options; -ENOPROTOOPT leaves the rest to socket.c. */
int inet_setsockopt(struct socket *s, int level, int name, int v) {
  struct isock *sk = isk(s);
  if (level == SOL_SOCKET && (name == SO_RCVBUF || name == SO_SNDBUF)) {
    u32 n = v < 1024 ? 2048 : (u32)v * 2;   /* Linux doubles it */
    if (n > 512 * 1024) n = 512 * 1024;
    if (name == SO_RCVBUF) s->rcvbuf = sk->rcvbuf = n;
    else s->sndbuf = sk->sndbuf = n;
    return 0;
  }
  if (level == SOL_IP && name == IP_TTL) {
    if (v == -1) v = 0;
    if (v < 0 || v > 255) return -EINVAL;
    sk->ttl = v;
    return 0;
  }
  if (level == SOL_TCP) {
    if (sk->proto != IPPROTO_TCP) return -ENOPROTOOPT;
    if (name == TCP_NODELAY) {
      sk->nodelay = v != 0;   /* accepted: segments never wait (no Nagle) */
      return 0;
    }
    if (name == TCP_MAXSEG) return v < 88 || v > 32767 ? -EINVAL : 0;
  }
  return -ENOPROTOOPT;
}

int inet_getsockopt(struct socket *s, int level, int name, int *v) {
  struct isock *sk = isk(s);
  if (level == SOL_SOCKET && name == SO_ERROR) {
    *v = sk->err ? sk->err : s->so_error;
    sk->err = 0;
    s->so_error = 0;
    return 0;
  }
  if (level == SOL_IP && name == IP_TTL) {
    *v = sk->ttl ? sk->ttl : IP_DEFAULT_TTL;
    return 0;
  }
  if (level == SOL_TCP) {
    if (sk->proto != IPPROTO_TCP) return -ENOPROTOOPT;
    if (name == TCP_NODELAY) {
      *v = sk->nodelay;
      return 0;
    }
    if (name == TCP_MAXSEG) {
      *v = (int)(sk->mss ? sk->mss : 536);
      return 0;
    }
  }
  return -ENOPROTOOPT;
}
