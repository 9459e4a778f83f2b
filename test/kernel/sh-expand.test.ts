// The shell's arithmetic expansion $(( )) and command substitution $( )
// and `…` on the real kernel: the root disk with the whole userland,
// booted headless, each line typed at the prompt and its console output
// compared exactly. The expected values are worked out from POSIX sh's
// rules (32-bit signed arithmetic, C's precedence; substitution output
// with trailing newlines cut, split on blanks only when unquoted), and the
// cases where the guest's own programs give the answer (ls, wc) compare
// the substitution with the same program run directly.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { outputOf, runShell, SHELL_PROMPT, userlandDisk } from './shell-session.ts';

const ARITH: Array<[string, string]> = [
  ['echo $(( 4096 * 3 ))', '12288\n'],
  ['n=5; n=$((n + 1)); n=$(($n * 2)); echo $n', '12\n'],
  ['echo $((2 + 3 * 4)) $(((2 + 3) * 4)) $((20 - 5 - 3)) $((7 / 2)) $((-7 / 2)) $((-7 % 3))', '14 20 12 3 -3 -1\n'],
  ['echo $((-3)) $((+3)) $((!0)) $((!5)) $((~0)) $((6 & 3)) $((6 | 3)) $((6 ^ 3)) $((1 << 10)) $((-16 >> 2))', '-3 3 1 0 -1 2 7 5 1024 -4\n'],
  ['echo $((1 < 2)) $((2 < 1)) $((2 <= 2)) $((3 > 4)) $((4 >= 4)) $((5 == 5)) $((5 != 5))', '1 0 1 0 1 1 0\n'],
  ['echo $((1 && 0)) $((2 && 3)) $((0 || 0)) $((0 || 7)) $((1 ? 10 : 20)) $((0 ? 10 : 20))', '0 1 0 1 10 20\n'],
  ['echo $((2147483647 + 1)) $((0x10 + 010)) $((-2147483647 - 1)) $(( (-2147483647 - 1) / -1 ))', '-2147483648 24 -2147483648 -2147483648\n'],
  ['echo $((zz_never_set + 4)) $(( $zz_never_set + 4 )) $(( ))', '4 4 0\n'],
  ['echo $((7 / 0)) not run; echo status $?', 'sh: arithmetic: division by zero\nstatus 1\n'],
  ['x=$((7 % 0)); echo status $?', 'sh: arithmetic: division by zero\nstatus 1\n'],
  ['echo $((0 && 1 / 0)) $((1 || 1 / 0)) $((1 ? 2 : 1 / 0))', '0 1 2\n'],
  ['i=1; echo $((i += 4)) $((i *= 2)) $i $((j = 3)) $j', '5 10 10 3 3\n'],
  ['echo $((2 +)) not run; echo status $?', 'sh: arithmetic: syntax error: expression expected\nstatus 1\n'],
  ['echo $((3 3)); echo status $?', 'sh: arithmetic: syntax error: unexpected character\nstatus 1\n'],
];

const SUBST: Array<[string, string]> = [
  ['x=$(echo "a   b"); echo "[$x]"', '[a   b]\n'],
  ['echo $(echo "a   b") "$(echo "a   b")"', 'a b a   b\n'],
  ['for f in $(echo one two three); do echo item $f; done', 'item one\nitem two\nitem three\n'],
  ['echo "[$(echo a; echo; echo)]"', '[a]\n'],
  ['echo "$(echo a; echo b)"', 'a\nb\n'],
  ['x=$(false); echo $?; x=$(true); echo $?; x=$(exit 3); echo $?', '1\n0\n3\n'],
  ['echo $(false); echo $?', '\n0\n'],
  ['echo $(echo $(echo in)side) "a$(echo "b$(echo c)d")e"', 'inside abcde\n'],
  ['echo `echo back` quoted', 'back quoted\n'],
  ['x=`echo \\`echo deep\\``; echo $x', 'deep\n'],
  ["echo $(echo '/bin/ca*') \"$(echo '/bin/ca*')\"", '/bin/cal /bin/cat /bin/ca*\n'],
  ['$(echo echo) named by a substitution', 'named by a substitution\n'],
  ['echo $(echo \')\' "(" | cat)', ') (\n'],
  ['echo $(echo $((6 * 7))) $(( $(echo 6) * 7 ))', '42 42\n'],
  ['x=$(cd /bin; pwd); echo $x; pwd', '/bin\n/\n'],
  ['y=1; z=$(y=2; echo $y); echo $y $z', '1 2\n'],
  ["sh -c 'echo $(echo never'; echo status $?", 'sh: syntax error: unterminated quote or substitution\nstatus 2\n'],
  // more than a pipe holds: the shell reads to the end before it waits
  ['x="$(yes | head -n 3000)"; echo "$x" | wc -l', '3000\n'],
  ['echo "sum $((1 + 2)) and `echo bq`"', 'sum 3 and bq\n'],
  // word lists grow as needed: no limit cuts a loop's or a command's words
  ['n=0; for i in $(yes | head -n 1000); do n=$((n + 1)); done; echo $n', '1000\n'],
  ['echo $(yes | head -n 200) | wc -w; echo status $?', '200\nstatus 0\n'],
];

describe('sh: $(( )) and $( ) expansions', () => {
  it('evaluates arithmetic and substitutes command output as POSIX sh does', async () => {
    const out = await runShell(
      [
        ...ARITH.map(([cmd]) => cmd),
        ...SUBST.map(([cmd]) => cmd),
        'ls /bin',
        'n=0; for f in $(ls /bin); do n=$((n + 1)); done; echo $n',
        'wc -l < /proc/self/maps',
        'echo $$',
        'echo "pid $$ has $(wc -l < /proc/self/maps) maps"',
      ],
      { ramMiB: 16, budget: 600_000_000 },
    );
    for (const [cmd, expected] of [...ARITH, ...SUBST]) {
      expect(outputOf(out, cmd), cmd).toBe(expected);
    }

    // a loop over $(ls /bin) sees each name once, as many as ls shows
    const names = outputOf(out, 'ls /bin').split(/\s+/).filter((w) => w !== '');
    expect(names).toContain('sh');
    expect(outputOf(out, 'n=0; for f in $(ls /bin); do n=$((n + 1)); done; echo $n')).toBe(`${names.length}\n`);

    // inside "…" the substitution is one field, beside $$ and the text
    const maps = outputOf(out, 'wc -l < /proc/self/maps').trim();
    const pid = outputOf(out, 'echo $$').trim();
    expect(maps).toMatch(/^\d+$/);
    expect(pid).toMatch(/^\d+$/);
    expect(outputOf(out, 'echo "pid $$ has $(wc -l < /proc/self/maps) maps"')).toBe(`pid ${pid} has ${maps} maps\n`);
  });
});

describe('sh: a command substitution and ^C', () => {
  it('stops the subshell and its command, abandons the rest of the line with status 130, and the shell is at its prompt', async () => {
    // ^C is typed once the subshell has shown it runs (on stderr, which is
    // not captured), so it reaches the subshell and sleep, not the line editor.
    // As in bash, the interactive shell that sees its foreground command
    // die of SIGINT drops the rest of the line: the second echo never runs.
    const cmd = 'x=$(echo started >&2; sleep 30; echo late); echo "not reached"';
    const script = [
      { after: SHELL_PROMPT, send: `${cmd}\r` },
      { after: 'started\r\n', send: '\x03' },
      { after: SHELL_PROMPT, send: 'echo "status $? [$x]"\r' },
      { after: SHELL_PROMPT, send: 'echo after\r' },
      { after: SHELL_PROMPT, send: 'poweroff\r' },
    ];
    const r = await boot({ ramMiB: 16, disks: [new MemoryBlockStore(userlandDisk())], script, budget: 400_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(r.state, out.slice(-2000)).toBe('off');
    // the terminal echoes ^C; `late` never ran, so x is empty
    expect(outputOf(out, cmd)).toBe('started\n^C\n');
    expect(outputOf(out, 'echo "status $? [$x]"')).toBe('status 130 []\n');
    expect(outputOf(out, 'echo after')).toBe('after\n');
  });
});
