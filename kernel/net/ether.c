/*
 * ether.c — Ethernet II framing: the input dispatch by EtherType (IPv4,
 * ARP; others dropped) and output of IPv4 datagrams, which asks ARP for
 * the next hop's address on a card and uses zero addresses on the
 * loopback (as Linux's lo).
 */
#include "inet.h"
#include "lib.h"

static const u8 zero_mac[ETH_ALEN];

void eth_input(struct pkt *p) {
  struct ethhdr *eh = (struct ethhdr *)p->data;
  u16 type;
  if (p->len < ETH_HLEN || !(p->dev->flags & IFF_UP)) {
    pkt_free(p);
    return;
  }
  type = ntohs(eh->type);
  pkt_pull(p, ETH_HLEN);
  if (type == ETH_P_IP) ip_input(p);
  else if (type == ETH_P_ARP && !(p->dev->flags & IFF_LOOPBACK)) arp_input(p);
  else pkt_free(p);
}

int eth_send_frame(struct netdev *dev, const u8 *dst, u16 type, struct pkt *p) {
  struct ethhdr *eh = (struct ethhdr *)pkt_push(p, ETH_HLEN);
  int err;
  memcpy(eh->dst, dst, ETH_ALEN);
  memcpy(eh->src, dev->mac, ETH_ALEN);
  eh->type = htons(type);
  err = dev->xmit(dev, p->data, p->len);
  if (err) dev->stats.tx_dropped++;
  pkt_free(p);
  return err;
}

int eth_output(struct netdev *dev, u32 nexthop, struct pkt *p) {
  if (dev->flags & IFF_LOOPBACK) return eth_send_frame(dev, zero_mac, ETH_P_IP, p);
  return arp_resolve(dev, nexthop, p);
}
