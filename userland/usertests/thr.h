/* thr.h: what the thread cases (t_thread.c, t_futex.c, t_threadproc.c)
 * share: thread stacks and tid words, spawning and joining through
 * CLONE_CHILD_CLEARTID, a futex lock, and the cases defined outside
 * t_thread.c. */
#ifndef THR_H
#define THR_H

#define THREAD_FLAGS \
  (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID | \
   CLONE_CHILD_CLEARTID)
#define STACK_SIZE 8192
#define MAX_THREADS 200

extern char stacks[MAX_THREADS][STACK_SIZE];
extern int tids[MAX_THREADS];   /* CLONE_CHILD_CLEARTID zeroes each at the thread's end */
int spawn(int i, int (*fn)(void *), void *arg);   /* thread i on stacks[i]; its tid */
void join(int i);                                  /* until thread i has ended */
int ut_xchg(int *p, int v);                        /* thr.s: one atomic exchange */
void lock(int *l);                                 /* futex lock: 0 free, 1 held, 2 held with sleepers */
void unlock(int *l);
extern int the_lock;
extern int release, started;                       /* wait_for_release: counts itself, sleeps until release */
int wait_for_release(void *arg);

/* t_futex.c */
void futex_counter(void);
void futex_errors(void);
void futex_shared_mapping(void);
void futex_requeue_moves(void);
void yield_alternates(void);
/* t_threadproc.c */
void proc_task_dir(void);
void ps_shows_threads(void);

#endif
