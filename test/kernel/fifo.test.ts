// FIFOs and the *at / 64-bit file calls (issue 10) on the real userland:
// the in-guest usertests cases of userland/usertests/t_at.c and t_fifo.c
// (every *at call's success and errors, stat64 against stat, getdents64,
// _llseek and truncate64 limits, FIFO open/blocking/EOF/EPIPE/ENXIO
// between forked processes), then the shell's view: `mkfifo`, a reader in
// the background and a writer, `ls -l` showing `p`, stat saying "fifo",
// mknod(1) making a device node for root and refusing one to a user.
// e2fsck -fn must find the disk that now holds FIFO inodes and device
// nodes clean.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { outputOf, runShell, userlandDisk } from './shell-session.ts';
import { expectFsckClean, expectUsertestsPassed } from './usertests-run.ts';

describe('FIFOs, the *at calls and the 64-bit file calls (issue 10)', () => {
  it('mkfifo, a reader and a writer through the shell; ls -l and stat; e2fsck is clean', async () => {
    const store = new MemoryBlockStore(userlandDisk());
    const commands = [
      'usertests at_ stat64 getdents64 llseek rw_ fifo_; echo ut=$?',
      'mkfifo /tmp/f; cat /tmp/f & echo hi > /tmp/f; wait; echo done=$?',
      'mkfifo -m 600 /tmp/g; ls -l /tmp/g | cut -c1-10; stat /tmp/g | grep -c fifo',
      'mkfifo /tmp/f; echo again=$?',
      'echo $(cat /tmp/f) & sleep 1; echo two > /tmp/f; wait',
      'mknod -m 666 /tmp/n c 1 3; echo gone > /tmp/n; ls -l /tmp/n | cut -c1-10; cat /tmp/n; echo n=$?',
      "su hako -c 'mknod /tmp/m c 1 3; mknod /tmp/q p'; ls -l /tmp/m /tmp/q | cut -c1-10",
      'mknod /tmp/b b 3 1; cat /tmp/b; mknod /tmp/x p 1 2',
    ];
    const out = await runShell(commands, { ramMiB: 32, budget: 3_000_000_000, root: store });
    expectUsertestsPassed(outputOf(out, commands[0]), [
      'at_openat', 'at_open_flags', 'at_mkdirat_mknodat', 'at_unlinkat', 'at_links', 'at_renameat', 'at_attrs',
      'at_utimensat', 'at_fstatat', 'stat64_fields', 'getdents64_records', 'llseek_limits', 'rw_positional',
      'rw_vectored',
      'fifo_data_and_eof', 'fifo_open_waits', 'fifo_nonblock', 'fifo_epipe', 'fifo_open_eintr', 'fifo_unlinked_open',
    ]);
    expect(outputOf(out, commands[0])).toMatch(/ALL TESTS PASSED \(20\)\nut=0\n$/);
    expect(outputOf(out, commands[1])).toMatch(/^\[1\] \d+\nhi\ndone=0\n$/);
    expect(outputOf(out, commands[2])).toBe('prw-------\n1\n');
    expect(outputOf(out, commands[3])).toBe("mkfifo: cannot create fifo '/tmp/f': File exists\nagain=1\n");
    expect(outputOf(out, commands[4])).toContain('two\n');
    expect(outputOf(out, commands[5])).toBe('crw-rw-rw-\nn=0\n');
    expect(outputOf(out, commands[6])).toBe(
      'mknod: /tmp/m: Operation not permitted\nls: /tmp/m: No such file or directory\nprw-r--r--\n');
    expect(outputOf(out, commands[7])).toBe(
      'cat: /tmp/b: No such device or address\nmknod: fifos do not have major and minor device numbers\n');
    expectFsckClean(store.image);
  }, 900_000);
});
