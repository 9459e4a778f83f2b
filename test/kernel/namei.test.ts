// Directory operations that must not damage the disk (issue 18, items 1, 5
// and 8), on the real userland: the in-guest usertests cases of
// userland/usertests/t_namei.c (EXDEV across /proc and ext2, EBUSY on mount
// points, `..` and getcwd across mounts and the 40-link limit, error paths that write nothing, ENOSPC on a full disk, getcwd to PATH_MAX, rm -r of a
// 300-level tree), the same refusals through the shell's tools, and pwd
// past the shell's old 512-byte buffer. Then e2fsck -fn on the kept disk
// (an entry or inode left behind by an error path fails it), a second boot
// from that disk that must still mount /proc, and e2fsck again.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk } from './shell-session.ts';
import { expectFsckClean, expectUsertestsPassed } from './usertests-run.ts';

const PROMPT = '# ';

async function runTyped(store: MemoryBlockStore, lines: string[], budget: number): Promise<string> {
  const script = [...lines, 'poweroff'].map((l) => ({ after: PROMPT, send: `${l}\r` }));
  const r = await boot({ ramMiB: 32, disks: [store], script, budget });
  const out = r.output.replace(/\r\n/g, '\n');
  if (process.env.DEBUG_OUT) console.log(out);
  expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');
  return out;
}

describe('names across mounts, mount points, long paths (issue 18: 1, 5, 8)', () => {
  it('usertests namei passes, the tools refuse to move /proc, pwd prints a 600-byte path; e2fsck is clean and /proc survives a reboot', async () => {
    const store = new MemoryBlockStore(userlandDisk());
    const name = 'n'.repeat(100);
    const deep = `/tmp/${Array(6).fill('$n').join('/')}`;
    const out = await runTyped(store, [
      'usertests namei; echo ut=$?',
      'rmdir /proc; echo rmdir=$?',
      'mv /proc /tmp/pp; echo mv=$?',
      'ln /proc/meminfo /tmp/lm; echo ln=$?',
      'rm -r /proc; echo rmproc=$?',
      `n=${name}`,
      `mkdir -p ${deep}`,
      `cd ${deep}; pwd; /bin/pwd; cd /`,
      'rm -r /tmp/$n; echo rm=$?',
      'ls /tmp',
    ], 4_000_000_000);

    expectUsertestsPassed(out, [
      'namei_cross_fs', 'namei_mount_busy', 'namei_mount_dotdot',
      'namei_error_paths', 'namei_getcwd_long', 'namei_deep_tree',
      'namei_full_disk', 'namei_dead_cwd',
    ]);
    expect(out).toContain('ALL TESTS PASSED (8)\nut=0\n');
    expect(out).not.toContain('EXT2-fs error');   // a dead cwd's stale `..` is never read
    expect(out).toMatch(/rmdir: \/proc: Device or resource busy\nrmdir=1\n/);
    expect(out).toMatch(/mv: cannot move '\/proc' to '\/tmp\/pp': Device or resource busy\nmv=1\n/);
    expect(out).toMatch(/Invalid cross-device link\nln=1\n/);
    // rm -r walks /proc, is refused everything, and the mount point stays
    expect(out).toMatch(/rm: \/proc\/meminfo: Operation not permitted\n/);
    expect(out).toMatch(/rm: \/proc: Device or resource busy\nrmproc=1\n/);
    const full = `/tmp/${Array(6).fill(name).join('/')}`;
    expect(full.length).toBeGreaterThan(512);
    expect(out).toContain(`\n${full}\n${full}\n`);
    expect(out).toContain('\nrm=0\n');
    expect(out).not.toMatch(/ls \/tmp\n[^#]*(pp|lm|nnnn)/);

    expectFsckClean(store.image);

    // the next boot from the same disk still has /proc to mount
    const again = await runTyped(store, ['cat /proc/self/stat > /dev/null; echo proc=$?', 'ls -d /proc /tmp/pp'], 400_000_000);
    expect(again).toContain('procfs: mounted on /proc');
    expect(again).toContain('proc=0\n');
    expect(again).toMatch(/ls: \/tmp\/pp: No such file or directory/);
    expectFsckClean(store.image);
  }, 900_000);
});
