/* pthread_create.c: making, joining, detaching and ending threads, and
 * their attributes (the block, its mapping and the lifetime rules are in
 * pthread_impl.h).
 *
 * pthread_create maps [guard][stack][block], fills the block and clones
 * with CLONE_SETTLS (the new thread's thread pointer is its block from its
 * first instruction), CLONE_PARENT_SETTID and CLONE_CHILD_CLEARTID on the
 * block's tid (so the word holds the tid before clone returns, and the
 * kernel zeroes it and wakes joiners when the thread is gone). The first
 * call also turns libc's internal locks on and lets the kernel clear the
 * main thread's tid at its end too, so the main thread can be joined.
 * The process ends, as by exit(0), when its last thread calls
 * pthread_exit. */
#include <errno.h>
#include <futex.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "pthread_impl.h"

int __clone(int (*fn)(void *), void *stack, int flags, void *arg, int *ptid, void *tls, int *ctid);
int __sys_set_tid_address(int *tidptr);

#define PAGE 4096
#define THREAD_CLONE_FLAGS \
  (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | \
   CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

static int list_lock;                  /* guards the two below */
static struct __pthread *dead;         /* detached threads that have exited */
static int nthreads = 1;               /* threads alive (pthread_exit's "last one") */
static int threaded;                   /* a thread was ever made */

void (*__pthread_key_cleanup)(struct __pthread *t);

static void unmap(struct __pthread *t) {
  int saved = errno;
  munmap(t->map, t->map_size);
  errno = saved;
}

/* Unmaps the blocks of dead detached threads the kernel is done with. */
static void reap(void) {
  struct __pthread **pp, *t;
  __lll_lock(&list_lock, FUTEX_PRIVATE_FLAG);
  pp = &dead;
  while ((t = *pp) != 0) {
    if (t->tid == 0) {
      *pp = t->dead_next;
      unmap(t);
    } else {
      pp = &t->dead_next;
    }
  }
  __lll_unlock(&list_lock, FUTEX_PRIVATE_FLAG);
}

static void bury(struct __pthread *t) {
  __lll_lock(&list_lock, FUTEX_PRIVATE_FLAG);
  t->dead_next = dead;
  dead = t;
  __lll_unlock(&list_lock, FUTEX_PRIVATE_FLAG);
}

static int thread_start(void *arg) {
  struct __pthread *t = (struct __pthread *)arg;
  pthread_exit(t->start(t->arg));
  return 0;
}

static void first_thread(void) {
  threaded = 1;
  __pthread_enable_locks();
  __pthread_main.tid = __sys_set_tid_address(&__pthread_main.tid);
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg) {
  unsigned long stack = PTHREAD_STACK_DEFAULT, block, size;
  struct __pthread *t;
  struct user_desc tls;
  char *map;
  int saved = errno, r;
  if (attr)
    stack = (attr->stacksize + PAGE - 1) & ~(unsigned long)(PAGE - 1);
  block = (sizeof(struct __pthread) + PAGE - 1) & ~(unsigned long)(PAGE - 1);
  size = PAGE + stack + block;
  if (!threaded)
    first_thread();
  reap();
  map = (char *)mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == (char *)MAP_FAILED) {
    errno = saved;
    return EAGAIN;
  }
  if (mprotect(map, PAGE, PROT_NONE) != 0) {
    munmap(map, size);
    errno = saved;
    return EAGAIN;
  }
  t = (struct __pthread *)(map + PAGE + stack);   /* zero-filled, as mmap gives it */
  t->self = t;
  t->state = attr && attr->detachstate == PTHREAD_CREATE_DETACHED ? T_DETACHED : T_JOINABLE;
  t->start = start;
  t->arg = arg;
  t->map = map;
  t->map_size = size;
  tls.entry_number = -1;
  tls.base_addr = (unsigned int)t;
  tls.limit = 0xfffff;
  tls.flags = 0x51;
  __lll_lock(&list_lock, FUTEX_PRIVATE_FLAG);
  nthreads++;
  __lll_unlock(&list_lock, FUTEX_PRIVATE_FLAG);
  r = __clone(thread_start, t, THREAD_CLONE_FLAGS, t, &t->tid, &tls, &t->tid);
  if (r < 0) {
    __lll_lock(&list_lock, FUTEX_PRIVATE_FLAG);
    nthreads--;
    __lll_unlock(&list_lock, FUTEX_PRIVATE_FLAG);
    munmap(map, size);
    errno = saved;
    return EAGAIN;
  }
  *thread = (pthread_t)t;
  return 0;
}

void pthread_exit(void *result) {
  struct __pthread *t = SELF();
  int left;
  if (__pthread_key_cleanup)
    __pthread_key_cleanup(t);
  __lll_lock(&list_lock, FUTEX_PRIVATE_FLAG);
  left = --nthreads;
  __lll_unlock(&list_lock, FUTEX_PRIVATE_FLAG);
  if (left == 0)
    exit(0);
  t->result = result;
  if (__libc_xchg(&t->state, T_EXITING) == T_DETACHED) {
    t->state = T_DETACHED;   /* a late join still sees EINVAL, never frees it too */
    if (t->map)
      bury(t);
  }
  for (;;)
    __sys_exit(0);   /* this thread only; the kernel then clears t->tid */
}

/* Waits for t's kernel thread to be gone (its tid word zeroed). */
static void wait_gone(struct __pthread *t) {
  int tid;
  while ((tid = t->tid) != 0)
    __sys_futex(&t->tid, FUTEX_WAIT, tid, 0, 0, 0);
}

int pthread_join(pthread_t thread, void **result) {
  struct __pthread *t = (struct __pthread *)thread;
  if (t == SELF())
    return EDEADLK;
  if (t->state == T_DETACHED)
    return EINVAL;
  wait_gone(t);
  if (result)
    *result = t->result;
  if (t->map)
    unmap(t);
  return 0;
}

int pthread_detach(pthread_t thread) {
  struct __pthread *t = (struct __pthread *)thread;
  int old = __libc_xchg(&t->state, T_DETACHED);
  if (old == T_DETACHED)
    return EINVAL;
  if (old == T_EXITING) {
    t->state = T_EXITING;
    if (t->map)
      bury(t);   /* it saw no detach: unmapped once the kernel is done */
  }
  return 0;
}

pthread_t pthread_self(void) {
  return (pthread_t)__get_tp();
}

int pthread_equal(pthread_t a, pthread_t b) {
  return a == b;
}

int pthread_attr_init(pthread_attr_t *attr) {
  attr->detachstate = PTHREAD_CREATE_JOINABLE;
  attr->stacksize = PTHREAD_STACK_DEFAULT;
  return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr) {
  (void)attr;
  return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size) {
  if (size < PTHREAD_STACK_MIN || size > 0x10000000)
    return EINVAL;
  attr->stacksize = size;
  return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size) {
  *size = attr->stacksize;
  return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state) {
  if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
    return EINVAL;
  attr->detachstate = state;
  return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state) {
  *state = attr->detachstate;
  return 0;
}
