// Fuzzing the ext2 driver with damaged metadata (issue 18). A small root
// disk (12 MiB, one block group, the whole userland) is damaged 200 times
// with a fixed seed: 1-4 bytes each time, set to a random value or with one
// bit flipped, in the superblock, the group descriptor, the block or inode
// bitmap, the used part of the inode table, or a directory block. Each
// damaged copy boots with a short shell script. Every run must:
//   - never make the host throw (the emulator and the test just go on);
//   - never hang: the guest powers off, dies (a refused mount ends in a
//     panic), or sits idle, within an instruction budget about ten times
//     a clean run's; a CPU still busy at the budget is a hang;
//   - never write file or directory data over metadata. Definition: the
//     driver's own metadata writes (superblock counts, descriptor, bitmaps,
//     inodes) go to the metadata blocks of the volume it mounted, i.e. the
//     layout the *damaged* superblock and descriptor describe (computed
//     here as the driver computes it: dumpe2fs refuses some damaged
//     superblocks the driver accepts); any other write is a
//     data write (file bytes, directory records, pointer blocks). No data
//     write may land on a block the *original* image's dumpe2fs names as
//     metadata (superblock, descriptors, bitmaps, inode table), and block 0
//     keeps the ext2 magic whatever is written to it.
// A write of metadata onto a data block (a descriptor damaged to point a
// bitmap at a file's block, which the mount check cannot tell from a good
// one) is damage the fuzzed byte made, not the driver; it is allowed here.
// The runs boot with init=/bin/sh and 4 MiB of RAM to stay short: about
// 70-90 s for the 200 on a loaded 2-core machine (154 power off, 44 refuse
// the mount or cannot run the shell and panic, 2 wait). With the driver
// before issue 18's fixes, run 33 writes file data over the block bitmap.
import { describe, it, expect, beforeAll } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import type { BlockStore } from '../../emulator/blockstore/interface.ts';
import { Machine } from '../../emulator/machine.ts';
import { kernelImage } from './harness.ts';
import { BLOCK, firstBlockOf, geometry, smallRootDisk, type Geometry } from './damaged-disk.ts';

const RUNS = 200;
const SEED = 0x18e2f5;
const BUDGET = 15_000_000;          // a clean run takes about 1.4 M instructions
const TIME_LIMIT = 4e8;             // 4 emulated seconds: enough for the script, or for init to retry
const SCRIPT = 'ls /; cat /etc/motd; echo x > /tmp/f; poweroff\n';

/** Records the block numbers written, and what block 0 became. */
class RecordingStore implements BlockStore {
  readonly written = new Set<number>();
  constructor(readonly inner: MemoryBlockStore) {}
  get blocks(): number { return this.inner.blocks; }
  read(block: number, count: number): Promise<Uint8Array> { return this.inner.read(block, count); }
  write(block: number, data: Uint8Array): Promise<void> {
    for (let i = 0; i < data.length / BLOCK; i++) this.written.add(block + i);
    return this.inner.write(block, data);
  }
}

/** mulberry32: a small seeded generator, so every run damages the same bytes. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The metadata blocks of the volume the kernel mounts from image, read
 * from its (maybe damaged) superblock and descriptors as the driver reads
 * them: superblock and descriptor copies, bitmaps, inode tables.
 */
function mountedMetadata(image: Uint8Array): Set<number> {
  const sb = new DataView(image.buffer, image.byteOffset + 1024, 1024);
  const set = new Set<number>();
  const blocks = sb.getUint32(4, true), first = sb.getUint32(20, true), perGroup = sb.getUint32(32, true);
  const inodesPerGroup = sb.getUint32(40, true), rev = sb.getUint32(76, true);
  const inodeSize = rev >= 1 ? sb.getUint16(88, true) : 128;
  const sparse = rev >= 1 && (sb.getUint32(100, true) & 1) !== 0;
  if (perGroup === 0 || blocks <= first) return set;
  const groups = Math.min(Math.ceil((blocks - first) / perGroup), 64);
  const gdtBlocks = Math.ceil(groups * 32 / BLOCK);
  const tableBlocks = Math.min(Math.ceil(inodesPerGroup * inodeSize / BLOCK), 1 << 16);
  const powerOf = (n: number, b: number) => { while (n > 1 && n % b === 0) n /= b; return n === 1; };
  for (let g = 0; g < groups; g++) {
    if (!sparse || g <= 1 || powerOf(g, 3) || powerOf(g, 5) || powerOf(g, 7)) {
      for (let b = 0; b <= gdtBlocks; b++) set.add(first + g * perGroup + b);
    }
    const d = new DataView(image.buffer, image.byteOffset + (first + 1) * BLOCK + g * 32, 32);
    set.add(d.getUint32(0, true)).add(d.getUint32(4, true));
    for (let b = 0; b < tableBlocks; b++) set.add(d.getUint32(8, true) + b);
  }
  return set;
}

type Outcome = 'off' | 'dead' | 'waiting' | 'hang';

/** Boots image with the script; how it ended. */
async function run(store: BlockStore): Promise<Outcome> {
  const m = new Machine({ ramBytes: 4 << 20, cmdline: 'init=/bin/sh', bootTime: 1764000000, disks: [store] });
  m.load(await kernelImage());
  m.sendInput(SCRIPT);
  for (;;) {
    const st = m.run(BUDGET - m.cpu.instret, TIME_LIMIT);
    if (st === 'off' || st === 'dead') return st;
    if (st === 'io-wait') { await m.ioSettled(); continue; }
    if (st === 'idle' || st === 'sleeping' || m.now() >= TIME_LIMIT) return 'waiting';
    if (m.cpu.instret >= BUDGET) return 'hang';
  }
}

describe('ext2 fuzzed with damaged metadata', () => {
  let clean: Uint8Array;
  let geo: Geometry;
  let regions: { name: string; start: number; end: number; weight: number }[];

  beforeAll(() => {
    clean = smallRootDisk();
    geo = geometry(clean);
    const usedInodes = 80;   // the userland's inodes, below "Free inodes: 81-"
    regions = [
      { name: 'superblock', start: 1024, end: 1024 + 204, weight: 3 },   // up to s_reserved_gdt_blocks
      { name: 'descriptor', start: BLOCK, end: BLOCK + 32, weight: 2 },
      { name: 'block bitmap', start: geo.blockBitmap * BLOCK, end: geo.blockBitmap * BLOCK + Math.ceil(geo.blocks / 8), weight: 3 },
      { name: 'inode bitmap', start: geo.inodeBitmap * BLOCK, end: geo.inodeBitmap * BLOCK + Math.ceil(geo.inodes / 8), weight: 2 },
      { name: 'inode table', start: geo.inodeTable * BLOCK, end: geo.inodeTable * BLOCK + usedInodes * 128, weight: 5 },
      ...['/', '/bin', '/etc', '/tmp', '/sbin'].map((d) => {
        const b = firstBlockOf(clean, d);
        return { name: `${d} directory`, start: b * BLOCK, end: b * BLOCK + 512, weight: 1 };
      }),
    ];
  });

  it(`${RUNS} damaged disks (seed ${SEED}): no host exception, no hang, no data write onto metadata`, async () => {
    const random = rng(SEED);
    const pick = (n: number) => Math.floor(random() * n);
    const total = regions.reduce((s, r) => s + r.weight, 0);
    const outcomes: Record<Outcome, number> = { off: 0, dead: 0, waiting: 0, hang: 0 };
    const failures: string[] = [];
    const started = Date.now();
    for (let i = 0; i < RUNS; i++) {
      const image = clean.slice();
      const edits: string[] = [];
      for (let n = 1 + pick(4); n > 0; n--) {
        let w = pick(total);
        const region = regions.find((r) => (w -= r.weight) < 0)!;
        const at = region.start + pick(region.end - region.start);
        image[at] = random() < 0.5 ? pick(256) : image[at] ^ (1 << pick(8));
        edits.push(`${region.name}+${at - region.start}=${image[at]}`);
      }
      const mounted = mountedMetadata(image);
      const store = new RecordingStore(new MemoryBlockStore(image));
      let outcome: Outcome;
      try {
        outcome = await run(store);
      } catch (e) {
        failures.push(`run ${i} (${edits.join(', ')}): host exception ${(e as Error).stack}`);
        continue;
      }
      outcomes[outcome]++;
      if (outcome === 'hang') failures.push(`run ${i} (${edits.join(', ')}): still busy after ${BUDGET} instructions`);
      const dataOnMetadata = [...store.written].filter((b) => geo.metadata.has(b) && !mounted.has(b));
      if (dataOnMetadata.length > 0) failures.push(`run ${i} (${edits.join(', ')}): data written to metadata blocks ${dataOnMetadata.join(' ')}`);
      const after = store.inner.image;
      if (store.written.has(0) && (after[1024 + 56] | (after[1024 + 57] << 8)) !== 0xef53) {
        failures.push(`run ${i} (${edits.join(', ')}): block 0 lost the superblock magic`);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`ext2 fuzz: ${RUNS} runs in ${seconds.toFixed(1)} s: ${JSON.stringify(outcomes)}`);
    expect(failures).toEqual([]);
    expect(outcomes.off).toBeGreaterThan(RUNS / 4);   // most damage still lets the script run to poweroff
  }, 600_000);
});
