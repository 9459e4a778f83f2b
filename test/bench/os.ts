// Operating-system benchmarks (npm run bench): the whole OS as a user gets
// it from `npm run os` — the real kernel, the real root disk (init, sh,
// libc programs) — booted headless in deterministic mode, with the
// programs of userland/bench added under /bench and typed at the shell's
// prompt (test/bench/os-harness.ts).
//
//   os-boot           power-on (new Machine + kernel load; the disk stores
//                     are made before, like inserting a disk) to the shell's
//                     first prompt: instructions retired (to the end of the
//                     4096-tick batch that printed it) and host seconds,
//                     median of BOOTS boots (each must retire the same count),
//                     the best, and the first (V8 still warming the emulator);
//                     interpreter_cpu_seconds: the same with the block
//                     compiler off (where boot's host time goes)
//   os-getpid         one getpid round trip from ring 3, loop overhead
//                     subtracted (userland/bench/getpid.c)
//   os-forkexec       fork + execve of /bin/true + waitpid, per iteration
//   os-pipe-pingpong  one round trip of a byte over two pipes between two
//                     processes (two context switches)
//   os-epoll-wait     one epoll_wait (timeout 0) over a set of idle pipes
//                     (as many as the 1024-descriptor table holds) and one
//                     ready pipe, per call; one_idle_instructions: the same
//                     with one idle pipe (the cost follows the ready entries)
//   os-file-4m        write (with fsync) then read a 4 MiB file: each phase
//                     separately and the sum
//
// `instructions` are measured inside the guest with rdtsc (the retired-
// instruction counter) except for os-boot; `seconds` is host wall time
// between the "@mark" lines the guest prints around the measured stretch,
// divided like the instructions (per call, per iteration, per round trip);
// `*cpu_seconds` the same stretch in this process's CPU time, which a busy
// host (other jobs on the same cores) disturbs less than wall time.
// Names carry "os-" because test/bench/kernel.ts already reports boot,
// getpid, … for the kernel alone with a bare test init.
//
// `npx tsx test/bench/os.ts --twice` runs everything twice in one process
// and compares every instruction count (determinism check).
// `npx tsx test/bench/os.ts --profile WHAT` (boot, or a /bench program:
// getpid forkexec pipe file4m) prints where the guest's instructions go, by
// kernel function, sampled about every 97 instructions (os-harness.ts EipProfile).
// Profiled runs step exactly, so their counts may differ slightly from
// the benchmark's.

import { fileURLToPath } from 'node:url';
import type { Benchmark } from '../../scripts/bench.ts';
import { kernelImage } from '../kernel/harness.ts';
import { benchDisk, benchDiskSource, benchStores, cpuMs, OsSession, parseResult, PROMPT, type Mark } from './os-harness.ts';

const BOOTS = 5;
const TICKS_PER_SECOND = 100_000_000;

type Fields = Record<string, number | string>;
export type OsResults = Record<'os-boot' | 'os-getpid' | 'os-forkexec' | 'os-pipe-pingpong' | 'os-epoll-wait' | 'os-file-4m', Fields>;

function hostSeconds(a: Mark, b: Mark): number { return (b.hostMs - a.hostMs) / 1000; }
function cpuSeconds(a: Mark, b: Mark): number { return (b.cpuMs - a.cpuMs) / 1000; }
function emulatedSeconds(a: Mark, b: Mark): number { return (b.ticks - a.ticks) / TICKS_PER_SECOND; }
function sig(x: number, digits = 3): number { return Number(x.toPrecision(digits)); }

/** Boots BOOTS machines to the prompt, then runs every benchmark program in the first. */
export async function measureAll(): Promise<OsResults> {
  const kernel = await kernelImage();   // builds happen outside every timed part
  const disk = benchDisk();

  const bootSeconds: number[] = [];
  const bootCpu: number[] = [];
  const interpreterCpu: number[] = [];
  let bootInstructions = -1;
  let bootTicks = 0;
  let session: OsSession | null = null;
  // BOOTS boots as `npm run os` does them, then BOOTS with the block
  // compiler off (emulator/cpu/blocks.ts), to show what compiling costs a
  // boot; all must retire the same number of instructions.
  for (let i = 0; i < 2 * BOOTS; i++) {
    const interpreted = i >= BOOTS;
    const stores = benchStores(disk);
    const t0 = performance.now();
    const c0 = cpuMs();
    const s = new OsSession(kernel, stores);
    s.machine.cpu.compileBlocks = !interpreted;
    await s.runUntil(PROMPT);
    if (interpreted) interpreterCpu.push((cpuMs() - c0) / 1000);
    else {
      bootSeconds.push((performance.now() - t0) / 1000);
      bootCpu.push((cpuMs() - c0) / 1000);
    }
    const n = s.machine.cpu.instret;
    if (bootInstructions >= 0 && n !== bootInstructions) throw new Error(`boot is not deterministic: ${bootInstructions} then ${n} instructions`);
    bootInstructions = n;
    bootTicks = s.machine.now();
    session ??= s;
  }
  const s = session!;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

  const getpidOut = await s.command('/bench/getpid');
  const getpid = parseResult(getpidOut, 'getpid');
  const getpidSeconds = hostSeconds(s.mark('getpid-start'), s.mark('getpid-end'));
  const getpidCpu = cpuSeconds(s.mark('getpid-start'), s.mark('getpid-end'));

  const forkOut = await s.command('/bench/forkexec');
  const fork = parseResult(forkOut, 'forkexec');
  const forkSeconds = hostSeconds(s.mark('forkexec-start'), s.mark('forkexec-end'));
  const forkCpu = cpuSeconds(s.mark('forkexec-start'), s.mark('forkexec-end'));
  const forkEmulated = emulatedSeconds(s.mark('forkexec-start'), s.mark('forkexec-end'));

  const pipeOut = await s.command('/bench/pipe');
  const pipe = parseResult(pipeOut, 'pipe-pingpong');
  const pipeSeconds = hostSeconds(s.mark('pipe-start'), s.mark('pipe-end'));
  const pipeCpu = cpuSeconds(s.mark('pipe-start'), s.mark('pipe-end'));

  const epollOut = await s.command('/bench/epoll');
  const epoll = parseResult(epollOut, 'epoll-wait');
  const epollSeconds = hostSeconds(s.mark('epoll-start'), s.mark('epoll-end'));

  const fileOut = await s.command('/bench/file4m');
  const file = parseResult(fileOut, 'file-4m');
  const write = [s.mark('write-start'), s.mark('write-end')] as const;
  const read = [s.mark('read-start'), s.mark('read-end')] as const;

  const exit = await s.powerOff();
  if (exit !== 0) throw new Error(`poweroff gave exit code ${exit}:\n${s.tail()}`);

  return {
    'os-boot': {
      instructions: bootInstructions, seconds: sig(median(bootSeconds)), cpu_seconds: sig(median(bootCpu)),
      interpreter_cpu_seconds: sig(median(interpreterCpu)),
      best_seconds: sig(Math.min(...bootSeconds)), best_cpu_seconds: sig(Math.min(...bootCpu)),
      first_seconds: sig(bootSeconds[0]), first_cpu_seconds: sig(bootCpu[0]), runs: bootSeconds.map((t) => t.toFixed(3)).join(' '),
      emulated_seconds: sig(bootTicks / TICKS_PER_SECOND), target_seconds: 0.3, disk: benchDiskSource,
    },
    'os-getpid': {
      instructions: getpid.per_call, seconds: sig(getpidSeconds / getpid.calls),
      calls: getpid.calls, loop_instructions: getpid.total, overhead_instructions: getpid.overhead,
      loop_seconds: sig(getpidSeconds), loop_cpu_seconds: sig(getpidCpu), target_instructions: 150,
    },
    'os-forkexec': {
      instructions: fork.per_iteration, seconds: sig(forkSeconds / fork.iterations),
      iterations: fork.iterations, loop_instructions: fork.total, loop_seconds: sig(forkSeconds), loop_cpu_seconds: sig(forkCpu),
      emulated_seconds: sig(forkEmulated / fork.iterations), target_instructions: 500_000,
    },
    'os-pipe-pingpong': {
      instructions: pipe.per_round_trip, seconds: sig(pipeSeconds / pipe.round_trips),
      round_trips: pipe.round_trips, loop_instructions: pipe.total, loop_seconds: sig(pipeSeconds), loop_cpu_seconds: sig(pipeCpu),
    },
    'os-epoll-wait': {
      instructions: epoll.per_call, seconds: sig(epollSeconds / epoll.calls),
      idle_pipes: epoll.idle_pipes, calls: epoll.calls, one_idle_instructions: epoll.per_call_one_idle,
    },
    'os-file-4m': {
      instructions: file.write + file.read, seconds: sig(hostSeconds(...write) + hostSeconds(...read)),
      bytes: file.bytes,
      write_instructions: file.write, read_instructions: file.read,
      write_seconds: sig(hostSeconds(...write)), read_seconds: sig(hostSeconds(...read)),
      write_cpu_seconds: sig(cpuSeconds(...write)), read_cpu_seconds: sig(cpuSeconds(...read)),
      write_emulated_seconds: sig(emulatedSeconds(...write)), read_emulated_seconds: sig(emulatedSeconds(...read)),
    },
  };
}

let shared: Promise<OsResults> | null = null;

/** Issue 4's names (boot, getpid, …): these are the whole system, shell and all. */
function bench(key: keyof OsResults): Benchmark {
  return {
    name: key.replace(/^os-/, ''),
    async run() {
      shared ??= measureAll();
      return (await shared)[key];
    },
  };
}

export const benchmarks: Benchmark[] = [
  bench('os-boot'), bench('os-getpid'), bench('os-forkexec'), bench('os-pipe-pingpong'), bench('os-epoll-wait'),
  bench('os-file-4m'),
];

/** The instruction counts of a run (the deterministic part), as "name.field=value" lines. */
function instructionCounts(r: OsResults): string[] {
  const lines: string[] = [];
  for (const [name, fields] of Object.entries(r)) {
    for (const [k, v] of Object.entries(fields)) if (/instructions$/.test(k)) lines.push(`${name}.${k}=${v}`);
  }
  return lines;
}

/** Boots, then profiles `what` (boot, or a program in /bench); prints the histogram. */
async function profile(what: string): Promise<void> {
  const kernel = await kernelImage();
  const s = new OsSession(kernel, benchStores(benchDisk()));
  const p = what === 'boot' ? s.startProfile() : null;
  await s.runUntil(PROMPT);
  const q = p ?? s.startProfile();
  const i0 = p ? 0 : s.machine.cpu.instret;
  if (what !== 'boot') process.stdout.write(await s.command(`/bench/${what}`));
  console.log(`${what}: ${s.machine.cpu.instret - i0} instructions, sampled about every ${q.period}`);
  console.log(q.report(30));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--profile');
  if (at > 0) {
    await profile(process.argv[at + 1] ?? 'boot');
    process.exit(0);
  }
  const runs = process.argv.includes('--twice') ? 2 : 1;
  const counts: string[][] = [];
  for (let i = 0; i < runs; i++) {
    const r = await measureAll();
    for (const [name, fields] of Object.entries(r)) console.log(JSON.stringify({ name, ...fields }));
    counts.push(instructionCounts(r));
  }
  if (runs === 2) {
    const same = counts[0].join('\n') === counts[1].join('\n');
    console.log(same ? `deterministic: ${counts[0].length} instruction counts identical in both runs` : `NOT deterministic:\n${counts[0].join(' ')}\n${counts[1].join(' ')}`);
    process.exit(same ? 0 : 1);
  }
}
