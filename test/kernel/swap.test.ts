// Swap, kswapd and direct reclaim on the real kernel with 8 MiB of RAM and a
// 16 MiB swap disk (disk 1), booted headless with the whole userland:
//   - memhog of 1.5x RAM verifies its pattern while pages go out and come
//     back, a second one is killed halfway; afterwards every slot in use belongs to a live process
//     (SwapTotal - SwapFree == the sum of VmSwap) and the frames add up to
//     the baseline; the usertests swap cases (round trip, COW pages through
//     swap, system calls on swapped-out buffers, swapon/swapoff) pass, after which every slot is free again; the
//     root disk passes e2fsck;
//   - a swap disk whose writes fail on some slots: those slots turn bad
//     (each tried once, never again), the pages stay resident, memhog still
//     verifies;
//   - a slot whose read fails: SIGBUS to the process that owned the page
//     only; the shell lives on and the slot is not used again;
//   - the IndexedDB store (fake-indexeddb) running out of quota: writes fail
//     from then on, no panic, the hog is the one that pays.
import { describe, it, expect } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { IndexedDbBlockStore } from '../../emulator/blockstore/indexeddb.ts';
import type { BlockStore } from '../../emulator/blockstore/interface.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { boot, ROOT } from './harness.ts';
import { FailingBlockStore } from './failing-store.ts';

const PROMPT = '# ';
const RAM_MIB = 8;
const SWAP_BLOCKS = 4096; // 16 MiB, the CLI's default
const SWAP_KB = (SWAP_BLOCKS - 1) * 4; // slot 0 is the header

let image: Uint8Array | undefined;
function rootImage(): Uint8Array {
  if (!image) {
    const built = buildUserland(ROOT);
    if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
    image = buildDiskImage({ extraFiles: built.files, time: 1764000000, sizeBytes: 32 << 20 });
  }
  return image;
}

async function session(swap: BlockStore, commands: string[], root = new MemoryBlockStore(rootImage())) {
  const script = [...commands, 'poweroff'].map((c) => ({ after: PROMPT, send: `${c}\r` }));
  const r = await boot({ ramMiB: RAM_MIB, disks: [root, swap], script, budget: 3_000_000_000 });
  const out = r.output.replace(/\r\n/g, '\n');
  if (process.env.DEBUG_OUT) console.log(out);
  expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');
  expect(out).not.toContain('Kernel panic');
  return { out, root };
}

/** The console text between the echo of `command` (its n-th occurrence) and the next prompt. */
function outputOf(out: string, command: string, n = 1): string {
  const typed = `${PROMPT}${command}\n`;
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = out.indexOf(typed, at + 1);
    expect(at, `"${command}" was typed ${n} times`).toBeGreaterThanOrEqual(0);
  }
  const rest = out.slice(at + typed.length);
  const end = rest.indexOf(PROMPT);
  return end < 0 ? rest : rest.slice(0, rest.lastIndexOf('\n', end) + 1);
}

/** "Key: N kB" / "key N" lines; repeated keys (VmSwap of several processes) add up. */
function numbers(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    const f = /^(\w+):?\s+(\d+)/.exec(line);
    if (f) m.set(f[1], (m.get(f[1]) ?? 0) + Number(f[2]));
  }
  return m;
}

function get(m: Map<string, number>, key: string): number {
  const v = m.get(key);
  expect(v, `${key} is shown`).toBeDefined();
  return v!;
}

/** kB of memory the kernel can account for: free, anonymous, cached, page tables, slabs. */
function accounted(m: Map<string, number>): number {
  return get(m, 'MemFree') + get(m, 'AnonPages') + get(m, 'Cached') + get(m, 'PageTables') + get(m, 'Slab');
}

// meminfo, and every process's name, parent and VmSwap (init, syslogd and
// its klogd, the shell, grep)
const SNAPSHOT = "cat /proc/meminfo; grep -H 'Name\\|PPid\\|VmSwap' /proc/[0-9]*/status";

/** kB of swap the processes' page tables hold: the VmSwap sum, and of it
 * klogd's — syslogd's forked child, the one process here that shares
 * slots copy-on-write with another (its parent), so those slots are in
 * both VmSwap figures but used once. */
function swapHolders(text: string): { sum: number; klogd: number } {
  const procs = new Map<string, Map<string, string>>();
  for (const m of text.matchAll(/^\/proc\/(\d+)\/status:(Name|PPid|VmSwap):\s+(\S+)/gm)) {
    if (!procs.has(m[1])) procs.set(m[1], new Map());
    procs.get(m[1])!.set(m[2], m[3]);
  }
  let sum = 0;
  let klogd = 0;
  for (const f of procs.values()) {
    const kb = Number(f.get('VmSwap') ?? 0);
    sum += kb;
    if (f.get('Name') === 'syslogd' && procs.get(f.get('PPid')!)?.get('Name') === 'syslogd') klogd += kb;
  }
  expect(procs.size, text).toBeGreaterThan(3);
  return { sum, klogd };
}

/** Every slot in use (beyond `bad` kB of bad slots) is held by a live process's page table. */
function expectSlotsHeld(m: Map<string, number>, text: string, bad = 0): void {
  const used = get(m, 'SwapTotal') - get(m, 'SwapFree') - bad;
  const h = swapHolders(text);
  expect(used).toBeLessThanOrEqual(h.sum);
  expect(used).toBeGreaterThanOrEqual(h.sum - h.klogd);
}
// memhog 12m takes about 1.3 s of emulated time here: after 1 s it is deep
// in swap traffic (usually asleep on the disk) when SIGKILL comes
const KILL_MIDWAY = 'memhog 12m & sleep 1; kill -9 $!; wait $!; echo killed-status $?';

function e2fsckClean(store: MemoryBlockStore): void {
  const dir = mkdtempSync(join(tmpdir(), 'hako-swap-'));
  try {
    const img = join(dir, 'disk.img');
    writeFileSync(img, store.image);
    const fsck = spawnSync('e2fsck', ['-fn', img], { encoding: 'utf8' });
    expect(fsck.stdout + fsck.stderr).toMatch(/Pass 5/);
    expect(fsck.status, fsck.stdout + fsck.stderr).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('swap with 8 MiB of RAM', () => {
  it('runs a 1.5x-RAM memhog through swap, releases every slot and frame, passes the swap usertests', async () => {
    const swap = new MemoryBlockStore(SWAP_BLOCKS);
    const { out, root } = await session(swap, [
      SNAPSHOT,
      'memhog 12m; echo hog-status $?',
      'cat /proc/vmstat',
      'cat /proc/3/stat',
      KILL_MIDWAY,
      SNAPSHOT,
      'usertests swap_',
      SNAPSHOT,
    ]);
    expect(out).toContain(`Adding ${SWAP_KB}k swap on /dev/hdb.`);

    const before = numbers(outputOf(out, SNAPSHOT, 1));
    expect(get(before, 'SwapTotal')).toBe(SWAP_KB);
    expect(get(before, 'SwapFree')).toBe(SWAP_KB);

    expect(outputOf(out, 'memhog 12m; echo hog-status $?')).toBe(
      'memhog: 12582912 bytes, 3072 pages, pattern verified\nhog-status 0\n',
    );
    const vm = numbers(outputOf(out, 'cat /proc/vmstat'));
    // 12 MiB cannot be resident in 8: at least the excess went out and came back
    expect(get(vm, 'pswpout')).toBeGreaterThan(1024);
    expect(get(vm, 'pswpin')).toBeGreaterThan(1024);
    expect(get(vm, 'pgmajfault')).toBeGreaterThanOrEqual(get(vm, 'pswpin'));
    expect(get(vm, 'oom_kill')).toBe(0);
    // kswapd0 (pid 3) woke up and spent time reclaiming, in kernel mode
    const kswapd = /^3 \(kswapd0\) S (.*)$/m.exec(outputOf(out, 'cat /proc/3/stat'));
    expect(kswapd).not.toBeNull();
    const fields = kswapd![1].split(' ').map(Number);
    expect(fields[10]).toBe(0); // utime: a kernel thread never runs in user mode
    expect(fields[11]).toBeGreaterThan(0); // stime

    // killed in the middle of its swapping: everything it had comes back
    expect(outputOf(out, KILL_MIDWAY)).toMatch(/killed-status 137\n$/);

    // every slot still in use is held by a live process's page table
    const after = numbers(outputOf(out, SNAPSHOT, 2));
    expect(get(after, 'SwapTotal')).toBe(SWAP_KB);
    expectSlotsHeld(after, outputOf(out, SNAPSHOT, 2));
    // and the frames memhog had are back: what the kernel accounts for is
    // what it was (pages of the shell now in swap show up as free memory)
    expect(Math.abs(accounted(after) - accounted(before))).toBeLessThanOrEqual(4 * 4);
    expect(get(after, 'MemFree')).toBeGreaterThanOrEqual(get(before, 'MemFree') - 4 * 4);

    const ut = outputOf(out, 'usertests swap_');
    expect(ut, ut).toContain('test swap_roundtrip: OK');
    expect(ut).toContain('test swap_cow_fork: OK');
    expect(ut).toContain('test swap_syscall_buffers: OK');
    expect(ut).toContain('test swap_onoff: OK');
    expect(ut).toContain('ALL TESTS PASSED (4)');

    // swapoff/swapon in swap_onoff brought everything in: no slot is used
    const end = numbers(outputOf(out, SNAPSHOT, 3));
    expect(get(end, 'SwapFree')).toBe(SWAP_KB);
    expect(swapHolders(outputOf(out, SNAPSHOT, 3)).sum).toBe(0);
    expect(Math.abs(accounted(end) - accounted(before))).toBeLessThanOrEqual(4 * 4);

    e2fsckClean(root);
  }, 900_000);

  it('keeps a page resident when its write fails, marks that slot bad and never uses it again', async () => {
    const BAD = 40; // slots 1..40 refuse writes
    const swap = new FailingBlockStore(new MemoryBlockStore(SWAP_BLOCKS), { writes: (b) => b >= 1 && b <= BAD });
    const { out } = await session(swap, [
      'memhog 12m; echo hog-status $?',
      SNAPSHOT,
    ]);
    expect(outputOf(out, 'memhog 12m; echo hog-status $?')).toContain('pattern verified\nhog-status 0\n');
    // each bad slot was tried exactly once
    expect([...swap.failedWrites].sort((a, b) => a - b)).toEqual(Array.from({ length: BAD }, (_, i) => i + 1));
    expect(out).toContain('Write-error on swap-device (3:64:1) (write error 1)');
    expect(out).toContain('swap: slot 1 of /dev/hdb is bad and will not be used again (1 bad slots)');
    // a failing device fails every request: the first 16 are logged, then one in 256
    expect(out.match(/Write-error on swap-device/g)).toHaveLength(16);
    expect(out).toContain('Write-error on swap-device (3:64:16) (write error 16)');
    expect(out).not.toContain('(write error 17)');
    // the bad slots are gone from SwapFree for good; the rest belong to live processes
    const m = numbers(outputOf(out, SNAPSHOT));
    expectSlotsHeld(m, outputOf(out, SNAPSHOT), BAD * 4);
  }, 900_000);

  it('sends SIGBUS to the process whose page cannot be read back, and only to it', async () => {
    const LOST = 1000; // this slot's reads fail
    const swap = new FailingBlockStore(new MemoryBlockStore(SWAP_BLOCKS), { reads: (b) => b === LOST });
    const { out } = await session(swap, [
      'memhog 12m; echo first-status $?',
      'echo shell-alive',
      'memhog 12m; echo second-status $?',
      SNAPSHOT,
    ]);
    const first = outputOf(out, 'memhog 12m; echo first-status $?', 1);
    expect(first).toMatch(/first-status 135\n/); // 128 + SIGBUS
    expect(out).toContain(`Read-error on swap-device (3:64:${LOST}) (read error 1)`);
    expect(out).toMatch(/memhog\[\d+\]: bus error at eip 0x[0-9a-f]+ \(cr2 0x[0-9a-f]+, error \d+\): signal 7/);
    expect(outputOf(out, 'echo shell-alive')).toBe('shell-alive\n');
    // the slot turned bad when its last holder went away, so the second
    // run never reads it again
    expect(out).toContain(`swap: slot ${LOST} of /dev/hdb is bad and will not be used again (1 bad slots)`);
    expect(outputOf(out, 'memhog 12m; echo second-status $?')).toContain('pattern verified\nsecond-status 0\n');
    expect(swap.failedReads).toEqual([LOST]);
    const m = numbers(outputOf(out, SNAPSHOT));
    expectSlotsHeld(m, outputOf(out, SNAPSHOT), 4);
  }, 900_000);

  it('survives an IndexedDB swap disk running out of quota: no panic, the hog is killed, the shell lives', async () => {
    const GOOD_WRITES = 200;
    let writes = 0;
    const swap = await IndexedDbBlockStore.open('swap-quota', {
      blocks: SWAP_BLOCKS,
      factory: new IDBFactory(),
      // the origin's quota runs out after GOOD_WRITES writes: every later
      // transaction aborts as a browser's would
      onWriteTransaction: (tx) => {
        writes++;
        if (writes <= GOOD_WRITES) return;
        (tx as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      },
    });
    const { out } = await session(swap, [
      'memhog 14m; echo hog-status $?',
      'echo shell-alive',
      'memhog 2m; echo small-status $?',
      'cat /proc/vmstat',
    ]);
    swap.close();
    expect(out).toContain('Write-error on swap-device (3:64:');
    // thousands of failed writes, a few dozen lines in the log
    const logged = out.match(/Write-error on swap-device/g)!.length;
    expect(logged).toBeGreaterThanOrEqual(16);
    expect(logged).toBeLessThanOrEqual(16 + SWAP_BLOCKS / 256);
    // RAM plus the slots that could be written is not enough for 14 MiB
    expect(outputOf(out, 'memhog 14m; echo hog-status $?')).toMatch(/hog-status 137\n/); // SIGKILL
    expect(out).toMatch(/Out of memory: Killed process \d+ \(memhog\)/);
    expect(outputOf(out, 'echo shell-alive')).toBe('shell-alive\n');
    expect(outputOf(out, 'memhog 2m; echo small-status $?')).toContain('pattern verified\nsmall-status 0\n');
    const vm = numbers(outputOf(out, 'cat /proc/vmstat'));
    expect(get(vm, 'pswpout')).toBe(GOOD_WRITES);
  }, 900_000);
});
