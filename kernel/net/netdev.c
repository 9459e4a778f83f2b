/*
 * netdev.c — the list of network interfaces (netdev.h's contract). Owns
 * netdev_list and the interface indexes. A registered interface gets the
 * command line's address if it is the first card (route.c); received
 * frames go to the stack's queue (netdev_rx, in netrx.c).
 */
#include "inet.h"
#include "lib.h"
#include "netdev.h"

struct netdev *netdev_list;
static u32 next_ifindex = 1;

void netdev_register(struct netdev *dev) {
  struct netdev **tail = &netdev_list;
  while (*tail) tail = &(*tail)->next;
  dev->ifindex = next_ifindex++;
  dev->next = NULL;
  *tail = dev;
  inet_netdev_added(dev);
  if (!(dev->flags & IFF_LOOPBACK)) net_start_thread();   /* registered after boot: knetd now */
}

void netdev_carrier(struct netdev *dev, int up) {
  if (up) dev->flags |= IFF_RUNNING;
  else dev->flags &= ~(u32)IFF_RUNNING;
}

struct netdev *netdev_by_name(const char *name) {
  struct netdev *d;
  for (d = netdev_list; d; d = d->next)
    if (strcmp(d->name, name) == 0) return d;
  return NULL;
}

struct netdev *netdev_by_index(u32 ifindex) {
  struct netdev *d;
  for (d = netdev_list; d; d = d->next)
    if (d->ifindex == ifindex) return d;
  return NULL;
}
