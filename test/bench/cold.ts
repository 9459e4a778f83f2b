// One cold run of this tree, for A/B comparisons of trees (git archive
// copies) run alternately in separate processes, where `npm run bench`'s
// in-process figures would mix warm and cold code:
//   npx tsx test/bench/cold.ts shell   boot to the prompt, a 300-turn shell
//                                      `while` loop, /bench/forkexec
//   npx tsx test/bench/cold.ts kbench  /sbin/bench as init, booted twice
// Prints main-thread CPU seconds (process.cpuUsage) per phase and the
// guest's instruction count where it must match across trees. The kernel
// and disk images are cached in $COLD_CACHE (default /tmp/hako-cold-<tree>)
// so that a run spends its seconds on the guest, not the toolchain.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from '../../scripts/bench.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { kernelImage } from '../kernel/harness.ts';
import { testDisk } from '../kernel/programs.ts';
import { benchDisk, benchStores, cpuMs, OsSession, PROMPT } from './os-harness.ts';

export const benchmarks: Benchmark[] = [];   // a script, not a benchmark of npm run bench

const SHELL_LOOP = 'i=0; while [ $i -lt 300 ]; do i=$((i+1)); done';

async function cached(dir: string, name: string, make: () => Promise<Uint8Array> | Uint8Array): Promise<Uint8Array> {
  const f = join(dir, name);
  if (existsSync(f)) return new Uint8Array(readFileSync(f));
  const bytes = await make();
  writeFileSync(f, bytes);
  return bytes;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function main(mode: string): Promise<string> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = process.env.COLD_CACHE ?? `/tmp/hako-cold-${root.replace(/[^A-Za-z0-9]+/g, '-')}`;
  mkdirSync(dir, { recursive: true });
  const kernel = await cached(dir, 'kernel.elf', kernelImage);
  const out: string[] = [];
  if (mode === 'shell') {
    const stores = benchStores(await cached(dir, 'bench.img', benchDisk));
    let c = cpuMs();
    const s = new OsSession(kernel, stores);
    await s.runUntil(PROMPT);
    out.push(`boot ${seconds(cpuMs() - c)} (${s.machine.cpu.instret})`);
    const i0 = s.machine.cpu.instret;
    c = cpuMs();
    await s.command(SHELL_LOOP);
    out.push(`loop ${seconds(cpuMs() - c)} (${s.machine.cpu.instret - i0})`);
    await s.command('/bench/forkexec');
    out.push(`forkexec ${((s.mark('forkexec-end').cpuMs - s.mark('forkexec-start').cpuMs) / 1000).toFixed(3)}`);
  } else if (mode === 'kbench') {
    const image = await cached(dir, 'test.img', testDisk);
    for (let k = 1; k <= 2; k++) {
      const c = cpuMs();
      const s = new OsSession(kernel, [new MemoryBlockStore(image)], { cmdline: 'init=/sbin/bench', budget: 400_000_000 });
      await s.runUntil('bench: done');
      out.push(`boot${k} ${seconds(cpuMs() - c)} (${s.machine.cpu.instret})`);
    }
  } else throw new Error(`usage: cold.ts shell|kbench`);
  return out.join('  ');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await main(process.argv[2] ?? 'shell'));
}
