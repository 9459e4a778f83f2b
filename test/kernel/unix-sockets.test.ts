// AF_UNIX sockets and readiness (issue 12) on the real userland: the
// in-guest usertests cases of userland/usertests/t_unix.c (a 1 MiB stream
// echo checked byte for byte between forked processes, refused
// connections, addresses in use, datagram boundaries, half-close,
// EPIPE/SIGPIPE, non-blocking accept and connect, epoll on sockets,
// options, socketcall) and t_poll.c; then e2fsck -fn on the disk, which
// now holds socket inodes.
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
  'unix_epoll_and_opts',
];

describe('AF_UNIX sockets (issue 12)', () => {
  it('the usertests socket cases pass, and e2fsck finds the disk with socket inodes clean', async () => {
    const store = new MemoryBlockStore(userlandDisk());
    const commands = [
      'usertests unix_; echo ut=$?',
      'mkdir -p /var/run; usertests unix_names >/dev/null; ls -l /tmp | grep -c ut.unix',
    ];
    const out = await runShell(commands, { ramMiB: 32, budget: 4_000_000_000, root: store });
    const results = out.split('\n').filter((l) => /^test \S+: /.test(l));
    expect(results, out).toEqual(CASES.map((n) => `test ${n}: OK`));
    expect(outputOf(out, commands[0])).toMatch(new RegExp(`ALL TESTS PASSED \\(${CASES.length}\\)\\nut=0\\n$`));
    const r = fsck(store.image);
    expect(r.text).not.toMatch(/UNEXPECTED INCONSISTENCY|Fix\?|\? no/);
    expect(r.status).toBe(0);
  });
});
