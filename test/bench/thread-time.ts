// CPU time of this process's main thread, shared by the CPU benchmarks
// (test/bench/cpu.ts) and the v86 reference run (test/bench/v86.ts).
import { readFileSync } from 'node:fs';

/**
 * CPU seconds of this process's main thread alone (Linux: /proc, 10 ms ticks), or
 * undefined elsewhere. Unlike process.cpuUsage() it leaves out V8's compiler and GC
 * threads, and unlike wall time it hardly moves with the machine's load.
 */
export function mainThreadSeconds(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return undefined;
  }
}
