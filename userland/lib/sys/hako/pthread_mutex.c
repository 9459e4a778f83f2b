/* pthread_mutex.c: mutexes, NORMAL, RECURSIVE and ERRORCHECK, over the
 * xchg futex lock of pthread_lowlevel.c (the word `lock`).
 *
 * A NORMAL mutex is the bare lock: relocking it deadlocks and nobody
 * checks who unlocks it (POSIX leaves both undefined). The other two
 * record their owner (pthread_self) after taking the word, so the owner
 * can be recognised: RECURSIVE counts the owner's nested locks, and
 * ERRORCHECK answers EDEADLK to the owner locking again; both answer EPERM
 * to an unlock by a thread that does not hold the mutex. Only the holder
 * writes owner and count, so they need no lock of their own. */
#include <errno.h>
#include <futex.h>
#include "pthread_impl.h"

#define PRIV FUTEX_PRIVATE_FLAG

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr) {
  m->lock = 0;
  m->type = attr ? attr->type : PTHREAD_MUTEX_DEFAULT;
  m->owner = 0;
  m->count = 0;
  return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m) {
  return m->lock != 0 ? EBUSY : 0;
}

int pthread_mutex_lock(pthread_mutex_t *m) {
  void *self;
  if (m->type == PTHREAD_MUTEX_NORMAL) {
    if (__libc_xchg(&m->lock, 1) != 0)
      __lll_lock_wait(&m->lock, PRIV);   /* contended: the slow path */
    return 0;
  }
  self = __get_tp();
  if (m->owner == self) {
    if (m->type == PTHREAD_MUTEX_ERRORCHECK)
      return EDEADLK;
    if (m->count == 0x7fffffff)
      return EAGAIN;
    m->count++;
    return 0;
  }
  __lll_lock(&m->lock, PRIV);
  m->owner = self;
  m->count = 1;
  return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *m) {
  void *self = __get_tp();
  if (m->type != PTHREAD_MUTEX_NORMAL && m->owner == self) {
    if (m->type == PTHREAD_MUTEX_ERRORCHECK)
      return EBUSY;
    m->count++;
    return 0;
  }
  if (__lll_trylock(&m->lock, PRIV) != 0)
    return EBUSY;
  if (m->type != PTHREAD_MUTEX_NORMAL) {
    m->owner = self;
    m->count = 1;
  }
  return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m) {
  if (m->type != PTHREAD_MUTEX_NORMAL) {
    if (m->owner != __get_tp() || m->count == 0)
      return EPERM;
    if (--m->count > 0)
      return 0;
    m->owner = 0;
  }
  if (__libc_xchg(&m->lock, 0) != 1)
    __sys_futex(&m->lock, FUTEX_WAKE | PRIV, 1, 0, 0, 0);
  return 0;
}

int pthread_mutexattr_init(pthread_mutexattr_t *attr) {
  attr->type = PTHREAD_MUTEX_DEFAULT;
  attr->pshared = PTHREAD_PROCESS_PRIVATE;
  return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr) {
  (void)attr;
  return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type) {
  if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE && type != PTHREAD_MUTEX_ERRORCHECK)
    return EINVAL;
  attr->type = type;
  return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type) {
  *type = attr->type;
  return 0;
}

/* Process-shared mutexes are not provided: PTHREAD_PROCESS_SHARED is
 * ENOTSUP, as POSIX allows. */
int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared) {
  if (pshared == PTHREAD_PROCESS_SHARED)
    return ENOTSUP;
  if (pshared != PTHREAD_PROCESS_PRIVATE)
    return EINVAL;
  attr->pshared = pshared;
  return 0;
}
