// High-resolution timers (kernel/proc/hrtimer.c on the timer's one-shot
// compare): how long nanosleep(50 µs) lasts in emulated µs, measured in the
// guest by userland/bench/nsleep.c with CLOCK_MONOTONIC, on the OS as
// `npm run os` boots it (before the one-shot, any sleep under a tick
// lasted 10-20 ms).
//   nanosleep-50us   median, shortest and longest of 100 sleeps
import type { Benchmark } from '../../scripts/bench.ts';
import { kernelImage } from '../kernel/harness.ts';
import { benchmarksOfOneRun } from './os-harness.ts';

export const benchmarks: Benchmark[] = benchmarksOfOneRun('/bench/nsleep 100', 'nsleep', kernelImage, {
  'nanosleep-50us': (r) => ({ emulated_us: r.median_us, min_us: r.min_us, max_us: r.max_us, asked_us: r.asked_us, sleeps: r.sleeps }),
});
