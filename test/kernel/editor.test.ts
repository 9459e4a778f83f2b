// vi in the guest (userland/bin/vi), driven by scripted keystrokes on a
// booted system: the saved file's bytes are read back from the disk image
// with Debian's debugfs and compared exactly, the screen must show the
// status line, and a SIGTERM while vi runs must leave the terminal cooked
// again (canonical mode: `wc -c` sees a typed line and ^D as end of file).
// e2fsck finds the disk clean afterwards.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { SHELL_PROMPT } from './shell-session.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { ROOT } from './harness.ts';
import { debugfsRead, fsckProblems } from './damaged-disk.ts';

const ESC = '\x1b';

describe('vi', () => {
  it('edits, saves and quits by keystrokes; the file holds exactly the text typed', async () => {
    // a file longer than the screen, placed on the disk by the build
    const longLines = Array.from({ length: 60 }, (_, i) => `line${i + 1}`);
    const longText = longLines.join('\n') + '\n';
    const built = buildUserland(ROOT);
    if (!built.ok) throw new Error(built.errors.join('\n'));
    const disk = new MemoryBlockStore(buildDiskImage({
      extraFiles: [...built.files, { guestPath: '/tmp/long.txt', data: new TextEncoder().encode(longText), mode: 0o644 }],
      time: 1764000000, sizeBytes: 32 << 20,
    }));
    const keys1 = [
      'ggyyGp',                            // copy line 1 below the last
      'ggx', 'u',                          // delete a character, undo it
      '/sec\r', 'A!', ESC,                 // search, append at the end of the line
      'Othird', ESC,                       // open a line above
      'Gdd',                               // delete the last line
      'ggwiBIG ', ESC,                     // word forward, insert
      `${ESC}[B0${ESC}[Cix`, ESC,          // arrow down, line start, arrow right, insert
      ':w\r',
    ].join('');
    const long = 'x'.repeat(150) + 'END';
    const script = [
      { after: SHELL_PROMPT, send: 'cd /tmp\r' },
      { after: ':/tmp# ', send: 'vi notes.txt\r' },
      { after: '"notes.txt" [New File]', send: 'ihello world\rsecond line' },   // two lines typed in insert mode
      { after: '-- INSERT --', send: ESC },
      { after: '[Modified]', send: keys1 },
      { after: 'written', send: ':q\r' },
      { after: ':/tmp# ', send: 'vi long.txt\r' },
      // line 50 is far below the first screen: G scrolls to it; dd deletes it;
      // a line wider than the terminal gets typed at the end
      { after: `"long.txt" 60L, ${longText.length}B`, send: '50G' },
      { after: 'line 50 of 60', send: `dd:$\ro${long}${ESC}` },
      { after: 'END', send: ':wq\r' },
      { after: ':/tmp# ', send: 'vi notes.txt\r' },
      { after: '"notes.txt" 3L', send: `ddZZ` },
      // the other motions and commands: search and n (wrapping), $ b h j k l,
      // a I P, :w NAME, :q refused with changes, :q! leaving without them
      { after: ':/tmp# ', send: 'vi t3.txt\r' },
      { after: '"t3.txt" [New File]', send: `iab cd ef\rgh ij\rab zz${ESC}gg/ab\rn` },
      { after: 'search hit BOTTOM, continuing at TOP', send: `$biX${ESC}jkhlaY${ESC}jyyPGIQ${ESC}:w t3b.txt\r` },
      { after: '"t3b.txt" 4L, 30B written', send: ':q\r' },
      { after: 'No write since last change', send: ':q!\r' },
      // a signal while vi is in raw mode: k.sh sends it to vi a second later
      // (sh FILE ARGS sets $1…: kp.sh gets the signal and the first word of the ps line of vi, its pid;
      // ps shows the command line, "vi sigTERM.txt")
      { after: ':/tmp# ', send: "echo 'kill -$1 $2' > kp.sh; echo 'sleep 1; ps > ps.out; sh kp.sh $1 $(grep [v]i.sig ps.out)' > k.sh\r" },
      ...['TERM', 'INT'].flatMap((sig) => [
        { after: ':/tmp# ', send: `sh k.sh ${sig} & vi sig${sig}.txt\r` },
        { after: `"sig${sig}.txt" [New File]`, send: 'ityped' },
        { after: ':/tmp# ', send: `echo ${sig}-re''ady; wc -c\r` },
        { after: `${sig}-ready\r\n`, send: 'abc\r\x04' },
      ]),
      { after: ':/tmp# ', send: 'cat ps.out; cd /\r' },
      { after: SHELL_PROMPT, send: 'poweroff\r' },
    ];
    const r = await boot({ ramMiB: 32, disks: [disk], script, budget: 3_000_000_000 });
    const out = r.output;
    if (process.env.DEBUG_OUT) console.log(out, r.instructions);
    expect(r.state, out.slice(-3000)).toBe('off');

    // the status line: mode, file name and position
    expect(out).toContain('-- INSERT --');
    expect(out).toMatch(/"notes\.txt" \[Modified\] +line \d+ of \d+, col \d+/);
    expect(out).toContain('"notes.txt" 3L, 36B written');
    // long files scroll: line 50 was drawn (and it is not on the first screen)
    expect(out).toContain('line50');
    expect(out).toContain(`"long.txt" 60L, ${longText.length - 'line50\n'.length + long.length + 1}B written`);

    // the signal ended vi, which put the terminal back: the normal screen
    // again, and canonical mode (wc reads the line and takes ^D as the end)
    for (const sig of ['TERM', 'INT']) {
      const at = out.indexOf(`vi sig${sig}.txt`);
      const after = out.slice(at, out.indexOf(`${sig}-ready`, at));
      expect(after).toContain('-- INSERT --');
      expect(after).toContain('\x1b[?1049l');
      expect(out.slice(out.indexOf(`${sig}-ready\r\n`)).replace(/\r\n/g, '\n')).toMatch(/^[A-Z]+-ready\nabc\n\s*4\n/);
    }

    const notes = debugfsRead(disk.image, 'cat /tmp/notes.txt');
    // ZZ after dd saved the first line's removal
    expect(notes).toBe('txhird\nsecond line!\n');
    // :w NAME wrote the text; :q! left t3.txt unwritten
    expect(debugfsRead(disk.image, 'cat /tmp/t3b.txt')).toBe('ab cdY Xef\ngh ij\ngh ij\nQab zz\n');
    expect(debugfsRead(disk.image, 'ls /tmp')).not.toMatch(/\bt3\.txt\b/);
    const lines = longLines.filter((l) => l !== 'line50');
    expect(debugfsRead(disk.image, 'cat /tmp/long.txt')).toBe([...lines, long].join('\n') + '\n');
    expect(fsckProblems(disk.image)).toEqual([]);
  }, 600_000);
});
