/*
 * slab.c — the slab allocator: named caches of equal-sized kernel objects.
 *
 * A slab is a block of 2^order frames cut into objects; its struct page
 * (the head frame) holds the bookkeeping (every frame of it carries
 * PG_SLAB and mapping = the cache, so kfree finds the cache from any
 * object), so a slab has no header inside
 * it: mapping = the cache, index = address of the first free object (each
 * free object's first word points to the next), private = objects in use.
 * A cache keeps its slabs on three lists — partial (some free objects),
 * full, free (all free; at most one is kept, the rest go back to the buddy
 * allocator). Invariants: a slab is on exactly one list, matching its
 * in-use count; every object lies inside its slab; objects are zeroed when
 * handed out. Interrupts are off inside, so interrupt handlers may use it.
 */
#include "arch.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"

#define MAX_CACHES 48
#define CACHE_NAME_MAX 24

struct kmem_cache {
  char name[CACHE_NAME_MAX];
  u32 object_size;       /* rounded up to 4 bytes */
  u32 order;             /* each slab is 2^order frames */
  u32 per_slab;          /* objects per slab */
  u32 active;            /* objects handed out */
  u32 slabs;             /* slabs owned */
  struct list_head partial, full, free;
};

/* Caches live in a static table: creating a cache must not need a cache. */
static struct kmem_cache caches[MAX_CACHES];
static int ncaches;

struct kmem_cache *kmem_cache_create(const char *name, u32 size) {
  struct kmem_cache *c;
  u32 order = 0;
  if (ncaches == MAX_CACHES) panic("kmem_cache_create(%s): too many caches", name);
  if (size < 4) size = 4;
  size = ALIGN_UP(size, 4);
  /* Bigger objects get bigger slabs so that at most 1/8 of a slab is waste. */
  while (order < 3 && ((PAGE_SIZE << order) % size) * 8 > (PAGE_SIZE << order)) order++;
  while (order < 3 && (PAGE_SIZE << order) / size < 4) order++;
  c = &caches[ncaches++];
  strlcpy(c->name, name, CACHE_NAME_MAX);
  c->object_size = size;
  c->order = order;
  c->per_slab = (PAGE_SIZE << order) / size;
  c->active = 0;
  c->slabs = 0;
  list_init(&c->partial);
  list_init(&c->full);
  list_init(&c->free);
  return c;
}

/* Allocates and carves a new slab; returns NULL when out of frames. */
static struct page *new_slab(struct kmem_cache *c) {
  struct page *p = alloc_pages((int)c->order);
  char *base;
  u32 i;
  if (p == NULL) return NULL;
  /* Every frame names its cache, so kfree can find it from any object. */
  for (i = 0; i < (1u << c->order); i++) {
    p[i].flags |= PG_SLAB;
    p[i].mapping = c;
  }
  p->private = 0;
  base = (char *)page_address(p);
  for (i = 0; i < c->per_slab; i++) {
    char *obj = base + i * c->object_size;
    *(u32 *)obj = i + 1 < c->per_slab ? (u32)(obj + c->object_size) : 0;
  }
  p->index = (u32)base;
  c->slabs++;
  return p;
}

void *kmem_cache_alloc(struct kmem_cache *c) {
  u32 flags = irq_save();
  struct page *p;
  char *obj;
  if (!list_empty(&c->partial)) {
    p = list_entry(c->partial.next, struct page, lru);
    list_del(&p->lru);
  } else if (!list_empty(&c->free)) {
    p = list_entry(c->free.next, struct page, lru);
    list_del(&p->lru);
  } else {
    p = new_slab(c);
    if (p == NULL) {
      irq_restore(flags);
      return NULL;
    }
  }
  obj = (char *)p->index;
  p->index = *(u32 *)obj;
  p->private++;
  c->active++;
  if (p->private == c->per_slab) list_add(&p->lru, &c->full);
  else list_add(&p->lru, &c->partial);
  irq_restore(flags);
  memset(obj, 0, c->object_size);
  return obj;
}

void kmem_cache_free(struct kmem_cache *c, void *obj) {
  u32 flags = irq_save();
  struct page *p = virt_to_page(obj);
  /* The head frame of a multi-frame slab holds the bookkeeping. */
  u32 pfn = page_to_pfn(p) & ~((1u << c->order) - 1);
  p = pfn_to_page(pfn);
  BUG_ON(!(p->flags & PG_SLAB) || p->mapping != c);
  *(u32 *)obj = p->index;
  p->index = (u32)obj;
  p->private--;
  c->active--;
  list_del(&p->lru);
  if (p->private == 0) {
    if (list_empty(&c->free)) {
      list_add(&p->lru, &c->free);
    } else {
      u32 k;
      for (k = 0; k < (1u << c->order); k++) {
        p[k].flags &= ~PG_SLAB;
        p[k].mapping = NULL;
      }
      c->slabs--;
      free_pages(p, (int)c->order);
    }
  } else {
    list_add(&p->lru, &c->partial);
  }
  irq_restore(flags);
}

int kmem_cache_stats(int i, struct slab_stats *out) {
  struct kmem_cache *c;
  if (i < 0 || i >= ncaches) return 0;
  c = &caches[i];
  out->name = c->name;
  out->object_size = c->object_size;
  out->active_objects = c->active;
  out->total_objects = c->slabs * c->per_slab;
  out->slabs = c->slabs;
  out->objects_per_slab = c->per_slab;
  out->pages_per_slab = 1u << c->order;
  return 1;
}

void slab_init(void) {
  ncaches = 0;
}
