/* lock.h: the locks libc's core (malloc, stdio) takes once a process has
 * more than one thread.
 *
 * The core is the same C on the bare machine, the host tests and the OS,
 * and only the OS has futexes, so the core does not call them: it calls
 * through __libc_locks, which stays 0 while the process has one thread
 * (a single-threaded program pays one compare per call) and which
 * pthread_create points at futex locks (sys/hako/pthread_lowlevel.c)
 * before it starts the first thread, so no lock is ever half-taken. A
 * lock word is 0 when free. */
#ifndef _LIBC_LOCK_H
#define _LIBC_LOCK_H

struct __libc_lock_ops {
  void (*lock)(int *word);
  int (*trylock)(int *word);   /* 0 when taken, else nonzero */
  void (*unlock)(int *word);
};

extern struct __libc_lock_ops *__libc_locks;

#define LIBC_LOCK(word) \
  do { \
    if (__libc_locks) \
      __libc_locks->lock(word); \
  } while (0)
#define LIBC_UNLOCK(word) \
  do { \
    if (__libc_locks) \
      __libc_locks->unlock(word); \
  } while (0)

#endif
