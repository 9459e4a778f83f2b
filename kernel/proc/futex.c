/*
 * futex.c — fast user-space mutexes: sleeping on a 32-bit user word until
 * another thread or process wakes the word (futex(2): FUTEX_WAIT,
 * FUTEX_WAKE, FUTEX_REQUEUE, FUTEX_CMP_REQUEUE, FUTEX_PRIVATE_FLAG).
 *
 * The user keeps the lock state in the word and calls the kernel only to
 * sleep or wake; the kernel keeps only the sleepers. A sleeper is a
 * futex_waiter on its own kernel stack, queued in one of FUTEX_BUCKETS
 * hashed lists by a key naming the word:
 *   - private (the FUTEX_PRIVATE_FLAG, or a word in a private mapping):
 *     (the address space, the virtual address) — every thread of a
 *     process sees the same word there;
 *   - shared (a word in a MAP_SHARED mapping, without the private flag):
 *     (0, the physical address of the word) — every process mapping the
 *     page sees the same frame, wherever it maps it. The waiter holds a
 *     reference on the frame, so reclaim leaves it in place (vmscan skips
 *     frames with references beyond their mappings) and the key stays
 *     true until the waiter leaves.
 *
 * No lost wakeups: FUTEX_WAIT reads the word, then with interrupts off
 * finds the key, compares and queues itself; the kernel is not
 * preemptible, so no other thread can change the word and wake between
 * the comparison and the queueing. A wake dequeues the waiter and marks it
 * woken before making it runnable, so a waiter knows why it woke: woken
 * (0), a signal (-EINTR; Hako does not restart futex waits), or its
 * deadline (-ETIMEDOUT; the relative timeout is rounded up to whole µs
 * and ends on the one-shot timer, proc/hrtimer.c, as nanosleep's does; one
 * longer than HRTIMER_MAX_US is counted in ticks).
 *
 * Invariants: a waiter is on exactly one bucket's list while queued and
 * woken == 0; the lists change only with interrupts off.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "dev.h"
#include "hrtimer.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "hako/errno.h"
#include "hako/futex.h"
#include "vm.h"

#define FUTEX_BUCKETS 64

struct futex_key {
  u32 space;   /* the struct mm for a private word, 0 for a shared one */
  u32 word;    /* its virtual address (private) or physical address (shared) */
};

struct futex_waiter {
  struct futex_key key;
  struct page *pinned;   /* the frame of a shared key, referenced while queued */
  struct proc *proc;
  struct list_head node;
  int woken;
};

static struct list_head buckets[FUTEX_BUCKETS];
static int buckets_ready;

static struct list_head *bucket_of(struct futex_key *k) {
  u32 h = (k->space ^ k->word) >> 2;
  int i;
  if (!buckets_ready) {
    for (i = 0; i < FUTEX_BUCKETS; i++) list_init(&buckets[i]);
    buckets_ready = 1;
  }
  h ^= h >> 6;
  return &buckets[h % FUTEX_BUCKETS];
}

/* The key of current's word at uaddr, whose page the caller has just
 * touched (copyin), so it is present. A shared key comes with a frame
 * reference in *pinned (put it with key_put). */
static int get_key(u32 *uaddr, int private, struct futex_key *k, struct page **pinned) {
  struct mm *mm = current->mm;
  u32 va = (u32)uaddr;
  struct vm_area *v;
  pte_t *pte;
  *pinned = NULL;
  if (va & 3) return -EINVAL;
  v = private ? NULL : vma_find(mm, va);
  if (v == NULL || !(v->flags & VM_SHARED)) {
    k->space = (u32)mm;
    k->word = va;
    return 0;
  }
  pte = pgdir_walk(mm->pgdir, va, 0);
  if (pte == NULL || !(*pte & PTE_P)) return -EFAULT;
  k->space = 0;
  k->word = PTE_ADDR(*pte) | (va & 0xFFF);
  *pinned = pfn_to_page(*pte >> PAGE_SHIFT);
  get_page(*pinned);
  return 0;
}

static void key_put(struct page *pinned) {
  if (pinned) put_page(pinned);
}

static int same_key(struct futex_key *a, struct futex_key *b) {
  return a->space == b->space && a->word == b->word;
}

/* Reads the word (faulting its page in if need be). */
static int read_word(u32 *uaddr, u32 *val) {
  if ((u32)uaddr & 3) return -EINVAL;
  return copyin(val, uaddr, 4) == 0 ? 0 : -EFAULT;
}

/* The wait's end (proc/hrtimer.c: µs of uptime, or jiffies for a
 * timeout longer than HRTIMER_MAX_US). */
static int timeout_deadline(const void *user_ts, struct deadline *d) {
  struct {
    int tv_sec;
    int tv_nsec;
  } ts;
  if (copyin(&ts, user_ts, sizeof ts) != 0) return -EFAULT;
  if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000) return -EINVAL;
  deadline_after(d, (u32)ts.tv_sec, ((u32)ts.tv_nsec + 999u) / 1000u);
  return 0;
}

static int futex_wait(u32 *uaddr, int private, u32 val, const void *user_timeout) {
  struct futex_waiter w;
  struct deadline deadline;
  u32 cur, flags;
  int err;
  if (user_timeout) {
    err = timeout_deadline(user_timeout, &deadline);
    if (err) return err;
  }
  err = read_word(uaddr, &cur);
  if (err) return err;
  flags = irq_save();
  err = get_key(uaddr, private, &w.key, &w.pinned);
  if (err) {
    irq_restore(flags);
    return err;
  }
  if (cur != val) {
    key_put(w.pinned);
    irq_restore(flags);
    return -EAGAIN;
  }
  w.proc = current;
  w.woken = 0;
  list_add_tail(&w.node, bucket_of(&w.key));
  for (;;) {
    if (w.woken) {
      err = 0;
      break;
    }
    if (signal_pending(current)) {
      err = -EINTR;
      break;
    }
    if (user_timeout && deadline_passed(&deadline)) {
      err = -ETIMEDOUT;
      break;
    }
    if (user_timeout) sleep_on_deadline(&w, &deadline);
    else sleep_on(&w);
  }
  if (!w.woken) list_del(&w.node);
  key_put(w.pinned);
  irq_restore(flags);
  return err;
}

/* Interrupts off: wakes up to n waiters on k (at least one, as Linux's
 * loop does for n <= 0). */
static int wake_key(struct futex_key *k, int n) {
  struct list_head *b = bucket_of(k);
  struct list_head *e = b->next;
  int woken = 0;
  while (e != b) {
    struct futex_waiter *w = list_entry(e, struct futex_waiter, node);
    e = e->next;
    if (!same_key(&w->key, k)) continue;
    list_del(&w->node);
    w->woken = 1;
    if (w->proc->state == P_SLEEPING) make_runnable(w->proc);
    if (++woken >= n) break;
  }
  return woken;
}

static int futex_wake(u32 *uaddr, int private, int n) {
  struct futex_key k;
  struct page *pinned;
  u32 cur, flags;
  int err = read_word(uaddr, &cur);
  if (err) return err;
  flags = irq_save();
  err = get_key(uaddr, private, &k, &pinned);
  if (err == 0) {
    err = wake_key(&k, n);
    key_put(pinned);
  }
  irq_restore(flags);
  return err;
}

int futex_wake_address(u32 *uaddr, int n) {
  return futex_wake(uaddr, 0, n);
}

/* FUTEX_REQUEUE / FUTEX_CMP_REQUEUE: wake n_wake waiters on uaddr and move
 * up to n_move of the rest to uaddr2 (a condition variable's broadcast
 * moves its sleepers to the mutex instead of waking them all). */
static int futex_requeue(u32 *uaddr, int private, int n_wake, int n_move, u32 *uaddr2, int cmp, u32 val3) {
  struct futex_key k1, k2;
  struct page *pin1, *pin2;
  struct list_head *b, *e;
  u32 cur, other, flags;
  int done, moved = 0;
  int err = read_word(uaddr2, &other);   /* faults uaddr2's page in */
  if (err == 0) err = read_word(uaddr, &cur);   /* then the compared word, last */
  if (err) return err;
  if (cmp && cur != val3) return -EAGAIN;
  if (n_wake < 0 || n_move < 0) return -EINVAL;
  flags = irq_save();
  err = get_key(uaddr, private, &k1, &pin1);
  if (err == 0) {
    err = get_key(uaddr2, private, &k2, &pin2);
    if (err) key_put(pin1);
  }
  if (err) {
    irq_restore(flags);
    return err;
  }
  done = n_wake > 0 ? wake_key(&k1, n_wake) : 0;
  b = bucket_of(&k1);
  for (e = b->next; e != b && moved < n_move;) {
    struct futex_waiter *w = list_entry(e, struct futex_waiter, node);
    e = e->next;
    if (!same_key(&w->key, &k1)) continue;
    list_del(&w->node);
    key_put(w->pinned);
    w->key = k2;
    w->pinned = pin2;
    if (pin2) get_page(pin2);
    list_add_tail(&w->node, bucket_of(&k2));
    moved++;
  }
  key_put(pin1);
  key_put(pin2);
  irq_restore(flags);
  return done + moved;
}

int sys_futex(u32 *uaddr, int op, u32 val, u32 timeout_or_val2, u32 *uaddr2, u32 val3) {
  int private = (op & FUTEX_PRIVATE_FLAG) != 0;
  int cmd = op & FUTEX_CMD_MASK;
  if ((op & FUTEX_CLOCK_REALTIME) && cmd == FUTEX_WAIT) return -ENOSYS;   /* Linux: only for the bitset waits */
  switch (cmd) {
  case FUTEX_WAIT:
    return futex_wait(uaddr, private, val, (const void *)timeout_or_val2);
  case FUTEX_WAKE:
    return futex_wake(uaddr, private, (int)val);
  case FUTEX_REQUEUE:
    return futex_requeue(uaddr, private, (int)val, (int)timeout_or_val2, uaddr2, 0, 0);
  case FUTEX_CMP_REQUEUE:
    return futex_requeue(uaddr, private, (int)val, (int)timeout_or_val2, uaddr2, 1, val3);
  }
  return -ENOSYS;
}
