/*
 * memcontrol.c — the memory controller: which group pays for a frame, and
 * what a group at its memory.max or above its memory.high does.
 *
 * The charging rule: every frame alloc_user_page hands out — an
 * anonymous page a fault zero-fills, a copy-on-write copy, a page swapped
 * back in, a page-cache page read in by a fault or by read(2) — and every
 * page execve fills with the program's segments is charged
 * to the group of the process that allocated it (`current`; first touch
 * pays, as Linux), recorded in page->memcg, and counted in memory.current
 * of that group and of every ancestor below the root. It is uncharged when
 * the frame is freed (the last put_page: unmap, exit, swap-out, eviction
 * from the page cache). A page keeps its group when its process moves
 * elsewhere (cgroup v2 does not move charges); at rmdir it becomes the
 * parent's. Pages in swap are not charged (memory.swap.current counts the
 * swap entries of the group's processes instead). Kernel memory (page
 * tables, kernel stacks, slabs) is not charged.
 *
 * At memory.max (mem_cgroup_over_max before the allocation, lowest group
 * first): the `max` event; reclaim from that group's own pages only (the
 * clock of mm/vmscan.c restricted to frames charged inside it: anonymous
 * pages to swap, page cache dropped); if a pass frees something the
 * allocation tries again; if not, the `oom` event and the OOM killer
 * restricted to the group (mm/oom.c: the usual badness among its
 * processes, `Memory cgroup out of memory: Killed process ...`, the
 * `oom_kill` event; with memory.oom.group 1 every process of the group).
 * Nothing outside the group is reclaimed or killed. Above memory.high
 * after a charge: the `high` event and a reclaim of the excess from that
 * group, synchronously, never the OOM killer; if nothing can be reclaimed
 * the process goes on over its high limit (Linux would slow it down), and
 * the next 32 charges do not scan again.
 */
#include "arch.h"
#include "cgroup.h"
#include "mm.h"
#include "oom.h"
#include "proc.h"
#include "swap.h"
#include "vm.h"
#include "hako/errno.h"
#include "cgroup/internal.h"

#define HIGH_RECLAIM_BATCH 32

static int memory_enabled(struct cgroup *cg) {
  return (cgroup_controllers(cg) & CGRP_MEMORY) != 0;
}

void mem_cgroup_event(struct cgroup *cg, int event) {
  for (; cg && cg->parent; cg = cg->parent) cg->mem_events[event]++;
}

struct cgroup *mem_cgroup_over_max(void) {
  struct cgroup *cg;
  for (cg = current->cgroup; cg && cg->parent; cg = cg->parent) {
    if (cg->mem_max != CG_UNLIMITED && cg->mem_current >= cg->mem_max && memory_enabled(cg)) return cg;
  }
  return NULL;
}

int mem_cgroup_handle_max(struct cgroup *cg) {
  u32 want = cg->mem_current - cg->mem_max + 1;
  mem_cgroup_event(cg, MEMCG_MAX);
  if (want > HIGH_RECLAIM_BATCH) want = HIGH_RECLAIM_BATCH;
  if (try_to_free_mem_cgroup_pages(cg, want) > 0) return 1;
  if (cg->mem_current < cg->mem_max) return 1;   /* freed meanwhile (an exit) */
  mem_cgroup_event(cg, MEMCG_OOM);
  return mem_cgroup_out_of_memory(cg);
}

void mem_cgroup_charge(struct page *p) {
  struct cgroup *cg = current->cgroup, *c;
  if (cg == NULL) return;   /* the root keeps no count */
  p->memcg = cg->id;
  for (c = cg; c->parent; c = c->parent) {
    c->mem_current++;
    if (c->mem_current > c->mem_peak) c->mem_peak = c->mem_current;
  }
  for (c = cg; c->parent; c = c->parent) {
    if (c->mem_high != CG_UNLIMITED && c->mem_current > c->mem_high && memory_enabled(c)) {
      u32 want = c->mem_current - c->mem_high;
      mem_cgroup_event(c, MEMCG_HIGH);
      if (c->high_backoff > 0) {
        c->high_backoff--;
        return;
      }
      /* Nothing reclaimable (no swap, say): a whole scan per fault would
       * be wasted, so the next HIGH_RECLAIM_BATCH charges skip it. */
      if (try_to_free_mem_cgroup_pages(c, want < HIGH_RECLAIM_BATCH ? want : HIGH_RECLAIM_BATCH) == 0)
        c->high_backoff = HIGH_RECLAIM_BATCH;
      return;
    }
  }
}

void mem_cgroup_uncharge(struct page *p) {
  struct cgroup *c = &cgroup_table[p->memcg];
  p->memcg = 0;
  for (; c->parent; c = c->parent) c->mem_current--;
}

int page_in_mem_cgroup(struct page *p, struct cgroup *cg) {
  return p->memcg != 0 && cgroup_is_descendant(&cgroup_table[p->memcg], cg);
}

void mem_cgroup_reparent(struct cgroup *cg) {
  u32 pfn, to = cg->parent == cgroup_root ? 0 : cg->parent->id;
  u32 flags = irq_save();
  for (pfn = 0; pfn < total_frames; pfn++) {
    struct page *p = pfn_to_page(pfn);
    if (p->memcg == cg->id) p->memcg = to;
  }
  irq_restore(flags);
}

/* Swap entries in the page tables of the group's processes (each mm once:
 * by its leader). */
static u32 swap_pages_of(struct cgroup *cg) {
  struct list_head *n;
  u32 total = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->group_leader == p && p->mm && cgroup_is_descendant(task_cgroup(p), cg)) total += p->mm->swap_pages;
  }
  return total;
}

static const char *const event_names[MEMCG_NR_EVENTS] = { "low", "high", "max", "oom", "oom_kill" };

int memcg_show(struct cgroup *cg, int kind, struct cg_out *o) {
  int i;
  switch (kind) {
    case CGF_MEM_CURRENT: cg_out_pages(o, cg->mem_current); break;
    case CGF_MEM_PEAK: cg_out_pages(o, cg->mem_peak); break;
    case CGF_MEM_MAX: cg_out_pages(o, cg->mem_max); break;
    case CGF_MEM_HIGH: cg_out_pages(o, cg->mem_high); break;
    case CGF_MEM_SWAP_CURRENT: cg_out_pages(o, swap_pages_of(cg)); break;
    case CGF_MEM_OOM_GROUP: cg_outf(o, "%d\n", cg->oom_group); break;
    case CGF_MEM_EVENTS:
      for (i = 0; i < MEMCG_NR_EVENTS; i++) cg_outf(o, "%s %u\n", event_names[i], cg->mem_events[i]);
      break;
    default: return 0;
  }
  return 1;
}

int memcg_store(struct cgroup *cg, int kind, const char *text, u32 n, int *err) {
  u32 v;
  switch (kind) {
    case CGF_MEM_MAX:
    case CGF_MEM_HIGH:
      *err = cg_parse_pages(text, n, &v);
      if (*err) return 1;
      if (kind == CGF_MEM_MAX) {
        cg->mem_max = v;
        /* Linux reclaims down to a lowered max at once; the next
         * allocation does it here, OOM included. */
        if (v != CG_UNLIMITED && cg->mem_current > v) try_to_free_mem_cgroup_pages(cg, cg->mem_current - v);
      } else {
        cg->mem_high = v;
      }
      return 1;
    case CGF_MEM_OOM_GROUP:
      *err = cg_parse_u32(text, n, &v, 0);
      if (*err == 0 && v > 1) *err = -EINVAL;
      if (*err == 0) cg->oom_group = (int)v;
      return 1;
  }
  return 0;
}
