/*
 * loopback.c — the loopback interface `lo` of each network namespace.
 * Its transmit hands the frame straight back to the receive queue
 * (netdev_rx), so a packet sent to the machine itself takes the same
 * input path as one from the wire, one knetd turn later (never a
 * recursive input inside an output).
 *
 * The initial namespace's lo is up with 127.0.0.1/8 from boot, no card
 * needed. A new namespace's lo (loopback_create) is down and has no
 * address, as Linux's: bringing it up (loopback_set_up, from SIOCSIFFLAGS)
 * gives it 127.0.0.1/8, which it then keeps.
 */
#include "inet.h"
#include "lib.h"
#include "mm.h"
#include "net_ns.h"

static struct netdev lo_dev;
static u32 drop_every, lcg = 1;

static int lo_xmit(struct netdev *dev, const void *frame, u32 len) {
  /* a pseudo-random 1 in N (an LCG: the same run every boot), not every
   * Nth frame: a strict period can lock onto a retransmission's rhythm
   * and lose the same segment every time */
  lcg = lcg * 1103515245u + 12345u;
  if (drop_every && (lcg >> 16) % drop_every == 0) {
    dev->stats.tx_dropped++;
    return 0;
  }
  dev->stats.tx_packets++;
  dev->stats.tx_bytes += len;
  dev->stats.rx_packets++;
  dev->stats.rx_bytes += len;
  netdev_rx(dev, frame, len);
  return 0;
}

static void lo_setup(struct netdev *dev, struct net *net) {
  strlcpy(dev->name, "lo", sizeof dev->name);
  dev->mtu = 65536;
  dev->flags = IFF_LOOPBACK;
  dev->xmit = lo_xmit;
  dev->net = net;
}

void loopback_set_up(struct netdev *dev, int up) {
  if (!up) {
    dev->flags &= ~(u32)(IFF_UP | IFF_RUNNING);
    return;
  }
  dev->flags |= IFF_UP | IFF_RUNNING;
  if (dev->ipv4_addr == 0) {
    dev->ipv4_addr = htonl(INADDR_LOOPBACK);
    dev->ipv4_mask = htonl(0xff000000u);
  }
}

void loopback_init(u32 drop) {
  drop_every = drop;
  lo_setup(&lo_dev, &init_net);
  loopback_set_up(&lo_dev, 1);
  init_net.loopback = &lo_dev;
  netdev_register(&lo_dev);
}

struct netdev *loopback_create(struct net *net) {
  struct netdev *dev = (struct netdev *)kmalloc(sizeof *dev);
  if (dev == NULL) return NULL;
  memset(dev, 0, sizeof *dev);
  lo_setup(dev, net);
  netdev_register(dev);
  return dev;
}
