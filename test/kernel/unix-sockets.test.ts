// AF_UNIX sockets and readiness (issue 12) on the real userland: the
// in-guest usertests cases of userland/usertests/t_unix.c (a 1 MiB stream
// echo checked byte for byte between forked processes, refused
// connections, addresses in use, datagram boundaries, half-close,
// EPIPE/SIGPIPE, non-blocking accept and connect, epoll on sockets,
// options, socketcall); the epoll echo server uecho and nc -U in the shell
// (connect and -l listen, refused, address in use); then e2fsck -fn on the
// disk, which now holds a socket inode (/tmp/s).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { outputOf, runShell, userlandDisk } from './shell-session.ts';

function fsck(image: Uint8Array): { status: number | null; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hako-unix-'));
  try {
    const img = join(dir, 'disk.img');
    writeFileSync(img, image);
    const r = spawnSync('e2fsck', ['-fn', img], { encoding: 'utf8' });
    return { status: r.status, text: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CASES = [
  'unix_stream_echo_1mib', 'unix_names', 'unix_dgram', 'unix_half_close_and_epipe', 'unix_nonblocking',
  'unix_epoll_and_opts', 'unix_dgram_socketpair',
];

describe('AF_UNIX sockets (issue 12)', () => {
  it('the usertests socket cases pass, and e2fsck finds the disk with socket inodes clean', async () => {
    const store = new MemoryBlockStore(userlandDisk());
    const commands = [
      'usertests unix_; echo ut=$?',
      'uecho -n 2 /tmp/e & sleep 1; echo hello | nc -U /tmp/e; printf "two\\nlines\\n" | nc -U /tmp/e; wait; echo uecho=$?',
      'nc -U -l /tmp/s > /tmp/got & sleep 1; echo over | nc -U /tmp/s; wait; cat /tmp/got; ls -l /tmp/s | cut -c1-10; stat /tmp/s | grep -c socket',
      'nc -U /tmp/s; echo refused=$?; nc -U -l /tmp/s; echo inuse=$?; nc -U /tmp/none; ls /tmp/e',
      'uecho -n 1 /tmp/p & sleep 1; head -1 /proc/net/unix; grep -c \': 00000002 00000000 00010000 0001 01 .* /tmp/p$\' /proc/net/unix; ls /proc/net; echo x | nc -U /tmp/p; wait',
    ];
    const out = await runShell(commands, { ramMiB: 32, budget: 4_000_000_000, root: store });
    const results = out.split('\n').filter((l) => /^test \S+: /.test(l));
    expect(results, out).toEqual(CASES.map((n) => `test ${n}: OK`));
    expect(outputOf(out, commands[0])).toMatch(new RegExp(`ALL TESTS PASSED \\(${CASES.length}\\)\\nut=0\\n$`));
    expect(outputOf(out, commands[1])).toMatch(/^\[1\] \d+\nhello\ntwo\nlines\nuecho=0\n$/);
    expect(outputOf(out, commands[2])).toMatch(/^\[1\] \d+\nover\nsrwxr-xr-x\n1\n$/);
    expect(outputOf(out, commands[3])).toBe(
      'nc: /tmp/s: Connection refused\nrefused=1\nnc: /tmp/s: Address already in use\ninuse=1\n' +
      'nc: /tmp/none: No such file or directory\nls: /tmp/e: No such file or directory\n');
    expect(outputOf(out, commands[4])).toMatch(
      /^\[1\] \d+\nNum       RefCount Protocol Flags    Type St Inode Path\n1\narp +dev +route +snmp +tcp +udp +unix\nx\n$/);
    const r = fsck(store.image);
    expect(r.text).not.toMatch(/UNEXPECTED INCONSISTENCY|Fix\?|\? no/);
    expect(r.status).toBe(0);
  });
});
