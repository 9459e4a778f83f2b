/* pthread_once.c: run an initializer once, however many threads ask.
 *
 * The word goes 0 (not run) -> 1 (running) -> 2 (done). The first thread
 * to xchg a 1 into a 0 runs init; the others sleep on the word while it is
 * 1 and are woken when it becomes 2. A thread that reads 2 returns at
 * once without a system call. (The xchg can put a 1 over a 2 in a race
 * with the end of init; the thread that did it puts the 2 back and wakes
 * anyone who slept on the 1 meanwhile.) */
#include <futex.h>
#include "pthread_impl.h"

#define PRIV FUTEX_PRIVATE_FLAG

int pthread_once(pthread_once_t *once, void (*init)(void)) {
  int old;
  if (*once == 2)
    return 0;
  old = __libc_xchg(once, 1);
  if (old == 0) {
    init();
    __libc_xchg(once, 2);
    __sys_futex(once, FUTEX_WAKE | PRIV, 0x7fffffff, 0, 0, 0);
    return 0;
  }
  if (old == 2) {
    __libc_xchg(once, 2);
    __sys_futex(once, FUTEX_WAKE | PRIV, 0x7fffffff, 0, 0, 0);
    return 0;
  }
  while (*once == 1)
    __sys_futex(once, FUTEX_WAIT | PRIV, 1, 0, 0, 0);
  return 0;
}
