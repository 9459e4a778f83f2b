// oom-latency (npm run bench): how long the OOM killer takes, in retired
// instructions, from the failed allocation to the kill and to the victim's
// memory being back.
//
// The OS boots headless with 8 MiB of RAM and no swap disk; the shell runs
// `memhog 16m`, which outgrows RAM and is chosen. The kernel records the
// retired-instruction counter (rdtsc) when out_of_memory starts, when
// SIGKILL is sent (after the log lines and the task dump) and when the
// victim's exit has freed its address space, in `oom_last_event`
// (kernel/include/oom.h); the host reads it from guest RAM through
// kdebug_root and the layout generated from kernel/kdebug.tbl, like a
// debugger, so the figures are exact and
// deterministic: same kernel, same disk → same counts.
// Fields: instructions (failure → SIGKILL sent), release_instructions
// (failure → memory back, including the victim's run to its exit),
// emulated_seconds (failure → memory back on the machine's emulated clock:
// those instructions plus the ticks the CPU spent halted in between, e.g.
// while the victim's pages went out to disk), idle_seconds (the halted part
// of it), seconds (host wall time from failure to memory back), victim_pid.
// The emulated and host times come from stopping the run where the kernel
// enters out_of_memory and oom_mm_released (the harness's breakAt, a
// debugger's breakpoints): there the machine's clock and idle ticks and the
// host clock are read; the CPU does not halt between a function's entry and
// its rdtsc, so the idle ticks read there hold at the recorded instruction.
// The stops add no guest instructions; on the host, code on the pages of
// those two functions is fetched without the fetch cache while they are set.
import type { Benchmark } from '../../scripts/bench.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { boot, kernelImage, ROOT } from '../kernel/harness.ts';

import { TICKS_PER_SECOND } from '../../emulator/devices/device.ts';
import type { Machine } from '../../emulator/machine.ts';
import { KernelTables } from '../../web/kernel-tables.ts';
import { limits, readOomEvent } from '../../web/gen/kdebug-layout.ts';

/** Where the run stopped at a kernel function's entry. */
interface Stop { instret: number; idleTicks: number; hostMs: number }

/** The last stop at or before retired-instruction count `tsc` (a low dword, as the kernel records it). */
function stopBefore(stops: Stop[], tsc: number, what: string): Stop {
  const at = stops.filter((s) => (s.instret >>> 0) <= tsc).pop();
  if (!at) throw new Error(`no stop at ${what} before instruction ${tsc}`);
  return at;
}

async function oomLatency(): Promise<Record<string, number>> {
  const built = buildUserland(ROOT);
  if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
  const disk = new MemoryBlockStore(buildDiskImage({ extraFiles: built.files, time: 1764000000, sizeBytes: 32 << 20 }));
  await kernelImage();   // build outside the timed part
  const entered: Record<'oom' | 'released', Stop[]> = { oom: [], released: [] };
  const stop = (list: Stop[]) => (m: Machine) => list.push({ instret: m.cpu.instret, idleTicks: m.idleTicks(), hostMs: performance.now() });
  const r = await boot({
    ramMiB: 8, disks: [disk], budget: 400_000_000,
    breakAt: { out_of_memory: stop(entered.oom), oom_mm_released: stop(entered.released) },
    script: [
      { after: ':/# ', send: 'memhog 16m; echo status $?\r' },
      { after: 'status ', send: 'poweroff\r' },
    ],
  });
  if (r.state !== 'off' || !/status 137/.test(r.output)) throw new Error(`memhog was not killed:\n${r.output.slice(-2000)}`);
  const m = r.machine;
  const root = new KernelTables(m).root();
  if (!root) throw new Error('the kernel publishes no kdebug_root');
  const { fail_tsc: fail, kill_tsc: kill, release_tsc: release, victim_pid: victim, kills } = readOomEvent(m.memory, root.oom_event - limits.KERNBASE);
  if (kills !== 1 || release === 0) throw new Error(`unexpected OOM record: kills ${kills}, release ${release}`);
  const toKill = (kill - fail) >>> 0;
  const toRelease = (release - fail) >>> 0;
  const atFail = stopBefore(entered.oom, fail, 'out_of_memory');
  const atRelease = stopBefore(entered.released, release, 'oom_mm_released');
  const idleTicks = atRelease.idleTicks - atFail.idleTicks;
  return {
    instructions: toKill,
    release_instructions: toRelease,
    emulated_seconds: (toRelease + idleTicks) / TICKS_PER_SECOND,
    idle_seconds: idleTicks / TICKS_PER_SECOND,
    seconds: (atRelease.hostMs - atFail.hostMs) / 1000,
    victim_pid: victim,
  };
}

export const benchmarks: Benchmark[] = [{ name: 'oom-latency', run: oomLatency }];
