/*
 * loopback.c — the loopback interface `lo`: 127.0.0.1/8, up and running
 * from boot, no card needed. Its transmit hands the frame straight back
 * to the receive queue (netdev_rx), so a packet sent to the machine
 * itself takes the same input path as one from the wire, one knetd turn
 * later (never a recursive input inside an output).
 */
#include "inet.h"
#include "lib.h"

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

void loopback_init(u32 drop) {
  drop_every = drop;
  strlcpy(lo_dev.name, "lo", sizeof lo_dev.name);
  lo_dev.mtu = 65536;
  lo_dev.flags = IFF_UP | IFF_LOOPBACK | IFF_RUNNING;
  lo_dev.ipv4_addr = htonl(INADDR_LOOPBACK);
  lo_dev.ipv4_mask = htonl(0xff000000u);
  lo_dev.xmit = lo_xmit;
  netdev_register(&lo_dev);
}
