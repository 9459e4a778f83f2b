/*
 * rmap.h — reverse mapping (mm/rmap.c): every PTE that maps a frame, found
 * from the frame's own mapping/index (see rmap.c for how and its limits).
 * Callers compare what a walk finds with page->mapcount before acting.
 */
#ifndef HAKO_RMAP_H
#define HAKO_RMAP_H

#include "mm.h"
#include "types.h"
#include "vm.h"

typedef void (*rmap_fn)(struct mm *mm, struct vm_area *v, u32 va, pte_t *pte, struct page *p, void *arg);

/* fn on every present PTE that maps p; returns how many. */
u32 rmap_walk(struct page *p, rmap_fn fn, void *arg);
/* fn on every PTE equal to `entry` at p's address(es); returns how many. */
u32 rmap_walk_entry(struct page *p, pte_t entry, rmap_fn fn, void *arg);

/* Mappers of p (returned) and how many of their PTEs had Accessed set
 * (*young); clears those A bits. */
u32 rmap_scan(struct page *p, u32 *young);
/* Every mapper's PTE becomes `entry` (one slot reference each). */
void rmap_unmap_to_swap(struct page *p, pte_t entry);
/* Every mapper's PTE of a page-cache page is cleared (Dirty → PG_DIRTY). */
void rmap_unmap_file(struct page *p);
/* Undo rmap_unmap_to_swap for the PTEs still holding `entry`. */
void rmap_remap_from_swap(struct page *p, pte_t entry);

#endif
