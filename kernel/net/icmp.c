/*
 * icmp.c — the Internet Control Message Protocol (RFC 792) as a host
 * needs it: echo requests are answered with echo replies (same id,
 * sequence and data), destination-unreachable messages are sent for a
 * datagram no protocol or port wants, and received ones are handed to the
 * transport they concern (UDP: ECONNREFUSED on a connected socket).
 * Raw ICMP sockets (inet.c) see every ICMP datagram too (ip_input gives
 * them a copy), which is how ping reads replies and their TTL.
 *
 * Never is an ICMP error sent about an ICMP error, a broadcast, or a
 * datagram from 0.0.0.0 (RFC 1122 3.2.2).
 */
#include "inet.h"
#include "lib.h"
#include "net_ns.h"

static void send_icmp(struct net *net, u32 daddr, u8 type, u8 code, u16 id, u16 seq, const void *body, u32 blen) {
  struct pkt *p = pkt_alloc(sizeof(struct icmphdr) + blen);
  struct icmphdr *h;
  if (p == NULL) return;
  h = (struct icmphdr *)p->data;
  p->len = sizeof *h + blen;
  h->type = type;
  h->code = code;
  h->checksum = 0;
  h->id = id;
  h->sequence = seq;
  memcpy(p->data + sizeof *h, body, blen);
  h->checksum = csum_fold(csum_add(0, p->data, p->len));
  net->stats.icmp_out_msgs++;
  ip_output(net, p, 0, daddr, IPPROTO_ICMP, 0);
}

void icmp_input(struct pkt *p) {
  struct icmphdr *h = (struct icmphdr *)p->data;
  p->dev->net->stats.icmp_in_msgs++;
  if (p->len < sizeof *h || csum_fold(csum_add(0, p->data, p->len)) != 0) {
    pkt_free(p);
    return;
  }
  if (h->type == ICMP_ECHO && h->code == 0 && p->daddr != 0xffffffffu) {
    p->dev->net->stats.icmp_in_echos++;
    p->dev->net->stats.icmp_out_echo_reps++;
    send_icmp(p->dev->net, p->saddr, ICMP_ECHOREPLY, 0, h->id, h->sequence, p->data + sizeof *h, p->len - sizeof *h);
  } else if (h->type == ICMP_ECHOREPLY) {
    p->dev->net->stats.icmp_in_echo_reps++;
  } else if (h->type == ICMP_DEST_UNREACH && p->len >= sizeof *h + sizeof(struct iphdr) + 8) {
    /* the body: the offending datagram's IP header and its first 8 bytes */
    struct iphdr *ih = (struct iphdr *)(p->data + sizeof *h);
    u32 hlen = (u32)(ih->ver_ihl & 15) * 4;
    p->dev->net->stats.icmp_in_dest_unreachs++;
    if (hlen >= 20 && p->len >= sizeof *h + hlen + 8 && ih->protocol == IPPROTO_UDP && h->code == ICMP_PORT_UNREACH) {
      struct udphdr *uh = (struct udphdr *)((u8 *)ih + hlen);
      udp_unreach(p->dev->net, ih->daddr, uh->source, uh->dest);
    }
  }
  pkt_free(p);
}

/* orig->data is the IP header of the datagram being refused. */
void icmp_send_unreach(struct pkt *orig, u32 code) {
  struct iphdr *ih = (struct iphdr *)orig->data;
  u32 hlen = (u32)(ih->ver_ihl & 15) * 4;
  u32 n = hlen + 8;
  if (ih->saddr == 0 || ih->daddr == 0xffffffffu || !inet_addr_is_local(orig->dev->net, ih->daddr)) return;
  if (ih->protocol == IPPROTO_ICMP) return;
  if (n > orig->len) n = orig->len;
  orig->dev->net->stats.icmp_out_dest_unreachs++;
  send_icmp(orig->dev->net, ih->saddr, ICMP_DEST_UNREACH, (u8)code, 0, 0, ih, n);
}
