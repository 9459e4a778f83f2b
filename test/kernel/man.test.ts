// man in the guest (userland/bin/man.c) on the pages the OS build installs
// under /usr/share/man: `man ls` and `man 2 write` page through less on the
// terminal (quit with q), `man -k fork` (apropos) lists the pages whose
// NAME line mentions fork, a missing page is exit status 16 as man-db's,
// without a terminal the page goes straight to standard output, and with
// LANG=ja… a Japanese page comes first where there is one.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';

describe('man', () => {
  it('shows pages through less, searches NAME lines with -k, and reports missing pages', async () => {
    const script = [
      { after: SHELL_PROMPT, send: 'man ls\r' },
      { after: '\x1b[7m', send: 'q' },          // less's prompt is drawn: the page is on screen
      { after: SHELL_PROMPT, send: 'man 2 write\r' },
      { after: '\x1b[7m', send: 'G' },
      { after: '(END)', send: 'q' },
      { after: SHELL_PROMPT, send: 'man -k fork\r' },
      { after: SHELL_PROMPT, send: 'man nosuchpage; echo status $?\r' },
      { after: SHELL_PROMPT, send: 'man kill | head -1; man 2 kill | head -1; man -w 3 printf\r' },
      { after: SHELL_PROMPT, send: 'env LANG=ja_JP.UTF-8 man ls | head -4; env LANG=ja_JP.UTF-8 man cat | head -4\r' },
      { after: SHELL_PROMPT, send: 'poweroff\r' },
    ];
    const r = await boot({ ramMiB: 32, disks: [new MemoryBlockStore(userlandDisk())], script, budget: 1_500_000_000 });
    const out = r.output;
    if (process.env.DEBUG_OUT) console.log(out);
    expect(r.state, out.slice(-3000)).toBe('off');
    const section = (from: string, to: string) => {
      const i = out.indexOf(from);
      expect(i, from).toBeGreaterThanOrEqual(0);
      return out.slice(i + from.length, out.indexOf(to, i + from.length));
    };
    // man ls: the title line and the NAME line, on less's alternate screen
    const ls = section('man ls\r\n', 'man 2 write');
    expect(ls).toContain('\x1b[?1049h');
    expect(ls).toMatch(/LS\(1\) +Hako Manual +LS\(1\)/);
    expect(ls).toContain('ls - list directory contents');
    // man 2 write: the system call, not a command; G reached its end
    const write = section('man 2 write\r\n', 'man -k fork');
    expect(write).toMatch(/WRITE\(2\) +Hako Manual +WRITE\(2\)/);
    expect(write).toContain('write - write to a file descriptor');
    expect(write).toContain('SEE ALSO');
    // apropos: every page whose NAME line says fork, and nothing else
    // (the lines before the next prompt; the last one is the prompt's start)
    const k = section('man -k fork\r\n', SHELL_PROMPT).replace(/\r/g, '').split('\n').slice(0, -1);
    expect(k.some((l) => /^fork, vfork \(2\) +- create a child process$/.test(l)), k.join('\n')).toBe(true);
    expect(k.every((l) => /fork/i.test(l))).toBe(true);
    expect(out).toContain('No manual entry for nosuchpage\r\nstatus 16');
    // sections: kill is the command first, kill(2) when asked; -w names the file
    const last = section('man -w 3 printf\r\n', SHELL_PROMPT).replace(/\r/g, '');
    // LANG=ja: the Japanese page where there is one, else the English one
    const ja = section('man cat | head -4\r\n', SHELL_PROMPT).replace(/\r/g, '');
    expect(ja).toContain(Buffer.from('NAME\n       ls - ディレクトリの中身を一覧表示する\n', 'utf8').toString('latin1'));
    expect(ja).toContain('NAME\n       cat - copy files to standard output\n');
    expect(last).toMatch(/KILL\(1\) +Hako Manual +KILL\(1\)\nKILL\(2\) +Hako Manual +KILL\(2\)\n\/usr\/share\/man\/man3\/printf\.3\n/);
  }, 600_000);
});
