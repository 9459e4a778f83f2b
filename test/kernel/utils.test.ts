// The text and file utilities of /bin against their GNU counterparts: the
// same input files are put on the guest's root disk (under /tmp) and in a
// host directory; each table becomes a script (per command a marker line,
// then `CMD; echo st $?`) run by the guest's sh in one boot and by bash with
// GNU tools on the host (paths mapped, shell-session.ts's hostOutput), and
// the texts — output, messages
// where ours say the same, and exit statuses — must be the same. Commands
// whose messages are worded differently send stderr to /dev/null and are
// compared on output and status. Single quotes only, so each line means the
// same to both shells. One boot and one typed line per table keep the
// test short. After each boot, e2fsck -fn must find the disk clean.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareTableWithHost, runTableInGuest } from './host-compare.ts';

// A small deterministic generator (xorshift), so a failure can be rerun.
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

/** Lines of ':'-separated fields: numbers (signs, zeros, fractions,
 * blanks before them), words of mixed case, empty fields; many ties. */
function randomLines(seed: number, count: number): string {
  const next = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const field = () => pick([
    () => String(Math.floor(next() * 20) - 5),
    () => `${pick(['', ' ', '  ', '-', '0'])}${Math.floor(next() * 100)}${pick(['', '.5', '.25', '.05'])}`,
    () => pick(['apple', 'Apple', 'APPLE', 'banana', 'b', 'B', 'cherry', 'a b', 'zed', '']),
    () => pick(['x', 'y', 'X']),
  ])();
  return Array.from({ length: count }, () => Array.from({ length: 2 + Math.floor(next() * 3) }, field).join(':')).join('\n') + '\n';
}

/** sort and uniq commands with option mixes drawn from the same kind of generator. */
function randomSortCommands(seed: number, count: number): string[] {
  const next = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const flags = ['n', 'r', 'f', 'u', 's', 'b'].filter(() => next() < 0.3).join('');
    const keys: string[] = [];
    const nkeys = Math.floor(next() * 3);
    for (let k = 0; k < nkeys; k++) {
      const start = `${1 + Math.floor(next() * 3)}${next() < 0.2 ? `.${1 + Math.floor(next() * 3)}` : ''}`;
      const end = next() < 0.6 ? `,${start.split('.')[0]}` : '';
      keys.push(`-k ${start}${pick(['', 'n', 'r', 'f', 'nr', 'b'])}${end}`);
    }
    const sep = nkeys > 0 || next() < 0.3 ? '-t : ' : '';
    out.push(`sort ${flags ? `-${flags} ` : ''}${sep}${keys.join(' ')} /tmp/rand`.replace(/ +/g, ' '));
  }
  for (const u of ['-c', '-d', '-u', '-ci', '-f 1', '-s 2 -c']) out.push(`sort /tmp/rand | uniq ${u}`);
  return out;
}

const INPUTS: Record<string, string> = {
  t1: ['hello world', 'foo bar baz', 'Hello World', 'the cat sat', '', 'abc abc abc', 'key=value', 'x=1', 'last line'].join('\n') + '\n',
  nonl: 'first\nsecond',
  nums: ['10', '9', '2', '-3', '1.5', 'abc', '  5', '007', '2', '-0.5', '100'].join('\n') + '\n',
  words: ['a', 'a', 'b', 'c', 'c', 'c', 'a', 'B', 'b', 'b'].join('\n') + '\n',
  csv: ['name:age:city', 'bob:25:paris', 'alice:30:tokyo', 'carol:25:oslo', 'dave::rome', 'Eve:7:lima', 'bob:25:paris'].join('\n') + '\n',
  cols: ['a\tb\tc', 'one\ttwo', 'solo', 'x\ty\tz\tw'].join('\n') + '\n',
  d1: 'abcdefghijklmnop'.split('').join('\n') + '\n',
  d2: 'abXdefghijklmNopq'.split('').join('\n') + '\n',
  d4: 'abcdefghijklmnop'.split('').join('\n'),
  empty: '',
  s1: 'c\ne\nb\nc\nc\n',
  s2: 'c\ne\nY\nY\nc\n',
  rand: randomLines(20261207, 80),
  bin: Array.from({ length: 64 }, (_, i) => String.fromCharCode(i)).join('') + 'z'.repeat(48) + '\xff\x80\nabc',
};

const SED = [
  "sed 's/o/0/' /tmp/t1",
  "sed 's/o/0/g' /tmp/t1",
  "sed 's/abc/[&]/2' /tmp/t1",
  "sed 's/abc/X/2g' /tmp/t1",
  "sed 's/\\([a-z]*\\) \\([a-z]*\\)/\\2 \\1/' /tmp/t1",
  "sed -E 's/([a-z]+)=([a-z0-9]+)/\\2<-\\1/' /tmp/t1",
  "sed 's/b*/x/g' /tmp/t1",
  "sed 's|/|:|g; s/l/L/3' /tmp/t1",
  "sed -n '2p' /tmp/t1",
  "sed -n '$p' /tmp/t1",
  "sed '3d' /tmp/t1",
  "sed '2,4d' /tmp/t1",
  "sed -n '/cat/,/key/p' /tmp/t1",
  "sed -n '/^$/,$p' /tmp/t1",
  "sed '/abc/!d' /tmp/t1",
  "sed -n '3,1p' /tmp/t1",
  "sed 3q /tmp/t1",
  "sed '/cat/q 5' /tmp/t1",
  "sed -n '/world/Ip' /tmp/t1",
  "sed 's/WORLD/earth/I' /tmp/t1",
  "sed -e 's/a/A/' -e 's/e/E/g' /tmp/t1",
  "sed -n '/o/{s/o/0/gp;}' /tmp/t1",
  "sed = /tmp/nonl",
  "sed p /tmp/nonl",
  "sed '$a the end' /tmp/t1",
  "sed '1i top' /tmp/nonl",
  "sed '2,3c gone' /tmp/t1",
  "sed 'y/abc/xyz/' /tmp/t1",
  "sed -n 'n;p' /tmp/t1",
  "sed -n '$=' /tmp/t1 /tmp/nonl",
  "sed -s -n '$p' /tmp/t1 /tmp/nonl",
  "sed 's/x/y/' /tmp/missing /tmp/nonl 2>/dev/null",
  "sed 's/x/y' /tmp/t1 2>/dev/null",
  "sed 'k' /tmp/t1 2>/dev/null",
  "cat /tmp/t1 | sed -n '/^h/Ip'",
  "cp /tmp/t1 /tmp/ed; sed -i 's/cat/dog/; /^$/d' /tmp/ed; cat /tmp/ed",
  "sed 's/a\\(b\\)\\(c\\) \\1\\2/<&>/' /tmp/t1",
  "sed -E 's/(.)\\1/<\\1\\1>/g' /tmp/t1",
  "sed 's/l*/-/2' /tmp/t1",
  "sed 's/$/ END/;s/^/> /' /tmp/nonl",
  'sed G /tmp/words',
  "sed -n '1!G;h;$p' /tmp/words",
  "sed 'N;s/\\n/+/' /tmp/words",
  "sed 'N;s/\\n/+/' /tmp/t1",
  "sed '$!N;P;D' /tmp/words",
  "sed -e ':a' -e 'N' -e '$!ba' -e 's/\\n/,/g' /tmp/words",
  "sed -n 'h;n;G;p' /tmp/words",
  "sed 'x;$!d;x' /tmp/t1",
  "echo aaab | sed ':a;s/a/x/;ta'",
  "sed -e '/c/b end' -e 's/^/-/' -e ':end' /tmp/words",
  "sed -n '/a/{s/a/A/;t;p}' /tmp/words",
  "sed 'b nolabel' /tmp/words 2>/dev/null",
  "sed '$!{h;d};x;G' /tmp/nonl",
  // q under -i still writes what came before it, and nothing is left behind
  'cp /tmp/t1 /tmp/ed2; chmod 751 /tmp/ed2; sed -i 3q /tmp/ed2; echo $?; cat /tmp/ed2; ls /tmp/ | grep ed2; find /tmp/ed2 -perm 751',
  "sed -i 's/a/b/' /tmp/missing /tmp/ed2 2>/dev/null; echo $?; cat /tmp/ed2",
];

const TEXT = [
  'sort /tmp/t1',
  'sort -r /tmp/t1',
  'sort -n /tmp/nums',
  'sort -nr /tmp/nums',
  'sort -u /tmp/words',
  'sort -f /tmp/words',
  'sort -fu /tmp/words',
  'sort -t : -k 2 /tmp/csv',
  'sort -t : -k 2n,2 /tmp/csv',
  'sort -t : -k 2,2n -k 1,1r /tmp/csv',
  'sort -t: -k3 -u /tmp/csv',
  'sort -k 2 /tmp/t1',
  'sort -s -t : -k 2,2 /tmp/csv',
  'sort -n -u /tmp/nums',
  'sort /tmp/words /tmp/nums | sort -c; echo $?',
  'sort -c /tmp/words 2>/dev/null',
  'sort /tmp/missing 2>/dev/null',
  'cat /tmp/csv | sort -t : -k 1.2,1.3',
  'sort /tmp/words | uniq',
  'sort /tmp/words | uniq -c',
  'uniq -c /tmp/words',
  'uniq -d /tmp/words',
  'uniq -u /tmp/words',
  'uniq -i -c /tmp/words',
  'uniq -cd /tmp/csv',
  'cut -d : -f 2 /tmp/csv',
  'cut -d : -f 1,3 /tmp/csv',
  'cut -d: -f2- /tmp/csv',
  'cut -f 2 /tmp/cols',
  'cut -s -f 1,3 /tmp/cols',
  'cut -c 1-3 /tmp/t1',
  'cut -c 2,4- /tmp/t1',
  'cut -b -2 /tmp/t1',
  'cut -d : -f 5 /tmp/csv',
  'cut /tmp/csv 2>/dev/null',
  // option clusters and attached values (getopt), bad options by status
  'cut -sd: -f1,3 /tmp/csv',
  'cut -d : -sf2 /tmp/csv',
  'cut -z /tmp/csv 2>/dev/null',
  'sort -rnt: -k2 /tmp/csv',
  'sort -Z /tmp/t1 2>/dev/null',
  'sort -k 2>/dev/null',
  'uniq -cf1 /tmp/t1',
  'uniq -f 2>/dev/null',
  'tr -ds a l < /tmp/t1',
  'tr -x a b 2>/dev/null',
  'echo x | tee -ai /tmp/tee4; cat /tmp/tee4',
  'echo x | tee -z 2>/dev/null',
  "tr a-z A-Z < /tmp/t1",
  "tr '[:lower:]' '[:upper:]' < /tmp/t1",
  "tr -d aeiou < /tmp/t1",
  "tr -s ' l' < /tmp/t1",
  "tr -c 'a-z\\n' '_' < /tmp/t1",
  "tr -cs '[:alpha:]' '\\n' < /tmp/t1",
  "tr -ds 'a' 'l' < /tmp/t1",
  "tr abc x < /tmp/t1",
  "tr 'a-c' '[x*]' < /tmp/t1",
  "tr '\\n' ' ' < /tmp/words",
  "tr -d '[:digit:]=' < /tmp/t1",
  "echo hello | tee /tmp/tee1 /tmp/tee2; cat /tmp/tee1 /tmp/tee2",
  "echo again | tee -a /tmp/tee1 > /tmp/tee3; cat /tmp/tee1 /tmp/tee3",
  "echo x | tee /tmp/nodir/f 2>/dev/null",
  'seq 5',
  'seq 3 7',
  'seq 10 -3 1',
  'seq 0 0.25 1',
  'seq -w 8 11',
  'seq -s , 1 5',
  'seq 1 0.5 3.2',
  'seq -2 2',
  'seq 5 1',
  'seq -w -3 2',
  'seq 1 0 2 2>/dev/null',
  'seq x 2>/dev/null',
  'basename /usr/lib/libc.a',
  'basename /usr/lib/libc.a .a',
  'basename /usr/lib/',
  'basename /',
  'basename libc.a',
  'basename .a .a',
  'basename -a /x/y /z',
  'basename -s .c /src/a.c b.c',
  'dirname /usr/lib/libc.a',
  'dirname /usr/lib/',
  'dirname libc.a',
  'dirname /',
  'dirname //x',
  'dirname a/b/ c /d',
  'basename 2>/dev/null',
  ...randomSortCommands(7, 40),
];

const FILES = [
  'cmp /tmp/t1 /tmp/t1',
  'cmp /tmp/d1 /tmp/d2',
  'cmp -s /tmp/d1 /tmp/d2',
  'cmp -l /tmp/d1 /tmp/d2 2>/dev/null',
  'cmp /tmp/d1 /tmp/d4',
  'cmp /tmp/d4 /tmp/d1',
  'cmp /tmp/d1 /tmp/missing 2>/dev/null',
  'cat /tmp/d2 | cmp /tmp/d1 -',
  'diff /tmp/d1 /tmp/d1',
  'diff /tmp/d1 /tmp/d2',
  'diff /tmp/d2 /tmp/d1',
  'diff /tmp/d1 /tmp/d4',
  'diff /tmp/empty /tmp/words',
  'diff /tmp/words /tmp/empty',
  'diff /tmp/t1 /tmp/nums',
  // runs of changes slid along equal lines, where GNU diff puts them
  'diff /tmp/s1 /tmp/s2',
  'diff /tmp/s2 /tmp/s1',
  'diff -u /tmp/s1 /tmp/s2 | sed 1,2d',
  'diff -q /tmp/d1 /tmp/d2',
  'diff /tmp/d1 /tmp/missing 2>/dev/null',
  'diff -u /tmp/d1 /tmp/d2 > /tmp/du; echo $?; sed 1,2d /tmp/du; cut -f 1 /tmp/du | head -2',
  'diff -u /tmp/d2 /tmp/d1 | sed 1,2d',
  'diff -U 1 /tmp/d1 /tmp/d2 | sed 1,2d',
  'diff -u /tmp/d1 /tmp/d4 | sed 1,2d',
  'diff -u /tmp/empty /tmp/words | sed 1,2d',
  'diff -u /tmp/csv /tmp/words | sed 1,2d',
  'diff -U 0 /tmp/t1 /tmp/nums | sed 1,2d',
  'od /tmp/bin',
  'od -c /tmp/bin',
  'od -x /tmp/bin',
  'od -b /tmp/bin',
  'od -d /tmp/bin',
  'od -A x -t x1 /tmp/bin',
  'od -A d -c /tmp/nonl',
  'od -A n -t x2 /tmp/nonl',
  'od -c -x /tmp/nonl',
  'od -bc /tmp/nonl',
  'od -An -tx1 /tmp/nonl',
  'od -Q /tmp/bin 2>/dev/null',
  'od -t 2>/dev/null',
  'hexdump -Cn 8 /tmp/bin',
  'echo a b c | xargs -tn1 2>&1',
  'echo a b | xargs -n 2>/dev/null',
  'echo a b | xargs -y 2>/dev/null',
  'od -N 5 -j 2 -c /tmp/t1',
  'od -t d2 /tmp/bin',
  'od -t u4 -t d1 /tmp/nonl',
  'od -v -c /tmp/bin',
  'od /tmp/empty',
  'cat /tmp/nonl | od -c',
  'hexdump -C /tmp/bin',
  'hexdump /tmp/bin',
  'hexdump -C /tmp/nonl',
  'hexdump -C -n 20 -s 3 /tmp/bin',
  'hexdump -C /tmp/empty',
  "env printf '%s-%d\\n' a 1 b 2",
  "env printf '%5.2s|%-4d|%04x|%o|%X\\n' abc 7 255 8 255",
  "env printf '%c%c\\n' hello world",
  "env printf '%b\\n' 'a\\tb\\0101|\\q'",
  "env printf 'x\\ty\\n'",
  "env printf '%d\\n' abc 2>/dev/null",
  "env printf '%d %d\\n' \"'A\" 0x1f",
  "env printf '%s|\\n'",
  "env printf '%5s|%-5s|\\n' ab cd",
  "env printf '%+d % d %i %u\\n' 5 5 -3 3",
  "env printf 'no newline'",
  "env printf '\\x41\\102\\n'",
  "env printf 'a\\cb'",
  "env printf '%*d|%-*d|\\n' 4 1 3 2",
  "env printf '%%|%s\\n' x",
  'expr 1 + 2',
  "expr 7 '*' 6",
  'expr 7 / 2',
  'expr 7 % 3',
  'expr 5 - 10',
  "expr 3 '<' 10",
  "expr abc '<' abd",
  "expr 10 '<' 9",
  'expr abc = abc',
  "expr 2 '!=' 2",
  'expr length hello',
  'expr substr hello 2 3',
  'expr index hello l',
  "expr hello : 'h\\(..\\)'",
  "expr hello : '.*'",
  "expr hello : 'x'",
  'expr match hello he',
  "expr 0 '|' 5",
  "expr 3 '&' 0",
  "expr '(' 1 + 2 ')' '*' 3",
  'expr 1 / 0 2>/dev/null',
  'expr a + 1 2>/dev/null',
  'expr 0',
  "expr ''",
  'expr 1 + 2>/dev/null',
  'echo a b c | xargs',
  'echo a b c d e | xargs -n 2',
  "echo 1 2 3 | xargs -n 1 | xargs -I X echo item X done",
  "env printf 'a\\0b c\\0' | xargs -0 -n 1 echo",
  'echo | xargs echo none',
  'echo | xargs -r echo none',
  "echo 'x \"y z\" w' | xargs -n 1",
  'seq 10 | xargs -n 3 echo',
  'seq 7 | xargs -L 2 echo',
  'echo 1 2 | xargs false',
  'echo x | xargs nosuchcommand 2>/dev/null',
  'cat /tmp/words | xargs echo',
];

// A tree for find: "old" files, then /tmp/fref a second later, then "new"
// ones another second later (so -newer means the same at a resolution of
// seconds, the guest's, as of nanoseconds, the host's).
const FIND = [
  'mkdir -p /tmp/fd/sub/deep /tmp/fd/other; echo a > /tmp/fd/a.txt; echo bb > /tmp/fd/B.TXT; seq 1 1000 > /tmp/fd/sub/big',
  'chmod 755 /tmp/fd/a.txt; chmod 600 /tmp/fd/B.TXT; ln -s a.txt /tmp/fd/link; sleep 1; touch /tmp/fref; sleep 1',
  'echo c > /tmp/fd/sub/c.c; touch /tmp/fd/sub/deep/empty; chmod 644 /tmp/fd/sub/c.c',
  'find /tmp/fd | sort',
  "find /tmp/fd -name '*.txt' | sort",
  "find /tmp/fd -iname '*.txt' | sort",
  'find /tmp/fd -type d | sort',
  'find /tmp/fd -type f | sort',
  'find /tmp/fd -type l',
  'find /tmp/fd -maxdepth 1 | sort',
  'find /tmp/fd -mindepth 2 | sort',
  'find /tmp/fd -maxdepth 0',
  'find /tmp/fd -type f -perm 600',
  'find /tmp/fd -type f -perm -644 | sort',
  'find /tmp/fd -type f -perm /111 | sort',
  'find /tmp/fd -user root -type f | sort',
  'find /tmp/fd -user 0 -group root -name a.txt',
  'find /tmp/fd -newer /tmp/fref | sort',
  'find /tmp/fd ! -newer /tmp/fref | sort',
  'find /tmp/fd -size +2 | sort',
  'find /tmp/fd -type f -size -1 | sort',
  'find /tmp/fd -type f -size 4k',
  'find /tmp/fd -type f -size +3000c',
  "find /tmp/fd -name '*.c' -exec cat {} ';'",
  "find /tmp/fd -type f -name 'a*' -exec echo found {} here ';'",
  "find /tmp/fd -type f -exec echo {} + | tr ' ' '\\n' | sort",
  'find /tmp/fd ! -type d | sort',
  "find /tmp/fd -name '*.c' -o -name '*.txt' | sort",
  "find /tmp/fd '(' -name sub -prune ')' -o -type f -print | sort",
  "find /tmp/fd -not -name '*.*' -type f | sort",
  'find /tmp/fd -empty | sort',
  "find /tmp/fd/sub/ -name '*.c'",
  "find /tmp/fd -path '*/sub/*' | sort",
  "find /tmp/fd -type f -print0 | tr '\\0' '\\n' | sort",
  'find /tmp/fd -mtime 0 -name a.txt',
  'find /tmp/fd -mtime +0 | sort',
  'find /tmp/fd -mtime -1 -type f | sort',
  'find /tmp/fd -mmin -60 -type f | sort',
  'find /tmp/fd -mmin +60',
  'find /tmp/fd -mtime x 2>/dev/null',
  'find /tmp/nonexistent 2>/dev/null',
  'find /tmp/fd -bogus 2>/dev/null',
];

let work = '';
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const runInGuest = (name: string, commands: string[], budget?: number): Promise<string[]> =>
  runTableInGuest(name, commands, INPUTS, budget);
const compareWithHost = (name: string, commands: string[], budget?: number): Promise<void> =>
  compareTableWithHost(name, commands, INPUTS, work, budget);

describe('text utilities against GNU on the same inputs', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'hako-utils-'));
    for (const [name, text] of Object.entries(INPUTS)) writeFileSync(join(work, name), text, 'latin1');
  });

  it('sort (-n -r -u -f -s -t -k -c), uniq (-c -d -u -i), cut (-d -f -c -b -s), tr (ranges, classes, -d -s -c), tee (-a), seq, basename, dirname', async () => {
    await compareWithHost('text.sh', TEXT);
  }, 600_000);

  it('cmp (-l -s), diff (normal, -u, -U N, -q), od (-c -x -b -d -t -A -j -N -v), hexdump (-C -n -s), printf, expr, xargs (-n -L -I -0 -r)', async () => {
    await compareWithHost('files.sh', FILES);
  }, 600_000);

  it('find: -name -iname -path -type -perm -user -group -newer -size -mtime -mmin -empty -exec ; and + -print0 -prune -maxdepth -mindepth ! -o ( )', async () => {
    await compareWithHost('find.sh', FIND);
  }, 600_000);

  it('which finds programs in $PATH; sleep takes fractions and units, and a stopped and continued sleep still sleeps its time and exits 0', async () => {
    const commands = [
      'which ls sh',
      'which -a ls',
      'which nosuch',
      'which /bin/ls ls',
      'sleep 0.3',
      'sleep 0.1s 0.1',
      'sleep 1x 2>/dev/null',
      'sleep 2>/dev/null',
      'cat /proc/uptime; sleep 2 & p=$!; sleep 0.5; kill -STOP $p; sleep 0.5; kill -CONT $p; wait $p; echo waited $?; cat /proc/uptime',
    ];
    const out = await runInGuest('which.sh', commands);
    const m = /^([\d.]+) [\d.]+\nwaited (\d+)\n([\d.]+) [\d.]+\nst 0\n$/.exec(out[8]);
    expect(m, out[8]).not.toBeNull();
    // the stopped sleep was not cut short: it exited 0 after its 2 seconds
    expect(m![2]).toBe('0');
    expect(Number(m![3]) - Number(m![1])).toBeGreaterThanOrEqual(2);
    expect(out.slice(0, 8)).toEqual([
      '/bin/ls\n/bin/sh\nst 0\n',
      '/bin/ls\nst 0\n',
      'st 1\n',
      '/bin/ls\n/bin/ls\nst 0\n',
      'st 0\n',
      'st 0\n',
      'st 1\n',
      'st 1\n',
    ]);
  }, 600_000);

  it('sed: s///g with & and \\1, p d q = n y a i c, hold space, N P D, labels, -n -e -i -s -E, line, $ and /RE/ addresses, ranges, !, {}', async () => {
    await compareWithHost('sed.sh', SED);
  }, 600_000);
});
