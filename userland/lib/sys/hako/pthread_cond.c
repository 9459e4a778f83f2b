/* pthread_cond.c: condition variables on a futex sequence word.
 *
 * A waiter reads `seq` while it still holds the mutex, unlocks, and sleeps
 * on the futex only while seq still has the value it read; signal and
 * broadcast first change seq (one instruction, __libc_inc), then wake one
 * or every sleeper. A signal that comes after the waiter unlocked but
 * before it slept changed seq, so the kernel refuses the sleep (the word
 * differs): no wake-up is lost between the unlock and the sleep. A waiter
 * may also return for a signal meant for another (a spurious wake-up,
 * which POSIX allows; callers loop on their predicate). A waiter
 * interrupted by a signal handler returns 0, also as a spurious wake-up.
 * Broadcast wakes everyone, who then queue on the mutex: simple, and the
 * herd is small on one CPU. */
#include <errno.h>
#include <futex.h>
#include "pthread_impl.h"

#define PRIV FUTEX_PRIVATE_FLAG

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr) {
  c->seq = 0;
  c->clock = attr ? attr->clock : CLOCK_REALTIME;
  return 0;
}

int pthread_cond_destroy(pthread_cond_t *c) {
  (void)c;
  return 0;
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime) {
  int seq = c->seq, r, err;
  err = pthread_mutex_unlock(m);
  if (err)
    return err;
  r = __futex_wait_until(&c->seq, seq, PRIV, c->clock, abstime);
  pthread_mutex_lock(m);
  if (r == -ETIMEDOUT || r == -EINVAL)
    return -r;
  return 0;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) {
  return pthread_cond_timedwait(c, m, 0);
}

int pthread_cond_signal(pthread_cond_t *c) {
  __libc_inc(&c->seq);
  __sys_futex(&c->seq, FUTEX_WAKE | PRIV, 1, 0, 0, 0);
  return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c) {
  __libc_inc(&c->seq);
  __sys_futex(&c->seq, FUTEX_WAKE | PRIV, 0x7fffffff, 0, 0, 0);
  return 0;
}

int pthread_condattr_init(pthread_condattr_t *attr) {
  attr->clock = CLOCK_REALTIME;
  attr->pshared = PTHREAD_PROCESS_PRIVATE;
  return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr) {
  (void)attr;
  return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock) {
  if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
    return EINVAL;
  attr->clock = clock;
  return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock) {
  *clock = attr->clock;
  return 0;
}
