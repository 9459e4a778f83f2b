// Tracepoint cost (npm run bench): the same workload — the OS booted with
// /sbin/bench as init (test/bench/kernel.ts's run: boot, getpid, fork+exec,
// pipe ping-pong, a 4 MiB file), to power-off — three ways, all counted in
// retired instructions (deterministic):
//   compiled out   the kernel built with TRACE_COMPILED_OUT (no sites at all)
//   off            the kernel as shipped, tracing off (one load + branch a site)
//   on             the same kernel with trace=1 on the command line
// The on run's ring head says how many events the sites recorded; the off
// run passes the same sites about as often (the workload is the same; only
// the timing of interrupts moves a little), so
//   trace-off: (off - compiled out) / events   instructions a site costs when off
//   trace-on:  (on - off) / events             instructions an event costs when on
import type { Benchmark } from '../../scripts/bench.ts';
import { Machine } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildKernel } from '../../toolchain/kernel-build.ts';
import { KernelTables } from '../../web/kernel-tables.ts';
import { kernelImage, ROOT } from '../kernel/harness.ts';
import { testDisk } from '../kernel/programs.ts';

const BUDGET = 600_000_000;

async function run(kernel: Uint8Array, cmdline: string): Promise<{ instructions: number; events: number }> {
  const m = new Machine({ ramBytes: 32 << 20, cmdline, bootTime: 1764000000, disks: [new MemoryBlockStore(testDisk())] });
  let output = '';
  m.on('console', (b) => { output += Buffer.from(b).toString('latin1'); });
  m.load(kernel);
  while (m.cpu.instret < BUDGET) {
    const state = m.run(2_000_000);
    if (state === 'off' || state === 'dead') break;
    if (state === 'io-wait') await m.ioSettled();
  }
  if (!output.includes('bench: done')) throw new Error(`bench init did not finish (${cmdline}):\n${output.slice(-1500)}`);
  return { instructions: m.cpu.instret, events: new KernelTables(m).trace(0)?.next ?? 0 };
}

let results: Promise<{ out: number; off: number; on: number; events: number }> | null = null;

function measure() {
  results ??= (async () => {
    const without = await buildKernel(ROOT, { defines: { TRACE_COMPILED_OUT: '1' } });
    if (!without.ok) throw new Error(without.errors.join('\n'));
    const shipped = await kernelImage();
    const out = await run(without.elf!, 'init=/sbin/bench');
    const off = await run(shipped, 'init=/sbin/bench');
    const on = await run(shipped, 'init=/sbin/bench trace=1');
    if (off.events !== 0 || on.events === 0) throw new Error(`tracing did not switch: ${off.events} events off, ${on.events} on`);
    return { out: out.instructions, off: off.instructions, on: on.instructions, events: on.events };
  })();
  return results;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'trace-off',
    async run() {
      const r = await measure();
      return { instructions: r.off - r.out, events: r.events, instructions_per_site: Number(((r.off - r.out) / r.events).toFixed(2)) };
    },
  },
  {
    name: 'trace-on',
    async run() {
      const r = await measure();
      return { instructions: r.on - r.off, events: r.events, instructions_per_event: Number(((r.on - r.off) / r.events).toFixed(1)) };
    },
  },
];
