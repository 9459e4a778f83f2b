/* futex.h: Hako libc's futex(2) wrappers (glibc has only syscall()). */
#ifndef _FUTEX_H
#define _FUTEX_H

#include <hako/futex.h>
#include <time.h>

/* -1 and errno on failure: EAGAIN (the word differs), ETIMEDOUT, EINTR. */
int futex(int *uaddr, int op, int val, const struct timespec *timeout, int *uaddr2, int val3);
/* FUTEX_REQUEUE / FUTEX_CMP_REQUEUE: wake nwake, move up to nmove to uaddr2. */
int futex_requeue(int *uaddr, int op, int nwake, int nmove, int *uaddr2, int val3);

#endif
