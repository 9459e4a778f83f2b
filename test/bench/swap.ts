// Swap benchmarks (npm run bench): the real kernel and root disk booted
// headless in deterministic mode with 8 MiB of RAM and a 16 MiB swap disk,
// running /bench/swap (userland/bench/swap.c) over 3072 pages (12 MiB):
//
//   swap-out       instructions per page written to swap while a process
//                  touches more fresh pages than RAM holds (fault, reclaim
//                  clock, unmap through rmap, the disk write)
//   swap-in        instructions per page read back on a major fault, with
//                  free RAM (no swap-out in between)
//   swap-out-idb   the same two with the swap disk in IndexedDB
//   swap-in-idb    (fake-indexeddb in Node, the browser's store)
//
// Each prints one JSON line with `instructions`, `seconds` (host wall time
// per page between the program's @mark lines) and `pages_per_s` (host),
// plus `cpu_pages_per_s` (this process's CPU time instead of wall time:
// less disturbed by other jobs on the cores) and `emulated_pages_per_s`
// (the guest's own clock: the disk's 100 µs per request bounds it). Instruction counts are the same for both stores:
// the store only changes how long the host takes to answer.

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Benchmark } from '../../scripts/bench.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { IndexedDbBlockStore } from '../../emulator/blockstore/indexeddb.ts';
import { kernelImage } from '../kernel/harness.ts';
import { benchDisk, benchStores, OsSession, parseResult, PROMPT, type Mark } from './os-harness.ts';

type Fields = Record<string, number | string>;
type SwapResults = Record<'swap-out' | 'swap-in' | 'swap-out-idb' | 'swap-in-idb', Fields>;

const RAM_MIB = 8;
const SWAP_BLOCKS = 4096;
const TICKS_PER_SECOND = 100_000_000;

function hostSeconds(a: Mark, b: Mark): number { return (b.hostMs - a.hostMs) / 1000; }
function cpuSeconds(a: Mark, b: Mark): number { return (b.cpuMs - a.cpuMs) / 1000; }
function emulatedSeconds(a: Mark, b: Mark): number { return (b.ticks - a.ticks) / TICKS_PER_SECOND; }
function sig(x: number, digits = 3): number { return Number(x.toPrecision(digits)); }

async function measure(idb: boolean): Promise<[Fields, Fields]> {
  const kernel = await kernelImage();
  const disk = benchDisk();
  const stores = idb
    ? [new MemoryBlockStore(disk), await IndexedDbBlockStore.open('bench-swap', { blocks: SWAP_BLOCKS, factory: new IDBFactory() })]
    : benchStores(disk);
  const s = new OsSession(kernel, stores, { ramMiB: RAM_MIB, maxEmulatedSeconds: 300 });
  await s.runUntil(PROMPT);
  const out = await s.command('/bench/swap');
  const r = parseResult(out, 'swap');
  if (r.out_pages === undefined || r.in_pages === undefined) throw new Error(`/bench/swap failed:\n${out}`);
  const outStart = s.mark('out-start'), outEnd = s.mark('out-end');
  const inStart = s.mark('in-start'), inEnd = s.mark('in-end');
  const exit = await s.powerOff();
  if (idb) (stores[1] as IndexedDbBlockStore).close();
  if (exit !== 0) throw new Error(`poweroff gave exit code ${exit}:\n${s.tail()}`);
  const outSeconds = hostSeconds(outStart, outEnd);
  const inSeconds = hostSeconds(inStart, inEnd);
  const outCpu = cpuSeconds(outStart, outEnd);
  const inCpu = cpuSeconds(inStart, inEnd);
  const store = idb ? 'indexeddb (fake-indexeddb)' : 'memory';
  return [
    {
      instructions: r.out_per_page, seconds: sig(outSeconds / r.out_pages), pages_per_s: Math.round(r.out_pages / outSeconds),
      cpu_pages_per_s: Math.round(r.out_pages / outCpu),
      emulated_pages_per_s: Math.round(r.out_pages / emulatedSeconds(outStart, outEnd)),
      pages: r.out_pages, loop_instructions: r.out_total, touched_pages: r.pages, ram_mib: RAM_MIB, store,
    },
    {
      instructions: r.in_per_page, seconds: sig(inSeconds / r.in_pages), pages_per_s: Math.round(r.in_pages / inSeconds),
      cpu_pages_per_s: Math.round(r.in_pages / inCpu),
      emulated_pages_per_s: Math.round(r.in_pages / emulatedSeconds(inStart, inEnd)),
      pages: r.in_pages, loop_instructions: r.in_total, ram_mib: RAM_MIB, store,
    },
  ];
}

let memory: Promise<[Fields, Fields]> | null = null;
let indexeddb: Promise<[Fields, Fields]> | null = null;

function bench(name: keyof SwapResults, idb: boolean, which: 0 | 1): Benchmark {
  return {
    name,
    async run() {
      if (idb) indexeddb ??= measure(true);
      else memory ??= measure(false);
      return (await (idb ? indexeddb! : memory!))[which];
    },
  };
}

export const benchmarks: Benchmark[] = [
  bench('swap-out', false, 0), bench('swap-in', false, 1),
  bench('swap-out-idb', true, 0), bench('swap-in-idb', true, 1),
];
