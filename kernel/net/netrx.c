/*
 * netrx.c — the stack's receive queue and its thread, knetd.
 *
 * netdev_rx (netdev.h's contract) may run in a driver's interrupt
 * handler: it only copies the frame into a packet, appends it to
 * `rxq` with interrupts off and wakes knetd (a full queue counts
 * rx_dropped). knetd is the only code that runs the protocols' input
 * paths, and it runs their timers (ARP retries and ageing, TCP
 * retransmission, zero-window probes, TIME_WAIT): it sleeps on the queue
 * with a deadline, the earliest timer any protocol has armed, so an idle
 * stack costs nothing. A protocol that arms a timer calls net_kick so
 * knetd looks at its deadline again. knetd starts late and lazily
 * (net_start_thread below).
 *
 * Invariant: rxq_len counts the packets on rxq; both change only with
 * interrupts off.
 */
#include "arch.h"
#include "dev.h"
#include "inet.h"
#include "lib.h"
#include "mm.h"
#include "net_ns.h"
#include "printk.h"
#include "proc.h"

#define RXQ_MAX 512

static struct pkt *rxq_head, *rxq_tail;
static u32 rxq_len;
static int knetd_started;

void netdev_rx(struct netdev *dev, const void *frame, u32 len) {
  struct pkt *p;
  u32 flags;
  if (!knetd_started || len < ETH_HLEN || rxq_len >= RXQ_MAX || (p = pkt_copy(frame, len)) == NULL) {
    dev->stats.rx_dropped++;
    return;
  }
  p->dev = dev;
  p->next = NULL;
  flags = irq_save();
  if (rxq_tail) rxq_tail->next = p;
  else rxq_head = p;
  rxq_tail = p;
  rxq_len++;
  wakeup(&rxq_head);
  irq_restore(flags);
}

void netrx_forget(struct netdev *dev) {
  struct pkt **pp, *p;
  u32 flags = irq_save();
  rxq_tail = NULL;
  for (pp = &rxq_head; (p = *pp) != NULL;) {
    if (p->dev == dev) {
      *pp = p->next;
      rxq_len--;
      pkt_free(p);
    } else {
      rxq_tail = p;
      pp = &p->next;
    }
  }
  irq_restore(flags);
}

void net_kick(void) {
  wakeup(&rxq_head);
}

static u32 earliest(u32 a, u32 b) {
  if (a == 0) return b;
  if (b == 0) return a;
  return SEQ_LT(a, b) ? a : b;
}

static void knetd(void *arg) {
  (void)arg;
  for (;;) {
    struct pkt *p;
    u32 flags = irq_save();
    while (rxq_head == NULL) {
      u32 deadline = earliest(arp_next_deadline(), tcp_next_deadline());
      if (deadline && (int)(jiffies - deadline) >= 0) break;
      current->wake_at = deadline;
      sleep_on(&rxq_head);
      current->wake_at = 0;
    }
    p = rxq_head;
    if (p) {
      rxq_head = p->next;
      if (rxq_head == NULL) rxq_tail = NULL;
      rxq_len--;
    }
    irq_restore(flags);
    if (p) {
      /* the input may free the last socket of p's namespace: keep its interface until done */
      struct net *net = p->dev->net;
      net_get(net);
      eth_input(p);
      net_put(net);
    }
    arp_timer();
    tcp_timer();
  }
}

/* The text after `key` where a command-line word starts with it; NULL if none. */
static const char *strstr_word(const char *line, const char *key) {
  u32 klen = strlen(key);
  while (line && *line) {
    while (*line == ' ') line++;
    if (strncmp(line, key, klen) == 0) return line + klen;
    while (*line && *line != ' ') line++;
  }
  return NULL;
}

void net_init(const char *cmdline) {
  const char *drop = strstr_word(cmdline, "lo_drop=");
  u32 n = 0;
  while (drop && *drop >= '0' && *drop <= '9') n = n * 10 + (u32)(*drop++ - '0');
  loopback_init(n);
  route_config(cmdline);
}

/* knetd is started late (after pid 1 and the boot's kernel threads) and
 * only when there is something to do: at the end of boot when a card is
 * registered, else by the first AF_INET socket. A machine that never
 * uses the network has no knetd, and its process ids are unchanged. */
static int boot_done;

void net_start_thread(void) {
  if (knetd_started || !boot_done) return;
  if (kthread_create("knetd", knetd, NULL) == NULL) {
    printk(KERN_ERR, "net: cannot start knetd");
    return;
  }
  knetd_started = 1;
}

void net_start(void) {
  struct netdev *d;
  boot_done = 1;
  for (d = netdev_list; d; d = d->next)
    if (!(d->flags & IFF_LOOPBACK)) net_start_thread();
}
