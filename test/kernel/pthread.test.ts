// POSIX threads in libc (issue 11, the libc part): the usertests cases of
// t_pthread.c, run in one boot — errno per thread (TLS), a counter under a
// mutex from 4 threads, recursive and errorcheck mutexes, the lock's
// slow path keeping the sleepers' mark through a racing release, a producer and a
// consumer on condition variables (every item once, in order), broadcast
// and timedwait's ETIMEDOUT, exit values through join, detach rules, the
// process ending with the last pthread_exit, 200 threads alive at once, a
// thread's stack overflow stopped by its guard page (SIGSEGV), rwlocks
// (readers together, writers alone, writers not starved), once from 8
// threads, key destructors, barriers, spin locks, semaphores (also across
// fork), malloc and stdio used by 4 threads at once, pthread_kill and
// per-thread signal masks. The disk they wrote on is checked by e2fsck.
import { describe, it } from 'vitest';
import { expectFsckClean, runUsertests } from './usertests-run.ts';

describe('pthreads and semaphores in libc', () => {
  it('usertests: every pthread case passes', async () => {
    const cases = [
      'pthread_tls_errno', 'pthread_mutex_counter', 'pthread_mutex_kinds', 'pthread_mutex_no_lost_wakeup', 'pthread_cond_producer_consumer',
      'pthread_cond_broadcast_timedwait', 'pthread_join_exit_values', 'pthread_last_thread_exits',
      'pthread_many_threads', 'pthread_stack_guard', 'pthread_rwlock', 'pthread_once', 'pthread_keys',
      'pthread_barrier', 'pthread_spin', 'pthread_semaphores', 'pthread_malloc', 'pthread_stdio', 'pthread_signals',
    ];
    const { store } = await runUsertests(cases, { budget: 1_500_000_000 });
    expectFsckClean(store.image);
  }, 900_000);
});
