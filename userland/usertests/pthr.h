/* pthr.h: what the pthread cases (t_pthread.c, t_pthread_sync.c,
 * t_pthread_libc.c) share: two helpers and the cases defined outside
 * t_pthread.c, whose table lists them all. */
#ifndef PTHR_H
#define PTHR_H

int pt_add(int *p, int d);                       /* *p += d under a mutex; the new value */
int pt_join_value(void *(*fn)(void *));          /* run fn in a thread, join it: its result as an int */

/* t_pthread_sync.c */
void pt_rwlock_readers_writers(void);
void pt_once_from_8(void);
void pt_keys(void);
void pt_barriers(void);
void pt_spinlocks(void);
void pt_semaphores(void);
/* t_pthread_libc.c */
void pt_malloc_threads(void);
void pt_stdio_threads(void);
void pt_thread_signals(void);

#endif
