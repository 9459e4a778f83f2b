// The ext2 driver does not trust the disk (issue 18, items 2-4). Each case
// damages a copy of a small root disk on purpose (debugfs -w or byte edits
// at offsets read back from dumpe2fs/debugfs), boots the real kernel on it,
// types a shell script, and checks the `EXT2-fs error (device disk0): ...`
// line that names the damage, the error the program got, that the machine
// finished within an instruction budget (nothing loops), and finally that
// `e2fsck -fn` finds no problem on the disk afterwards that it did not
// already find before the boot: the kernel added no damage of its own.
import { describe, it, expect, beforeAll } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot, type BootResult } from './harness.ts';
import {
  BLOCK, debugfsWrite, dirRecords, firstBlockOf, fsckProblems, geometry, SMALL_DISK_BLOCKS, smallRootDisk, type Geometry,
} from './damaged-disk.ts';

const BUDGET = 60_000_000;   // a clean boot and these scripts take about 3 M instructions

let clean: Uint8Array;
let geo: Geometry;

beforeAll(() => {
  clean = smallRootDisk();
  geo = geometry(clean);
});

/** The highest inode the (one-group) volume leaves free in its bitmap: a
 * number found, not assumed, since the disk's file count grows. */
function freeInode(): number {
  const count = new DataView(clean.buffer, clean.byteOffset + 1024).getUint32(0, true);
  const bitmap = clean.subarray(geo.inodeBitmap * BLOCK);
  for (let ino = count; ino > 0; ino--) {
    if (!(bitmap[(ino - 1) >> 3] & (1 << ((ino - 1) & 7)))) return ino;
  }
  throw new Error('no free inode on the test disk');
}

interface Outcome { r: BootResult; after: Uint8Array; before: string[] }

/** Boots on `damaged` typing `script`; returns the run and the disk afterwards. */
async function bootOn(damaged: Uint8Array, script: string): Promise<Outcome> {
  const before = fsckProblems(damaged);
  const store = new MemoryBlockStore(damaged);
  const r = await boot({ ramMiB: 8, disks: [store], input: script, budget: BUDGET });
  return { r, after: store.image, before };
}

/** The kernel made nothing worse: every e2fsck problem after the boot was there before it. */
function noNewProblems(o: Outcome): void {
  const added = fsckProblems(o.after).filter((l) => !o.before.includes(l));
  expect(added, `e2fsck before the boot:\n${o.before.join('\n')}`).toEqual([]);
}

function finishedCleanly(o: Outcome): void {
  expect(o.r.state, o.r.output).toBe('off');
  expect(o.r.instructions).toBeLessThan(BUDGET);
}

function patch(image: Uint8Array, offset: number, bytes: number[]): Uint8Array {
  const copy = image.slice();
  copy.set(bytes, offset);
  return copy;
}

const u16 = (v: number) => [v & 0xff, v >> 8];
const u32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];

describe('ext2 on a damaged disk', () => {
  it('the undamaged disk runs the script and stays clean (the baseline the cases differ from)', async () => {
    const o = await bootOn(clean, 'ls /; cat /etc/motd; echo x > /tmp/f; cat /tmp/f; poweroff\n');
    finishedCleanly(o);
    expect(o.r.output).not.toContain('EXT2-fs error');
    expect(o.r.output).toContain('lost+found');
    expect(o.before).toEqual([]);
    expect(fsckProblems(o.after)).toEqual([]);
  });

  it('a root directory of size 0xFFFFFFFF: ls / lists its one block and fails with EIO at once', async () => {
    const damaged = debugfsWrite(clean, ['sif / size 0xFFFFFFFF']);
    const o = await bootOn(damaged, 'ls /; echo ls=$?; echo x > /tmp/f; cat /tmp/f; cat /nosuch; poweroff\n');
    finishedCleanly(o);
    expect(o.r.output).toContain(
      'EXT2-fs error (device disk0): ext2_check_page: directory #2 size 4294967295 is more than its 1 blocks hold');
    expect(o.r.output).toContain('ls: /: Input/output error');
    expect(o.r.output).toContain('ls=1');
    expect(o.r.output).toMatch(/lost\+found/);          // what the block holds is still listed
    expect(o.r.output).toMatch(/\r?\nx\r?\n/);   // lookups in that block still work: /tmp/f was made
    expect(o.r.output).toContain('cat: /nosuch: Input/output error');   // a miss reaches the damage
    expect(o.r.instructions).toBeLessThan(10_000_000);
    noNewProblems(o);
  });

  it('/bin with a record of rec_len 0: init gets EIO for /bin/sh and retries once a second, idle in between', async () => {
    const bin = firstBlockOf(clean, '/bin');
    const damaged = patch(clean, bin * BLOCK + 4, u16(0));
    const store = new MemoryBlockStore(damaged);
    const before = fsckProblems(damaged);
    const r = await boot({ ramMiB: 8, disks: [store], budget: 2_000_000 });
    const m = r.machine;
    while (m.seconds() < 5) {
      const st = m.run(5_000_000, 5e8);
      if (st === 'io-wait') await m.ioSettled();
      else if (st !== 'running' && st !== 'sleeping') break;
    }
    const out = r.output;
    expect(out).toContain(`EXT2-fs error (device disk0): ext2_check_page: bad entry in directory #12 block ${bin}: ` +
      'rec_len is smaller than minimal - offset=0, inode=12, rec_len=0, name_len=1');
    const seconds = m.seconds();
    const attempts = out.split('init: cannot run /bin/sh: Input/output error').length - 1;
    expect(seconds).toBeGreaterThanOrEqual(5);
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(Math.ceil(seconds) + 1);   // about one a second
    // Not spinning: the CPU was halted for almost all of that time.
    expect(m.cpu.instret).toBeLessThan(0.05 * m.now());
    noNewProblems({ r, after: store.image, before });
  });

  // Records of /etc's directory block, each damaged one way. `motd` is the
  // record `cat /etc/motd` must reach; the error names the problem.
  const etcCases: { name: string; edit: (recs: ReturnType<typeof dirRecords>) => [number, number[]]; error: RegExp | (() => RegExp); errno: string }[] = [
    {
      name: 'rec_len 0',
      edit: (recs) => [recs[2].offset + 4, u16(0)],
      error: /ext2_check_page: bad entry in directory #\d+ block \d+: rec_len is smaller than minimal - offset=\d+, inode=\d+, rec_len=0/,
      errno: 'Input/output error',
    },
    {
      name: 'rec_len not a multiple of 4',
      edit: (recs) => [recs[0].offset + 4, u16(13)],
      error: /ext2_check_page: bad entry in directory #\d+ block \d+: unaligned directory entry - offset=\d+, inode=\d+, rec_len=13/,
      errno: 'Input/output error',
    },
    {
      name: 'rec_len past the block',
      edit: (recs) => [recs[recs.length - 1].offset + 4, u16(recs[recs.length - 1].recLen + 8)],
      error: /ext2_check_page: bad entry in directory #\d+ block \d+: directory entry across blocks/,
      errno: 'Input/output error',
    },
    {
      name: 'name_len past the record',
      edit: (recs) => [recs[0].offset + 6, [200]],
      error: /ext2_check_page: bad entry in directory #\d+ block \d+: rec_len is too small for name_len - offset=\d+, inode=\d+, rec_len=12, name_len=200/,
      errno: 'Input/output error',
    },
    {
      name: 'an inode number past the volume',
      edit: (recs) => {
        const motd = recs.find((r) => r.name === 'motd')!;
        return [motd.offset, u32(99999)];
      },
      error: /ext2_check_page: bad entry in directory #\d+ block \d+: inode out of bounds - offset=\d+, inode=99999/,
      errno: 'Input/output error',
    },
    {
      name: 'an entry naming a free inode',
      edit: (recs) => {
        const motd = recs.find((r) => r.name === 'motd')!;
        return [motd.offset, u32(freeInode())];
      },
      error: () => new RegExp(`ext2_iget: deleted inode referenced: ${freeInode()}`),
      errno: 'Stale file handle',
    },
  ];

  for (const c of etcCases) {
    it(`/etc with ${c.name}: the error line names it, cat fails, nothing loops or is written wrong`, async () => {
      const etc = firstBlockOf(clean, '/etc');
      const recs = dirRecords(clean, etc);
      expect(recs.map((r) => r.name)).toContain('motd');
      const [offset, bytes] = c.edit(recs);
      const o = await bootOn(patch(clean, offset, bytes), 'cat /etc/motd; echo cat=$?; echo y > /etc/new; echo new=$?; poweroff\n');
      finishedCleanly(o);
      const error = typeof c.error === 'function' ? c.error() : c.error;
      expect(o.r.output).toMatch(new RegExp(`EXT2-fs error \\(device disk0\\): ${error.source}`));
      expect(o.r.output).toContain(`cat: /etc/motd: ${c.errno}`);
      expect(o.r.output).toContain('cat=1');
      noNewProblems(o);
    });
  }

  it('a file whose block pointer names the inode table: reads and writes fail with EIO, the table is untouched', async () => {
    const damaged = debugfsWrite(clean, [`sif /etc/motd block[0] ${geo.inodeTable + 1}`]);
    const o = await bootOn(damaged, 'cat /etc/motd; echo cat=$?; cat /etc/passwd >> /etc/motd; echo app=$?; poweroff\n');
    finishedCleanly(o);
    expect(o.r.output).toMatch(new RegExp(
      `EXT2-fs error \\(device disk0\\): ext2_get_block: inode \\d+ block 0: pointer to metadata or outside the volume: block ${geo.inodeTable + 1}`));
    expect(o.r.output).toContain('cat: /etc/motd: Input/output error');
    expect(o.r.output).toContain('app=1');
    const table = (img: Uint8Array) => img.subarray((geo.inodeTable + 1) * BLOCK, (geo.inodeTable + 2) * BLOCK);
    expect(Buffer.from(table(o.after)).equals(Buffer.from(table(damaged)))).toBe(true);
    noNewProblems(o);
  });

  // Descriptors that fail the mount check: the volume is refused, named in
  // the error line, and not one byte of the disk is written.
  const descriptorCases = [
    { set: 'block_bitmap 0', error: 'block bitmap not in group: group 0, 0' },
    { set: 'inode_bitmap 1', error: 'inode bitmap not in group: group 0, 1' },
    // the table (24 blocks) would run past the group's last block
    { set: `inode_table ${SMALL_DISK_BLOCKS - 8}`, error: `inode table not in group: group 0, ${SMALL_DISK_BLOCKS - 8}` },
    { set: 'inode_bitmap 6', error: 'inode bitmap overlaps the inode table: group 0, 6' },
    { set: `free_blocks_count ${SMALL_DISK_BLOCKS + 1000}`, error: `free blocks count larger than the group: group 0, ${SMALL_DISK_BLOCKS + 1000}` },
  ];
  for (const c of descriptorCases) {
    it(`a group descriptor with ${c.set}: the mount is refused and the disk left as it was`, async () => {
      const damaged = debugfsWrite(clean, [`set_bg 0 ${c.set}`]);
      const o = await bootOn(damaged, 'echo x > /tmp/f; poweroff\n');
      expect(o.r.output).toContain(`EXT2-fs error (device disk0): ext2_check_descriptors: ${c.error}`);
      expect(o.r.output).toContain('VFS: cannot mount the root file system from disk0');
      expect(o.r.instructions).toBeLessThan(BUDGET);
      expect(Buffer.from(o.after).equals(Buffer.from(damaged))).toBe(true);
    });
  }

  // Superblock geometry the driver cannot work with: refused the same way.
  const superCases = [
    { set: 'inodes_count 1000', error: 'inodes count does not match the groups' },
    { set: 'inode_size 200', error: 'unsupported inode size' },
    { set: 'blocks_per_group 40000', error: 'bad blocks per group' },
    { set: `blocks_count ${SMALL_DISK_BLOCKS + 6000}`, error: 'blocks count is 0 or beyond the disk' },
  ];
  for (const c of superCases) {
    it(`a superblock with ${c.set}: the mount is refused and the disk left as it was`, async () => {
      const damaged = debugfsWrite(clean, [`ssv ${c.set}`]);
      const o = await bootOn(damaged, 'echo x > /tmp/f; poweroff\n');
      expect(o.r.output).toContain(`EXT2-fs error (device disk0): ext2_fill_super: ${c.error}`);
      expect(o.r.output).toContain('VFS: cannot mount the root file system from disk0');
      expect(Buffer.from(o.after).equals(Buffer.from(damaged))).toBe(true);
    });
  }

  it('a zeroed block bitmap: no block is allocated from it (no superblock overwrite), writes get ENOSPC', async () => {
    const damaged = patch(clean, geo.blockBitmap * BLOCK, new Array(BLOCK).fill(0));
    const o = await bootOn(damaged, 'cat /etc/passwd > /tmp/f; echo st=$?; wc -c < /tmp/f; cat /etc/motd; poweroff\n');
    finishedCleanly(o);
    expect(o.r.output).toContain(
      `EXT2-fs error (device disk0): read_block_bitmap: invalid block bitmap - group 0, block ${geo.blockBitmap}`);
    expect(o.r.output).toMatch(/st=1\r?\n\s*0\r?\n/);   // cat's write failed (ENOSPC): the file is empty
    expect(o.r.output).toContain('a whole computer in a box');   // reads still work
    // Block 0 still holds the superblock (magic 0xEF53), not file data.
    expect(o.after[1024 + 56] | (o.after[1024 + 57] << 8)).toBe(0xef53);
    expect(Buffer.from(o.after.subarray(2048, BLOCK)).equals(Buffer.from(damaged.subarray(2048, BLOCK)))).toBe(true);
    noNewProblems(o);
  });

  it('a zeroed inode bitmap: no reserved or in-use inode is handed out, creates get ENOSPC, /bin survives', async () => {
    const damaged = patch(clean, geo.inodeBitmap * BLOCK, new Array(BLOCK).fill(0));
    const o = await bootOn(damaged, 'echo x > /tmp/f; echo st=$?; ls /bin | wc -l; poweroff\n');
    finishedCleanly(o);
    expect(o.r.output).toContain(
      `EXT2-fs error (device disk0): read_inode_bitmap: reserved inodes marked free - group 0, block ${geo.inodeBitmap}`);
    expect(o.r.output).toContain('No space left on device');
    expect(o.r.output).toMatch(/\n\s*([4-9]\d|[1-2]\d\d)\r?\n/);   // /bin still lists its programs (40 to 299)
    noNewProblems(o);
  });

  it('the inode bitmap frees /bin (inode 12): it is reported in use and skipped, the file gets another inode', async () => {
    const bitmap = geo.inodeBitmap * BLOCK;
    const damaged = patch(clean, bitmap + 1, [clean[bitmap + 1] & ~0x08]);   // bit 11 = inode 12
    const o = await bootOn(damaged, 'echo x > /tmp/f; echo st=$?; cat /tmp/f; ls /bin | wc -l; poweroff\n');
    finishedCleanly(o);
    expect(o.r.output).toMatch(
      /EXT2-fs error \(device disk0\): ext2_new_inode: inode 12 taken from the bitmap is in use \(mode 040755, links \d+, dtime 0\)/);
    expect(o.r.output).toContain('st=0');
    expect(o.r.output).toMatch(/\n\s*([4-9]\d|[1-2]\d\d)\r?\n/);
    noNewProblems(o);
    // The in-use inode's bit is set again, so e2fsck's complaint about it is gone.
    expect(o.before.join('\n')).toMatch(/Inode bitmap differences: +\+12/);
    expect(fsckProblems(o.after).join('\n')).not.toMatch(/\+12/);
  });
});
