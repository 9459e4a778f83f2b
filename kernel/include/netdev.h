/*
 * netdev.h — the contract between network drivers (the card's driver in
 * kernel/dev, the loopback in kernel/net) and the protocol stack
 * (kernel/net: Ethernet, ARP, IPv4, ICMP, UDP, TCP).
 *
 * A driver fills a struct netdev (name, MAC, MTU, flags, xmit) and calls
 * netdev_register once. Frames are whole Ethernet frames (14-byte header,
 * no FCS), at most ETH_FRAME_MAX bytes.
 *
 * Invariants:
 * - xmit may be called with interrupts off and must not sleep; it copies
 *   the frame (the caller's buffer is reused) and returns 0, or -ENOBUFS
 *   when its transmit ring is full, or -ENETDOWN without carrier. It
 *   counts tx_* itself.
 * - netdev_rx may be called from the driver's interrupt handler: it copies
 *   the frame into the stack's receive queue and wakes the stack's kernel
 *   thread; it never sleeps and never calls back into the driver. The
 *   driver counts rx_packets/rx_bytes; netdev_rx counts rx_dropped when its
 *   queue is full.
 * - netdev_carrier reports link changes (IFF_RUNNING); the flags' IFF_UP
 *   is the administrator's (ifconfig up/down), owned by the stack.
 * - Addresses (ipv4, mask) belong to the stack; drivers never touch them.
 */
#ifndef HAKO_NETDEV_H
#define HAKO_NETDEV_H

#include "types.h"

#define ETH_ALEN 6
#define ETH_HLEN 14
#define ETH_DATA_MAX 1500
#define ETH_FRAME_MAX (ETH_HLEN + ETH_DATA_MAX)

/* Linux's interface flags (SIOCGIFFLAGS) */
#define IFF_UP 0x1
#define IFF_BROADCAST 0x2
#define IFF_LOOPBACK 0x8
#define IFF_RUNNING 0x40
#define IFF_MULTICAST 0x1000

struct net;

struct netdev_stats {
  u32 rx_packets, tx_packets, rx_bytes, tx_bytes;
  u32 rx_errors, tx_errors, rx_dropped, tx_dropped;
};

struct netdev {
  char name[16];             /* "lo", "eth0" */
  u8 mac[ETH_ALEN];
  u32 mtu;                   /* payload bytes: 1500 (eth0), 65536 (lo) */
  u32 flags;                 /* IFF_* */
  u32 ifindex;               /* set by netdev_register: 1, 2, ... within its namespace */
  struct net *net;           /* its network namespace (net_ns.h); NULL at register: the initial one */
  u32 ipv4_addr, ipv4_mask;  /* network byte order; the stack's */
  struct netdev_stats stats;
  int (*xmit)(struct netdev *dev, const void *frame, u32 len);
  void *priv;                /* the driver's */
  struct netdev *next;       /* netdev_list, in registration order */
};

extern struct netdev *netdev_list;   /* every namespace's interfaces: filter by ->net */

void netdev_register(struct netdev *dev);
void netdev_unregister(struct netdev *dev);   /* a namespace's loopback, when the namespace goes */
void netdev_rx(struct netdev *dev, const void *frame, u32 len);
void netdev_carrier(struct netdev *dev, int up);
struct netdev *netdev_by_name(struct net *net, const char *name);
struct netdev *netdev_by_index(struct net *net, u32 ifindex);

#endif
