/* pthread_spin.c: spin locks, a word taken by xchg. On Hako's one CPU
 * spinning cannot see the holder let go (the holder is not running), so a
 * failed attempt yields the CPU before trying again. */
#include <errno.h>
#include <sched.h>
#include "pthread_impl.h"

int pthread_spin_init(pthread_spinlock_t *s, int pshared) {
  (void)pshared;
  *s = 0;
  return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *s) {
  return *s ? EBUSY : 0;
}

int pthread_spin_lock(pthread_spinlock_t *s) {
  while (__libc_xchg(s, 1) != 0)
    sched_yield();
  return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *s) {
  return __libc_xchg(s, 1) == 0 ? 0 : EBUSY;
}

int pthread_spin_unlock(pthread_spinlock_t *s) {
  *s = 0;
  return 0;
}
