/*
 * arp.c — the Address Resolution Protocol (RFC 826) for Ethernet cards:
 * a cache from IPv4 addresses to MAC addresses, answers to requests for
 * our addresses, and resolution of a next hop before a datagram leaves.
 *
 * An entry is INCOMPLETE while a request is out: up to ARP_PENDING_MAX
 * datagrams wait in it (the oldest is dropped past that), the request is
 * repeated every second, and after ARP_TRIES unanswered requests the
 * entry and what waits in it are dropped (TCP's retransmission tries
 * again later). A REACHABLE entry lives ARP_TIMEOUT (60 s, Linux's
 * gc_stale_time) after it was last confirmed by a reply or a request
 * from that host; then the next datagram resolves again. The table has
 * ARP_SIZE entries: a new one takes a free slot or the oldest.
 * /proc/net/arp lists the table in Linux's format.
 */
#include "dev.h"
#include "inet.h"
#include "lib.h"
#include "net_ns.h"

#define ARP_SIZE 32
#define ARP_PENDING_MAX 3
#define ARP_TRIES 3
#define ARP_RETRY_TICKS 100
#define ARP_TIMEOUT (60 * 100)

#define ARPHRD_ETHER 1
#define ARPOP_REQUEST 1
#define ARPOP_REPLY 2
#define ATF_COM 0x2

enum { ARP_FREE, ARP_INCOMPLETE, ARP_REACHABLE };

struct arp_entry {
  int state;
  u32 ip;
  u8 mac[ETH_ALEN];
  struct netdev *dev;
  u32 expires;            /* jiffies: next retry (INCOMPLETE) or end of life (REACHABLE) */
  u32 created;
  int tries;
  struct pkt *pending;
  int npending;
};

struct arphdr {
  u16 htype, ptype;
  u8 hlen, plen;
  u16 op;
  u8 sha[ETH_ALEN], spa[4], tha[ETH_ALEN], tpa[4];
};

static struct arp_entry table[ARP_SIZE];
static const u8 broadcast_mac[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static struct arp_entry *find(u32 ip) {
  int i;
  for (i = 0; i < ARP_SIZE; i++)
    if (table[i].state != ARP_FREE && table[i].ip == ip) return &table[i];
  return NULL;
}

static void drop_pending(struct arp_entry *e) {
  while (e->pending) {
    struct pkt *p = e->pending;
    e->pending = p->next;
    pkt_free(p);
  }
  e->npending = 0;
}

static struct arp_entry *slot(void) {
  int i;
  struct arp_entry *old = &table[0];
  for (i = 0; i < ARP_SIZE; i++) {
    if (table[i].state == ARP_FREE) return &table[i];
    if (SEQ_LT(table[i].created, old->created)) old = &table[i];
  }
  drop_pending(old);
  old->state = ARP_FREE;
  return old;
}

static void send_arp(struct netdev *dev, u16 op, const u8 *tha, u32 tip, const u8 *dst) {
  struct pkt *p = pkt_alloc(sizeof(struct arphdr));
  struct arphdr *a;
  if (p == NULL) return;
  a = (struct arphdr *)p->data;
  p->len = sizeof *a;
  a->htype = htons(ARPHRD_ETHER);
  a->ptype = htons(ETH_P_IP);
  a->hlen = ETH_ALEN;
  a->plen = 4;
  a->op = htons(op);
  memcpy(a->sha, dev->mac, ETH_ALEN);
  memcpy(a->spa, &dev->ipv4_addr, 4);
  memcpy(a->tha, tha, ETH_ALEN);
  memcpy(a->tpa, &tip, 4);
  eth_send_frame(dev, dst, ETH_P_ARP, p);
}

static void send_pending(struct arp_entry *e) {
  while (e->pending) {
    struct pkt *p = e->pending;
    e->pending = p->next;
    eth_send_frame(e->dev, e->mac, ETH_P_IP, p);
  }
  e->npending = 0;
}

void arp_input(struct pkt *p) {
  struct arphdr *a = (struct arphdr *)p->data;
  struct netdev *dev = p->dev;
  struct arp_entry *e;
  u32 sip, tip;
  if (p->len < sizeof *a || ntohs(a->htype) != ARPHRD_ETHER || ntohs(a->ptype) != ETH_P_IP || a->hlen != ETH_ALEN ||
      a->plen != 4) {
    pkt_free(p);
    return;
  }
  memcpy(&sip, a->spa, 4);
  memcpy(&tip, a->tpa, 4);
  e = find(sip);
  /* RFC 826: update a known sender; learn it when the request is for us. */
  if (e == NULL && tip == dev->ipv4_addr && dev->ipv4_addr != 0) {
    e = slot();
    e->ip = sip;
    e->dev = dev;
    e->created = jiffies;
    e->pending = NULL;
    e->npending = 0;
  }
  if (e) {
    memcpy(e->mac, a->sha, ETH_ALEN);
    e->dev = dev;
    e->state = ARP_REACHABLE;
    e->expires = jiffies + ARP_TIMEOUT;
    send_pending(e);
  }
  if (ntohs(a->op) == ARPOP_REQUEST && tip == dev->ipv4_addr && dev->ipv4_addr != 0)
    send_arp(dev, ARPOP_REPLY, a->sha, sip, a->sha);
  pkt_free(p);
}

int arp_resolve(struct netdev *dev, u32 ip, struct pkt *p) {
  struct arp_entry *e = find(ip);
  if (ip == 0xffffffffu || (dev->ipv4_mask != 0xffffffffu && (ip | dev->ipv4_mask) == 0xffffffffu))
    return eth_send_frame(dev, broadcast_mac, ETH_P_IP, p);
  if (e && e->state == ARP_REACHABLE && (int)(jiffies - e->expires) < 0)
    return eth_send_frame(dev, e->mac, ETH_P_IP, p);
  if (e == NULL || e->state == ARP_REACHABLE) {
    if (e == NULL) e = slot();
    e->state = ARP_INCOMPLETE;
    e->ip = ip;
    e->dev = dev;
    e->created = jiffies;
    e->tries = 1;
    e->expires = jiffies + ARP_RETRY_TICKS;
    e->pending = NULL;
    e->npending = 0;
    send_arp(dev, ARPOP_REQUEST, broadcast_mac, ip, broadcast_mac);
    net_kick();
  }
  if (e->npending >= ARP_PENDING_MAX) {   /* drop the oldest */
    struct pkt *old = e->pending;
    e->pending = old->next;
    pkt_free(old);
    e->npending--;
  }
  p->next = NULL;
  if (e->pending == NULL) e->pending = p;
  else {
    struct pkt *t = e->pending;
    while (t->next) t = t->next;
    t->next = p;
  }
  e->npending++;
  return 0;
}

void arp_timer(void) {
  int i;
  for (i = 0; i < ARP_SIZE; i++) {
    struct arp_entry *e = &table[i];
    if (e->state == ARP_FREE || (int)(jiffies - e->expires) < 0) continue;
    if (e->state == ARP_REACHABLE) {
      e->state = ARP_FREE;
    } else if (e->tries >= ARP_TRIES) {
      drop_pending(e);
      e->state = ARP_FREE;
    } else {
      e->tries++;
      e->expires = jiffies + ARP_RETRY_TICKS;
      send_arp(e->dev, ARPOP_REQUEST, broadcast_mac, e->ip, broadcast_mac);
    }
  }
}

/* Only incomplete entries need knetd to wake up: a stale reachable entry
 * is noticed by the next lookup (and freed by the next timer pass). */
u32 arp_next_deadline(void) {
  int i;
  u32 d = 0;
  for (i = 0; i < ARP_SIZE; i++)
    if (table[i].state == ARP_INCOMPLETE && (d == 0 || SEQ_LT(table[i].expires, d))) d = table[i].expires;
  return d;
}

/* Line `index` of /proc/net/arp (0 the header); -1 past the end. */
int arp_proc_line(int index, char *buf, u32 size) {
  int i, n = 0;
  if (index == 0) return snprintf(buf, size, "IP address       HW type     Flags       HW address            Mask     Device\n");
  for (i = 0; i < ARP_SIZE; i++) {
    struct arp_entry *e = &table[i];
    char ip[16], mac[18];
    const u8 *b = (const u8 *)&e->ip;
    if (e->state == ARP_FREE || e->dev->net != current_net() || ++n != index) continue;
    snprintf(ip, sizeof ip, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", e->mac[0], e->mac[1], e->mac[2], e->mac[3], e->mac[4],
             e->mac[5]);
    if (e->state != ARP_REACHABLE) strlcpy(mac, "00:00:00:00:00:00", sizeof mac);
    return snprintf(buf, size, "%-16s 0x%-10x0x%-10x%s     *        %s\n", ip, ARPHRD_ETHER,
                    e->state == ARP_REACHABLE ? ATF_COM : 0, mac, e->dev->name);
  }
  return -1;
}
