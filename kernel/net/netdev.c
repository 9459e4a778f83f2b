/*
 * netdev.c — the list of network interfaces (netdev.h's contract). Owns
 * netdev_list and the interface indexes. The protocol stack's receive
 * path replaces netdev_rx's body: until then a received frame is counted
 * as dropped, so a driver can be brought up and tested on its own.
 */
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
}

void netdev_rx(struct netdev *dev, const void *frame, u32 len) {
  (void)frame;
  (void)len;
  dev->stats.rx_dropped++;
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
