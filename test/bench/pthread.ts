// libc's POSIX threads (<pthread.h>, issue 11): instructions per operation,
// measured in the guest with rdtsc by userland/bench/pthread.c on the OS
// as `npm run os` boots it.
//   pthread-mutex     uncontended lock + unlock (no system call)
//   pthread-malloc    malloc(40) + free with one thread (locks off) and
//                     once threads exist (the heap lock on)
//   pthread-handoff   a mutex handed between two threads: a contended lock
//                     (futex wait), the unlock's wake, the switches
//   pthread-cond      a condition-variable round trip between two threads
//   pthread-create    pthread_create + pthread_join
import type { Benchmark } from '../../scripts/bench.ts';
import { kernelImage } from '../kernel/harness.ts';
import { benchmarksOfOneRun } from './os-harness.ts';

export const benchmarks: Benchmark[] = benchmarksOfOneRun('/bench/pthread 2000', 'pthread', kernelImage, {
  'pthread-mutex': (r) => ({ instructions: r.mutex, pairs: r.n }),
  'pthread-malloc': (r) => ({ instructions_one_thread: r.malloc1, instructions_threaded: r.mallocN, calls: r.n }),
  'pthread-handoff': (r) => ({ instructions: r.handoff, handoffs: 2 * r.n }),
  'pthread-cond': (r) => ({ instructions: r.cond, trips: r.n }),
  'pthread-create': (r) => ({ instructions: r.create, threads: Math.floor(r.n / 10) + 1 }),
});
