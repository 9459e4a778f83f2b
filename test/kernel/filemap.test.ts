// The page cache and file mappings on the real kernel: the root disk with
// the whole userland (plus a 1 MiB file), booted headless with the shell.
// One boot runs the in-guest mmap usertests (MAP_SHARED/MAP_PRIVATE file
// mappings, msync, write-back at exit, shared anonymous memory, errors),
// shows /proc/meminfo's Cached growing by the file's pages when `cat` reads
// it and staying for a second reader, and then Debian's e2fsck must find
// the disk clean after all those shared-mapping write-backs into holes.
// A second boot with 8 MiB and no swap runs the cases again, among them a
// shared file mapping 1.5x the RAM that only reclaim's write-back of
// mapped file pages can make room for.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { boot, ROOT } from './harness.ts';

const BIG_BYTES = 1 << 20;
/** userland/usertests/t_mmap.c's cases */
const CASES = 15;
const PROMPT = '# ';

function rootDisk(): Uint8Array {
  const built = buildUserland(ROOT);
  if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
  const big = new Uint8Array(BIG_BYTES);
  for (let i = 0; i < big.length; i++) big[i] = 0x41 + (i % 26);
  return buildDiskImage({
    extraFiles: [...built.files, { guestPath: '/big', data: big, mode: 0o644 }],
    time: 1764000000, sizeBytes: 32 << 20,
  });
}

/** The console text between the echo of `command` and the next prompt. */
function outputOf(out: string, command: string): string {
  const typed = `${PROMPT}${command}\n`;
  const at = out.indexOf(typed);
  expect(at, `"${command}" was typed`).toBeGreaterThanOrEqual(0);
  const rest = out.slice(at + typed.length);
  const end = rest.indexOf(PROMPT);
  return end < 0 ? rest : rest.slice(0, rest.lastIndexOf('\n', end) + 1);
}

function fsckClean(image: Uint8Array): void {
  const dir = mkdtempSync(join(tmpdir(), 'hako-filemap-'));
  try {
    const img = join(dir, 'disk.img');
    writeFileSync(img, image);
    const fsck = spawnSync('e2fsck', ['-fn', img], { encoding: 'utf8' });
    expect(fsck.stdout + fsck.stderr).toMatch(/Pass 5/);
    expect(fsck.status, fsck.stdout + fsck.stderr).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function utFailures(ut: string): string[] {
  return ut.split('\n').filter((l) => /^test \S+: /.test(l) && !l.endsWith(': OK'));
}

function cachedKb(text: string): number {
  const m = /^Cached: +(\d+) kB$/m.exec(text);
  expect(m, text).not.toBeNull();
  return Number(m![1]);
}

describe('page cache and file mappings', () => {
  it('mmap usertests pass, cat fills the cache, the disk stays clean', async () => {
    const store = new MemoryBlockStore(rootDisk());
    const commands = [
      'usertests mmap; echo ut-status $?',
      'cat /proc/meminfo; echo before',
      'cat /big > /dev/null',
      'cat /proc/meminfo; echo after-first',
      'cat /big > /dev/null',
      'cat /proc/meminfo; echo after-second',
      'wc -c /big',
    ];
    const script = [...commands, 'poweroff'].map((c) => ({ after: PROMPT, send: `${c}\r` }));
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 2_000_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');

    const ut = outputOf(out, commands[0]);
    expect(utFailures(ut), ut).toEqual([]);
    const passed = ut.split('\n').filter((l) => /^test mmap_\S+: OK$/.test(l)).length;
    expect(passed).toBe(CASES);
    expect(ut).toContain('ut-status 0');

    // reading 1 MiB brings its 256 pages into the cache; a second reader
    // finds them there (the count does not grow again)
    const meminfo = [1, 3, 5].map((i) => outputOf(out, commands[i]));
    const before = cachedKb(meminfo[0]);
    const after = cachedKb(meminfo[1]);
    expect(after - before).toBeGreaterThanOrEqual(BIG_BYTES / 1024);
    expect(cachedKb(meminfo[2]) - after).toBeLessThan(BIG_BYTES / 1024 / 4);
    expect(outputOf(out, 'wc -c /big')).toMatch(/^ *1048576 \/big\n$/);

    fsckClean(store.image);
  }, 600_000);

  it('with 8 MiB and no swap, every mmap case passes: a shared file mapping 1.5x RAM is reclaimed through write-back', async () => {
    const store = new MemoryBlockStore(rootDisk());
    const commands = ['usertests mmap; echo ut-status $?', 'free'];
    const script = [...commands, 'poweroff'].map((c) => ({ after: PROMPT, send: `${c}\r` }));
    // one disk only: no swap, so written file pages are all reclaim can free
    const r = await boot({ ramMiB: 8, disks: [store], script, budget: 3_000_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');
    const ut = outputOf(out, commands[0]);
    expect(utFailures(ut), ut).toEqual([]);
    expect(ut.split('\n').filter((l) => /^test mmap_\S+: OK$/.test(l)).length).toBe(CASES);
    expect(ut).toContain('ut-status 0');
    expect(out).not.toMatch(/Out of memory/);
    fsckClean(store.image);
  }, 600_000);
});
