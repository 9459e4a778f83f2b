// Virtual-memory benchmarks (npm run bench): the real kernel and root disk,
// booted headless in deterministic mode like test/bench/os.ts, running
// /bench/vm (userland/bench/vm.c) over 1024 pages (4 MiB):
//
//   minor-fault   instructions per first touch of a fresh anonymous page
//                 (target < 1,500; a rep stosd zeroing the page is 1,024 of
//                 them); pages_per_s from host time
//   fork-cow-4m   instructions of one fork() of a process with 4 MiB
//                 resident, copy-on-write (target < 60,000), the least of 5
//   cow-fault     instructions per first write to a page shared with a
//                 child (a copy of the page: rep movsd is 1,024)
//   mmap-20k      instructions per one-page anonymous mmap, 20,000 in a
//                 row (/bench/mmap, userland/bench/mmap.c), and per munmap
//                 of them in order and in reverse order, loops included;
//                 counted by the host between the program's marks
//                 (before the VMA tree and free-area hint: 300,786 per
//                 mmap, 250,696 per reverse munmap)
//
// Each prints one JSON line with `instructions` and `seconds` (host wall
// time between the program's @mark lines, divided like the instructions).
// `npx tsx test/bench/vm.ts --profile` prints where /bench/vm's
// instructions go by kernel function (os-harness.ts EipProfile).

import { fileURLToPath } from 'node:url';
import type { Benchmark } from '../../scripts/bench.ts';
import { kernelImage } from '../kernel/harness.ts';
import { benchDisk, benchStores, OsSession, parseResult, PROMPT, type Mark } from './os-harness.ts';

type Fields = Record<string, number | string>;
type VmResults = Record<'minor-fault' | 'fork-cow-4m' | 'cow-fault' | 'mmap-20k', Fields>;

const FORKS = 5;

function hostSeconds(a: Mark, b: Mark): number { return (b.hostMs - a.hostMs) / 1000; }
function sig(x: number, digits = 3): number { return Number(x.toPrecision(digits)); }

export async function measureVm(): Promise<VmResults> {
  const kernel = await kernelImage();
  const s = new OsSession(kernel, benchStores(benchDisk()));
  await s.runUntil(PROMPT);
  const out = await s.command('/bench/vm');
  const r = parseResult(out, 'vm');
  const minorSeconds = hostSeconds(s.mark('minor-start'), s.mark('minor-end'));
  const forkSeconds = hostSeconds(s.mark('fork-start'), s.mark('fork-end'));
  const cowSeconds = hostSeconds(s.mark('cow-start'), s.mark('cow-end'));
  const m = parseResult(await s.command('/bench/mmap'), 'mmap');
  const mmapSeconds = hostSeconds(s.mark('mmap-start'), s.mark('mmap-end'));
  const perCall = (a: string, b: string) => Math.round((s.mark(b).instructions - s.mark(a).instructions) / m.count);
  const exit = await s.powerOff();
  if (exit !== 0) throw new Error(`poweroff gave exit code ${exit}:\n${s.tail()}`);
  return {
    'minor-fault': {
      instructions: r.minor_per_fault, seconds: sig(minorSeconds / r.pages), pages_per_s: Math.round(r.pages / minorSeconds),
      pages: r.pages, loop_instructions: r.minor_total, overhead_instructions: r.overhead, target_instructions: 1500,
    },
    'fork-cow-4m': {
      instructions: r.fork_best, seconds: sig(forkSeconds / FORKS), pages_resident: r.pages,
      forks: FORKS, target_instructions: 60_000,
    },
    'cow-fault': {
      instructions: r.cow_per_fault, seconds: sig(cowSeconds / r.pages), pages_per_s: Math.round(r.pages / cowSeconds),
      pages: r.pages, loop_instructions: r.cow_total,
    },
    'mmap-20k': {
      instructions: perCall('mmap-start', 'mmap-mapped'), seconds: sig(mmapSeconds / (4 * m.count)), mmaps: m.count,
      munmap_instructions: perCall('mmap-mapped', 'mmap-unmapped'),
      remap_instructions: perCall('mmap-unmapped', 'mmap-remapped'),
      munmap_reverse_instructions: perCall('mmap-remapped', 'mmap-end'),
    },
  };
}

let shared: Promise<VmResults> | null = null;

function bench(key: keyof VmResults): Benchmark {
  return {
    name: key,
    async run() {
      shared ??= measureVm();
      return (await shared)[key];
    },
  };
}

export const benchmarks: Benchmark[] = [bench('minor-fault'), bench('fork-cow-4m'), bench('cow-fault'), bench('mmap-20k')];

async function profile(): Promise<void> {
  const kernel = await kernelImage();
  const s = new OsSession(kernel, benchStores(benchDisk()));
  await s.runUntil(PROMPT);
  const q = s.startProfile(7);
  const i0 = s.machine.cpu.instret;
  process.stdout.write(await s.command('/bench/vm'));
  console.log(`vm: ${s.machine.cpu.instret - i0} instructions, sampled about every ${q.period}`);
  console.log(q.report(40));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--profile')) await profile();
  else for (const [name, fields] of Object.entries(await measureVm())) console.log(JSON.stringify({ name, ...fields }));
}
