// Boot harness for kernel tests: builds build/kernel.elf once per process
// (toolchain/kernel-build.ts) and boots it headless on the Machine with
// given RAM, command line, disks and console input, running until the guest
// powers off or stops, or an instruction budget runs out. Deterministic:
// fixed boot time, emulated time only.

import { buildKernel } from '../../toolchain/kernel-build.ts';
import { Machine, type MachineState } from '../../emulator/machine.ts';
import type { BlockStore } from '../../emulator/blockstore/interface.ts';
import type { ShareBackend } from '../../emulator/share/backend.ts';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

let kernel: Promise<Uint8Array> | null = null;

export function kernelImage(): Promise<Uint8Array> {
  if (!kernel) {
    kernel = buildKernel(ROOT).then((r) => {
      if (!r.ok || !r.elf) throw new Error(`kernel build failed:\n${r.errors.join('\n')}`);
      return r.elf;
    });
  }
  return kernel;
}

export interface BootOptions {
  ramMiB?: number;
  cmdline?: string;
  /** Disk slots: 0 root, 1 swap, 2 a second volume; undefined leaves a slot empty. */
  disks?: (BlockStore | undefined)[];
  input?: string;
  /** A folder for the shared-folder device (mounted on /host by the kernel). */
  share?: ShareBackend;
  /** Console input typed when the output so far contains `after`, in order. */
  script?: { after: string; send: string }[];
  budget?: number;
  /**
   * Kernel functions to stop at, by symbol: each time one is entered the
   * run stops before its first instruction, calls the hook (which may read
   * the machine: emulated time, counters, memory) and goes on. Stopping cuts
   * a batch short but not the batches after it, so the run stays the same.
   */
  breakAt?: Record<string, (m: Machine) => void>;
  /** The wasm tier on or off; unset: the Machine's default (HAKO_WASM). */
  wasm?: boolean;
}

export interface BootResult {
  output: string;
  state: MachineState;
  exitCode: number | null;
  deadReason: string;
  instructions: number;
  machine: Machine;
}

export async function boot(opts: BootOptions = {}): Promise<BootResult> {
  const m = new Machine({
    ramBytes: (opts.ramMiB ?? 32) << 20, cmdline: opts.cmdline ?? '', bootTime: 1764000000, disks: opts.disks,
    share: opts.share, wasm: opts.wasm,
  });
  let output = '';
  m.on('console', (b) => { output += Buffer.from(b).toString('latin1'); });
  m.load(await kernelImage());
  const hooks = new Map<number, (m: Machine) => void>();
  for (const [name, hook] of Object.entries(opts.breakAt ?? {})) {
    const sym = m.symbols.symbols.find((s) => s.name === name);
    if (!sym) throw new Error(`breakAt: the kernel has no symbol ${name}`);
    hooks.set(sym.value >>> 0, hook);
    m.addBreakpoint(sym.value);
  }
  if (opts.input) m.sendInput(opts.input);
  const budget = opts.budget ?? 20_000_000;
  let state: MachineState = m.state;
  const script = [...(opts.script ?? [])];
  let searchFrom = 0;
  while (m.cpu.instret < budget) {
    while (script.length > 0) {
      const at = output.indexOf(script[0].after, searchFrom);
      if (at < 0) break;
      searchFrom = at + script[0].after.length;
      m.sendInput(script.shift()!.send);
    }
    state = m.run(Math.min(script.length ? 200_000 : 2_000_000, budget - m.cpu.instret));
    if (state === 'off' || state === 'dead') break;
    if (state === 'breakpoint') hooks.get(m.cpu.eip >>> 0)?.(m);
    if (state === 'io-wait') await m.ioSettled();
    if (state === 'idle' && script.length === 0) break;
  }
  return { output, state, exitCode: m.exitCode, deadReason: m.deadReason, instructions: m.cpu.instret, machine: m };
}
