/*
 * udp.c — the User Datagram Protocol (RFC 768): SOCK_DGRAM sockets of
 * AF_INET. A datagram is one message: its boundary is kept (inet.c's
 * queue), its checksum is computed on output and checked on input (0 =
 * none, as the RFC allows) when it crosses a card (lo offloads it: inet.h).
 * Input goes to the socket that matches best:
 * one connected to the sender, else one bound to the destination
 * address, else one bound to 0.0.0.0; nobody's port gets an ICMP port
 * unreachable back. When that message answers a datagram a connected
 * socket sent, its next send or receive fails with ECONNREFUSED (Linux;
 * an unconnected socket ignores it).
 */
#include "arch.h"
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

#define UDP_MAX_PAYLOAD (65535 - 20 - 8)

int dgram_enqueue(struct isock *sk, struct pkt *p);
int dgram_recv(struct isock *sk, char *ubuf, u32 n, int flags, void *addr, u32 *alen, int nonblock);
int dgram_poll(struct isock *sk, struct poll_table *pt);
int inet_dgram_name(struct socket *s, void *addr, u32 *len, int peer);
int inet_dgram_shutdown(struct socket *s, int how);

static struct isock *isk(struct socket *s) {
  return (struct isock *)s->sk;
}

static int do_bind(struct isock *sk, u32 ip, u16 port) {
  if (ip != 0 && !inet_addr_is_local(sk->net, ip)) return -EADDRNOTAVAIL;
  if (port != 0 && ntohs(port) < 1024 && current->uid != 0) return -EACCES;
  if (port == 0) {
    sk->laddr = ip;
    port = inet_ephemeral_port(sk);
    if (port == 0) return -EADDRINUSE;
  } else if (inet_port_in_use(sk, ip, port)) {
    return -EADDRINUSE;
  }
  sk->laddr = ip;
  sk->lport = port;
  return 0;
}

static int udp_bind(struct socket *s, const void *addr, u32 len) {
  struct isock *sk = isk(s);
  u32 ip;
  u16 port;
  int err = inet_sockaddr(addr, len, &ip, &port);
  if (err) return err;
  if (sk->lport) return -EINVAL;
  sk->reuse = s->reuseaddr;
  return do_bind(sk, ip, port);
}

static int autobind(struct socket *s) {
  struct isock *sk = isk(s);
  if (sk->lport) return 0;
  sk->reuse = s->reuseaddr;
  return do_bind(sk, 0, 0);
}

static int udp_connect(struct socket *s, const void *addr, u32 len, int nonblock) {
  struct isock *sk = isk(s);
  u32 ip, nexthop, src;
  u16 port;
  int err;
  (void)nonblock;
  if (len >= 2 && ((const struct sockaddr *)addr)->sa_family == AF_UNSPEC) {
    sk->connected = 0;
    sk->raddr = 0;
    sk->rport = 0;
    return 0;
  }
  err = inet_sockaddr(addr, len, &ip, &port);
  if (err) return err;
  if (port == 0) return -EINVAL;
  if (route_output(sk->net, ip, &nexthop, &src) == NULL) return -ENETUNREACH;
  if ((err = autobind(s)) != 0) return err;
  if (sk->laddr == 0) sk->laddr = src;   /* as Linux: connect fixes the local address */
  sk->raddr = ip;
  sk->rport = port;
  sk->connected = 1;
  sk->err = 0;
  return 0;
}

static int udp_sendto(struct socket *s, const char *ubuf, u32 n, int flags, const void *addr, u32 alen, int nonblock) {
  struct isock *sk = isk(s);
  struct pkt *p;
  struct udphdr *uh;
  u32 daddr, saddr, nexthop;
  u16 dport;
  int err;
  (void)flags;
  (void)nonblock;
  if (addr) {
    if ((err = inet_sockaddr(addr, alen, &daddr, &dport)) != 0) return err;
    if (dport == 0) return -EINVAL;
  } else {
    if (!sk->connected) return -EDESTADDRREQ;
    if (sk->err) {
      err = -sk->err;
      sk->err = 0;
      return err;
    }
    daddr = sk->raddr;
    dport = sk->rport;
  }
  if (sk->shut_wr) {
    if (!(flags & MSG_NOSIGNAL)) send_signal(current, SIGPIPE);
    return -EPIPE;
  }
  if (n > UDP_MAX_PAYLOAD) return -EMSGSIZE;
  if ((err = autobind(s)) != 0) return err;
  saddr = sk->laddr;
  if (saddr == 0 && route_output(sk->net, daddr, &nexthop, &saddr) == NULL) return -ENETUNREACH;
  p = pkt_alloc(sizeof *uh + n);
  if (p == NULL) return -ENOBUFS;
  uh = (struct udphdr *)p->data;
  p->len = sizeof *uh + n;
  if (n && copyin(p->data + sizeof *uh, ubuf, n) != 0) {
    pkt_free(p);
    return -EFAULT;
  }
  uh->source = sk->lport;
  uh->dest = dport;
  uh->len = htons((u16)p->len);
  uh->check = 0;
  p->csum_at = 6;   /* uh->check, filled by ip_output off the loopback */
  p->csum_udp = 1;
  sk->net->stats.udp_out_datagrams++;
  err = ip_output(sk->net, p, saddr, daddr, IPPROTO_UDP, (u32)sk->ttl);
  return err ? err : (int)n;
}

static int udp_recvfrom(struct socket *s, char *ubuf, u32 n, int flags, void *addr, u32 *alen, int nonblock) {
  return dgram_recv(isk(s), ubuf, n, flags, addr, alen, nonblock);
}

static int udp_poll(struct socket *s, struct poll_table *pt) {
  return dgram_poll(isk(s), pt);
}

static int udp_release(struct socket *s) {
  isock_free(isk(s));
  return 0;
}

/* The socket for a datagram from saddr:sport to daddr:dport. */
static struct isock *lookup(struct net *net, u32 saddr, u16 sport, u32 daddr, u16 dport) {
  struct list_head *n;
  struct isock *best = NULL;
  int best_score = -1;
  for (n = udp_socks.next; n != &udp_socks; n = n->next) {
    struct isock *sk = list_entry(n, struct isock, node);
    int score = 0;
    if (sk->lport != dport || sk->net != net) continue;
    if (sk->laddr) {
      if (sk->laddr != daddr) continue;
      score += 1;
    }
    if (sk->connected) {
      if (sk->raddr != saddr || sk->rport != sport) continue;
      score += 2;
    }
    if (score >= best_score) {   /* the last bound wins a tie (SO_REUSEADDR) */
      best = sk;
      best_score = score;
    }
  }
  return best;
}

void udp_input(struct pkt *p) {
  struct udphdr *uh = (struct udphdr *)p->data;
  struct isock *sk;
  u32 len;
  if (p->len < sizeof *uh || (len = ntohs(uh->len)) < sizeof *uh || len > p->len) goto bad;
  p->len = len;
  if (uh->check != 0 && !(p->dev->flags & IFF_LOOPBACK) && csum_fold(csum_add(csum_pseudo(p->saddr, p->daddr, IPPROTO_UDP, len), p->data, len)) != 0)
    goto bad;
  p->sport = uh->source;
  p->dport = uh->dest;
  sk = lookup(p->dev->net, p->saddr, uh->source, p->daddr, uh->dest);
  if (sk == NULL) {
    p->dev->net->stats.udp_no_ports++;
    if (p->daddr != 0xffffffffu) {
      pkt_push(p, p->ihl);
      icmp_send_unreach(p, ICMP_PORT_UNREACH);
    }
    pkt_free(p);
    return;
  }
  pkt_pull(p, sizeof *uh);
  p->dev->net->stats.udp_in_datagrams++;
  if (dgram_enqueue(sk, p) != 0) p->dev->net->stats.udp_rcvbuf_errors++;
  return;
bad:
  p->dev->net->stats.udp_in_errors++;
  pkt_free(p);
}

void udp_unreach(struct net *net, u32 daddr, u16 sport, u16 dport) {
  struct list_head *n;
  for (n = udp_socks.next; n != &udp_socks; n = n->next) {
    struct isock *sk = list_entry(n, struct isock, node);
    if (sk->net == net && sk->lport == sport && sk->connected && sk->raddr == daddr && sk->rport == dport) {
      sk->err = ECONNREFUSED;
      isock_wake(sk);
    }
  }
}

const struct proto_ops udp_ops = {
  .release = udp_release,
  .bind = udp_bind,
  .connect = udp_connect,
  .listen = sock_no_listen,
  .accept = sock_no_accept,
  .name = inet_dgram_name,
  .sendto = udp_sendto,
  .recvfrom = udp_recvfrom,
  .shutdown = inet_dgram_shutdown,
  .poll = udp_poll,
  .socketpair = sock_no_socketpair,
};

/* Line `index` of /proc/net/udp (0 the header), Linux's columns. */
int udp_proc_line(int index, char *buf, u32 size) {
  struct list_head *n;
  int i = 1;
  if (index == 0)
    return snprintf(buf, size, "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n");
  for (n = udp_socks.next; n != &udp_socks; n = n->next) {
    struct isock *sk = list_entry(n, struct isock, node);
    if (sk->net != current_net()) continue;   /* the reader's namespace only */
    if (i++ != index) continue;
    return snprintf(buf, size, "%5d: %08X:%04X %08X:%04X %02X %08X:%08X 00:00000000 00000000 %5d        0 %u 2 %08x %u\n",
                    i - 2, sk->laddr, (u32)ntohs(sk->lport), sk->raddr, (u32)ntohs(sk->rport), sk->connected ? 1u : 7u,
                    0u, sk->rq_bytes, sk->uid, sk->ino, (u32)sk, sk->drops);
  }
  return -1;
}
