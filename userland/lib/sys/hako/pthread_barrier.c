/* pthread_barrier.c: barriers. `count` threads meet; the last to arrive
 * starts the next round (changes the futex word seq and wakes the others)
 * and gets PTHREAD_BARRIER_SERIAL_THREAD, every other thread 0. The
 * others sleep while seq is still their round's, so a wake-up cannot be
 * missed and a round's sleepers cannot be confused with the next's. */
#include <errno.h>
#include <futex.h>
#include "pthread_impl.h"

#define PRIV FUTEX_PRIVATE_FLAG

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr, unsigned count) {
  (void)attr;
  if (count == 0)
    return EINVAL;
  b->lock = 0;
  b->count = count;
  b->waiting = 0;
  b->seq = 0;
  return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b) {
  return b->waiting ? EBUSY : 0;
}

int pthread_barrier_wait(pthread_barrier_t *b) {
  int seq;
  __lll_lock(&b->lock, PRIV);
  seq = b->seq;
  if (++b->waiting == b->count) {
    b->waiting = 0;
    __libc_inc(&b->seq);
    __sys_futex(&b->seq, FUTEX_WAKE | PRIV, 0x7fffffff, 0, 0, 0);
    __lll_unlock(&b->lock, PRIV);
    return PTHREAD_BARRIER_SERIAL_THREAD;
  }
  __lll_unlock(&b->lock, PRIV);
  while (b->seq == seq)
    __sys_futex(&b->seq, FUTEX_WAIT | PRIV, seq, 0, 0, 0);
  return 0;
}

int pthread_barrierattr_init(pthread_barrierattr_t *attr) {
  attr->pshared = PTHREAD_PROCESS_PRIVATE;
  return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr) {
  (void)attr;
  return 0;
}
