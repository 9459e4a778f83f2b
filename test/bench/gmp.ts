// The G/M/P goroutine runtime (<goro.h>, issue 11): instructions per
// goroutine spawned-and-finished and per channel round trip, measured in
// the guest with rdtsc by userland/bench/goro.c with GOMAXPROCS=1, on the
// OS as `npm run os` boots it.
//   goro-spawn      go() + run + end + WaitGroup, per goroutine
//   goro-pingpong   two unbuffered sends and receives, four switches, per round trip
//   goro-syscall    getpid through goro_entersyscall/exitsyscall (the P kept), per call,
//                   beside a bare getpid
//   goro-handoff    emulated us from a read() blocking with the only P to another
//                   goroutine running (sysmon's retake), the first time (which
//                   also starts the second M)
//   sysmon-retake   the same, 20 more times right after (sysmon at its 20 us
//                   sleep after a retake): median, min, max emulated us
import type { Benchmark } from '../../scripts/bench.ts';
import { kernelImage } from '../kernel/harness.ts';
import { benchmarksOfOneRun } from './os-harness.ts';

export const benchmarks: Benchmark[] = benchmarksOfOneRun('/bench/goro 2000', 'goro', kernelImage, {
  'goro-spawn': (r) => ({ instructions: r.per_spawn, spawns: r.spawns, total_instructions: r.spawn_total }),
  'goro-pingpong': (r) => ({ instructions: r.per_trip, trips: r.trips, total_instructions: r.pingpong_total }),
  'goro-syscall': (r) => ({ instructions: r.per_syscall, bare_syscall_instructions: r.per_bare_syscall, calls: r.calls }),
  'goro-handoff': (r) => ({ emulated_us: r.handoff_us, handoffs: r.handoffs }),
  'sysmon-retake': (r) => ({ emulated_us: r.retake_median_us, min_us: r.retake_min_us, max_us: r.retake_max_us, retakes: r.retakes }),
});
