/*
 * net_ns.h — network namespaces (CLONE_NEWNET): what one network stack
 * instance owns (issue 13 on top of issue 12's stack).
 *
 * A struct net is a namespace (ns.h's struct ns_common first): its
 * interfaces are the netdevs whose `net` points at it (one global list,
 * netdev.c, filtered by namespace), its own loopback, its default
 * gateway, its interface index counter and its SNMP counters
 * (/proc/net/snmp). Sockets (struct isock) point at
 * the namespace they were made in and are found only by packets received
 * on that namespace's interfaces; their ports are unique per namespace.
 * The initial namespace, init_net, owns lo and the card (eth0); a new one
 * has only its own lo, down and without an address until `ifconfig lo up`
 * gives it 127.0.0.1/8, as Linux's.
 *
 * Lifetime: a reference is held by each nsproxy pointing at it, each
 * socket made in it (orphaned TCP connections too, until they finish), each
 * open nsfs inode, and knetd while it handles a packet received there.
 * When the only references left are TCP connections in TIME_WAIT that no
 * process holds, nothing can use the namespace again: as Linux, they are
 * ended at once (their deadline set to now, so knetd frees them on its
 * next pass, never under a caller's feet), and the namespace goes with the
 * last. The last ns_put frees its loopback (queued packets for it are
 * dropped first) and then the struct; init_net is never freed.
 */
#ifndef HAKO_NET_NS_H
#define HAKO_NET_NS_H

#include "inet.h"
#include "ns.h"
#include "types.h"

struct net {
  struct ns_common ns;
  struct netdev *loopback;   /* its lo, always there */
  u32 gateway;               /* the default route's next hop, network order; 0 none */
  u32 next_ifindex;          /* interface indexes count from 1 in each namespace */
  struct inet_stats stats;   /* its /proc/net/snmp counters */
};

extern struct net init_net;

struct net *net_of(struct proc *p);   /* p's network namespace, not referenced */
struct net *net_ns_create(void);      /* a new namespace with its lo, referenced; NULL when out of memory */
void net_ns_release(struct net *net); /* ns_put's last reference: lets its lo go (not the struct) */
void net_ns_dropped(struct net *net); /* ns_put, references left: end TIME_WAITs if only they are */
void net_get(struct net *net);
void net_put(struct net *net);

#endif
