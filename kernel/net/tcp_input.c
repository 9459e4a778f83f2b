/*
 * tcp_input.c — what TCP does with a segment that arrives (RFC 793's
 * "SEGMENT ARRIVES", in its order): find the connection (an exact
 * four-tuple first, else a listener), answer segments nobody wants with
 * RST, open connections (a listener's SYN makes a SYN_RECV child; a
 * SYN_SENT socket's SYN-ACK completes, a bare SYN is a simultaneous
 * open), check that a segment falls in the receive window, then RST,
 * SYN, ACK (acknowledged data leaves the send buffer, RTT samples, the
 * peer's window), data and FIN.
 *
 * Reassembly: in-order data goes straight into the receive ring; a
 * segment beyond rcv_nxt but inside the window waits on the `ooo` list
 * (ascending sequence, one per starting number, bounded by the ring's
 * free space) and is taken as soon as rcv_nxt reaches it, trimmed of any
 * overlap; a FIN counts only when every byte before it has arrived.
 * Every segment that carries data or FIN, in order or not, is
 * acknowledged at once (duplicate ACKs tell the sender what is missing).
 */
#include "dev.h"
#include "inet.h"
#include "lib.h"
#include "net_ns.h"
#include "hako/errno.h"

#define TCP_TIMEWAIT_TICKS (60 * 100)   /* 2MSL: Linux's TCP_TIMEWAIT_LEN, 60 s */
#define TCP_FIN_TIMEOUT (60 * 100)      /* an orphan in FIN_WAIT2: Linux's tcp_fin_timeout */

void tcp_conn_init(struct isock *sk);   /* tcp.c */
u32 tcp_new_isn(struct isock *sk);
void tcp_child_established(struct isock *sk);

static struct isock *lookup(struct net *net, u32 saddr, u16 sport, u32 daddr, u16 dport) {
  struct list_head *n;
  struct isock *listener = NULL;
  for (n = tcp_socks.next; n != &tcp_socks; n = n->next) {
    struct isock *sk = list_entry(n, struct isock, node);
    if (sk->lport != dport || sk->net != net) continue;
    if (sk->state == TCP_LISTEN) {
      if ((sk->laddr == 0 || sk->laddr == daddr) && (listener == NULL || sk->laddr != 0)) listener = sk;
      continue;
    }
    if (sk->state != TCP_CLOSED && sk->raddr == saddr && sk->rport == sport && sk->laddr == daddr) return sk;
  }
  return listener;
}

static void parse_options(struct isock *sk, struct tcphdr *th, u32 doff) {
  u8 *o = (u8 *)th + sizeof *th, *end = (u8 *)th + doff;
  while (o < end) {
    if (o[0] == 0) break;
    if (o[0] == 1) {
      o++;
      continue;
    }
    if (o + 1 >= end || o[1] < 2 || o + o[1] > end) break;
    if (o[0] == 2 && o[1] == 4) {
      u32 mss = ((u32)o[2] << 8) | o[3];
      if (mss >= 64 && mss < sk->mss) sk->mss = mss;
    }
    o += o[1];
  }
}

static void time_wait(struct isock *sk) {
  tcp_set_state(sk, TCP_TIME_WAIT);
  sk->rto_at = 0;
  sk->tw_at = jiffies + TCP_TIMEWAIT_TICKS;
  net_kick();
}

static void got_fin(struct isock *sk) {
  int fin_acked = sk->fin_queued && SEQ_GT(sk->snd_una, sk->sbuf_seq + sk->sbuf_len);
  sk->rcv_nxt++;
  sk->fin_rcvd = 1;
  switch (sk->state) {
  case TCP_SYN_RECV:
  case TCP_ESTABLISHED: tcp_set_state(sk, TCP_CLOSE_WAIT); break;
  case TCP_FIN_WAIT1:
    if (fin_acked) time_wait(sk);
    else tcp_set_state(sk, TCP_CLOSING);
    break;
  case TCP_FIN_WAIT2: time_wait(sk); break;
  }
  isock_wake(sk);
}

static void ring_append(struct isock *sk, const u8 *data, u32 n) {
  u32 at = (sk->rbuf_start + sk->rbuf_len) % sk->rbuf_size;
  u32 first = MIN(n, sk->rbuf_size - at);
  memcpy(sk->rbuf + at, data, first);
  if (first < n) memcpy(sk->rbuf, data + first, n - first);
  sk->rbuf_len += n;
  sk->rcv_nxt += n;
}

/* Segments from the out-of-order list that rcv_nxt has reached. */
static void drain_ooo(struct isock *sk) {
  while (sk->ooo && SEQ_LEQ(sk->ooo->seq, sk->rcv_nxt) && !sk->fin_rcvd) {
    struct pkt *q = sk->ooo;
    u32 skip = sk->rcv_nxt - q->seq;
    sk->ooo = q->next;
    sk->ooo_bytes -= q->len;
    if (skip <= q->len) {
      u32 n = MIN(q->len - skip, sk->rbuf_size - sk->rbuf_len);
      ring_append(sk, q->data + skip, n);
      if (q->fin && skip + n == q->len) got_fin(sk);
    }
    pkt_free(q);
  }
}

/* Data and FIN of an acceptable segment; p is kept (out of order) or freed. */
static void receive(struct isock *sk, struct pkt *p, u32 seq, u32 dlen, int fin) {
  u32 free;
  if (SEQ_LT(seq, sk->rcv_nxt)) {
    u32 old = sk->rcv_nxt - seq;
    if (old > dlen || (old == dlen && !fin)) {   /* all seen before */
      pkt_free(p);
      return;
    }
    pkt_pull(p, old);
    dlen -= old;
    seq = sk->rcv_nxt;
  }
  free = sk->rbuf_size - sk->rbuf_len;
  if (seq == sk->rcv_nxt) {
    if (dlen > free) {
      dlen = free;
      fin = 0;
    }
    ring_append(sk, p->data, dlen);
    pkt_free(p);
    if (fin) got_fin(sk);
    drain_ooo(sk);
    if (dlen) isock_wake(sk);
    return;
  }
  /* beyond rcv_nxt: keep it for later, if it fits */
  if (dlen == 0 && !fin) {
    pkt_free(p);
    return;
  }
  if (sk->ooo_bytes + dlen > free) {
    pkt_free(p);
    return;
  }
  p->len = dlen;
  p->seq = seq;
  p->fin = (u32)fin;
  {
    struct pkt **at = &sk->ooo;
    while (*at && SEQ_LT((*at)->seq, seq)) at = &(*at)->next;
    if (*at && (*at)->seq == seq) {   /* a duplicate start: keep the longer */
      if ((*at)->len >= dlen) {
        pkt_free(p);
        return;
      }
      {
        struct pkt *old = *at;
        p->next = old->next;
        sk->ooo_bytes -= old->len;
        pkt_free(old);
      }
    } else {
      p->next = *at;
    }
    *at = p;
    sk->ooo_bytes += dlen;
    sk->net->stats.tcp_ofo_queue++;
  }
}

static int acceptable(struct isock *sk, u32 seq, u32 seglen) {
  u32 wnd = tcp_rcv_window(sk);
  if (seglen == 0) {
    if (wnd == 0) return seq == sk->rcv_nxt;
    return SEQ_GEQ(seq, sk->rcv_nxt) && SEQ_LT(seq, sk->rcv_nxt + wnd);
  }
  if (wnd == 0) return 0;
  return (SEQ_GEQ(seq, sk->rcv_nxt) && SEQ_LT(seq, sk->rcv_nxt + wnd)) ||
         (SEQ_GEQ(seq + seglen - 1, sk->rcv_nxt) && SEQ_LT(seq + seglen - 1, sk->rcv_nxt + wnd));
}

static void listen_input(struct isock *l, struct pkt *p, struct tcphdr *th, u32 doff, u32 dlen) {
  struct isock *c;
  u32 seq = ntohl(th->seq);
  if (th->flags & TH_RST) return;
  if (th->flags & TH_ACK) {
    tcp_send_reset(p, th, dlen);
    return;
  }
  if (!(th->flags & TH_SYN) || l->nchild >= l->backlog) return;   /* a full queue drops the SYN: it comes again */
  c = isock_new(IPPROTO_TCP, l->net);
  if (c == NULL) return;
  c->laddr = p->daddr;
  c->lport = l->lport;
  c->raddr = p->saddr;
  c->rport = th->source;
  c->parent = l;
  c->rcvbuf = l->rcvbuf;
  c->sndbuf = l->sndbuf;
  c->nodelay = l->nodelay;
  c->ttl = l->ttl;
  c->uid = l->uid;
  c->reuse = l->reuse;
  tcp_conn_init(c);
  if (c->rbuf == NULL) {
    isock_free(c);
    return;
  }
  l->nchild++;
  parse_options(c, th, doff);
  c->irs = seq;
  c->rcv_nxt = seq + 1;
  c->iss = tcp_new_isn(c);
  c->snd_una = c->iss;
  c->snd_nxt = c->iss + 1;
  c->snd_max = c->snd_nxt;
  c->sbuf_seq = c->iss + 1;
  c->snd_wnd = ntohs(th->window);
  c->snd_wl1 = seq;
  tcp_set_state(c, TCP_SYN_RECV);
  c->net->stats.tcp_passive_opens++;
  tcp_send_ctl(c, TH_SYN | TH_ACK);
  tcp_arm_rto(c);
}

static void syn_sent_input(struct isock *sk, struct pkt *p, struct tcphdr *th, u32 doff, u32 dlen) {
  u32 seq = ntohl(th->seq), ack = ntohl(th->ack_seq);
  int acc = 0;
  if (th->flags & TH_ACK) {
    if (SEQ_LEQ(ack, sk->iss) || SEQ_GT(ack, sk->snd_max)) {
      if (!(th->flags & TH_RST)) tcp_send_reset(p, th, dlen);
      return;
    }
    acc = 1;
  }
  if (th->flags & TH_RST) {
    if (acc) {
      sk->net->stats.tcp_attempt_fails++;
      tcp_done(sk, ECONNREFUSED);
    }
    return;
  }
  if (!(th->flags & TH_SYN)) return;
  parse_options(sk, th, doff);
  sk->irs = seq;
  sk->rcv_nxt = seq + 1;
  sk->snd_wnd = ntohs(th->window);
  sk->snd_wl1 = seq;
  sk->snd_wl2 = ack;
  if (acc) {
    sk->snd_una = ack;
    if (sk->rtt_start) tcp_rtt_sample(sk, jiffies - sk->rtt_start);
    sk->rtt_start = 0;
    sk->rto_at = 0;
    sk->retries = 0;
    tcp_set_state(sk, TCP_ESTABLISHED);
    tcp_send_ctl(sk, TH_ACK);
    isock_wake(sk);
    tcp_output(sk);
  } else {
    tcp_set_state(sk, TCP_SYN_RECV);   /* simultaneous open */
    tcp_send_ctl(sk, TH_SYN | TH_ACK);
  }
}

/* The ACK field of a synchronized connection's segment; 0 if p was dropped. */
static int ack_input(struct isock *sk, struct pkt *p, struct tcphdr *th, u32 seq, u32 dlen) {
  u32 ack = ntohl(th->ack_seq), win = ntohs(th->window);
  int fin_acked;
  if (sk->state == TCP_SYN_RECV) {
    if (SEQ_LEQ(ack, sk->snd_una) || SEQ_GT(ack, sk->snd_max)) {
      tcp_send_reset(p, th, dlen);
      return 0;
    }
    sk->snd_wnd = win;
    sk->snd_wl1 = seq;
    sk->snd_wl2 = ack;
    tcp_set_state(sk, TCP_ESTABLISHED);
    if (sk->parent) tcp_child_established(sk);
    isock_wake(sk);
  }
  if (SEQ_GT(ack, sk->snd_max)) {
    tcp_send_ctl(sk, TH_ACK);
    return 0;
  }
  if (SEQ_GT(ack, sk->snd_una)) {
    if (SEQ_GT(ack, sk->sbuf_seq)) {
      u32 k = MIN(ack - sk->sbuf_seq, sk->sbuf_len);
      sk->sbuf_start = (sk->sbuf_start + k) % sk->sbuf_size;
      sk->sbuf_len -= k;
      sk->sbuf_seq += k;
    }
    sk->snd_una = ack;
    if (SEQ_LT(sk->snd_nxt, ack)) sk->snd_nxt = ack;
    if (sk->rtt_start && SEQ_GEQ(ack, sk->rtt_seq)) {
      tcp_rtt_sample(sk, jiffies - sk->rtt_start);
      sk->rtt_start = 0;
    }
    sk->retries = 0;
    sk->persist = 0;
    if (sk->snd_una == sk->snd_max) sk->rto_at = 0;
    else tcp_arm_rto(sk);
    isock_wake(sk);
  }
  if (SEQ_LT(sk->snd_wl1, seq) || (sk->snd_wl1 == seq && SEQ_LEQ(sk->snd_wl2, ack))) {
    if (sk->snd_wnd != win) isock_wake(sk);
    sk->snd_wnd = win;
    sk->snd_wl1 = seq;
    sk->snd_wl2 = ack;
    if (win && sk->persist) {
      sk->persist = 0;
      sk->rto_at = 0;
    }
  }
  fin_acked = sk->fin_queued && SEQ_GT(sk->snd_una, sk->sbuf_seq + sk->sbuf_len);
  if (!fin_acked) return 1;
  switch (sk->state) {
  case TCP_FIN_WAIT1:
    tcp_set_state(sk, TCP_FIN_WAIT2);
    sk->rto_at = 0;
    if (sk->sock == NULL && sk->parent == NULL) {   /* an orphan does not wait for ever */
      sk->tw_at = jiffies + TCP_FIN_TIMEOUT;
      net_kick();
    }
    isock_wake(sk);
    break;
  case TCP_CLOSING: time_wait(sk); break;
  case TCP_LAST_ACK:
    tcp_done(sk, 0);
    return 0;
  }
  return 1;
}

void tcp_input(struct pkt *p) {
  struct tcphdr *th = (struct tcphdr *)p->data;
  struct isock *sk;
  u32 doff, dlen, seq, seglen;
  int fin;
  p->dev->net->stats.tcp_in_segs++;
  if (p->len < sizeof *th || (doff = (u32)(th->doff >> 4) * 4) < sizeof *th || doff > p->len ||
      (!(p->dev->flags & IFF_LOOPBACK) &&   /* lo: never summed (inet.h) */
       csum_fold(csum_add(csum_pseudo(p->saddr, p->daddr, IPPROTO_TCP, p->len), p->data, p->len)) != 0)) {
    p->dev->net->stats.tcp_in_errs++;
    pkt_free(p);
    return;
  }
  dlen = p->len - doff;
  seq = ntohl(th->seq);
  fin = (th->flags & TH_FIN) != 0;
  sk = lookup(p->dev->net, p->saddr, th->source, p->daddr, th->dest);
  if (sk == NULL) {
    if (!(th->flags & TH_RST)) tcp_send_reset(p, th, dlen);
    pkt_free(p);
    return;
  }
  if (sk->state == TCP_LISTEN) {
    listen_input(sk, p, th, doff, dlen);
    pkt_free(p);
    return;
  }
  if (sk->state == TCP_SYN_SENT) {
    syn_sent_input(sk, p, th, doff, dlen);
    pkt_free(p);
    return;
  }
  seglen = dlen + ((th->flags & TH_SYN) ? 1 : 0) + (u32)fin;
  if (!acceptable(sk, seq, seglen)) {
    if (!(th->flags & TH_RST)) {
      if (sk->state == TCP_SYN_RECV && (th->flags & TH_SYN) && seq == sk->irs) tcp_send_ctl(sk, TH_SYN | TH_ACK);
      else tcp_send_ctl(sk, TH_ACK);
      if (sk->state == TCP_TIME_WAIT && fin) sk->tw_at = jiffies + TCP_TIMEWAIT_TICKS;   /* the FIN again */
    }
    pkt_free(p);
    return;
  }
  if (th->flags & TH_RST) {
    if (sk->state == TCP_SYN_RECV) tcp_done(sk, sk->parent ? 0 : ECONNREFUSED);
    else if (sk->state == TCP_ESTABLISHED || sk->state == TCP_FIN_WAIT1 || sk->state == TCP_FIN_WAIT2 ||
             sk->state == TCP_CLOSE_WAIT) {
      sk->net->stats.tcp_estab_resets++;
      tcp_done(sk, ECONNRESET);
    } else tcp_done(sk, 0);
    pkt_free(p);
    return;
  }
  if (th->flags & TH_SYN) {   /* a SYN inside the window: the peer restarted */
    tcp_send_ctl(sk, TH_RST | TH_ACK);
    tcp_done(sk, ECONNRESET);
    pkt_free(p);
    return;
  }
  if (!(th->flags & TH_ACK) || !ack_input(sk, p, th, seq, dlen)) {
    pkt_free(p);
    return;
  }
  if (dlen || fin) {
    if (sk->state == TCP_ESTABLISHED || sk->state == TCP_FIN_WAIT1 || sk->state == TCP_FIN_WAIT2) {
      if (dlen && sk->sock == NULL && sk->parent == NULL) {   /* data for a socket nobody can read: reset */
        tcp_send_ctl(sk, TH_RST | TH_ACK);
        tcp_done(sk, 0);
        pkt_free(p);
        return;
      }
      pkt_pull(p, doff);
      receive(sk, p, seq, dlen, fin);
    } else {
      pkt_free(p);
    }
    tcp_send_ctl(sk, TH_ACK);
  } else {
    pkt_free(p);
  }
  tcp_output(sk);
}
