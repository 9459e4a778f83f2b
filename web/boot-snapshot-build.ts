// Makes the page's boot snapshot (web/boot-snapshot.ts) at build time: boots
// the kernel and root disk the page serves, headless in Node, on the machine
// the page builds by default (settings.ts DEFAULTS: RAM and swap; an empty
// shared folder; the provisional 80×24 console; no login, no network), runs
// until the shell's prompt is on the console and the machine has nothing in
// flight, and saves it. The run is deterministic (a fixed power-on time), so
// the same images give the same snapshot.

import { Machine } from '../emulator/machine.ts';
import { MemoryBlockStore } from '../emulator/blockstore/memory.ts';
import { MemoryShareBackend } from '../emulator/share/memory.ts';
import { BLOCK_SIZE } from '../emulator/blockstore/interface.ts';
import { captureSnapshot } from './boot-snapshot.ts';
import { notCapturable } from '../emulator/timetravel/snapshot-file.ts';
import { DEFAULTS } from './settings.ts';

export const SNAPSHOT_PROMPT = 'hako:/# ';
/** The machine the snapshot is made on: the page's default. */
export const SNAPSHOT_MACHINE = { ramMiB: DEFAULTS.ramMiB, swapMiB: DEFAULTS.swapMiB };
/** Instructions past which a boot that shows no prompt is given up (the usual boot takes ~3 M). */
const BUDGET = 400_000_000;
/** Fixed power-on time of the build's boot (the page's RTC is moved to the host's clock on restore). */
const BUILD_BOOT_TIME = 1_767_225_600; // 2026-01-01

export interface SnapshotBuild { ok: true; snapshot: Uint8Array; instructions: number }

/** The page's default machine booted to its first prompt with nothing in flight, and what it printed. */
export async function bootToPrompt(kernel: Uint8Array, disk: Uint8Array): Promise<{ ok: true; machine: Machine; baseRam: Uint8Array; printed: Uint8Array } | { ok: false; error: string }> {
  const root = new MemoryBlockStore(disk.slice());
  const swap = new MemoryBlockStore((SNAPSHOT_MACHINE.swapMiB << 20) / BLOCK_SIZE);
  const m = new Machine({
    ramBytes: SNAPSHOT_MACHINE.ramMiB << 20, disks: [root, swap], cmdline: '', share: new MemoryShareBackend(), bootTime: BUILD_BOOT_TIME,
  });
  const printed: Uint8Array[] = [];
  let text = '';
  const decoder = new TextDecoder();
  const off = m.on('console', (bytes) => { printed.push(bytes.slice()); text += decoder.decode(bytes, { stream: true }); });
  m.load(kernel);
  const baseRam = m.memory.bytes.slice(); // RAM as a restorer finds it after loading the kernel
  while (m.cpu.instret < BUDGET) {
    const state = m.run(4096);
    if (state === 'io-wait') await m.ioSettled();
    if (state === 'off' || state === 'dead') return { ok: false, error: `the boot stopped (${state}) before the prompt` };
    if (text.endsWith(SNAPSHOT_PROMPT) && !notCapturable(m)) {
      off();
      const all = new Uint8Array(printed.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const b of printed) { all.set(b, at); at += b.length; }
      return { ok: true, machine: m, baseRam, printed: all };
    }
  }
  return { ok: false, error: `no prompt within ${BUDGET} instructions` };
}

export async function buildBootSnapshot(kernel: Uint8Array, disk: Uint8Array): Promise<SnapshotBuild | { ok: false; error: string }> {
  const booted = await bootToPrompt(kernel, disk);
  if (!booted.ok) return booted;
  return { ok: true, snapshot: await captureSnapshot(booted.machine, kernel, booted.baseRam, booted.printed, [disk, null]), instructions: booted.machine.cpu.instret };
}
