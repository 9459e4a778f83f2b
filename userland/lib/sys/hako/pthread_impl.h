/* pthread_impl.h: the inside of libc's threads (pthread_*.c, semaphore.c).
 *
 * A thread's TLS block is a struct __pthread; the thread pointer points at
 * it, and pthread_t is its address. It starts with the two words libc's
 * core reads (../../tls.h: self, errno). A thread made by pthread_create
 * lives in one anonymous mapping, from low to high addresses:
 *   [guard page, PROT_NONE][stack ... grows down][struct __pthread]
 * so running off the stack's end is SIGSEGV, not a write into another
 * thread's memory. The main thread's block is static (tls.c), installed by
 * crt0 before main.
 *
 * Lifetime: `state` goes JOINABLE -> EXITING (the thread, in pthread_exit)
 * or JOINABLE -> DETACHED (and stays so: the exiting thread puts it back),
 * by xchg, so pthread_detach and the thread's exit agree on who frees the
 * mapping: a joiner after `tid`
 * has dropped to 0 (the kernel zeroes it and wakes the word once the
 * thread is off its stack: CLONE_CHILD_CLEARTID), or, for a detached
 * thread, the next pthread_create, which unmaps every block on the dead
 * list whose tid is 0.
 *
 * Atomicity: Hako's CPU has xchg and no compare-and-swap, and one CPU, so
 * an instruction is never interleaved with another thread's. Locks are
 * built from xchg alone (pthread_lowlevel.c); objects with more than one
 * word of state keep a lock word guarding the rest. */
#ifndef PTHREAD_IMPL_H
#define PTHREAD_IMPL_H

#include <pthread.h>
#include <time.h>
#include "../../tls.h"

enum { T_JOINABLE, T_DETACHED, T_EXITING };

struct __pthread_specific {
  unsigned seq;   /* the key's generation when the value was set */
  void *value;
};

struct __pthread {
  struct __pthread *self;   /* +0: tls.h */
  int errno_value;          /* +4: tls.h */
  int tid;                  /* +8: kernel thread id, 0 once it has ended */
  int state;                /* T_* */
  void *(*start)(void *);
  void *arg;
  void *result;             /* pthread_exit's value, for the joiner */
  char *map;                /* the mapping holding stack and block; 0: main */
  unsigned long map_size;
  struct __pthread *dead_next;   /* on the dead list: detached and exited */
  struct __pthread_specific specific[PTHREAD_KEYS_MAX];
};

extern struct __pthread __pthread_main;

/* The calling thread's block. */
#define SELF() ((struct __pthread *)__get_tp())
void *__get_tp(void);

/* atomic.s */
int __libc_xchg(int *p, int v);   /* store v, return the old value */
void __libc_inc(int *p);          /* *p += 1 in one instruction */

/* futex(2) without touching errno: 0 or -errno */
int __sys_futex(int *uaddr, int op, int val, unsigned int timeout_or_val2, int *uaddr2, int val3);
void __sys_exit(int status);
int __sys_gettid(void);
int __sys_getpid(void);

/* pthread_lowlevel.c: the futex lock of "Futexes are tricky" over xchg
 * (0 free, 1 held, 2 held with possible sleepers); priv is
 * FUTEX_PRIVATE_FLAG, or 0 for a word shared between processes. */
void __lll_lock(int *w, int priv);
void __lll_lock_wait(int *w, int priv);   /* the rest of a lock whose first xchg found it held */
int __lll_trylock(int *w, int priv);   /* 0 when taken */
void __lll_unlock(int *w, int priv);
/* Sleep while *w == val: 0 (woken, or *w differed), -ETIMEDOUT, -EINTR.
 * abstime (may be 0: no limit) is measured on clock. */
int __futex_wait_until(int *w, int val, int priv, clockid_t clock, const struct timespec *abstime);
int __futex_wake(int *w, int n, int priv);
/* Turn libc's internal locks on (lock.h): before the first thread. */
void __pthread_enable_locks(void);

/* pthread_key.c, when a program uses keys: run the destructors of t's
 * values (pthread_exit). */
extern void (*__pthread_key_cleanup)(struct __pthread *t);

#endif
