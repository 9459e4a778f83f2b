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

export const benchmarks: Benchmark[] = [
  bench('boot'),
  bench('getpid'),
  bench('forkexec'),
  bench('pipe-pingpong'),
  bench('file-4m', () => ({ bytes: 4 << 20 })),
  bench('thread-create-join'),
  bench('futex-pingpong'),
];
