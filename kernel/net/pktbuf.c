/*
 * pktbuf.c — packet buffers, byte order and the Internet checksum.
 *
 * A packet is one kmalloc: the struct, PKT_HEADROOM bytes for the headers
 * output pushes in front, then the payload. `data`/`len` is the window the
 * current layer sees: output pushes headers (the window grows toward the
 * front), input pulls them (the window shrinks from the front). A packet
 * has one owner at a time; whoever it is handed to frees it.
 */
#include "inet.h"
#include "lib.h"
#include "mm.h"

struct pkt *pkt_alloc(u32 payload) {
  /* not zeroed: every layer writes its whole header, the payload is copied in */
  struct pkt *p = (struct pkt *)kmalloc_nozero(sizeof(struct pkt) + PKT_HEADROOM + payload);
  if (p == NULL) return NULL;
  memset(p, 0, sizeof *p);
  p->data = p->buf + PKT_HEADROOM;
  p->len = 0;
  return p;
}

struct pkt *pkt_copy(const void *bytes, u32 len) {
  struct pkt *p = pkt_alloc(len);
  if (p == NULL) return NULL;
  memcpy(p->data, bytes, len);
  p->len = len;
  return p;
}

void pkt_free(struct pkt *p) {
  kfree(p);
}

u8 *pkt_push(struct pkt *p, u32 n) {
  p->data -= n;
  p->len += n;
  return p->data;
}

u8 *pkt_pull(struct pkt *p, u32 n) {
  if (p->len < n) return NULL;
  p->data += n;
  p->len -= n;
  return p->data;
}

u16 htons(u16 x) {
  return (u16)(((x & 0xff) << 8) | (x >> 8));
}

u32 htonl(u32 x) {
  return (x << 24) | ((x & 0xff00) << 8) | ((x >> 8) & 0xff00) | (x >> 24);
}

/* The sum of the bytes as big-endian 16-bit words (an odd last byte is
 * the high half of a word), folded to 16 bits and added to sum: sums of
 * pieces add up, csum_fold finishes. The words are summed as they lie in
 * memory (little-endian, four bytes a load) and the result is swapped once:
 * ones' complement sums do not depend on byte order (RFC 1071), and this
 * is 4x fewer instructions than a byte loop. The u32 accumulator cannot
 * overflow below 128 KiB; a datagram is at most 64 KiB. */
u32 csum_add(u32 sum, const void *bytes, u32 len) {
  const u8 *b = (const u8 *)bytes;
  const u32 *w = (const u32 *)bytes;
  u32 le = 0, i, n4 = len & ~3u;
  for (i = 0; i < n4; i += 4) {
    u32 v = *w++;
    le += (v & 0xffff) + (v >> 16);
  }
  if (len & 2) {
    le += (u32)b[i] | ((u32)b[i + 1] << 8);
    i += 2;
  }
  if (len & 1) le += b[i];
  while (le >> 16) le = (le & 0xffff) + (le >> 16);
  return sum + (((le & 0xff) << 8) | (le >> 8));
}

/* Folded to 16 bits and complemented, in network order for the header. */
u16 csum_fold(u32 sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return htons((u16)~sum);
}

u32 csum_pseudo(u32 saddr, u32 daddr, u32 proto, u32 len) {
  u32 sum = csum_add(0, &saddr, 4);
  sum = csum_add(sum, &daddr, 4);
  return sum + proto + len;
}
