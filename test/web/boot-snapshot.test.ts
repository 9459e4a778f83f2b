// The page's boot snapshot (web/boot-snapshot.ts, made by
// web/boot-snapshot-build.ts; time travel's snapshot written out whole,
// emulator/timetravel/snapshot-file.ts): a machine restored from it is in
// the same state (time travel's digest) and goes on exactly as
// the machine it was taken from (same console bytes, same instruction
// counts, for commands that use the disk, processes and the shell); the
// doorbell's "resumed" command makes the kernel's wall clock the RTC's
// again; a snapshot that does not fit the machine (RAM, kernel) or a damaged
// file is refused with a reason; a lesson probe asked right after the
// restore waits for the kernel's next table refresh, which lists the shell.
import { describe, it, expect, beforeAll } from 'vitest';
import { Machine } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { MemoryShareBackend } from '../../emulator/share/memory.ts';
import { BLOCK_SIZE, type BlockStore } from '../../emulator/blockstore/interface.ts';
import { DeferredBlockStore } from '../../web/deferred-store.ts';
import { DOORBELL_CLOCK_RESUMED } from '../../emulator/devices/doorbell.ts';
import { captureSnapshot, decodeSnapshot, restoreSnapshot, bootTimeForRestore, type BootSnapshot } from '../../web/boot-snapshot.ts';
import { bootToPrompt, buildBootSnapshot, SNAPSHOT_PROMPT } from '../../web/boot-snapshot-build.ts';
import { machineDigest } from '../../emulator/timetravel/snapshot.ts';
import { PAGE_SIZE } from '../../emulator/memory.ts';
import { kernelImage } from '../kernel/harness.ts';
import { MachineView } from '../../lessons/engine/probes.ts';
import { evaluateLessonRequest, waitForFreshTables } from '../../web/lesson-eval.ts';
import { userlandDisk } from '../kernel/shell-session.ts';

let kernel: Uint8Array;
let disk: Uint8Array;

beforeAll(async () => {
  kernel = await kernelImage();
  disk = userlandDisk();
}, 300_000);

/** A machine like the build's (web/boot-snapshot-build.ts), not yet started. */
function freshMachine(opts: { ramMiB?: number; bootTime?: number; root?: BlockStore } = {}): Machine {
  return new Machine({
    ramBytes: (opts.ramMiB ?? 32) << 20, cmdline: '', share: new MemoryShareBackend(), bootTime: opts.bootTime,
    disks: [opts.root ?? new MemoryBlockStore(disk.slice()), new MemoryBlockStore((16 << 20) / BLOCK_SIZE)],
  });
}

/** Type `command` and run until `until` is printed after it; the text printed and the instructions retired then. */
async function type(m: Machine, command: string, until: string): Promise<{ text: string; instret: number }> {
  let text = '';
  const off = m.on('console', (b) => { text += Buffer.from(b).toString('latin1'); });
  m.sendInput(command);
  for (let i = 0; i < 200_000 && !text.includes(until); i++) {
    const state = m.run(4096);
    if (state === 'io-wait') await m.ioSettled();
    if (state === 'off' || state === 'dead') break;
  }
  off();
  return { text, instret: m.cpu.instret };
}

describe('boot snapshot', () => {
  it('restores a machine that goes on exactly as the one it was taken from', async () => {
    const booted = await bootToPrompt(kernel, disk);
    if (!booted.ok) throw new Error(booted.error);
    const original = booted.machine;
    expect(new TextDecoder().decode(booted.printed).endsWith(SNAPSHOT_PROMPT)).toBe(true);
    const file = await captureSnapshot(original, kernel, booted.baseRam, booted.printed, [disk, null]);
    const decoded = decodeSnapshot(file);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.snapshot.console).toEqual(booted.printed);
    // the boot wrote to the root disk (the mount updates the superblock): those blocks travel with the snapshot
    expect(decoded.snapshot.file.disks[0].size).toBeGreaterThan(0);
    // RAM travels as the pages that differ from the freshly loaded kernel: the kernel's unchanged text stays out
    const nonzero = new Set<number>();
    for (let f = 0; f < original.memory.size / PAGE_SIZE; f++) if (original.memory.bytes.subarray(f * PAGE_SIZE, (f + 1) * PAGE_SIZE).some((b) => b !== 0)) nonzero.add(f);
    expect(decoded.snapshot.file.pages.size).toBeLessThan(nonzero.size);

    // As in the page: the root disk is still arriving when the snapshot is restored, and the restore's
    // writes are not waited for (the disk queues them ahead of the guest's requests).
    let arrive!: (store: MemoryBlockStore) => void;
    const root = new DeferredBlockStore(disk.length / BLOCK_SIZE, new Promise<MemoryBlockStore>((resolve) => { arrive = resolve; }));
    const restored = freshMachine({ bootTime: 1_767_225_600, root }); // the build's power-on time: the same dates
    restored.load(kernel);
    const r = restoreSnapshot(decoded.snapshot, restored, kernel);
    if (!r.ok) throw new Error(r.error);
    setTimeout(() => arrive(new MemoryBlockStore(disk.slice())), 50);
    expect(restored.now()).toBe(original.now());
    expect(machineDigest(restored)).toBe(machineDigest(original)); // registers, devices, TLB and all of RAM

    const command = 'echo made > /tmp/f; cat /tmp/f; ls /etc; ps; uptime; cat /etc/hostname; echo done-$((6*7))\r';
    const a = await type(original, command, 'done-42');
    const b = await type(restored, command, 'done-42');
    expect(a.text).toContain('done-42');
    expect(a.text).toContain('made');
    expect(a.text).toContain('passwd');
    expect(b.text).toBe(a.text);
    expect(b.instret).toBe(a.instret);
    // the disk as the restored guest sees it: the same file system after a sync
    const s1 = await type(original, 'sync; echo synced\r', 'synced');
    const s2 = await type(restored, 'sync; echo synced\r', 'synced');
    expect(s2.text).toBe(s1.text);
    const d1 = await original.disks[0].store.read(0, original.disks[0].blocks);
    await r.written;
    const d2 = await restored.disks[0].store.read(0, restored.disks[0].blocks);
    expect(Buffer.compare(Buffer.from(d1), Buffer.from(d2))).toBe(0);
  }, 300_000);

  it('reads the wall clock again from the RTC when told the machine was resumed', async () => {
    const built = await buildBootSnapshot(kernel, disk);
    if (!built.ok) throw new Error(built.error);
    const decoded = decodeSnapshot(built.snapshot);
    if (!decoded.ok) throw new Error(decoded.error);
    const later = 1_800_000_000; // 2027-01-15, a year after the build's boot
    const m = freshMachine({ bootTime: bootTimeForRestore(decoded.snapshot, later) });
    m.load(kernel);
    const r = restoreSnapshot(decoded.snapshot, m, kernel);
    if (!r.ok) throw new Error(r.error);
    const before = await type(m, 'date +%s; echo E$((1+1))X\r', 'E2X');
    const stale = Number(/\n(\d{10})\r/.exec(before.text)?.[1]);
    expect(stale).toBeLessThan(1_767_225_600 + 60); // still the build's clock
    let answer: number | null = null;
    expect(m.doorbell.ring({ command: DOORBELL_CLOCK_RESUMED, arg0: 0, arg1: 0, done: (result) => { answer = result; } })).toBe(true);
    const after = await type(m, 'date +%s; echo E$((1+1))X\r', 'E2X');
    expect(answer).toBe(0);
    const now = Number(/\n(\d{10})\r/.exec(after.text)?.[1]);
    expect(now).toBeGreaterThanOrEqual(later);
    expect(now).toBeLessThan(later + 60);
  }, 300_000);

  it('refuses a snapshot that does not fit, or a damaged file, with a reason', async () => {
    const built = await buildBootSnapshot(kernel, disk);
    if (!built.ok) throw new Error(built.error);
    const decoded = decodeSnapshot(built.snapshot);
    if (!decoded.ok) throw new Error(decoded.error);
    const s: BootSnapshot = decoded.snapshot;
    const bigger = freshMachine({ ramMiB: 64 });
    bigger.load(kernel);
    expect(restoreSnapshot(s, bigger, kernel)).toEqual({ ok: false, error: 'made with 32 MiB of RAM, not 64' });
    const other = kernel.slice();
    other[other.length - 1] ^= 1;
    const m = freshMachine();
    m.load(other);
    expect(restoreSnapshot(s, m, other)).toEqual({ ok: false, error: 'made from another kernel' });
    const ran = freshMachine();
    ran.load(kernel);
    ran.run(1000);
    expect(restoreSnapshot(s, ran, kernel)).toEqual({ ok: false, error: 'the machine is not freshly loaded' });
    expect(decodeSnapshot(built.snapshot.subarray(0, built.snapshot.length - 1))).toEqual({ ok: false, error: 'snapshot file: sections do not match the file' });
    const bad = built.snapshot.slice();
    bad[0] ^= 1;
    expect(decodeSnapshot(bad)).toEqual({ ok: false, error: 'snapshot file: bad magic' });
  }, 300_000);

  it('lets a lesson probe asked right after a restore see the shell (the snapshot\'s tables predate it)', async () => {
    const booted = await bootToPrompt(kernel, disk);
    if (!booted.ok) throw new Error(booted.error);
    const m = booted.machine;
    const view = new MachineView(m);
    const ask = { vars: {}, bindings: [{ name: 'shell', source: 'pid("sh")' }], templates: [], exprs: ['command(shell)', 'state(shell)'] };
    // The condition a fast start restores: the prompt is printed, kdebugd has not published the shell yet
    // (a lesson link clicked at once got pid("sh") = none and "no address space").
    expect(evaluateLessonRequest(view, ask).error).toBeNull();
    expect(evaluateLessonRequest(view, ask).vars.shell).toBeNull();
    let instructions = 0;
    const seen = await waitForFreshTables(view, () => instructions < 50_000_000, async () => {
      const state = m.run(4096);
      instructions += 4096;
      if (state === 'io-wait') await m.ioSettled();
    });
    expect(seen).toBe(true);
    const r = evaluateLessonRequest(view, ask);
    expect(r.vars.shell).toEqual(expect.any(Number));
    expect(r.values).toEqual(['sh', 'sleeping']);
  }, 300_000);
});
