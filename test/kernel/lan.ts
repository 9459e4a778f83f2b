// Several Hako machines on one emulated LAN in one Node process, for boot
// tests of networking: each machine has a network card on a LocalNetwork
// (emulator/net/cable.ts; optionally losing a seeded fraction of frames),
// and the machines are run in lockstep, each up to the same emulated tick
// before any goes further (STEP_TICKS at a time), so a frame sent at one
// machine's time t reaches the others at about t, and a run is
// deterministic: same images, same inputs, same frames, same counts.

import { Machine, type MachineState } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { macForIndex } from '../../emulator/devices/nic.ts';
import { LocalNetwork, type NetworkCable } from '../../emulator/net/cable.ts';
import { kernelImage } from './harness.ts';

/** The lockstep: 10 µs of emulated time. */
export const STEP_TICKS = 1000;

export interface LanHost {
  m: Machine;
  cable: NetworkCable;
  output(): string;
  /** Console input, typed at once. */
  type(text: string): void;
}

export interface LanOptions {
  /** A root disk image; each machine boots a copy. */
  disk: Uint8Array;
  ramMiB?: number;
  cmdline?: (index: number) => string;
  loss?: number;
  seed?: number;
}

export async function bootLan(count: number, o: LanOptions) {
  const net = new LocalNetwork({ loss: o.loss, seed: o.seed });
  const elf = await kernelImage();
  const hosts: LanHost[] = [];
  for (let i = 0; i < count; i++) {
    const m = new Machine({
      ramBytes: (o.ramMiB ?? 32) << 20, bootTime: 1764000000, cmdline: o.cmdline?.(i) ?? '',
      disks: [new MemoryBlockStore(o.disk.slice())], nic: { mac: macForIndex(i + 1) },
    });
    let output = '';
    m.on('console', (b) => { output += Buffer.from(b).toString('latin1'); });
    m.load(elf);
    const cable = net.cable();
    cable.attach(m.nic!);
    hosts.push({ m, cable, output: () => output, type: (text) => m.sendInput(text) });
  }

  /** Every machine up to `tick` (or until it stops). */
  const stepTo = async (tick: number): Promise<void> => {
    for (const h of hosts) {
      for (let guard = 0; h.m.now() < tick && guard < 10_000; guard++) {
        const state: MachineState = h.m.run(Infinity, tick);
        if (state === 'io-wait') await h.m.ioSettled();
        else if (state === 'off' || state === 'dead' || state === 'idle' || state === 'breakpoint') break;
      }
    }
  };

  /** Runs the LAN until `done`, failing after `budgetTicks` of emulated time. */
  const runUntil = async (done: () => boolean, what: string, budgetTicks = 2_000_000_000): Promise<void> => {
    const start = Math.max(...hosts.map((h) => h.m.now()));
    let tick = start;
    while (!done()) {
      if (tick - start > budgetTicks) throw new Error(`no ${what} within ${budgetTicks} ticks; consoles:\n${hosts.map((h, i) => `--- ${i}\n${h.output().slice(-800)}`).join('\n')}`);
      const dead = hosts.find((h) => h.m.state === 'dead');
      if (dead) throw new Error(`a machine died (${dead.m.deadReason}) waiting for ${what}`);
      tick += STEP_TICKS;
      await stepTo(tick);
    }
  };

  const runFor = async (ticks: number): Promise<void> => {
    const end = Math.max(...hosts.map((h) => h.m.now())) + ticks;
    for (let tick = Math.max(...hosts.map((h) => h.m.now())); tick < end;) {
      tick = Math.min(end, tick + STEP_TICKS);
      await stepTo(tick);
    }
  };

  return { net, hosts, runUntil, runFor };
}
