/*
 * nic.c — the network card's driver (ports 0x540–0x55F, IRQ 10;
 * docs/architecture.md "Network card"): registers eth0 with the protocol
 * stack through netdev.h and moves frames between the stack and the
 * card's two descriptor rings.
 *
 * Owns: the rings (one page holds both), the receive buffers lent to the
 * card (RX_SLOTS of BUF_SIZE bytes) and the transmit buffers frames are
 * copied into (TX_SLOTS), and eth0's stats. No card (the ID register
 * reads anything else): no eth0, and nothing else changes.
 *
 * Receive: the card fills lent buffers from its RX_HEAD; the interrupt
 * handler takes every descriptor marked DONE from rx_next on, hands the
 * frame to netdev_rx (which copies it), clears the descriptor and lends
 * it back by moving RX_TAIL to just before rx_next. Transmit: xmit copies
 * the frame into slot tx_next and moves TX_TAIL; slots come back when the
 * card marks them DONE (reclaimed in the interrupt handler and by xmit).
 * Invariants: the card owns rx descriptors [rx_next, RX_TAIL) and tx
 * descriptors [tx_clean, tx_next); at most TX_SLOTS − 1 frames are in
 * flight (tx_next + 1 == tx_clean is full: -ENOBUFS); the ring indexes
 * change only with interrupts off.
 *
 * Link: the card raises LINK when a cable is attached or pulled; the
 * handler tells the stack (netdev_carrier) and logs `eth0: link up, MAC
 * …` / `eth0: link down …` with the frames moved so far. At every link-up
 * the driver sends one Ethernet loopback test frame (ECTP, ethertype
 * 0x9000, to its multicast address CF:00:00:00:00:00), so the cable can be
 * seen working before any protocol runs; other machines' stacks ignore it.
 */
#include "arch.h"
#include "dev.h"
#include "lib.h"
#include "mm.h"
#include "netdev.h"
#include "printk.h"
#include "trap.h"
#include "hako/errno.h"

#ifndef ENETDOWN
#define ENETDOWN 100           /* Linux's; hako/errno.h gains it with the protocol stack */
#endif

#define NIC_PORT 0x540
#define REG_ID 0x00
#define REG_CONTROL 0x04
#define REG_STATUS 0x08
#define REG_CAUSE 0x0C
#define REG_RX_TAIL 0x10
#define REG_TX_TAIL 0x14
#define REG_SELECT 0x18
#define REG_DATA 0x1C
#define NIC_ID 0x43494E48u
#define NIC_IRQ 10

#define CONTROL_RX 1
#define CONTROL_TX 2
#define CONTROL_RESET 0x80000000u
#define STATUS_LINK 1
#define CAUSE_RX 1
#define CAUSE_TX 2
#define CAUSE_LINK 4
#define CAUSE_RX_NO_BUFFER 8
#define CAUSE_DMA_ERROR 16
#define CAUSE_ALL 31

#define BANK_MAC_LOW 0
#define BANK_MAC_HIGH 1
#define BANK_RX_BASE 2
#define BANK_RX_COUNT 3
#define BANK_TX_BASE 6
#define BANK_TX_COUNT 7
#define BANK_MASK 10
#define BANK_DMA_ERROR_ADDRESS 11
#define BANK_RX_DROPPED 20

#define DESC_DONE 1
#define DESC_ERROR 2

#define RX_SLOTS 32
#define TX_SLOTS 16
#define BUF_SIZE 2048          /* a whole frame fits: two buffers a page */
#define ETH_ZLEN 60            /* the shortest frame on the wire: shorter ones are padded */
#define ETHERTYPE_LOOPBACK 0x9000

struct nic_desc {
  u32 addr, len, status, rx_len;
};

static struct netdev eth0;
static struct nic_desc *rx_ring, *tx_ring;
static char *rx_buf[RX_SLOTS], *tx_buf[TX_SLOTS];
static u32 rx_next, tx_next, tx_clean;
static u32 card_rx_dropped;   /* the card's RX_DROPPED when last read: its increase goes to stats */

static u32 bank_read(u32 reg) {
  outl(NIC_PORT + REG_SELECT, reg);
  return inl(NIC_PORT + REG_DATA);
}

static void bank_write(u32 reg, u32 value) {
  outl(NIC_PORT + REG_SELECT, reg);
  outl(NIC_PORT + REG_DATA, value);
}

/* Takes back the transmit slots the card has finished; interrupts off. */
static void tx_reclaim(void) {
  while (tx_clean != tx_next && (tx_ring[tx_clean].status & DESC_DONE)) {
    struct nic_desc *d = &tx_ring[tx_clean];
    if (d->status & DESC_ERROR) {
      eth0.stats.tx_errors++;
    } else {
      eth0.stats.tx_packets++;
      eth0.stats.tx_bytes += d->len;
    }
    d->status = 0;
    tx_clean = (tx_clean + 1) % TX_SLOTS;
  }
}

static int nic_xmit(struct netdev *dev, const void *frame, u32 len) {
  u32 flags, slot;
  if (len < ETH_HLEN || len > ETH_FRAME_MAX) {
    dev->stats.tx_errors++;
    return -EINVAL;
  }
  if (!(dev->flags & IFF_RUNNING)) {
    dev->stats.tx_dropped++;
    return -ENETDOWN;
  }
  flags = irq_save();
  tx_reclaim();
  if ((tx_next + 1) % TX_SLOTS == tx_clean) {
    dev->stats.tx_dropped++;
    irq_restore(flags);
    return -ENOBUFS;
  }
  slot = tx_next;
  memcpy(tx_buf[slot], frame, len);
  if (len < ETH_ZLEN) {
    memset(tx_buf[slot] + len, 0, ETH_ZLEN - len);
    len = ETH_ZLEN;
  }
  tx_ring[slot].addr = virt_to_phys(tx_buf[slot]);
  tx_ring[slot].len = len;
  tx_ring[slot].status = 0;
  tx_next = (tx_next + 1) % TX_SLOTS;
  outl(NIC_PORT + REG_TX_TAIL, tx_next);
  irq_restore(flags);
  return 0;
}

/* One ECTP reply message to the loopback assistants' multicast address. */
static void send_loopback_test(void) {
  static const char text[] = "Hako eth0 link test";
  u8 frame[ETH_ZLEN];
  u32 i;
  memset(frame, 0, sizeof frame);
  frame[0] = 0xCF;                        /* CF:00:00:00:00:00 */
  memcpy(frame + 6, eth0.mac, ETH_ALEN);
  frame[12] = ETHERTYPE_LOOPBACK >> 8;
  frame[13] = ETHERTYPE_LOOPBACK & 0xFF;
  /* skipCount 0, then a reply message: function 1 (little-endian), receipt number 0 */
  frame[16] = 1;
  for (i = 0; i + 1 < sizeof text && 20 + i < sizeof frame; i++) frame[20 + i] = (u8)text[i];
  nic_xmit(&eth0, frame, sizeof frame);
}

static void link_changed(void) {
  int up = (inl(NIC_PORT + REG_STATUS) & STATUS_LINK) != 0;
  const u8 *m = eth0.mac;
  if (up == ((eth0.flags & IFF_RUNNING) != 0)) return;
  netdev_carrier(&eth0, up);
  if (up) {
    printk(KERN_INFO, "eth0: link up, MAC %02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
    send_loopback_test();
  } else {
    printk(KERN_INFO, "eth0: link down; %u frames received (%u bytes), %u sent (%u bytes), %u dropped",
           eth0.stats.rx_packets, eth0.stats.rx_bytes, eth0.stats.tx_packets, eth0.stats.tx_bytes,
           eth0.stats.rx_dropped);
  }
}

static void rx_collect(void) {
  u32 taken = 0, dropped;
  while ((rx_ring[rx_next].status & DESC_DONE) && taken < RX_SLOTS) {
    struct nic_desc *d = &rx_ring[rx_next];
    u32 len = d->rx_len;
    if (len >= ETH_HLEN && len <= ETH_FRAME_MAX) {
      eth0.stats.rx_packets++;
      eth0.stats.rx_bytes += len;
      netdev_rx(&eth0, rx_buf[rx_next], len);
    } else {
      eth0.stats.rx_errors++;
    }
    d->status = 0;
    rx_next = (rx_next + 1) % RX_SLOTS;
    taken++;
  }
  if (taken) outl(NIC_PORT + REG_RX_TAIL, (rx_next + RX_SLOTS - 1) % RX_SLOTS);
  dropped = bank_read(BANK_RX_DROPPED);
  eth0.stats.rx_dropped += dropped - card_rx_dropped;
  card_rx_dropped = dropped;
}

static void nic_irq(int irq) {
  u32 cause = inl(NIC_PORT + REG_CAUSE);
  (void)irq;
  if (cause & CAUSE_LINK) link_changed();
  if (cause & (CAUSE_RX | CAUSE_RX_NO_BUFFER)) rx_collect();
  if (cause & CAUSE_TX) tx_reclaim();
  if (cause & CAUSE_DMA_ERROR) printk(KERN_ERR, "eth0: the card refused a DMA at 0x%x", bank_read(BANK_DMA_ERROR_ADDRESS));
}

void nic_init(void) {
  u32 low, high, i;
  char *page;
  if (inl(NIC_PORT + REG_ID) != NIC_ID) return;
  outl(NIC_PORT + REG_CONTROL, CONTROL_RESET);
  page = (char *)get_free_page();
  if (page == NULL) goto no_memory;
  rx_ring = (struct nic_desc *)page;
  tx_ring = (struct nic_desc *)(page + RX_SLOTS * sizeof(struct nic_desc));
  for (i = 0; i < RX_SLOTS + TX_SLOTS; i += 2) {
    char *buffers = (char *)get_free_page();
    if (buffers == NULL) goto no_memory;
    if (i < RX_SLOTS) {
      rx_buf[i] = buffers;
      rx_buf[i + 1] = buffers + BUF_SIZE;
    } else {
      tx_buf[i - RX_SLOTS] = buffers;
      tx_buf[i - RX_SLOTS + 1] = buffers + BUF_SIZE;
    }
  }
  for (i = 0; i < RX_SLOTS; i++) {
    rx_ring[i].addr = virt_to_phys(rx_buf[i]);
    rx_ring[i].len = BUF_SIZE;
  }
  low = bank_read(BANK_MAC_LOW);
  high = bank_read(BANK_MAC_HIGH);
  for (i = 0; i < 4; i++) eth0.mac[i] = (u8)(low >> (8 * i));
  eth0.mac[4] = (u8)high;
  eth0.mac[5] = (u8)(high >> 8);
  strlcpy(eth0.name, "eth0", sizeof eth0.name);
  eth0.mtu = ETH_DATA_MAX;
  eth0.flags = IFF_BROADCAST | IFF_MULTICAST;
  eth0.xmit = nic_xmit;

  bank_write(BANK_RX_BASE, virt_to_phys(rx_ring));
  bank_write(BANK_RX_COUNT, RX_SLOTS);
  bank_write(BANK_TX_BASE, virt_to_phys(tx_ring));
  bank_write(BANK_TX_COUNT, TX_SLOTS);
  outl(NIC_PORT + REG_RX_TAIL, RX_SLOTS - 1);
  netdev_register(&eth0);
  irq_register(NIC_IRQ, nic_irq, "eth0");
  pic_unmask(NIC_IRQ);
  bank_write(BANK_MASK, CAUSE_ALL);
  outl(NIC_PORT + REG_CONTROL, CONTROL_RX | CONTROL_TX);
  printk(KERN_INFO, "eth0: network card at 0x%x, irq %d, MAC %02x:%02x:%02x:%02x:%02x:%02x", NIC_PORT, NIC_IRQ,
         eth0.mac[0], eth0.mac[1], eth0.mac[2], eth0.mac[3], eth0.mac[4], eth0.mac[5]);
  /* The reset cleared a LINK cause from before boot: a cable already there is reported now. */
  link_changed();
  return;
no_memory:
  printk(KERN_ERR, "eth0: no memory for the rings; the card stays off");
}
