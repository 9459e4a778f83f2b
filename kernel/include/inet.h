/*
 * inet.h — the IPv4 protocol stack's shared contract (kernel/net: pktbuf,
 * loopback, netrx, ether, arp, route, ipv4, icmp, udp, tcp_*, inet).
 *
 * A packet is a `struct pkt`: one kmalloc holding the bytes with room in
 * front for the headers each layer pushes on output (PKT_HEADROOM) and a
 * `data`/`len` window that each layer pulls its header off on input.
 * Addresses and ports are kept in network byte order everywhere (as they
 * are on the wire and in sockaddr_in); only arithmetic converts.
 *
 * Checksum offload, as Linux's loopback: TCP and UDP leave their checksum
 * to ip_output (csum_at), which computes it only when the route leaves
 * through a card; a datagram on lo never meets a wire, so nobody sums it
 * and input on lo does not check it (tcpdump on Linux's lo shows the same
 * "incorrect" checksums). IP and ICMP checksums are always computed.
 *
 * Concurrency: the kernel is not preemptible and has one CPU, so protocol
 * state changes only in process context (system calls) and in the network
 * thread knetd (received packets, timers), never in an interrupt: an
 * interrupt handler only appends to the receive queue (netrx.c) with
 * interrupts off. A protocol path never sleeps while a socket's state is
 * half-changed (user copies go through kernel buffers or happen when the
 * state is consistent).
 */
#ifndef HAKO_INET_H
#define HAKO_INET_H

#include "list.h"
#include "netdev.h"
#include "types.h"
#include "hako/in.h"

struct socket;
struct poll_table;
struct net;

/* ---- packets (pktbuf.c) ---- */
#define PKT_HEADROOM 64   /* Ethernet 14 + IPv4 20 + TCP 20 + options, rounded */

struct pkt {
  struct pkt *next;
  struct netdev *dev;     /* received on */
  u8 *data;               /* the current layer's header */
  u32 len;                /* bytes from data */
  u32 saddr, daddr;       /* IPv4 source and destination (set by ip_input) */
  u16 sport, dport;       /* UDP/TCP ports (set by the transport's input) */
  u8 ttl;                 /* of the received datagram */
  u8 ihl;                 /* its IP header's length in bytes */
  u8 csum_at;             /* output: where ip_output puts the transport checksum (0 none: done) */
  u8 csum_udp;            /* ... a UDP one (0 is sent as 0xffff) */
  u32 seq;                /* TCP: first sequence number of data (out-of-order queue) */
  u32 fin;                /* TCP: the segment carried FIN */
  u8 buf[4];              /* PKT_HEADROOM + payload bytes */
};

struct pkt *pkt_alloc(u32 payload);   /* data = buf + PKT_HEADROOM, len 0; NULL when out of memory */
struct pkt *pkt_copy(const void *bytes, u32 len);   /* received bytes at data */
void pkt_free(struct pkt *p);
u8 *pkt_push(struct pkt *p, u32 n);   /* grow the window n bytes to the front */
u8 *pkt_pull(struct pkt *p, u32 n);   /* drop n bytes from the front; NULL if shorter */
u16 htons(u16 x);
u32 htonl(u32 x);
#define ntohs htons
#define ntohl htonl
u32 csum_add(u32 sum, const void *bytes, u32 len);   /* 16-bit words, big-endian, unfolded */
u16 csum_fold(u32 sum);                              /* ones' complement of the folded sum */
u32 csum_pseudo(u32 saddr, u32 daddr, u32 proto, u32 len);   /* the TCP/UDP pseudo-header */

/* ---- wire headers ---- */
#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806

struct ethhdr {
  u8 dst[ETH_ALEN], src[ETH_ALEN];
  u16 type;
};

struct iphdr {
  u8 ver_ihl, tos;
  u16 tot_len, id, frag_off;
  u8 ttl, protocol;
  u16 check;
  u32 saddr, daddr;
};
#define IP_DF 0x4000
#define IP_MF 0x2000
#define IP_OFFMASK 0x1fff
#define IP_DEFAULT_TTL 64

struct udphdr {
  u16 source, dest, len, check;
};

struct icmphdr {
  u8 type, code;
  u16 checksum;
  u16 id, sequence;
};
#define ICMP_ECHOREPLY 0
#define ICMP_DEST_UNREACH 3
#define ICMP_ECHO 8
#define ICMP_PROT_UNREACH 2
#define ICMP_PORT_UNREACH 3

struct tcphdr {
  u16 source, dest;
  u32 seq, ack_seq;
  u8 doff;   /* data offset in the high 4 bits */
  u8 flags;
  u16 window, check, urg_ptr;
};
#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PSH 0x08
#define TH_ACK 0x10
#define TH_URG 0x20

/* ---- counters (one set per network namespace, net_ns.h; /proc/net/snmp) ---- */
struct inet_stats {
  u32 ip_in_receives, ip_in_hdr_errors, ip_in_addr_errors, ip_in_unknown_protos, ip_in_delivers;
  u32 ip_out_requests, ip_out_no_routes, ip_reasm_fails, ip_frag_fails;
  u32 icmp_in_msgs, icmp_in_echos, icmp_in_echo_reps, icmp_in_dest_unreachs;
  u32 icmp_out_msgs, icmp_out_echo_reps, icmp_out_dest_unreachs;
  u32 tcp_active_opens, tcp_passive_opens, tcp_attempt_fails, tcp_estab_resets;
  u32 tcp_in_segs, tcp_out_segs, tcp_retrans_segs, tcp_in_errs, tcp_out_rsts, tcp_ofo_queue;
  u32 udp_in_datagrams, udp_no_ports, udp_in_errors, udp_out_datagrams, udp_rcvbuf_errors;
};

/* ---- the receive queue and the network thread (netrx.c) ---- */
void net_init(const char *cmdline);   /* early in boot: loopback up, ip=/gw= from the command line */
void net_start(void);                 /* end of boot: knetd if a card exists */
void net_start_thread(void);          /* knetd, once (the first AF_INET socket) */
void net_kick(void);                  /* a timer was armed: knetd recomputes its deadline */

/* ---- link layer (ether.c, arp.c, loopback.c) ---- */
void loopback_init(u32 drop_every);   /* lo_drop=N: lose one frame in N (tests) */
struct netdev *loopback_create(struct net *net);   /* a new namespace's lo: down, no address */
void loopback_set_up(struct netdev *dev, int up);   /* up: 127.0.0.1/8 if it has no address */
void netrx_forget(struct netdev *dev);   /* drop the queued packets received on dev (it is going) */
void eth_input(struct pkt *p);
int eth_output(struct netdev *dev, u32 nexthop, struct pkt *p);   /* p holds the IP datagram; consumed */
int eth_send_frame(struct netdev *dev, const u8 *dst, u16 type, struct pkt *p);   /* consumed */
void arp_input(struct pkt *p);
int arp_resolve(struct netdev *dev, u32 ip, struct pkt *p);   /* sends p now or when resolved; consumed */
void arp_timer(void);
u32 arp_next_deadline(void);          /* jiffies, 0 = none */
int arp_proc_line(int index, char *buf, u32 size);

/* ---- routing and addresses (route.c) ---- */
/* Every lookup is in one network namespace (net_ns.h): a socket's, or a
 * received packet's (p->dev->net), or the caller's for ioctl and /proc. */
struct netdev *route_output(struct net *net, u32 daddr, u32 *nexthop, u32 *src);   /* NULL: no route */
int inet_addr_is_local(struct net *net, u32 addr);
void route_config(const char *cmdline);
void inet_netdev_added(struct netdev *dev);
int route_proc_line(int index, char *buf, u32 size);
int inet_dev_ioctl(u32 cmd, void *uarg);
int net_dev_proc_line(int index, char *buf, u32 size);

/* ---- IPv4 (ipv4.c) and ICMP (icmp.c) ---- */
void ip_input(struct pkt *p);
/* p's data is the transport header and payload; the IP header is pushed.
 * saddr 0: the route's source. Consumed. -ENETUNREACH, -EMSGSIZE, -ENOBUFS. */
int ip_output(struct net *net, struct pkt *p, u32 saddr, u32 daddr, u32 proto, u32 ttl);
void icmp_input(struct pkt *p);
void icmp_send_unreach(struct pkt *orig, u32 code);   /* orig's data is its IP header */

/* ---- sockets (inet.c, udp.c, tcp_*.c) ---- */
enum {
  TCP_CLOSED, TCP_LISTEN, TCP_SYN_SENT, TCP_SYN_RECV, TCP_ESTABLISHED, TCP_FIN_WAIT1, TCP_FIN_WAIT2,
  TCP_CLOSE_WAIT, TCP_CLOSING, TCP_LAST_ACK, TCP_TIME_WAIT
};

#define SEQ_LT(a, b) ((int)((a) - (b)) < 0)
#define SEQ_LEQ(a, b) ((int)((a) - (b)) <= 0)
#define SEQ_GT(a, b) ((int)((a) - (b)) > 0)
#define SEQ_GEQ(a, b) ((int)((a) - (b)) >= 0)

struct isock {
  struct socket *sock;          /* NULL: an orphan (closed by its owner, TCP finishing) or not yet accepted */
  struct net *net;              /* the namespace it was made in (referenced): its ports, routes and packets */
  struct list_head node;        /* in its protocol's list */
  int proto;                    /* IPPROTO_UDP, IPPROTO_TCP, IPPROTO_ICMP (raw) */
  u32 laddr, raddr;             /* network order; 0 = any / not connected */
  u16 lport, rport;             /* network order; 0 = unbound / not connected */
  int connected;
  int err;                      /* a pending error for the owner (ECONNREFUSED ...) */
  int reuse;
  int ttl;
  u32 rcvbuf, sndbuf;
  u32 ino;                      /* /proc/net's inode column */
  int uid;
  int shut_rd, shut_wr;
  /* datagrams (UDP, raw ICMP) */
  struct pkt *rq_head, *rq_tail;
  u32 rq_bytes, drops;
  /* TCP (tcp.c owns these) */
  int state;
  int nodelay;
  u32 iss, snd_una, snd_nxt, snd_max, snd_wnd, snd_wl1, snd_wl2;
  u32 irs, rcv_nxt, rcv_adv;    /* rcv_adv: right edge of the window last advertised */
  u32 mss;                      /* segment size toward the peer */
  char *sbuf;                   /* data from sbuf_seq: unacknowledged then unsent */
  u32 sbuf_size, sbuf_start, sbuf_len, sbuf_seq;
  int fin_queued;               /* shutdown(SHUT_WR) or close: FIN after sbuf's data */
  char *rbuf;                   /* received in order, not yet read */
  u32 rbuf_size, rbuf_start, rbuf_len;
  int fin_rcvd;
  struct pkt *ooo;              /* out-of-order segments, ascending seq */
  u32 ooo_bytes;
  u32 rto;                      /* ticks */
  u32 srtt, rttvar;             /* ticks << 3 and << 2 (RFC 6298 as Linux scales them) */
  int rtt_valid;
  u32 rtt_seq, rtt_start;       /* a timed segment; rtt_start 0 = none */
  u32 rto_at;                   /* retransmit / persist deadline (jiffies), 0 = off */
  u32 tw_at;                    /* TIME_WAIT or orphan FIN_WAIT2 deadline, 0 = off */
  int retries;
  int persist;                  /* rto_at is the zero-window probe's */
  struct isock *parent;         /* a listener's connection not yet accepted */
  struct isock *acc_next;
  struct isock *acc_head, *acc_tail;   /* listener: established connections for accept */
  int backlog, nchild;          /* listener: limit and connections it holds (SYN_RECV or queued) */
};

extern struct list_head udp_socks, tcp_socks, raw_socks;

int inet_create(struct socket *s, int protocol);
int inet_setsockopt(struct socket *s, int level, int name, int v);
int inet_getsockopt(struct socket *s, int level, int name, int *v);
int inet_port_in_use(struct isock *self, u32 laddr, u16 lport);   /* EADDRINUSE rule */
u16 inet_ephemeral_port(struct isock *self);                       /* network order; 0 none free */
int inet_sockaddr(const void *addr, u32 len, u32 *ip, u16 *port);  /* 0 or -errno */
void inet_fill_addr(void *addr, u32 *len, u32 ip, u16 port);
struct isock *isock_new(int proto, struct net *net);
void isock_free(struct isock *sk);
void isock_wake(struct isock *sk);

void udp_input(struct pkt *p);
void udp_unreach(struct net *net, u32 daddr, u16 sport, u16 dport);   /* ICMP port unreachable for a datagram we sent */
extern const struct proto_ops udp_ops;
extern const struct proto_ops raw_ops;
void raw_input(struct pkt *p);       /* a copy of each ICMP datagram (data = IP header) */

extern const struct proto_ops tcp_ops;
void tcp_input(struct pkt *p);
void tcp_timer(void);
u32 tcp_next_deadline(void);
/* tcp_output.c */
void tcp_output(struct isock *sk);                  /* send what window and data allow */
void tcp_send_ctl(struct isock *sk, u32 flags);     /* SYN, SYN|ACK, ACK, RST|ACK at snd_nxt */
void tcp_send_reset(struct pkt *p, struct tcphdr *th, u32 len);   /* answer a segment with RST */
void tcp_retransmit_timeout(struct isock *sk);
void tcp_rtt_sample(struct isock *sk, u32 ticks);
u32 tcp_rcv_window(struct isock *sk);
void tcp_arm_rto(struct isock *sk);
/* tcp.c */
void tcp_set_state(struct isock *sk, int state);
void tcp_done(struct isock *sk, int err);           /* CLOSED: wake, free an orphan */
int tcp_proc_line(int index, char *buf, u32 size);
/* A namespace with refs references left: if they are all TIME_WAIT orphans, end them now. */
void tcp_end_timewait_if_alone(struct net *net, int refs);
struct kdebug_tcp_table;
void tcp_kdebug_publish(struct kdebug_tcp_table *t);   /* kdebugd's refresh of the TCP table */
int udp_proc_line(int index, char *buf, u32 size);

#endif
