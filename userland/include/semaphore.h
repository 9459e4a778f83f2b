/* semaphore.h: POSIX unnamed semaphores (libc: sys/hako/semaphore.c).
 * pshared 1 works between processes when the sem_t lies in a MAP_SHARED
 * mapping (the kernel keys those futexes by the physical page). Named
 * semaphores (sem_open) are not provided. */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H

#include <time.h>

typedef struct {
  int value;     /* futex word: the count */
  int lock;      /* guards value and waiters */
  int waiters;   /* threads sleeping on value */
  int priv;      /* FUTEX_PRIVATE_FLAG, or 0 when shared between processes */
} sem_t;

#define SEM_VALUE_MAX 0x7fffffff
#define SEM_FAILED ((sem_t *)0)

int sem_init(sem_t *s, int pshared, unsigned value);
int sem_destroy(sem_t *s);
int sem_wait(sem_t *s);
int sem_trywait(sem_t *s);
int sem_timedwait(sem_t *s, const struct timespec *abstime);
int sem_post(sem_t *s);
int sem_getvalue(sem_t *s, int *value);

#endif
