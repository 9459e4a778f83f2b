/* pthread.h: POSIX threads over clone and futex (libc: userland/lib/sys/
 * hako/pthread_*.c; the TLS block and the design: docs/abi.md, "POSIX
 * threads").
 *
 * Threads are kernel threads (clone with CLONE_VM|FS|FILES|SIGHAND|THREAD
 * and CLONE_SETTLS: each thread's thread pointer is its block). Every
 * sleeping primitive sleeps on a futex; the only atomic step is xchg (and
 * single-instruction read-modify-writes, atomic on Hako's one CPU).
 * Functions return 0 or an error number and leave errno alone. Not here:
 * cancellation, process-shared mutexes and condition variables (the
 * attribute is accepted, the objects work within one process), priority
 * scheduling. */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <stddef.h>
#include <time.h>
#include <signal.h>
#include <sched.h>

typedef unsigned long pthread_t;   /* the address of the thread's TLS block */

typedef struct {
  int detachstate;
  size_t stacksize;
} pthread_attr_t;

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1
#define PTHREAD_STACK_MIN 16384
#define PTHREAD_STACK_DEFAULT 65536   /* Hako's default thread stack (glibc's is 8 MiB) */

#define PTHREAD_MUTEX_NORMAL 0
#define PTHREAD_MUTEX_RECURSIVE 1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT PTHREAD_MUTEX_NORMAL

#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED 1

typedef struct {
  int lock;      /* futex word: 0 free, 1 held, 2 held and maybe waited for */
  int type;      /* PTHREAD_MUTEX_* */
  void *owner;   /* the holder (pthread_self), for RECURSIVE and ERRORCHECK */
  int count;     /* RECURSIVE: how many times the owner holds it */
} pthread_mutex_t;
#define PTHREAD_MUTEX_INITIALIZER {0, PTHREAD_MUTEX_NORMAL, 0, 0}
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP {0, PTHREAD_MUTEX_RECURSIVE, 0, 0}
#define PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP {0, PTHREAD_MUTEX_ERRORCHECK, 0, 0}

typedef struct {
  int type;
  int pshared;
} pthread_mutexattr_t;

typedef struct {
  int seq;       /* futex word: changed by every signal and broadcast */
  int clock;     /* of timedwait's abstime: CLOCK_REALTIME unless set */
} pthread_cond_t;
#define PTHREAD_COND_INITIALIZER {0, CLOCK_REALTIME}

typedef struct {
  int clock;
  int pshared;
} pthread_condattr_t;

typedef struct {
  int lock;              /* guards the fields below (a futex lock) */
  int readers;           /* readers holding it */
  void *writer;          /* the writer holding it, or 0 */
  int readers_waiting;
  int writers_waiting;
  int rseq, wseq;        /* futex words the readers / writers sleep on */
} pthread_rwlock_t;
#define PTHREAD_RWLOCK_INITIALIZER {0, 0, 0, 0, 0, 0, 0}

typedef struct {
  int pshared;
} pthread_rwlockattr_t;

typedef int pthread_once_t;
#define PTHREAD_ONCE_INIT 0

typedef unsigned int pthread_key_t;
#define PTHREAD_KEYS_MAX 128
#define PTHREAD_DESTRUCTOR_ITERATIONS 4

typedef struct {
  int lock;
  unsigned count;        /* threads per round */
  unsigned waiting;      /* arrived in this round */
  int seq;               /* futex word: the round number */
} pthread_barrier_t;
#define PTHREAD_BARRIER_SERIAL_THREAD (-1)

typedef struct {
  int pshared;
} pthread_barrierattr_t;

typedef int pthread_spinlock_t;

/* threads (pthread_create.c) */
int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg);
int pthread_join(pthread_t thread, void **result);
int pthread_detach(pthread_t thread);
void pthread_exit(void *result);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size);
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state);

/* mutexes (pthread_mutex.c) */
int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_mutexattr_init(pthread_mutexattr_t *attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr);
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type);
int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared);

/* condition variables (pthread_cond.c) */
int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);
int pthread_condattr_init(pthread_condattr_t *attr);
int pthread_condattr_destroy(pthread_condattr_t *attr);
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock);
int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock);

/* reader-writer locks (pthread_rwlock.c): a waiting writer goes before
 * new readers, so writers are not starved */
int pthread_rwlock_init(pthread_rwlock_t *rw, const pthread_rwlockattr_t *attr);
int pthread_rwlock_destroy(pthread_rwlock_t *rw);
int pthread_rwlock_rdlock(pthread_rwlock_t *rw);
int pthread_rwlock_tryrdlock(pthread_rwlock_t *rw);
int pthread_rwlock_wrlock(pthread_rwlock_t *rw);
int pthread_rwlock_trywrlock(pthread_rwlock_t *rw);
int pthread_rwlock_unlock(pthread_rwlock_t *rw);
int pthread_rwlockattr_init(pthread_rwlockattr_t *attr);
int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr);

/* once (pthread_once.c), keys (pthread_key.c) */
int pthread_once(pthread_once_t *once, void (*init)(void));
int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

/* barriers (pthread_barrier.c), spin locks (pthread_spin.c) */
int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr, unsigned count);
int pthread_barrier_destroy(pthread_barrier_t *b);
int pthread_barrier_wait(pthread_barrier_t *b);
int pthread_barrierattr_init(pthread_barrierattr_t *attr);
int pthread_barrierattr_destroy(pthread_barrierattr_t *attr);
int pthread_spin_init(pthread_spinlock_t *s, int pshared);
int pthread_spin_destroy(pthread_spinlock_t *s);
int pthread_spin_lock(pthread_spinlock_t *s);
int pthread_spin_trylock(pthread_spinlock_t *s);
int pthread_spin_unlock(pthread_spinlock_t *s);

/* signals (pthread_signal.c) */
int pthread_sigmask(int how, const sigset_t *set, sigset_t *old);
int pthread_kill(pthread_t thread, int sig);

#endif
