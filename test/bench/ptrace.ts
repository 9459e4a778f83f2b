// The cost of a traced system call (issue 15): userland/bench/getpid.c's
// loop of N getpid calls, timed in the guest with rdtsc (every instruction
// the machine retires, the tracer's included), on the OS as `npm run os`
// boots it, three ways:
//   strace-untraced   /bench/getpid N alone
//   strace-traced     under `strace -o /dev/null`: two ptrace stops per call,
//                     strace's wait4, GETREGS, decoding and output
//   strace-counted    under `strace -c -o /dev/null`: the stops and GETREGS,
//                     no decoding (the summary table's bookkeeping only)
// `instructions` is per getpid call, the loop's own overhead subtracted.
import type { Benchmark } from '../../scripts/bench.ts';
import { kernelImage } from '../kernel/harness.ts';
import { benchDisk, benchStores, OsSession, parseResult, PROMPT } from './os-harness.ts';

const CALLS = 2000;
let measured: Promise<Record<string, Record<string, number>>> | undefined;

function measure() {
  measured ??= (async () => {
    const kernel = await kernelImage();
    const s = new OsSession(kernel, benchStores(benchDisk()));
    await s.runUntil(PROMPT);
    const untraced = parseResult(await s.command(`/bench/getpid ${CALLS}`), 'getpid');
    const traced = parseResult(await s.command(`strace -o /dev/null /bench/getpid ${CALLS}`), 'getpid');
    const counted = parseResult(await s.command(`strace -c -o /dev/null /bench/getpid ${CALLS}`), 'getpid');
    return { untraced, traced, counted };
  })();
  return measured;
}

function line(key: 'untraced' | 'traced' | 'counted'): Benchmark['run'] {
  return async () => {
    const r = await measure();
    const per = r[key].per_call;
    return { instructions: per, calls: r[key].calls, times_untraced: Number((per / r.untraced.per_call).toFixed(1)) };
  };
}

export const benchmarks: Benchmark[] = [
  { name: 'strace-untraced', run: line('untraced') },
  { name: 'strace-traced', run: line('traced') },
  { name: 'strace-counted', run: line('counted') },
];
