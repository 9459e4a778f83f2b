/*
 * kmalloc.c — general-purpose kernel allocation over slab caches.
 *
 * Sizes up to 2048 bytes come from the power-of-two caches "kmalloc-16" …
 * "kmalloc-2048"; larger requests take whole buddy blocks (head frame
 * flagged PG_KERNEL|PG_HEAD, private = order). kfree tells the two apart by
 * the frame's PG_SLAB flag. Memory is zeroed (kmalloc_nozero leaves a
 * large block as it was).
 */
#include "lib.h"
#include "mm.h"
#include "printk.h"

#define KMALLOC_MIN_SHIFT 4
#define KMALLOC_MAX_SHIFT 11
#define KMALLOC_CLASSES (KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)

static struct kmem_cache *kmalloc_caches[KMALLOC_CLASSES];
static const char *kmalloc_names[KMALLOC_CLASSES] = {
  "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
  "kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048",
};

void kmalloc_init(void) {
  int i;
  for (i = 0; i < KMALLOC_CLASSES; i++) {
    kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i], 1u << (i + KMALLOC_MIN_SHIFT));
  }
}

/* A whole buddy block for a request above 2048 bytes. */
static void *kmalloc_large(u32 size, int zero) {
  int order = 0;
  struct page *p;
  void *va;
  while ((PAGE_SIZE << order) < size) order++;
  if (order > MAX_ORDER) return NULL;
  p = alloc_pages(order);
  if (p == NULL) return NULL;
  p->flags |= PG_KERNEL | PG_HEAD;
  p->private = (u32)order;
  va = page_address(p);
  if (zero) memset(va, 0, PAGE_SIZE << order);
  return va;
}

void *kmalloc(u32 size) {
  int i;
  if (size == 0) size = 1;
  for (i = 0; i < KMALLOC_CLASSES; i++) {
    if (size <= (1u << (i + KMALLOC_MIN_SHIFT))) return kmem_cache_alloc(kmalloc_caches[i]);
  }
  return kmalloc_large(size, 1);
}

/* kmalloc without zeroing a whole-page block, for a buffer its caller
 * fills before reading it (network packets: zeroing 16 KiB to copy 16 KiB
 * over it doubled a segment's cost). Small sizes come zeroed all the same. */
void *kmalloc_nozero(u32 size) {
  if (size <= (1u << KMALLOC_MAX_SHIFT)) return kmalloc(size);
  return kmalloc_large(size, 0);
}

void kfree(void *ptr) {
  struct page *p;
  if (ptr == NULL) return;
  p = virt_to_page(ptr);
  if (p->flags & PG_SLAB) {
    kmem_cache_free((struct kmem_cache *)p->mapping, ptr);
    return;
  }
  if (!(p->flags & PG_HEAD)) panic("kfree(%p): not a kmalloc pointer", ptr);
  p->flags &= ~(PG_KERNEL | PG_HEAD);
  free_pages(p, (int)p->private);
}
