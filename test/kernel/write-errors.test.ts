// Lost output reaches the exit status (issue 18, item 7): on a full disk
// `echo x > /tmp/small` used to exit 0 with the file empty. Now libc's
// exit reports a stream whose writes failed ("PROG: write error: REASON",
// status 1, userland/lib/stdio.c), utilities that write(2) directly say
// so too (u_write_all), and the shell's builtins check their output
// (userland/bin/sh/builtins.c). One boot: a small root disk is filled by
// `cat /dev/zero`, then a builtin, /bin/echo, cat, a stdio program (ls)
// and head write to it and to /dev/full (every write ENOSPC, as Linux's);
// writing to /dev/null still succeeds; after the filler is removed the disk
// takes writes again, and Debian's e2fsck finds it clean.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { boot, ROOT } from './harness.ts';

const PROMPT = '# ';
const NOSPC = 'write error: No space left on device';

/** The console text between the echo of `command` and the next prompt. */
function outputOf(out: string, command: string): string {
  const typed = `${PROMPT}${command}\n`;
  const at = out.indexOf(typed);
  expect(at, `"${command}" was typed`).toBeGreaterThanOrEqual(0);
  const rest = out.slice(at + typed.length);
  const end = rest.indexOf(PROMPT);
  return end < 0 ? rest : rest.slice(0, rest.lastIndexOf('\n', end) + 1);
}

describe('write errors reach the exit status', () => {
  it('a full disk and /dev/full fail the shell builtin, echo, cat, ls and head with a message; e2fsck clean', async () => {
    const built = buildUserland(ROOT);
    if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
    const store = new MemoryBlockStore(buildDiskImage({ extraFiles: built.files, time: 1764000000, sizeBytes: 16 << 20 })); // room for the userland (it grows) with little left to fill
    const cases: [string, RegExp][] = [
      ['cat /dev/zero > /tmp/fill; echo st $?', new RegExp(`^cat: ${NOSPC}\nst 1\n$`)],
      ['echo x > /tmp/small; echo st $?', new RegExp(`^(sh: )?echo: ${NOSPC}\nst 1\n$`)],
      ['/bin/echo x > /tmp/small2; echo st $?', new RegExp(`^/bin/echo: ${NOSPC}\nst 1\n$`)],
      ['cat /etc/passwd > /tmp/small3; echo st $?', new RegExp(`^cat: ${NOSPC}\nst 1\n$`)],
      ['ls / > /tmp/small4; echo st $?', new RegExp(`^ls: ${NOSPC}\nst 1\n$`)],
      ['pwd > /tmp/small5; echo st $?', new RegExp(`^sh: pwd: ${NOSPC}\nst 1\n$`)],
      ['wc -c /tmp/small /tmp/small2 /tmp/small5; echo st $?', /^\s*0 \/tmp\/small\n\s*0 \/tmp\/small2\n\s*0 \/tmp\/small5\n\s*0 total\nst 0\n$/],
      ['/bin/echo x > /dev/full; echo st $?', new RegExp(`^/bin/echo: ${NOSPC}\nst 1\n$`)],
      ['pwd > /dev/full; echo st $?', new RegExp(`^sh: pwd: ${NOSPC}\nst 1\n$`)],
      ['cat /etc/passwd > /dev/full; echo st $?', new RegExp(`^cat: ${NOSPC}\nst 1\n$`)],
      ['ls / > /dev/full; echo st $?', new RegExp(`^ls: ${NOSPC}\nst 1\n$`)],
      ['head /etc/passwd > /dev/full; echo st $?', new RegExp(`^head: ${NOSPC}\nst 1\n$`)],
      ['/bin/echo x > /dev/null; ls / > /dev/null; pwd > /dev/null; echo st $?', /^st 0\n$/],
      ['rm /tmp/fill; /bin/echo again > /tmp/after; cat /tmp/after; echo st $?', /^again\nst 0\n$/],
    ];
    const script = [...cases.map(([c]) => c), 'poweroff'].map((c) => ({ after: PROMPT, send: `${c}\r` }));
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 3_000_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    expect(r.state, out.slice(-3000)).toBe('off');
    for (const [command, want] of cases) expect(outputOf(out, command), command).toMatch(want);

    const dir = mkdtempSync(join(tmpdir(), 'hako-write-errors-'));
    try {
      const img = join(dir, 'disk.img');
      writeFileSync(img, store.image);
      const fsck = spawnSync('e2fsck', ['-fn', img], { encoding: 'utf8' });
      expect(fsck.stdout + fsck.stderr).toMatch(/Pass 5/);
      expect(fsck.status, fsck.stdout + fsck.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
