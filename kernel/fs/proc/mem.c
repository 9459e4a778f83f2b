/*
 * mem.c — the memory half of /proc, in Linux's formats, so students
 * can compare with a real machine:
 *   meminfo    totals in kB (MemTotal, MemFree, MemAvailable, Cached, Swap*,
 *              AnonPages, PageTables, Slab …), from the buddy allocator,
 *              the page cache, swap and one pass over the frame descriptors;
 *   vmstat     Linux's counter lines (pgfault from mm/fault.c; pgmajfault,
 *              pswpin, pswpout, oom_kill from swap.h) and a few nr_* gauges;
 *   buddyinfo  free blocks per order 0..10 (`Node 0, zone   Normal  …`);
 *   slabinfo   version 2.1: one line per slab cache;
 *   swaps      the swap device, when there is one;
 *   PID/maps   one line per VMA (file name and offset for file mappings);
 *   PID/status the Vm lines; PID/oom_score (badness on 0..1000, oom.h) and
 *              PID/oom_score_adj, the one writable file of /proc; PID/limits.
 * Everything is generated on each read from live kernel state; nothing is
 * cached and nothing here allocates beyond the caller's output buffer.
 * Invariant: the writable file accepts exactly one integer in
 * [-1000, 1000] (surrounding blanks and a newline allowed), else EINVAL
 * and the value is unchanged. Hako has no capabilities yet, so lowering
 * the value (which Linux reserves to CAP_SYS_RESOURCE) is open to anyone.
 */
#include "filemap.h"
#include "file.h"
#include "fs.h"
#include "fs/proc/internal.h"
#include "mm.h"
#include "oom.h"
#include "proc.h"
#include "swap.h"
#include "hako/errno.h"
#include "vm.h"


/* Frames by owner, from one pass over page_array. */
struct frame_counts {
  u32 anon, pagetables, cache;
};

static void count_frames(struct frame_counts *c) {
  u32 pfn;
  c->anon = c->pagetables = c->cache = 0;
  for (pfn = 0; pfn < total_frames; pfn++) {
    struct page *p = &page_array[pfn];
    if (p->refcount == 0) continue;
    if (p->flags & PG_ANON) c->anon++;
    else if (p->flags & PG_PAGETABLE) c->pagetables++;
    else if (p->flags & PG_CACHE) c->cache++;
  }
}

static u32 slab_pages(void) {
  struct slab_stats s;
  u32 pages = 0;
  int i;
  for (i = 0; kmem_cache_stats(i, &s); i++) pages += s.slabs * s.pages_per_slab;
  return pages;
}

static void meminfo_line(struct out *o, const char *name, u32 pages) {
  u32 start = o->len;
  outf(o, "%s:", name);
  out_pad_to(o, start, 16);
  outf(o, "%8u kB\n", pages * 4);
}

static void emit_meminfo(struct out *o) {
  struct frame_counts c;
  u32 free = free_frames();
  count_frames(&c);
  meminfo_line(o, "MemTotal", total_frames);
  meminfo_line(o, "MemFree", free);
  /* Clean page-cache pages can be dropped, so they count as available. */
  meminfo_line(o, "MemAvailable", free + pagecache_nr_pages);
  meminfo_line(o, "Buffers", 0);   /* the buffer cache is a fixed kernel pool */
  meminfo_line(o, "Cached", pagecache_nr_pages);
  meminfo_line(o, "SwapCached", swap_cache_pages);
  meminfo_line(o, "SwapTotal", swap_total_pages());
  meminfo_line(o, "SwapFree", swap_free_pages());
  meminfo_line(o, "AnonPages", c.anon);
  meminfo_line(o, "PageTables", c.pagetables);
  meminfo_line(o, "Slab", slab_pages());
}

static void emit_vmstat(struct out *o) {
  struct frame_counts c;
  count_frames(&c);
  outf(o, "nr_free_pages %u\n", free_frames());
  outf(o, "nr_anon_pages %u\n", c.anon);
  outf(o, "nr_file_pages %u\n", pagecache_nr_pages);
  outf(o, "nr_page_table_pages %u\n", c.pagetables);
  outf(o, "nr_slab %u\n", slab_pages());
  outf(o, "pgfault %u\n", vm_stat_pgfault);
  outf(o, "pgmajfault %u\n", vm_stat_pgmajfault);
  outf(o, "pswpin %u\n", vm_stat_pswpin);
  outf(o, "pswpout %u\n", vm_stat_pswpout);
  outf(o, "oom_kill %u\n", vm_stat_oom_kill);
}

static void emit_buddyinfo(struct out *o) {
  int order;
  outf(o, "Node 0, zone %8s ", "Normal");
  for (order = 0; order <= MAX_ORDER; order++) outf(o, "%6u ", free_blocks(order));
  outf(o, "\n");
}

static void emit_slabinfo(struct out *o) {
  struct slab_stats s;
  int i;
  outf(o, "slabinfo - version: 2.1\n");
  outf(o, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> "
          "<batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
  for (i = 0; kmem_cache_stats(i, &s); i++) {
    u32 start = o->len;
    outf(o, "%s", s.name);
    out_pad_to(o, start, 17);
    outf(o, " %6u %6u %6u %4u %4u : tunables %4u %4u %4u : slabdata %6u %6u %6u\n", s.active_objects,
         s.total_objects, s.object_size, s.objects_per_slab, s.pages_per_slab, 0, 0, 0, s.slabs, s.slabs, 0);
  }
}

static void emit_swaps(struct out *o) {
  u32 total = swap_total_pages();
  outf(o, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
  if (total > 0) {
    u32 start = o->len;
    outf(o, "/dev/hdb");
    out_pad_to(o, start, 40);
    outf(o, "partition\t%u\t\t%u\t\t-2\n", total * 4, (total - swap_free_pages()) * 4);
  }
}

/* One line per VMA: start-end perms offset dev inode, then (as Linux does
 * on 32-bit machines) spaces to column 48 and one more before the name. */
static void emit_maps(struct out *o, struct mm *mm) {
  struct vm_area *v;
  char path[128];
  for (v = mm->vmas; v; v = v->next) {
    const char *name = NULL;
    u32 line_start = o->len;
    if (v->file != NULL) {
      file_map_name(v->file, path, sizeof path);
      if (path[0]) name = path;
    } else if ((v->flags & VM_EXE) && mm->exe_path[0]) {
      name = mm->exe_path;
    } else if (v->flags & VM_HEAP) {
      name = "[heap]";
    } else if (v->flags & VM_GROWSDOWN) {
      name = "[stack]";
    }
    outf(o, "%08x-%08x %c%c%c%c %08x 00:00 0", v->start, v->end, (v->prot & VM_READ) ? 'r' : '-',
         (v->prot & VM_WRITE) ? 'w' : '-', (v->prot & VM_EXEC) ? 'x' : '-', (v->flags & VM_SHARED) ? 's' : 'p',
         v->pgoff << PAGE_SHIFT);
    if (name != NULL) {
      out_pad_to(o, line_start, 48);
      outf(o, " %s", name);
    }
    outf(o, "\n");
  }
}

void procfs_status_mem(struct out *o, struct mm *mm) {
  struct mm_usage u;
  u32 data = 0, stack = 0, exe = 0;
  struct vm_area *v;
  mm_usage(mm, &u);
  for (v = mm->vmas; v; v = v->next) {
    u32 kb = (v->end - v->start) >> 10;
    if (v->flags & VM_GROWSDOWN) stack += kb;
    else if (v->prot & VM_EXEC) exe += kb;
    else if ((v->prot & VM_WRITE) && !(v->flags & VM_SHARED)) data += kb;
  }
  outf(o, "VmSize:\t%8u kB\n", u.total_vm * 4);
  outf(o, "VmRSS:\t%8u kB\n", mm->rss * 4);
  outf(o, "RssAnon:\t%8u kB\n", u.anon_rss * 4);
  outf(o, "RssFile:\t%8u kB\n", u.file_rss * 4);
  outf(o, "VmData:\t%8u kB\n", data);
  outf(o, "VmStk:\t%8u kB\n", stack);
  outf(o, "VmExe:\t%8u kB\n", exe);
  outf(o, "VmPTE:\t%8u kB\n", u.pgtables * 4);
  outf(o, "VmSwap:\t%8u kB\n", mm->swap_pages * 4);
}

int procfs_mem_generate(int kind, struct out *o) {
  switch (kind) {
    case PROC_MEMINFO: emit_meminfo(o); return 1;
    case PROC_VMSTAT: emit_vmstat(o); return 1;
    case PROC_BUDDYINFO: emit_buddyinfo(o); return 1;
    case PROC_SLABINFO: emit_slabinfo(o); return 1;
    case PROC_SWAPS: emit_swaps(o); return 1;
  }
  return 0;
}

/* PID/limits in Linux's layout (fs/proc/base.c proc_pid_limits): a
 * header, then per resource its name, soft and hard limit ("unlimited"
 * or a number) and unit, in 25/20/20/10-wide columns. */
static void emit_limits(struct out *o, struct proc *p) {
  static const char *const names[RLIM_NLIMITS] = {
    "Max cpu time", "Max file size", "Max data size", "Max stack size", "Max core file size",
    "Max resident set", "Max processes", "Max open files", "Max locked memory", "Max address space",
    "Max file locks", "Max pending signals", "Max msgqueue size", "Max nice priority",
    "Max realtime priority", "Max realtime timeout",
  };
  static const char *const units[RLIM_NLIMITS] = {
    "seconds", "bytes", "bytes", "bytes", "bytes", "bytes", "processes", "files", "bytes", "bytes",
    "locks", "signals", "bytes", NULL, NULL, "us",
  };
  int i;
  outf(o, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
  for (i = 0; i < RLIM_NLIMITS; i++) {
    struct rlimit *r = &p->group_leader->rlim[i];
    outf(o, "%-25s ", names[i]);
    if (r->rlim_cur == RLIM_INFINITY) outf(o, "%-20s ", "unlimited");
    else outf(o, "%-20u ", r->rlim_cur);
    if (r->rlim_max == RLIM_INFINITY) outf(o, "%-20s ", "unlimited");
    else outf(o, "%-20u ", r->rlim_max);
    if (units[i]) outf(o, "%-10s\n", units[i]);
    else outf(o, "\n");
  }
}

int procfs_mem_generate_pid(int kind, struct proc *p, struct out *o) {
  switch (kind) {
    case PROC_PID_MAPS:
      if (p->mm) emit_maps(o, p->mm);
      return 1;
    case PROC_PID_OOM_SCORE: outf(o, "%u\n", oom_score(p)); return 1;
    case PROC_PID_OOM_ADJ: outf(o, "%d\n", p->oom_score_adj); return 1;
    case PROC_PID_LIMITS: emit_limits(o, p); return 1;
  }
  return 0;
}

static int is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n';
}

int procfs_write_oom_adj(struct proc *p, const void *src, u32 n, int user) {
  char text[16];
  u32 i = 0, end = n;
  int neg = 0, value = 0, digits = 0;
  if (n >= sizeof text) return -EINVAL;
  if (user) {
    if (copyin(text, src, n) != 0) return -EFAULT;
  } else {
    memcpy(text, src, n);
  }
  while (i < end && is_blank(text[i])) i++;
  while (end > i && is_blank(text[end - 1])) end--;
  if (i < end && (text[i] == '-' || text[i] == '+')) neg = text[i++] == '-';
  for (; i < end; i++) {
    if (text[i] < '0' || text[i] > '9' || digits >= 5) return -EINVAL;
    value = value * 10 + (text[i] - '0');
    digits++;
  }
  if (digits == 0) return -EINVAL;
  if (neg) value = -value;
  if (value < OOM_SCORE_ADJ_MIN || value > OOM_SCORE_ADJ_MAX) return -EINVAL;
  p->oom_score_adj = value;
  return (int)n;
}
