// The terminal's line limits (issue 18, item 13): a canonical line holds
// 4095 bytes, as Linux's N_TTY; past that every byte is refused with a
// bell and the line is thrown away at its end, never delivered cut short
// (kernel/dev/tty.c). The shell's own raw-mode line editor holds 4095
// bytes too and does not run a line that overflowed (userland/bin/sh).
// One boot of the real userland: a 4,000-byte command line runs whole;
// a 5,017-byte one whose first command would leave a trace runs nothing;
// then the same through the tty's canonical mode, read by `wc -c`.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { boot, ROOT } from './harness.ts';

const PROMPT = '# ';

describe('terminal line length', () => {
  it('runs a 4,000-byte command line, never a truncated one, in the shell and through canonical mode', async () => {
    const built = buildUserland(ROOT);
    if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
    const disk = buildDiskImage({ extraFiles: built.files, time: 1764000000, sizeBytes: 32 << 20 });
    const long = `echo ${'a'.repeat(3983)} > /tmp/long`;
    const over = `touch /tmp/ran; echo ${'b'.repeat(5000)}`;
    expect(long.length).toBe(4000);
    const script = [
      { after: PROMPT, send: `${long}\r` },
      { after: PROMPT, send: 'wc -c /tmp/long\r' },
      { after: PROMPT, send: `${over}\r` },
      { after: PROMPT, send: 'ls /tmp/ran; echo ls-status $?\r' },
      // canonical mode: the shell has handed the terminal back cooked once
      // the marker is printed (the typed line shows it as re''ady)
      { after: PROMPT, send: "echo re''ady; wc -c\r" },
      { after: 'ready\r\n', send: `${'c'.repeat(4000)}\rok\r\x04` },
      { after: PROMPT, send: "echo st''eady; wc -c\r" },
      { after: 'steady\r\n', send: `${'d'.repeat(5000)}\rok\r\x04` },
      { after: PROMPT, send: 'poweroff\r' },
    ];
    const r = await boot({ ramMiB: 32, disks: [new MemoryBlockStore(disk)], script, budget: 1_500_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out.replace(/([a-d])\1{50,}/g, (m) => `<${m.length} ${m[0]}>`));
    expect(r.state, out.slice(-2000)).toBe('off');

    // the whole 4,000-byte line ran: 3,983 a's and the newline
    expect(out).toMatch(/wc -c \/tmp\/long\n\s*3984 \/tmp\/long\n/);
    // the over-long line: refused with bells past 4,095 bytes, not run at all
    const overAt = out.indexOf('touch /tmp/ran');
    expect(overAt).toBeGreaterThan(0);
    expect(out.slice(overAt, out.indexOf('ls /tmp/ran'))).toContain('\x07');
    expect(out).toContain('sh: line longer than 4095 bytes: not run');
    expect(out).toMatch(/ls: \/tmp\/ran: No such file or directory\nls-status [12]\n/);

    // canonical mode: 4,000 bytes and the newline, then "ok\n", reach the reader
    const ready = out.indexOf('ready\n');
    const steady = out.indexOf('steady\n');
    expect(ready).toBeGreaterThan(0);
    expect(steady).toBeGreaterThan(ready);
    expect(out.slice(ready, steady)).toMatch(/\n\s*4004\n/);
    // past 4,095 bytes the tty rings the bell and drops the whole line: only "ok\n" is read
    const tail = out.slice(steady);
    expect(tail).toContain('\x07');
    expect(tail).toMatch(/\n\s*3\n/);
  }, 600_000);
});
