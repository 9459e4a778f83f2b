// Time travel (emulator/timetravel): rewinding gives the bit-identical state
// of a fresh run to the same instruction count (registers, flags, devices,
// TLB, all of RAM, and the disk's bytes), with terminal input and disk
// writes in between; stepping back one instruction gives the state the
// machine had there, also right after a snapshot, across an interrupt and
// across a page fault; the memory cap drops the oldest snapshots.
import { describe, it, expect, beforeAll } from 'vitest';
import { Machine } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { UndoStore } from '../../emulator/timetravel/undo-store.ts';
import { Recorder, TimeTravelError } from '../../emulator/timetravel/recorder.ts';
import { machineDigest } from '../../emulator/timetravel/snapshot.ts';
import { VEC_PF } from '../../emulator/cpu.ts';
import { kernelImage } from '../kernel/harness.ts';
import { userlandDisk, SHELL_PROMPT } from '../kernel/shell-session.ts';
import { expectFsckClean } from '../kernel/usertests-run.ts';

const RAM = 16 << 20;
let kernel: Uint8Array;
let disk: Uint8Array;

beforeAll(async () => {
  kernel = await kernelImage();
  disk = userlandDisk();
}, 300_000);

interface Booted { m: Machine; store: MemoryBlockStore; output: () => string }

function fresh(): Booted {
  const store = new MemoryBlockStore(disk);
  const m = new Machine({ ramBytes: RAM, bootTime: 1764000000, disks: [new UndoStore(store)] });
  let out = '';
  m.on('console', (b) => { out += Buffer.from(b).toString('latin1'); });
  m.load(kernel);
  return { m, store, output: () => out };
}

/** What the test's driver did, in order: the plain public API, for a second machine to repeat. */
type Op = { run: number; end: number } | { step: number; end: number } | { send: string } | { settle: true };

/**
 * Boot and type `commands` at the shell's prompts (each after the prompt is
 * back), in slices of `slice` instructions, until the last one's prompt.
 */
async function driveShell(b: Booted, commands: string[], slice: number, budget: number): Promise<Op[]> {
  const ops: Op[] = [];
  const queue = [...commands];
  let seen = 0;
  while (b.m.cpu.instret < budget) {
    const out = b.output();
    const at = out.indexOf(SHELL_PROMPT, seen);
    if (at >= 0) {
      seen = at + SHELL_PROMPT.length;
      const c = queue.shift();
      if (c === undefined) break;
      ops.push({ send: c });
      b.m.sendInput(c);
    }
    const state = b.m.run(slice);
    ops.push({ run: slice, end: b.m.cpu.instret });
    if (state === 'io-wait') { ops.push({ settle: true }); await b.m.ioSettled(); }
    if (state === 'off' || state === 'dead') throw new Error(`the machine stopped: ${b.m.deadReason}`);
  }
  expect(queue, `every command typed:\n${b.output().slice(-1500)}`).toEqual([]);
  return ops;
}

/** Repeat `ops` on a fresh machine up to instruction `target`, the last run cut there by an exact step. */
async function repeatTo(ops: Op[], target: number): Promise<Booted> {
  const b = fresh();
  for (const op of ops) {
    if ('send' in op) b.m.sendInput(op.send);
    else if ('settle' in op) await b.m.ioSettled();
    else if (op.end <= target) {
      if ('run' in op) b.m.run(op.run);
      else b.m.step(op.step);
    } else {
      for (;;) {
        const state = b.m.step(target - b.m.cpu.instret);
        if (state === 'io-wait') { await b.m.ioSettled(); continue; }
        break;
      }
      break;
    }
  }
  await b.m.ioSettled();
  expect(b.m.cpu.instret).toBe(target);
  return b;
}

function irqs(m: Machine): number { return m.cpu.counters.irqs.reduce((x, y) => x + y, 0); }

/** After a rewind of the logged machine to `target`: its calls are those up to there, the crossing one cut (as repeatTo cuts it). */
function truncateOps(ops: Op[], target: number): void {
  let end = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (!('end' in op)) continue;
    if (op.end > target) { ops.splice(i, ops.length - i, { step: target - end, end: target }); return; }
    end = op.end;
  }
}

async function settled(b: Booted): Promise<void> {
  await b.m.ioSettled();
  await (b.m.disks[0].store as UndoStore).idle();
}

describe('time travel', () => {
  it('rewinds to the bit-identical state of a fresh run, RAM, devices and disk, across input and disk writes', async () => {
    const a = fresh();
    const rec = Recorder.attach(a.m, { intervalInstructions: 400_000 });
    const ops = await driveShell(a, ['echo timetravel > /tt-file; sync\r', 'cat /tt-file\r', 'rm /tt-file; sync\r'], 250_000, 400_000_000);
    await settled(a);
    const end = a.m.cpu.instret;
    expect(a.output()).toContain('timetravel\r\n');
    const sends = ops.flatMap((op, i) => ('send' in op ? [i] : []));
    // The instruction count at which the second command was typed, and where the first one's sync had written.
    const endOf = (i: number) => { for (let k = i; k >= 0; k--) { const op = ops[k]; if ('end' in op) return op.end; } return 0; };
    const secondTyped = endOf(sends[1]);
    const thirdTyped = endOf(sends[2]);
    // Targets from late to early: each rewind drops the future, so later ones must come first.
    const firstTyped = endOf(sends[0]);
    const mid = (x: number, y: number) => Math.floor((x + y) / 2) + 7;
    const targets = [mid(thirdTyped, end), mid(secondTyped, thirdTyped), mid(firstTyped, secondTyped)];
    expect(targets[0]).toBeLessThan(end);
    const endImage = a.store.image.slice();
    for (const target of targets) {
      expect(target).toBeGreaterThanOrEqual(rec.bounds().oldestInstret);
      await rec.goTo(target);
      await settled(a);
      expect(a.m.cpu.instret).toBe(target);
      const b = await repeatTo(ops, target);
      await settled(b);
      expect(machineDigest(a.m), `state at ${target}`).toBe(machineDigest(b.m));
      expect(Buffer.compare(a.store.image, b.store.image), `disk at ${target}`).toBe(0);
    }
    // The rewinds crossed disk writes: the disk at the last target is not the one at the end.
    expect(Buffer.compare(a.store.image, endImage)).not.toBe(0);
    expectFsckClean(a.store.image);
    // Running on from the rewound point works (live): the shell still answers.
    const before = a.output().length;
    a.m.sendInput('echo after-rewind\r');
    for (let i = 0; i < 400 && !a.output().slice(before).includes('after-rewind\r\n'); i++) {
      if (a.m.run(500_000) === 'io-wait') await a.m.ioSettled();
    }
    expect(a.output().slice(before)).toContain('after-rewind\r\n');
  }, 600_000);

  it('steps back one instruction: right after a snapshot, across an interrupt, across a page fault', async () => {
    const a = fresh();
    const interval = 1_000_000;
    const rec = Recorder.attach(a.m, { intervalInstructions: interval });
    const ops = await driveShell(a, [], 200_000, 400_000_000); // to the first prompt
    await settled(a);
    /** A's exact steps of `n` instructions, logged for the fresh machines that check it. */
    const stepA = async (n: number) => {
      const target = a.m.cpu.instret + n;
      for (;;) {
        const k = target - a.m.cpu.instret;
        const state = a.m.step(k);
        ops.push({ step: k, end: a.m.cpu.instret });
        if (state !== 'io-wait') break;
        await a.m.ioSettled();
        ops.push({ settle: true });
      }
    };
    const sendA = (text: string) => { a.m.sendInput(text); ops.push({ send: text }); };
    /** Step back from `at` and compare with a fresh run of the same calls to at - 1. */
    const stepBackFrom = async (at: number, what: string) => {
      await rec.goTo(at);
      truncateOps(ops, at);
      const before = { irqs: irqs(a.m), faults: a.m.cpu.counters.exceptions[VEC_PF] };
      await rec.stepBack();
      truncateOps(ops, at - 1);
      await settled(a);
      expect(a.m.cpu.instret, what).toBe(at - 1);
      const b = await repeatTo(ops, at - 1);
      await settled(b);
      expect(machineDigest(a.m), what).toBe(machineDigest(b.m));
      return { before, after: { irqs: irqs(a.m), faults: a.m.cpu.counters.exceptions[VEC_PF] } };
    };
    /**
     * Run A in chunks until `hit`; go back to the chunk's start and step singly
     * to the step where it first holds: that instruction count, on A's own timeline.
     */
    const stepUntil = async (hit: () => boolean): Promise<number> => {
      let from = a.m.cpu.instret;
      while (!hit()) { from = a.m.cpu.instret; await stepA(1000); }
      await rec.goTo(from);
      truncateOps(ops, from);
      expect(hit(), 'not yet at the chunk\'s start').toBe(false);
      while (!hit()) await stepA(1);
      return a.m.cpu.instret;
    };

    // Across an interrupt: at the idle prompt, a typed key wakes the CPU with the UART's IRQ.
    const irqBase = irqs(a.m);
    sendA('ls /bin > /dev/null\r');
    const irqStep = await stepUntil(() => irqs(a.m) > irqBase);
    const irqCase = await stepBackFrom(irqStep, 'across an interrupt');
    expect(irqCase.after.irqs).toBe(irqCase.before.irqs - 1);

    // Across a page fault: the command's fork and exec fault on their first touches.
    const pfBase = a.m.cpu.counters.exceptions[VEC_PF];
    const pfStep = await stepUntil(() => a.m.cpu.counters.exceptions[VEC_PF] > pfBase);
    const pfCase = await stepBackFrom(pfStep, 'across a page fault');
    expect(pfCase.after.faults).toBe(pfCase.before.faults - 1);

    // Right after a snapshot: the step back needs the snapshot before it.
    const newest = () => rec.snapshotPoints().at(-1)!.instret;
    const due = newest() + interval;
    await stepA(due - a.m.cpu.instret);
    expect(newest(), 'a snapshot was taken at the end of that step').toBe(due);
    await stepBackFrom(due, 'right after a snapshot');
    expect(newest()).toBeLessThan(due);
  }, 600_000);

  it('keeps within its memory cap by dropping the oldest snapshots, refuses to go before them, goes to a tick', async () => {
    const a = fresh();
    const rec = Recorder.attach(a.m, { intervalInstructions: 200_000, capBytes: 2 << 20 });
    await driveShell(a, ['ls /bin > /dev/null\r', 'ls -l /bin > /dev/null\r', 'cat /etc/* > /dev/null\r'], 250_000, 400_000_000);
    await settled(a);
    const b = rec.bounds();
    expect(b.bytes - RAM).toBeLessThanOrEqual(b.capBytes);
    expect(b.oldestInstret).toBeGreaterThan(0); // the first snapshots were dropped
    expect(b.snapshots).toBeGreaterThan(1);
    await expect(rec.goTo(b.oldestInstret - 1)).rejects.toBeInstanceOf(TimeTravelError);
    await expect(rec.goTo(a.m.cpu.instret + 1)).rejects.toBeInstanceOf(TimeTravelError);
    // The machine is untouched by refused requests and can still go back to the oldest point.
    await rec.goToTick(b.oldestTick);
    expect(a.m.cpu.instret).toBe(b.oldestInstret);
    await expect(rec.goToTick(b.oldestTick - 1)).rejects.toBeInstanceOf(TimeTravelError);
  }, 600_000);
});
