// Benchmarks of time travel (npm run bench timetravel; emulator/timetravel):
//   timetravel  a 32 MiB machine boots to the shell and runs `ls -lR / >
//               /dev/null` and `cat /bin/* > /dev/null` twice with the recorder's defaults
//               (a snapshot every 20 M instructions, a 64 MiB cap):
//               snapshots taken, their mean size (changed pages + disk undo
//               + log) and the host ms per snapshot (the page diff); host
//               seconds of the same run without a recorder and with one (the
//               recording overhead, same instruction count); then the host ms
//               of a step back from the end (restore + replay from the
//               newest snapshot) and of a rewind to the oldest snapshot.
import type { Benchmark } from '../../scripts/bench.ts';
import { Machine } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { UndoStore } from '../../emulator/timetravel/undo-store.ts';
import { Recorder } from '../../emulator/timetravel/recorder.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { kernelImage, ROOT } from '../kernel/harness.ts';

const PROMPT = ':/# ';
const COMMANDS = ['ls -lR / > /dev/null\r', 'cat /bin/* > /dev/null\r', 'ls -lR / > /dev/null\r', 'cat /bin/* > /dev/null\r'];

async function session(kernel: Uint8Array, disk: Uint8Array, record: boolean) {
  const m = new Machine({ ramBytes: 32 << 20, bootTime: 1764000000, disks: [new UndoStore(new MemoryBlockStore(disk))] });
  let out = '';
  m.on('console', (b) => { out += Buffer.from(b).toString('latin1'); });
  m.load(kernel);
  const rec = record ? Recorder.attach(m) : null;
  let snapshotMs = 0;
  if (rec) {
    const observer = m.runObserver!;
    m.runObserver = {
      ran: (until, instret, now) => {
        const t0 = performance.now();
        observer.ran(until, instret, now);
        snapshotMs += performance.now() - t0;
      },
    };
  }
  const queue = [...COMMANDS];
  let seen = 0;
  const t0 = performance.now();
  while (m.cpu.instret < 2_000_000_000) {
    const at = out.indexOf(PROMPT, seen);
    if (at >= 0) {
      seen = at + PROMPT.length;
      const c = queue.shift();
      if (c === undefined) break;
      m.sendInput(c);
    }
    const state = m.run(1_000_000);
    if (state === 'io-wait') await m.ioSettled();
    if (state === 'off' || state === 'dead') throw new Error(`the machine stopped: ${m.deadReason}`);
  }
  if (queue.length) throw new Error('the commands did not all run');
  return { m, rec, seconds: (performance.now() - t0) / 1000, observerMs: snapshotMs };
}

export const benchmarks: Benchmark[] = [{
  name: 'timetravel',
  async run() {
    const built = buildUserland(ROOT);
    if (!built.ok) throw new Error(built.errors.join('\n'));
    const disk = buildDiskImage({ extraFiles: built.files, time: 1764000000, sizeBytes: 32 << 20 });
    const kernel = await kernelImage();
    const plain = await session(kernel, disk, false);
    const recorded = await session(kernel, disk, true);
    if (plain.m.cpu.instret !== recorded.m.cpu.instret) throw new Error('the recorder changed the run');
    const rec = recorded.rec!;
    const b = rec.bounds();
    const points = rec.snapshotPoints();
    let t = performance.now();
    await rec.stepBack();
    const stepBackMs = performance.now() - t;
    const replayed = recorded.m.cpu.instret - points[points.length - 1].instret;
    t = performance.now();
    await rec.goTo(b.oldestInstret);
    const rewindMs = performance.now() - t;
    return {
      instructions: plain.m.cpu.instret,
      snapshots: b.snapshots,
      snapshot_mean_kib: Math.round((b.bytes - (32 << 20)) / b.snapshots / 1024),
      held_mib: +(b.bytes / 1048576).toFixed(1),
      recorder_ms_total: Math.round(recorded.observerMs),
      recorder_ms_per_snapshot: +(recorded.observerMs / Math.max(1, b.snapshots - 1)).toFixed(1),
      seconds_plain: +plain.seconds.toFixed(2),
      seconds_recorded: +recorded.seconds.toFixed(2),
      step_back_ms: Math.round(stepBackMs),
      step_back_replayed_instructions: replayed,
      rewind_to_oldest_ms: Math.round(rewindMs),
    };
  },
}];
