/* pthread_rwlock.c: reader-writer locks that do not starve writers.
 *
 * The state (readers holding, the writer holding, who waits) is guarded by
 * the lock word `lock`; readers sleep on the futex word rseq, writers on
 * wseq, each changed before it is woken so a sleep cannot miss its wake-up
 * (as in pthread_cond.c). A reader may go in only when no writer holds
 * the lock or waits for it: once a writer waits, new readers queue behind
 * it. The last reader out, or a writer leaving, hands the lock to one
 * waiting writer first, else to every waiting reader. (So a thread that
 * takes a read lock twice while a writer waits deadlocks; POSIX allows
 * that for a writer-preferring lock.) */
#include <errno.h>
#include <futex.h>
#include "pthread_impl.h"

#define PRIV FUTEX_PRIVATE_FLAG

int pthread_rwlock_init(pthread_rwlock_t *rw, const pthread_rwlockattr_t *attr) {
  (void)attr;
  rw->lock = 0;
  rw->readers = 0;
  rw->writer = 0;
  rw->readers_waiting = 0;
  rw->writers_waiting = 0;
  rw->rseq = 0;
  rw->wseq = 0;
  return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *rw) {
  return rw->readers || rw->writer ? EBUSY : 0;
}

static int reader_may_enter(pthread_rwlock_t *rw) {
  return rw->writer == 0 && rw->writers_waiting == 0;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *rw) {
  if (rw->writer == __get_tp())
    return EDEADLK;
  __lll_lock(&rw->lock, PRIV);
  while (!reader_may_enter(rw)) {
    int seq = rw->rseq;
    rw->readers_waiting++;
    __lll_unlock(&rw->lock, PRIV);
    __sys_futex(&rw->rseq, FUTEX_WAIT | PRIV, seq, 0, 0, 0);
    __lll_lock(&rw->lock, PRIV);
    rw->readers_waiting--;
  }
  rw->readers++;
  __lll_unlock(&rw->lock, PRIV);
  return 0;
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *rw) {
  int r = EBUSY;
  __lll_lock(&rw->lock, PRIV);
  if (reader_may_enter(rw)) {
    rw->readers++;
    r = 0;
  }
  __lll_unlock(&rw->lock, PRIV);
  return r;
}

int pthread_rwlock_wrlock(pthread_rwlock_t *rw) {
  void *self = __get_tp();
  if (rw->writer == self)
    return EDEADLK;
  __lll_lock(&rw->lock, PRIV);
  while (rw->writer || rw->readers) {
    int seq = rw->wseq;
    rw->writers_waiting++;
    __lll_unlock(&rw->lock, PRIV);
    __sys_futex(&rw->wseq, FUTEX_WAIT | PRIV, seq, 0, 0, 0);
    __lll_lock(&rw->lock, PRIV);
    rw->writers_waiting--;
  }
  rw->writer = self;
  __lll_unlock(&rw->lock, PRIV);
  return 0;
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *rw) {
  int r = EBUSY;
  __lll_lock(&rw->lock, PRIV);
  if (!rw->writer && !rw->readers) {
    rw->writer = __get_tp();
    r = 0;
  }
  __lll_unlock(&rw->lock, PRIV);
  return r;
}

int pthread_rwlock_unlock(pthread_rwlock_t *rw) {
  __lll_lock(&rw->lock, PRIV);
  if (rw->writer) {
    if (rw->writer != __get_tp()) {
      __lll_unlock(&rw->lock, PRIV);
      return EPERM;
    }
    rw->writer = 0;
  } else if (rw->readers > 0) {
    rw->readers--;
  } else {
    __lll_unlock(&rw->lock, PRIV);
    return EPERM;
  }
  if (rw->readers == 0 && rw->writers_waiting) {
    __libc_inc(&rw->wseq);
    __sys_futex(&rw->wseq, FUTEX_WAKE | PRIV, 1, 0, 0, 0);
  } else if (rw->writer == 0 && rw->writers_waiting == 0 && rw->readers_waiting) {
    __libc_inc(&rw->rseq);
    __sys_futex(&rw->rseq, FUTEX_WAKE | PRIV, 0x7fffffff, 0, 0, 0);
  }
  __lll_unlock(&rw->lock, PRIV);
  return 0;
}

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr) {
  attr->pshared = PTHREAD_PROCESS_PRIVATE;
  return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr) {
  (void)attr;
  return 0;
}
