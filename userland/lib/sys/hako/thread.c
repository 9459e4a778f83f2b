/* thread.c: the minimal thread calls of libc: clone (over the assembly
 * __clone), futex, the thread pointer (set_thread_area, rdtp). The pthread
 * library is built on these (pthread_*.c). */
#include <errno.h>
#include <futex.h>
#include <sched.h>

int __clone(int (*fn)(void *), void *stack, int flags, void *arg, int *ptid, void *tls, int *ctid);
int __sys_futex(int *uaddr, int op, int val, unsigned int timeout_or_val2, int *uaddr2, int val3);
int __sys_set_tid_address(int *tidptr);

int clone(int (*fn)(void *), void *stack, int flags, void *arg, int *ptid, void *tls, int *ctid) {
  int r;
  if (fn == 0 || stack == 0) {
    errno = EINVAL;
    return -1;
  }
  r = __clone(fn, stack, flags, arg, ptid, tls, ctid);
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return r;
}

int futex(int *uaddr, int op, int val, const struct timespec *timeout, int *uaddr2, int val3) {
  int r = __sys_futex(uaddr, op, val, (unsigned int)timeout, uaddr2, val3);
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return r;
}

/* FUTEX_REQUEUE and FUTEX_CMP_REQUEUE take a count where FUTEX_WAIT takes
 * the timeout. */
int futex_requeue(int *uaddr, int op, int nwake, int nmove, int *uaddr2, int val3) {
  int r = __sys_futex(uaddr, op, nwake, (unsigned int)nmove, uaddr2, val3);
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return r;
}

int __sys_set_thread_area(struct user_desc *u);

int set_thread_area(struct user_desc *u) {
  int r = __sys_set_thread_area(u);
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return 0;
}

int set_tid_address(int *tidptr) {
  return __sys_set_tid_address(tidptr);
}
