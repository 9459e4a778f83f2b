/* pthread_lowlevel.c: the lock every thread primitive is built on, and
 * futex sleeps with an absolute deadline.
 *
 * The lock is the third mutex of Drepper's "Futexes are tricky" with xchg
 * in place of compare-and-swap (Hako has no cmpxchg): the word is 0 free,
 * 1 held, 2 held and perhaps waited for. Taking it: xchg in a 1; a 0 back
 * means ours. Otherwise xchg in a 2 (we may sleep, so the holder must
 * wake) until a 0 comes back, sleeping while the word is 2. Releasing:
 * xchg in a 0; a 2 back means someone may sleep, so wake one. The first
 * xchg may turn a 2 into a 1 for a moment; the taker then writes the 2
 * back before it sleeps, and if the holder released in between, the taker
 * gets the lock with the word at 2, so its own release wakes the sleeper:
 * no wake-up is lost, at worst one is spent for nothing. */
#include <errno.h>
#include <futex.h>
#include "pthread_impl.h"
#include "../../lock.h"

void __lll_lock(int *w, int priv) {
  if (__libc_xchg(w, 1) == 0)
    return;
  __lll_lock_wait(w, priv);
}

/* After a first xchg of 1 found the lock held. Never xchg a 1 again here:
 * that first xchg may have put a 1 over a 2, and if the holder released
 * meanwhile (seeing the 1, so waking nobody) a second 1 would take the
 * lock with the sleepers' 2 lost, and they would sleep for ever. */
void __lll_lock_wait(int *w, int priv) {
  while (__libc_xchg(w, 2) != 0)
    __sys_futex(w, FUTEX_WAIT | priv, 2, 0, 0, 0);
}

int __lll_trylock(int *w, int priv) {
  int old = __libc_xchg(w, 1);
  (void)priv;
  if (old == 0)
    return 0;
  if (old == 2 && __libc_xchg(w, 2) != 0)
    return EBUSY;   /* the 2 is back in place; still held */
  if (old == 2)
    return 0;       /* released in between: ours, with the 2 our unlock needs */
  return EBUSY;
}

void __lll_unlock(int *w, int priv) {
  if (__libc_xchg(w, 0) != 1)
    __sys_futex(w, FUTEX_WAKE | priv, 1, 0, 0, 0);
}

int __futex_wake(int *w, int n, int priv) {
  return __sys_futex(w, FUTEX_WAKE | priv, n, 0, 0, 0);
}

/* The kernel's FUTEX_WAIT takes a relative timeout: the time left until
 * abstime on its clock, recomputed at every call. */
int __futex_wait_until(int *w, int val, int priv, clockid_t clock, const struct timespec *abstime) {
  struct timespec now, left;
  int r;
  if (!abstime)
    r = __sys_futex(w, FUTEX_WAIT | priv, val, 0, 0, 0);
  else {
    if (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000)
      return -EINVAL;
    if (clock_gettime(clock, &now) != 0)
      return -EINVAL;
    left.tv_sec = abstime->tv_sec - now.tv_sec;
    left.tv_nsec = abstime->tv_nsec - now.tv_nsec;
    if (left.tv_nsec < 0) {
      left.tv_nsec += 1000000000;
      left.tv_sec--;
    }
    if (left.tv_sec < 0)
      return -ETIMEDOUT;
    r = __sys_futex(w, FUTEX_WAIT | priv, val, (unsigned int)&left, 0, 0);
  }
  if (r == -EAGAIN)
    return 0;
  return r;
}

/* libc's internal locks (lock.h) are these, process-private. */
static void core_lock(int *w) {
  __lll_lock(w, FUTEX_PRIVATE_FLAG);
}

static int core_trylock(int *w) {
  return __lll_trylock(w, FUTEX_PRIVATE_FLAG);
}

static void core_unlock(int *w) {
  __lll_unlock(w, FUTEX_PRIVATE_FLAG);
}

static struct __libc_lock_ops core_ops = {core_lock, core_trylock, core_unlock};

void __pthread_enable_locks(void) {
  __libc_locks = &core_ops;
}
