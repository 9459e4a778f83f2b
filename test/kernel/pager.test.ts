// less and more in the guest (userland/bin/less.c), driven by keystrokes on
// a booted system: paging, the end, the start, /search and n, a pipe on
// standard input with the keys from /dev/tty, more quitting at the end,
// and copying straight through when standard output is not a terminal.
// Also runs the usertests case for /dev/tty itself.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot, ROOT } from './harness.ts';
import { SHELL_PROMPT } from './shell-session.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { fsckProblems } from './damaged-disk.ts';

/** The text rows of the screen drawn last in `chunk` (after its last ESC[H). */
function lastScreen(chunk: string): string[] {
  const at = chunk.lastIndexOf('\x1b[H');
  return chunk.slice(at + 3).split(/\r*\n/).map((l) => l.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''));
}

describe('less', () => {
  it('pages a file and a pipe, searches, and passes through when not on a terminal', async () => {
    const text = Array.from({ length: 100 }, (_, i) => `row ${i + 1}`).join('\n') + '\n';
    const built = buildUserland(ROOT);
    if (!built.ok) throw new Error(built.errors.join('\n'));
    const disk = buildDiskImage({
      extraFiles: [...built.files, { guestPath: '/tmp/rows.txt', data: new TextEncoder().encode(text), mode: 0o644 }],
      time: 1764000000, sizeBytes: 32 << 20,
    });
    const step = (after: string, send: string) => ({ after, send });
    const script = [
      step(SHELL_PROMPT, 'less /tmp/rows.txt\r'),
      step('/tmp/rows.txt\x1b[0m', ' '),      // the first screen names the file
      step('row 46', 'G'),
      step('(END)', 'g'),
      step('\x1b[Hrow 1\x1b[K', '/row 7[0-9]\r'),
      step('\x1b[Hrow 70\x1b[K', 'n'),
      step('\x1b[Hrow 71\x1b[K', '/nothing here\r'),
      step('Pattern not found', 'q'),
      step(SHELL_PROMPT, 'cat /tmp/rows.txt | less\r'),
      step('row 23', 'G'),
      step('(END)', 'q'),
      step(SHELL_PROMPT, 'more /tmp/rows.txt\r'),
      // 100 lines at 23 a screen: four spaces reach the end, the fifth quits
      step('/tmp/rows.txt\x1b[0m', '    '),
      step('(END)', ' '),
      step(SHELL_PROMPT, 'less /tmp/rows.txt | wc -l; cat /tmp/rows.txt | more | wc -c\r'),
      step(SHELL_PROMPT, 'usertests dev_tty\r'),
      step(SHELL_PROMPT, 'poweroff\r'),
    ];
    const store = new MemoryBlockStore(disk);
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 2_000_000_000 });
    const out = r.output;
    if (process.env.DEBUG_OUT) console.log(out);
    expect(r.state, out.slice(-3000)).toBe('off');

    const between = (a: string, b: string, from = 0) => {
      const i = out.indexOf(a, from);
      expect(i, a).toBeGreaterThanOrEqual(0);
      const j = out.indexOf(b, i + a.length);
      expect(j, b).toBeGreaterThan(i);
      return out.slice(i, j);
    };
    const session = out.indexOf('less /tmp/rows.txt\r\n');
    // first screen: rows 1-23, the file name in the prompt
    const first = lastScreen(between('less /tmp/rows.txt\r\n', '/tmp/rows.txt\x1b[0m'));
    expect(first.slice(0, 23)).toEqual(Array.from({ length: 23 }, (_, i) => `row ${i + 1}`));
    // space: rows 24-46
    const page2 = lastScreen(between('/tmp/rows.txt\x1b[0m', 'row 46', session) + 'row 46');
    expect(page2[0]).toBe('row 24');
    // G: the last screen ends with row 100 and (END)
    const end = lastScreen(between('row 46', '(END)', session) + '(END)');
    expect(end[22]).toBe('row 100');
    expect(end[23]).toBe('(END)');
    // /row 7[0-9] from the top: row 70 on top; n: row 71
    expect(out.indexOf('\x1b[Hrow 70\x1b[K', out.indexOf('/row 7[0-9]', session))).toBeGreaterThan(session);
    expect(out.indexOf('\x1b[Hrow 71\x1b[K', out.indexOf('\x1b[Hrow 70\x1b[K', session))).toBeGreaterThan(session);
    expect(out.slice(out.indexOf('\x1b[Hrow 71\x1b[K', session))).toMatch(/^\x1b\[Hrow 71\x1b\[K\r*\nrow 72\x1b\[K/);
    // the pipe: G reached the end of standard input, keys came from /dev/tty
    const pipe = out.indexOf('cat /tmp/rows.txt | less\r\n');
    expect(lastScreen(between('row 23', '(END)', pipe) + '(END)')[22]).toBe('row 100');
    // more quit by itself after the end: the prompt came back
    expect(out.slice(out.indexOf('more /tmp/rows.txt\r\n'))).toMatch(/\(END\)[^]*\x1b\[\?1049l[^]*:\/# less \/tmp\/rows.txt \| wc -l/);
    // not a terminal: the bytes go through unchanged
    expect(out.replace(/\r\n/g, '\n')).toMatch(new RegExp(`\\| wc -c\\n\\s*100\\n\\s*${text.length}\\n`));
    expect(out).toMatch(/test dev_tty: OK/);
    expect(fsckProblems(store.image)).toEqual([]);
  }, 600_000);
});
