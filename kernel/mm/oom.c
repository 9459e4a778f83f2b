/*
 * oom.c — the OOM killer: when an allocation of user memory fails after
 * reclaim (mm/vmscan.c's alloc_user_page), choose one process, kill it and
 * let the allocation retry once the victim's memory is back.
 *
 * Owns: the badness score (oom.h has the formula; Linux's oom_badness),
 * victim selection, the kill and its log lines, and the wait for the
 * victim. Invariants:
 *   - at most one victim is pending (oom_victim): while it still holds its
 *     mm, further failing allocations wait for it instead of killing more;
 *   - pid 1, kernel threads, zombies, dying processes and oom_score_adj
 *     -1000 are never chosen; with nobody else left the allocation fails
 *     (Linux would panic "System is deadlocked on memory"; we log and fail);
 *   - nothing here allocates memory (we are out of it) and nothing panics;
 *   - the wait is bounded (OOM_WAIT_TICKS): a victim that cannot finish
 *     dying (say, blocked on a lock the waiter holds) is given up on, and
 *     the next failure chooses among the others (the dying one scores 0).
 * SIGKILL itself does the waking: send_signal resumes a stopped victim and
 * wakes an interruptible sleeper; one in an uninterruptible disk sleep
 * finishes that transfer first, then dies on its way back to user mode.
 */
#include "arch.h"
#include "cgroup.h"
#include "dev.h"
#include "mm.h"
#include "oom.h"
#include "printk.h"
#include "proc.h"
#include "signal.h"
#include "swap.h"
#include "vm.h"
#include "trace.h"

#define OOM_WAIT_TICKS 100      /* 1 s of emulated time */
#define SIGKILL_BIT (1u << (SIGKILL - 1))

struct oom_event oom_last_event;
static struct proc *oom_victim;   /* killed, memory not yet released */

void mm_usage(struct mm *mm, struct mm_usage *u) {
  struct vm_area *v;
  u32 pdx, ptx;
  u->total_vm = u->anon_rss = u->file_rss = u->pgtables = 0;
  u->swap = mm->swap_pages;
  for (v = mm->vmas; v; v = v->next) u->total_vm += (v->end - v->start) >> PAGE_SHIFT;
  for (pdx = 0; pdx < KERNEL_PDE_FIRST; pdx++) {
    pde_t pde = mm->pgdir[pdx];
    pte_t *table;
    if (!(pde & PTE_P)) continue;
    u->pgtables++;
    table = (pte_t *)phys_to_virt(PTE_ADDR(pde));
    for (ptx = 0; ptx < 1024; ptx++) {
      pte_t pte = table[ptx];
      if (!(pte & PTE_P)) continue;
      if (pfn_to_page(pte >> PAGE_SHIFT)->flags & PG_CACHE) u->file_rss++;
      else u->anon_rss++;
    }
  }
}

static u32 pgtable_pages(struct mm *mm) {
  u32 pdx, n = 0;
  for (pdx = 0; pdx < KERNEL_PDE_FIRST; pdx++)
    if (mm->pgdir[pdx] & PTE_P) n++;
  return n;
}

u32 oom_total_pages(void) {
  return total_frames + swap_total_pages();
}

static int dying(struct proc *p) {
  return (p->sig_pending & SIGKILL_BIT) != 0;
}

u32 oom_badness(struct proc *p) {
  int points;
  if (p == init_proc || p->pid <= 1 || p->mm == NULL) return 0;
  if (p->group_leader != p) return 0;   /* a process is judged once, by its leader (threads share its mm) */
  if (p->state == P_ZOMBIE || p->state == P_UNUSED || p->state == P_EMBRYO) return 0;
  if (dying(p) || p->oom_score_adj <= OOM_SCORE_ADJ_MIN) return 0;
  points = (int)(p->mm->rss + p->mm->swap_pages + pgtable_pages(p->mm));
  /* adj/1000 of all memory, as Linux: +1000 makes anyone the first choice. */
  points += p->oom_score_adj * (int)(oom_total_pages() / 1000);
  points += p->oom_score_adj * (int)(oom_total_pages() % 1000) / 1000;
  return points > 0 ? (u32)points : 1;
}

u32 oom_score(struct proc *p) {
  u32 total = oom_total_pages();
  u32 b = oom_badness(p);
  u32 score;
  if (total == 0) return 0;
  /* b * 1000 / total without overflow: total is below 2^20 pages here. */
  score = b / total * 1000 + (b % total) * 1000 / total;
  return score > 1000 ? 1000 : score;
}

/* The process to kill: anywhere (memcg NULL), or inside control group memcg. */
static struct proc *select_victim(struct cgroup *memcg) {
  struct list_head *n;
  struct proc *best = NULL;
  u32 best_points = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    u32 points;
    if (memcg && !cgroup_is_descendant(task_cgroup(p), memcg)) continue;
    points = oom_badness(p);
    /* Ties go to the later (younger) process in the list. */
    if (points > 0 && points >= best_points) {
      best = p;
      best_points = points;
    }
  }
  return best;
}

/* Linux's task dump, in the log ring only (dmesg shows it). */
static void dump_tasks(struct cgroup *memcg) {
  struct list_head *n;
  printk(KERN_DEBUG, "[  pid  ] total_vm      rss pgtables swapents oom_score_adj name");
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    struct mm_usage u;
    if (p->mm == NULL || p->state == P_ZOMBIE) continue;
    if (memcg && !cgroup_is_descendant(task_cgroup(p), memcg)) continue;
    mm_usage(p->mm, &u);
    printk(KERN_DEBUG, "[%7d] %8u %8u %8u %8u %13d %s", p->pid, u.total_vm, u.anon_rss + u.file_rss, u.pgtables,
           u.swap, p->oom_score_adj, p->name);
  }
}

/* SIGKILL to v with Linux's line; `waited`: the allocation waits for v's
 * memory (the others a memory.oom.group kill takes are only signalled). */
static void kill_victim(struct proc *v, const char *message, int waited) {
  struct mm_usage u;
  mm_usage(v->mm, &u);
  if (waited) {
    oom_last_event.kill_tsc = rdtsc_low();
    oom_last_event.victim_pid = (u32)v->pid;
    oom_last_event.release_tsc = 0;
    oom_last_event.kills++;
    oom_victim = v;
  }
  vm_stat_oom_kill++;
  mem_cgroup_event(task_cgroup(v), MEMCG_OOM_KILL);
  trace2(TR_OOM_KILL, v->pid, u.anon_rss + u.file_rss + u.swap + u.pgtables);
  send_signal(v, SIGKILL);
  printk(KERN_ERR, "%s: Killed process %d (%s) total-vm:%ukB, anon-rss:%ukB, file-rss:%ukB, swap:%ukB, oom_score_adj:%d",
         message, v->pid, v->name, u.total_vm * 4, u.anon_rss * 4, u.file_rss * 4, u.swap * 4, v->oom_score_adj);
}

/* memory.oom.group: the highest group from v's up to memcg that asks for
 * it, or NULL (Linux's mem_cgroup_get_oom_group). */
static struct cgroup *oom_group_of(struct proc *v, struct cgroup *memcg) {
  struct cgroup *cg, *found = NULL;
  for (cg = task_cgroup(v); cg && cg->parent; cg = cg->parent) {
    if (cg->oom_group) found = cg;
    if (cg == memcg) break;
  }
  return found;
}

/* Every other killable process of group g goes with v. */
static void kill_group_members(struct cgroup *g, struct proc *v, const char *message) {
  struct list_head *n;
  char path[64];
  cgroup_path(g, path, sizeof path);
  printk(KERN_INFO, "Tasks in %s are going to be killed due to memory.oom.group set", path);
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p == v || !cgroup_is_descendant(task_cgroup(p), g) || oom_badness(p) == 0) continue;
    kill_victim(p, message, 0);
  }
}

/* Sleeps until the pending victim released its memory: 1 to retry, 0 when
 * the caller must fail (it is the victim itself, or is dying). */
static int wait_for_victim(void) {
  u32 flags = irq_save();
  u32 waited = 0;
  while (oom_victim != NULL) {
    if (current->group_leader == oom_victim || dying(current)) {
      irq_restore(flags);
      return 0;
    }
    if (waited++ >= OOM_WAIT_TICKS) {
      printk(KERN_WARNING, "oom: process %d (%s) did not release its memory; choosing again", oom_victim->pid,
             oom_victim->name);
      oom_victim = NULL;
      break;
    }
    current->wake_at = jiffies + 1;   /* a bound on each sleep, not the wakeup we expect */
    sleep_uninterruptible(&oom_victim);
    current->wake_at = 0;
  }
  irq_restore(flags);
  return 1;
}

/* The OOM killer for all of memory (memcg NULL) or for one control group. */
static int oom_kill_in(struct cgroup *memcg) {
  struct proc *v;
  struct cgroup *group;
  const char *message = memcg ? "Memory cgroup out of memory" : "Out of memory";
  char path[64];
  u32 fail = rdtsc_low();
  if (current == NULL || current->mm == NULL) return 0;
  if (dying(current)) return 0;   /* it will free its memory by exiting */
  if (oom_victim != NULL) return wait_for_victim();
  oom_last_event.fail_tsc = fail;
  printk(KERN_WARNING, "%s invoked oom-killer: order=0, oom_score_adj=%d", current->name, current->oom_score_adj);
  if (memcg) {
    cgroup_path(memcg, path, sizeof path);
    printk(KERN_WARNING, "memory: usage %ukB, limit %ukB, failcnt %u", memcg->mem_current * 4, memcg->mem_max * 4,
           memcg->mem_events[MEMCG_MAX]);
    printk(KERN_INFO, "Memory cgroup stats for %s: charged %ukB", path, memcg->mem_current * 4);
  } else {
    printk(KERN_WARNING, "Mem-Info: free:%u pages, swap free:%u of %u pages", free_frames(), swap_free_pages(),
           swap_total_pages());
  }
  dump_tasks(memcg);
  v = select_victim(memcg);
  if (v == NULL) {
    printk(KERN_ERR, "%s and no killable processes...", message);
    return 0;
  }
  if (memcg) {
    char task_path[64];
    cgroup_path(task_cgroup(v), task_path, sizeof task_path);
    printk(KERN_INFO, "oom-kill:constraint=CONSTRAINT_MEMCG,oom_memcg=%s,task_memcg=%s,task=%s,pid=%d,uid=%u", path,
           task_path, v->name, v->pid, v->uid);
  }
  group = memcg ? oom_group_of(v, memcg) : NULL;
  kill_victim(v, message, 1);
  if (group) kill_group_members(group, v, message);
  if (v == current || dying(current)) return 0;
  return wait_for_victim();
}

int out_of_memory(void) {
  return oom_kill_in(NULL);
}

int mem_cgroup_out_of_memory(struct cgroup *memcg) {
  return oom_kill_in(memcg);
}

void oom_mm_released(struct proc *p) {
  u32 flags = irq_save();
  if (p == oom_victim) {
    oom_victim = NULL;
    oom_last_event.release_tsc = rdtsc_low();
    wakeup(&oom_victim);
  }
  irq_restore(flags);
}
