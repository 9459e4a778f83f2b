/*
 * ipv4.c — the Internet Protocol, version 4 (RFC 791) for a host: input
 * checks (version, header length, total length, header checksum) and
 * delivery by protocol to ICMP, UDP or TCP; output with a fresh header
 * (TTL 64 unless the socket set IP_TTL, DF always set: the stack never
 * fragments), routed by route.c and framed by ether.c.
 *
 * Fragments are refused cleanly: a received datagram with MF set or a
 * fragment offset is dropped and counted (ReasmFails), as a host without
 * reassembly would; an output larger than the interface's MTU is
 * EMSGSIZE (what a DF datagram gets). Datagrams not addressed to this
 * host (nor broadcast) are dropped: a host does not forward.
 */
#include "inet.h"
#include "lib.h"
#include "net_ns.h"
#include "hako/errno.h"

static u16 next_id = 1;

static int for_us(struct netdev *dev, u32 daddr) {
  if (inet_addr_is_local(dev->net, daddr) || daddr == 0xffffffffu) return 1;
  return dev->ipv4_addr != 0 && dev->ipv4_mask != 0xffffffffu && (daddr | dev->ipv4_mask) == 0xffffffffu &&
         (daddr & dev->ipv4_mask) == (dev->ipv4_addr & dev->ipv4_mask);
}

void ip_input(struct pkt *p) {
  struct iphdr *ih = (struct iphdr *)p->data;
  u32 hlen, tot;
  p->dev->net->stats.ip_in_receives++;
  if (p->len < sizeof *ih || (ih->ver_ihl >> 4) != 4) goto bad;
  hlen = (u32)(ih->ver_ihl & 15) * 4;
  tot = ntohs(ih->tot_len);
  if (hlen < sizeof *ih || tot < hlen || tot > p->len) goto bad;
  if (csum_fold(csum_add(0, ih, hlen)) != 0) goto bad;
  p->len = tot;   /* drop the link layer's padding */
  if (ntohs(ih->frag_off) & (IP_MF | IP_OFFMASK)) {
    p->dev->net->stats.ip_reasm_fails++;
    pkt_free(p);
    return;
  }
  if (!for_us(p->dev, ih->daddr)) {
    p->dev->net->stats.ip_in_addr_errors++;
    pkt_free(p);
    return;
  }
  p->saddr = ih->saddr;
  p->daddr = ih->daddr;
  p->ttl = ih->ttl;
  p->ihl = (u8)hlen;
  p->dev->net->stats.ip_in_delivers++;
  switch (ih->protocol) {
  case IPPROTO_ICMP:
    raw_input(p);   /* raw sockets get a copy with the IP header */
    pkt_pull(p, hlen);
    icmp_input(p);
    return;
  case IPPROTO_UDP:
    pkt_pull(p, hlen);
    udp_input(p);
    return;
  case IPPROTO_TCP:
    pkt_pull(p, hlen);
    tcp_input(p);
    return;
  }
  p->dev->net->stats.ip_in_unknown_protos++;
  icmp_send_unreach(p, ICMP_PROT_UNREACH);
  pkt_free(p);
  return;
bad:
  p->dev->net->stats.ip_in_hdr_errors++;
  pkt_free(p);
}

int ip_output(struct net *net, struct pkt *p, u32 saddr, u32 daddr, u32 proto, u32 ttl) {
  u32 nexthop, src;
  struct netdev *dev = route_output(net, daddr, &nexthop, &src);
  struct iphdr *ih;
  net->stats.ip_out_requests++;
  if (dev == NULL || !(dev->flags & IFF_UP)) {
    net->stats.ip_out_no_routes++;
    pkt_free(p);
    return -ENETUNREACH;
  }
  if (p->len + sizeof *ih > dev->mtu) {
    net->stats.ip_frag_fails++;
    pkt_free(p);
    return -EMSGSIZE;
  }
  if (saddr == 0) saddr = src;
  if (p->csum_at && !(dev->flags & IFF_LOOPBACK)) {   /* the transport's checksum (see inet.h) */
    u16 sum = csum_fold(csum_add(csum_pseudo(saddr, daddr, proto, p->len), p->data, p->len));
    if (sum == 0 && p->csum_udp) sum = 0xffff;   /* 0 would mean "no checksum" */
    memcpy(p->data + p->csum_at, &sum, 2);
  }
  ih = (struct iphdr *)pkt_push(p, sizeof *ih);
  ih->ver_ihl = 0x45;
  ih->tos = 0;
  ih->tot_len = htons((u16)p->len);
  ih->id = htons(next_id++);
  ih->frag_off = htons(IP_DF);
  ih->ttl = (u8)(ttl ? ttl : IP_DEFAULT_TTL);
  ih->protocol = (u8)proto;
  ih->check = 0;
  ih->saddr = saddr;
  ih->daddr = daddr;
  ih->check = csum_fold(csum_add(0, ih, sizeof *ih));
  return eth_output(dev, nexthop, p);
}
