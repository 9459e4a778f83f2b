/*
 * netdev.c — the list of network interfaces (netdev.h's contract). Owns
 * netdev_list, which holds every namespace's interfaces (each knows its
 * namespace; lookups are by namespace), and the interface indexes, counted
 * per namespace. A registered interface gets the command line's address
 * if it is the first card (route.c); received frames go to the stack's
 * queue (netdev_rx, in netrx.c).
 */
#include "inet.h"
#include "lib.h"
#include "net_ns.h"
#include "netdev.h"

struct netdev *netdev_list;

void netdev_register(struct netdev *dev) {
  struct netdev **tail = &netdev_list;
  while (*tail) tail = &(*tail)->next;
  if (dev->net == NULL) dev->net = &init_net;   /* drivers' cards start in the initial namespace */
  dev->ifindex = dev->net->next_ifindex++;
  dev->next = NULL;
  *tail = dev;
  inet_netdev_added(dev);
  if (!(dev->flags & IFF_LOOPBACK)) net_start_thread();   /* registered after boot: knetd now */
}

void netdev_unregister(struct netdev *dev) {
  struct netdev **pp;
  for (pp = &netdev_list; *pp; pp = &(*pp)->next) {
    if (*pp == dev) {
      *pp = dev->next;
      return;
    }
  }
}

void netdev_carrier(struct netdev *dev, int up) {
  if (up) dev->flags |= IFF_RUNNING;
  else dev->flags &= ~(u32)IFF_RUNNING;
}

struct netdev *netdev_by_name(struct net *net, const char *name) {
  struct netdev *d;
  for (d = netdev_list; d; d = d->next)
    if (d->net == net && strcmp(d->name, name) == 0) return d;
  return NULL;
}

struct netdev *netdev_by_index(struct net *net, u32 ifindex) {
  struct netdev *d;
  for (d = netdev_list; d; d = d->next)
    if (d->net == net && d->ifindex == ifindex) return d;
  return NULL;
}
