/* semaphore.c: POSIX unnamed semaphores.
 *
 * The count `value` is guarded by the lock word `lock` (pthread_lowlevel.c)
 * and is also the futex word waiters sleep on while it is 0: sem_post
 * raises it under the lock and wakes one sleeper if any is counted in
 * `waiters`; a waiter that finds 0 counts itself, drops the lock and
 * sleeps only while the value is still 0, so a post in between is not
 * lost. With pshared the futex calls leave out FUTEX_PRIVATE_FLAG, so a
 * sem_t in a MAP_SHARED page is one semaphore for every process mapping
 * it. Errors as POSIX: -1 and errno (EINVAL, EAGAIN from trywait,
 * ETIMEDOUT, EINTR when a signal handler interrupts a wait, EOVERFLOW).
 * Unlike Linux's, sem_post takes a lock, so it is not async-signal-safe
 * against a wait interrupted in the same thread. */
#include <errno.h>
#include <futex.h>
#include <semaphore.h>
#include "pthread_impl.h"

int sem_init(sem_t *s, int pshared, unsigned value) {
  if (value > SEM_VALUE_MAX) {
    errno = EINVAL;
    return -1;
  }
  s->value = value;
  s->lock = 0;
  s->waiters = 0;
  s->priv = pshared ? 0 : FUTEX_PRIVATE_FLAG;
  return 0;
}

int sem_destroy(sem_t *s) {
  (void)s;
  return 0;
}

static int wait_until(sem_t *s, const struct timespec *abstime) {
  int r = 0;
  __lll_lock(&s->lock, s->priv);
  while (s->value == 0) {
    s->waiters++;
    __lll_unlock(&s->lock, s->priv);
    r = __futex_wait_until(&s->value, 0, s->priv, CLOCK_REALTIME, abstime);
    __lll_lock(&s->lock, s->priv);
    s->waiters--;
    if (r != 0 && s->value == 0)
      break;
    r = 0;
  }
  if (r == 0)
    s->value--;
  __lll_unlock(&s->lock, s->priv);
  if (r != 0) {
    errno = -r;
    return -1;
  }
  return 0;
}

int sem_wait(sem_t *s) {
  return wait_until(s, 0);
}

int sem_timedwait(sem_t *s, const struct timespec *abstime) {
  if (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000) {
    errno = EINVAL;
    return -1;
  }
  return wait_until(s, abstime);
}

int sem_trywait(sem_t *s) {
  int r = 0;
  __lll_lock(&s->lock, s->priv);
  if (s->value > 0)
    s->value--;
  else
    r = EAGAIN;
  __lll_unlock(&s->lock, s->priv);
  if (r) {
    errno = r;
    return -1;
  }
  return 0;
}

int sem_post(sem_t *s) {
  __lll_lock(&s->lock, s->priv);
  if (s->value == SEM_VALUE_MAX) {
    __lll_unlock(&s->lock, s->priv);
    errno = EOVERFLOW;
    return -1;
  }
  s->value++;
  if (s->waiters)
    __sys_futex(&s->value, FUTEX_WAKE | s->priv, 1, 0, 0, 0);
  __lll_unlock(&s->lock, s->priv);
  return 0;
}

int sem_getvalue(sem_t *s, int *value) {
  *value = s->value;
  return 0;
}
