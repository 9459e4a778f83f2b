// oom-latency (npm run bench): how long the OOM killer takes, in retired
// instructions, from the failed allocation to the kill and to the victim's
// memory being back.
//
// The OS boots headless with 8 MiB of RAM and no swap disk; the shell runs
// `memhog 16m`, which outgrows RAM and is chosen. The kernel records the
// retired-instruction counter (rdtsc) when out_of_memory starts, when
// SIGKILL is sent (after the log lines and the task dump) and when the
// victim's exit has freed its address space, in `oom_last_event`
// (kernel/include/oom.h); the host reads it from guest RAM through the
// symbol table, like a debugger, so the figures are exact and
// deterministic: same kernel, same disk → same counts.
// Fields: instructions (failure → SIGKILL sent), release_instructions
// (failure → memory back, including the victim's run to its exit),
// emulated_seconds (release_instructions at the nominal 100 MHz), seconds
// (the host time those release_instructions took at the run's average
// speed), victim_pid.
import type { Benchmark } from '../../scripts/bench.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { boot, kernelImage, ROOT } from '../kernel/harness.ts';

const NOMINAL_HZ = 100_000_000;

async function oomLatency(): Promise<Record<string, number>> {
  const built = buildUserland(ROOT);
  if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
  const disk = new MemoryBlockStore(buildDiskImage({ extraFiles: built.files, time: 1764000000, sizeBytes: 32 << 20 }));
  await kernelImage();   // build outside the timed part
  const t0 = performance.now();
  const r = await boot({
    ramMiB: 8, disks: [disk], budget: 400_000_000,
    script: [
      { after: ':/# ', send: 'memhog 16m; echo status $?\r' },
      { after: 'status ', send: 'poweroff\r' },
    ],
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.state !== 'off' || !/status 137/.test(r.output)) throw new Error(`memhog was not killed:\n${r.output.slice(-2000)}`);
  const m = r.machine;
  const sym = m.symbols.symbols.find((s) => s.name === 'oom_last_event');
  if (!sym) throw new Error('the kernel has no oom_last_event symbol');
  const base = sym.value - 0xc0000000;
  const [fail, kill, release, victim, kills] = [0, 4, 8, 12, 16].map((o) => m.memory.read32(base + o) >>> 0);
  if (kills !== 1 || release === 0) throw new Error(`unexpected OOM record: kills ${kills}, release ${release}`);
  const toKill = (kill - fail) >>> 0;
  const toRelease = (release - fail) >>> 0;
  return {
    instructions: toKill,
    release_instructions: toRelease,
    emulated_seconds: toRelease / NOMINAL_HZ,
    seconds: (toRelease / r.instructions) * wall,
    victim_pid: victim,
  };
}

export const benchmarks: Benchmark[] = [{ name: 'oom-latency', run: oomLatency }];
