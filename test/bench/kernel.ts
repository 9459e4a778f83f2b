// Kernel benchmarks (npm run bench): the OS booted headless with
// /sbin/bench (test/kernel/progs/bench.c) as init, which measures in
// retired instructions: boot (power-on to init's first instruction),
// getpid (one round trip), forkexec (fork + exec of /bin/true + wait),
// pipe-pingpong (one round trip between two processes: two context
// switches), file-4m (write then read a 4 MiB file), thread-create-join
// (clone of a thread that returns at once, joined through
// CLONE_CHILD_CLEARTID's futex wake), futex-pingpong (one FUTEX_WAKE /
// FUTEX_WAIT round trip between two threads: two context switches). The lines carry
// instructions only: the guest measures each phase itself, and the host
// cannot time phases of a few hundred thousand instructions apart (the
// whole run's seconds would not be any line's own); the os-* benchmarks
// (test/bench/os.ts) give host times.
import type { Benchmark } from '../../scripts/bench.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot, kernelImage } from '../kernel/harness.ts';
import { testDisk } from '../kernel/programs.ts';

let results: Promise<Map<string, number>> | null = null;

function measure() {
  if (!results) {
    results = (async () => {
      const disk = new MemoryBlockStore(testDisk());
      await kernelImage();
      const r = await boot({ ramMiB: 32, disks: [disk], cmdline: 'init=/sbin/bench', budget: 400_000_000 });
      if (!r.output.includes('bench: done')) throw new Error(`bench init did not finish:\n${r.output.slice(-2000)}`);
      const values = new Map<string, number>();
      for (const m of r.output.matchAll(/^bench (\S+) (\d+)\r?$/gm)) values.set(m[1], Number(m[2]));
      return values;
    })();
  }
  return results;
}

// Named kernel-*: the whole-system figures under issue 4's plain names
// (boot = power-on to the shell's prompt) come from test/bench/os.ts.
function bench(name: string, extra: (v: number) => Record<string, number> = () => ({})): Benchmark {
  return {
    name: `kernel-${name}`,
    async run() {
      const v = (await measure()).get(name);
      if (v === undefined) throw new Error(`no measurement for ${name}`);
      return { instructions: v, ...extra(v) };
    },
  };
}

/**
 * kernel-wasm-ab: the whole /sbin/bench run (boot plus every phase above)
 * with the wasm tier off and on, alternated off/on/off/on... so host noise
 * falls on both, each its own fresh Machine: this process's CPU seconds
 * (process.cpuUsage, user+system: the main thread does all the emulation)
 * for the first run of each and the median of the warm runs after it, and the retired instructions,
 * which must be equal (the tiers agree exactly) or the line fails. Also
 * the wasm tier's own counts: modules compiled, instructions retired in wasm,
 * blocks offered to its translator and the host time spent translating.
 */
const WARM_PAIRS = 4;

async function wasmAb(): Promise<Record<string, number | string | boolean>> {
  const { wasmStats } = await import('../../emulator/cpu/wasm-tier.ts');
  await kernelImage();
  const once = async (wasm: boolean) => {
    const disk = new MemoryBlockStore(testDisk());
    const s0 = { ...wasmStats };
    const c0 = process.cpuUsage();
    const r = await boot({ ramMiB: 32, disks: [disk], cmdline: 'init=/sbin/bench', budget: 400_000_000, wasm });
    const c = process.cpuUsage(c0);
    if (!r.output.includes('bench: done')) throw new Error(`bench init did not finish (wasm ${wasm}):\n${r.output.slice(-2000)}`);
    return {
      cpu: (c.user + c.system) / 1e6, instructions: r.instructions, compiled: wasmStats.compiled - s0.compiled, inWasm: wasmStats.retired - s0.retired,
      instances: wasmStats.instances - s0.instances, entries: wasmStats.entries - s0.entries, fallbacks: wasmStats.fallbacks - s0.fallbacks,
      offered: wasmStats.offered - s0.offered, refused: wasmStats.refused - s0.refused, translateMs: wasmStats.translateMs - s0.translateMs,
    };
  };
  // Warm runs after the first pair: more pairs, since identical runs on this machine differ by ±20%.
  const runs = [await once(false), await once(true)];
  for (let i = 0; i < WARM_PAIRS; i++) runs.push(await once(false), await once(true));
  if (new Set(runs.map((x) => x.instructions)).size !== 1) throw new Error(`the tiers disagree: ${runs.map((x) => x.instructions).join(' ')}`);
  const [off1, on1] = runs;
  const on2 = runs[3];
  const warmOff = runs.slice(2).filter((_, i) => i % 2 === 0).map((x) => x.cpu);
  const warmOn = runs.slice(2).filter((_, i) => i % 2 === 1).map((x) => x.cpu);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const sig = (x: number) => Number(x.toPrecision(3));
  return {
    instructions: off1.instructions,
    off_first_cpu_seconds: sig(off1.cpu), on_first_cpu_seconds: sig(on1.cpu),
    off_warm_cpu_seconds: sig(median(warmOff)), on_warm_cpu_seconds: sig(median(warmOn)),
    on_over_off_warm: sig(median(warmOn) / median(warmOff)),
    off_runs: warmOff.map((x) => x.toFixed(3)).join(' '), on_runs: warmOn.map((x) => x.toFixed(3)).join(' '),
    wasm_modules: on2.compiled, wasm_instructions: on2.inWasm,
    // what offering every compiled block to the translator costs (most are not loops and are refused)
    offered_first: on1.offered, refused_first: on1.refused, translate_first_cpu_seconds: sig(on1.translateMs / 1000),
    wasm_instances: on2.instances, wasm_entries: on2.entries, wasm_first_instruction_exits: on2.fallbacks,
    offered_second: on2.offered, translate_second_cpu_seconds: sig(on2.translateMs / 1000),
  };
}

export const benchmarks: Benchmark[] = [
  { name: 'kernel-wasm-ab', run: wasmAb },
  bench('boot'),
  bench('getpid'),
  bench('forkexec'),
  bench('pipe-pingpong'),
  bench('file-4m', () => ({ bytes: 4 << 20 })),
  bench('thread-create-join'),
  bench('futex-pingpong'),
];
