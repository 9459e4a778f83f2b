// The interactive shell's line editor on the booted kernel: keys are typed
// on the console as a user types them, and what the commands print shows
// whether Tab completion (commands, paths, the list of an ambiguous
// prefix), ^R history search, $PS1's escapes and the history file
// (~/.sh_history, written as lines are entered, read by a new shell) work.
// Each key sequence is sent only once the previous command's output has
// appeared (a prompt alone is not enough: the editor redraws it).
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { userlandDisk } from './shell-session.ts';

describe('sh: line editing', () => {
  it('completes with Tab, searches history with ^R, expands PS1 and keeps ~/.sh_history', async () => {
    const P = 'hako:/# ';
    const steps: Array<[string, string]> = [
      [P, 'echo first-command\r'],
      [`first-command\r\n${P}`, 'ech\t tab-completed\r'],
      [`tab-completed\r\n${P}`, 'cat /etc/hostn\t\r'],
      [`hako\r\n${P}`, 'ls /etc/p\t'],
      ['passwd  profile\r\n', '\x15echo listed\r'],
      [`listed\r\n${P}`, '\x12first\r'],
      [`first-command\r\n${P}`, "PS1='\\u@\\h:\\w\\$ '; cd /tmp\r"],
      ['root@hako:/tmp# ', 'unset PS1; cd /\r'],
      [P, 'sh\r'],
      [P, '\x1b[A\x1b[A\x1b[A\r'],
      [`first-command\r\n${P}`, 'exit\r'],
      [`exit\r\n${P}`, 'cat /root/.sh_history\r'],
      [`exit\r\nsh\r\n${P}`, 'poweroff\r'],
    ];
    const disk = new MemoryBlockStore(userlandDisk());
    const r = await boot({
      ramMiB: 32, disks: [disk], budget: 800_000_000,
      script: steps.map(([after, send]) => ({ after, send })),
    });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(r.state, out.slice(-3000)).toBe('off');
    // Tab: a command name, then a path, then the choices of /etc/p…
    // ech is echo, echo-epoll or echo-threads: Tab fills in the common prefix, with no space
    expect(out).toContain('hako:/# ech\rhako:/# echo\x1b[K tab-completed\ntab-completed\n');
    expect(out).toContain('hako:/# cat /etc/hostn\rhako:/# cat /etc/hostname \x1b[K\nhako\n');
    expect(out).toContain('\npasswd  profile\n');
    // ^R finds the line by a part of it and Enter runs it
    expect(out).toContain("(reverse-i-search)`first': echo first-command");
    expect(out.split('\nfirst-command\n').length - 1).toBe(3);
    // \u \h \w \$ (root: #)
    expect(out).toContain('root@hako:/tmp# ');
    // a new shell reads the file (each line is written once it has run, when
    // the editor starts on the next: `sh` comes after the inner shell's
    // lines): three times up is the first command again
    const typed = `${P}cat /root/.sh_history\n`;
    const history = out.slice(out.indexOf(typed) + typed.length);
    expect(history.startsWith([
      'echo first-command', 'echo tab-completed', 'cat /etc/hostname ', 'echo listed', 'echo first-command',
      "PS1='\\u@\\h:\\w\\$ '; cd /tmp", 'unset PS1; cd /', 'echo first-command', 'exit', 'sh',
    ].join('\n') + '\n')).toBe(true);
  });
});
