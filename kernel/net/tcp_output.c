/*
 * tcp_output.c — what TCP sends: segments cut from the send buffer as
 * the peer's window allows, control segments (SYN, SYN-ACK, ACK, RST),
 * resets for segments nobody wants, and the retransmission timer.
 *
 * The send buffer `sbuf` is a ring holding every byte from sbuf_seq (the
 * first unacknowledged data byte) on: first what is in flight
 * [sbuf_seq, snd_nxt), then what is not sent yet. A FIN, once queued,
 * follows the last byte (sequence sbuf_seq + sbuf_len); it is sent with
 * the last data and ignores the window. Segments are at most `mss` bytes
 * (the peer's MSS option, 536 without one, and our interface's MTU − 40,
 * capped at TCP_MSS_MAX so a segment fits one 16 KiB buffer). Every data
 * segment carries ACK and PSH; ACKs are sent at once, never delayed.
 *
 * Retransmission (RFC 6298): one timer per connection, armed when data
 * or a SYN/FIN goes out and nothing was timed yet, restarted by an ACK
 * that acknowledges something, stopped when everything is acknowledged.
 * RTT samples (one segment at a time, never a retransmitted one: Karn)
 * feed SRTT and RTTVAR; RTO = SRTT + 4·RTTVAR within [200 ms, 120 s]
 * (Linux's bounds; 1 s before the first sample). On expiry the RTO
 * doubles and sending restarts at the oldest unacknowledged byte
 * (go-back-N); after TCP_SYN_RETRIES for a SYN, TCP_RETRIES for data
 * (Linux's tcp_syn_retries and tcp_retries2) the connection fails with
 * ETIMEDOUT. With data waiting, nothing in flight and a zero window, the
 * same timer is the persist timer: it sends a window probe (an ACK for
 * an old sequence number, as Linux, which the peer answers with its
 * window) and backs off, never giving up.
 */
#include "dev.h"
#include "inet.h"
#include "lib.h"
#include "net_ns.h"
#include "hako/errno.h"

#define TCP_RTO_MIN 20        /* ticks: 200 ms */
#define TCP_RTO_MAX 12000     /* 120 s */
#define TCP_SYN_RETRIES 6
#define TCP_RETRIES 15

u32 tcp_rcv_window(struct isock *sk) {
  u32 free;
  if (sk->rbuf == NULL) return 4096;
  free = sk->rbuf_size - sk->rbuf_len;
  return free > 65535 ? 65535 : free;
}

static u16 our_mss(struct isock *sk) {
  u32 nexthop, src, mss = 536;
  struct netdev *dev = route_output(sk->net, sk->raddr, &nexthop, &src);
  if (dev) mss = dev->mtu - 40;
  if (mss > 16000) mss = 16000;
  return (u16)mss;
}

/* A segment at seq with flags and dlen bytes of sbuf from offset off. */
static void send_segment(struct isock *sk, u32 seq, u32 flags, u32 off, u32 dlen) {
  u32 opts = (flags & TH_SYN) ? 4 : 0;
  struct pkt *p = pkt_alloc(sizeof(struct tcphdr) + opts + dlen);
  struct tcphdr *th;
  u32 win;
  if (p == NULL) return;
  th = (struct tcphdr *)p->data;
  p->len = sizeof *th + opts + dlen;
  th->source = sk->lport;
  th->dest = sk->rport;
  th->seq = htonl(seq);
  th->ack_seq = (flags & TH_ACK) ? htonl(sk->rcv_nxt) : 0;
  th->doff = (u8)(((sizeof *th + opts) / 4) << 4);
  th->flags = (u8)flags;
  win = tcp_rcv_window(sk);
  th->window = htons((u16)win);
  th->check = 0;
  th->urg_ptr = 0;
  if (flags & TH_ACK) sk->rcv_adv = sk->rcv_nxt + win;
  if (opts) {
    u8 *o = p->data + sizeof *th;
    u16 mss = our_mss(sk);
    o[0] = 2;   /* MSS */
    o[1] = 4;
    o[2] = (u8)(mss >> 8);
    o[3] = (u8)mss;
  }
  if (dlen) {
    u8 *d = p->data + sizeof *th + opts;
    u32 at = (sk->sbuf_start + off) % sk->sbuf_size;
    u32 first = MIN(dlen, sk->sbuf_size - at);
    memcpy(d, sk->sbuf + at, first);
    if (first < dlen) memcpy(d + first, sk->sbuf, dlen - first);
  }
  p->csum_at = 16;   /* th->check, filled by ip_output */
  sk->net->stats.tcp_out_segs++;
  ip_output(sk->net, p, sk->laddr, sk->raddr, IPPROTO_TCP, (u32)sk->ttl);
}

void tcp_arm_rto(struct isock *sk) {
  sk->rto_at = jiffies + sk->rto;
  if (sk->rto_at == 0) sk->rto_at = 1;
  net_kick();
}

void tcp_send_ctl(struct isock *sk, u32 flags) {
  if (flags & TH_SYN) send_segment(sk, sk->iss, flags, 0, 0);
  else send_segment(sk, sk->snd_nxt, flags, 0, 0);
}

void tcp_output(struct isock *sk) {
  if (sk->state != TCP_ESTABLISHED && sk->state != TCP_CLOSE_WAIT && sk->state != TCP_FIN_WAIT1 &&
      sk->state != TCP_CLOSING && sk->state != TCP_LAST_ACK)
    return;
  for (;;) {
    u32 sent = sk->snd_nxt - sk->sbuf_seq;
    u32 avail, room, n, wnd_end = sk->snd_una + sk->snd_wnd;
    int fin;
    if (sent > sk->sbuf_len) break;   /* the FIN is out */
    avail = sk->sbuf_len - sent;
    room = SEQ_GT(wnd_end, sk->snd_nxt) ? wnd_end - sk->snd_nxt : 0;
    n = MIN(MIN(avail, room), sk->mss);
    fin = sk->fin_queued && n == avail;
    if (n == 0 && !fin) {
      if (avail && sk->snd_wnd == 0 && sk->snd_una == sk->snd_nxt && sk->rto_at == 0) {
        sk->persist = 1;   /* the zero-window probe's timer */
        tcp_arm_rto(sk);
      }
      break;
    }
    send_segment(sk, sk->snd_nxt, TH_ACK | (n ? TH_PSH : 0) | (fin ? TH_FIN : 0), sent, n);
    if (sk->rtt_start == 0) {
      sk->rtt_seq = sk->snd_nxt + n + (u32)fin;
      sk->rtt_start = jiffies | 1;
    }
    sk->snd_nxt += n + (u32)fin;
    if (SEQ_GT(sk->snd_nxt, sk->snd_max)) sk->snd_max = sk->snd_nxt;
    if (sk->rto_at == 0 || sk->persist) {
      sk->persist = 0;
      tcp_arm_rto(sk);
    }
    if (fin) break;
  }
}

void tcp_rtt_sample(struct isock *sk, u32 r) {
  u32 rto;
  /* rtt_start is jiffies | 1 (0 means no timed segment), so an answer in
   * the same even jiffy reads as -1: that is 0, not a 497-day RTT that
   * would pin the RTO at TCP_RTO_MAX. */
  if ((int)r < 0) r = 0;
  if (!sk->rtt_valid) {
    sk->srtt = r << 3;
    sk->rttvar = r << 1;
    sk->rtt_valid = 1;
  } else {
    int delta = (int)r - (int)(sk->srtt >> 3);
    sk->srtt = (u32)((int)sk->srtt + delta);
    if (delta < 0) delta = -delta;
    sk->rttvar = (u32)((int)sk->rttvar + delta - (int)(sk->rttvar >> 2));
  }
  rto = (sk->srtt >> 3) + MAX(1u, sk->rttvar);
  sk->rto = rto < TCP_RTO_MIN ? TCP_RTO_MIN : rto > TCP_RTO_MAX ? TCP_RTO_MAX : rto;
}

void tcp_retransmit_timeout(struct isock *sk) {
  sk->rto = MIN(sk->rto * 2, (u32)TCP_RTO_MAX);
  sk->rtt_start = 0;   /* Karn: no sample from a retransmitted segment */
  if (sk->persist) {
    send_segment(sk, sk->snd_una - 1, TH_ACK, 0, 0);
    tcp_arm_rto(sk);
    return;
  }
  sk->retries++;
  if (sk->retries > ((sk->state == TCP_SYN_SENT || sk->state == TCP_SYN_RECV) ? TCP_SYN_RETRIES : TCP_RETRIES)) {
    tcp_done(sk, ETIMEDOUT);
    return;
  }
  sk->net->stats.tcp_retrans_segs++;
  if (sk->state == TCP_SYN_SENT) tcp_send_ctl(sk, TH_SYN);
  else if (sk->state == TCP_SYN_RECV) tcp_send_ctl(sk, TH_SYN | TH_ACK);
  else {
    sk->snd_nxt = sk->snd_una;
    sk->rto_at = 0;
    tcp_output(sk);
  }
  if (sk->rto_at == 0) tcp_arm_rto(sk);
}

/* A reset answering segment th (dlen data bytes) of p, which no
 * connection wants (RFC 793: with ACK, seq = its ack; else ACK its end). */
void tcp_send_reset(struct pkt *p, struct tcphdr *th, u32 dlen) {
  struct pkt *r = pkt_alloc(sizeof(struct tcphdr));
  struct tcphdr *rh;
  if (r == NULL) return;
  rh = (struct tcphdr *)r->data;
  r->len = sizeof *rh;
  memset(rh, 0, sizeof *rh);
  rh->source = th->dest;
  rh->dest = th->source;
  if (th->flags & TH_ACK) {
    rh->seq = th->ack_seq;
    rh->flags = TH_RST;
  } else {
    u32 end = ntohl(th->seq) + dlen + ((th->flags & TH_SYN) ? 1 : 0) + ((th->flags & TH_FIN) ? 1 : 0);
    rh->ack_seq = htonl(end);
    rh->flags = TH_RST | TH_ACK;
  }
  rh->doff = 5 << 4;
  r->csum_at = 16;
  p->dev->net->stats.tcp_out_rsts++;
  p->dev->net->stats.tcp_out_segs++;
  ip_output(p->dev->net, r, p->daddr, p->saddr, IPPROTO_TCP, 0);
}
