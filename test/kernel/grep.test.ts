// grep with regular expressions on the real OS: the root disk with the whole
// userland booted with the shell (shell-session.ts), two files written with
// echo, and a list of grep commands. Each command is also run by the host's
// GNU grep on the same file contents (paths mapped to a temporary
// directory, stderr merged into stdout as the console does) and the texts
// must be the same; then grep over /proc/meminfo and /proc/vmstat must show
// exactly the lines that `cat` of the same file shows and a JavaScript
// RegExp of the same meaning selects.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostOutput, outputOf, runShell } from './shell-session.ts';

const FILE1 = ['MemTotal:   32768 kB', 'MemFree:    1000 kB', 'SwapTotal:  0 kB', 'SwapFree:   0 kB', 'Cached: 12 kB',
  '0 zero', '42', 'hello world', 'Hello World', 'a.b', 'axb', 'foo(bar)', 'word_x words', 'x{2} xx'];
const FILE2 = ['pswpin 12', 'pswpout 3', 'pgfault 100', 'nr_free_pages 5', 'swap_ra 0'];

// Commands whose output host GNU grep must reproduce (single quotes only,
// so the same text is valid for the guest shell and bash).
const COMPARED = [
  "grep '^Swap' /tmp/g1",
  "grep 'Mem.*kB$' /tmp/g1",
  "grep -c '^[0-9]' /tmp/g1",
  "grep -E 'pswpin|pswpout' /tmp/g2",
  "grep -in 'hello' /tmp/g1",
  "grep -v '[[:alpha:]]' /tmp/g1",
  "grep 'a\\.b' /tmp/g1",
  "grep -F 'a.b' /tmp/g1",
  "grep -F 'x{2}' /tmp/g1",
  "grep -E '^[[:upper:]][[:lower:]]+:[[:space:]]+[0-9]{2,}' /tmp/g1",
  "grep 'x\\{2\\}' /tmp/g1",
  "grep 'foo(bar)' /tmp/g1",
  "grep -E 'foo\\(bar\\)' /tmp/g1",
  "grep -w words /tmp/g1",
  "grep -w word /tmp/g1; echo st $?",
  "grep -x 'axb' /tmp/g1",
  "grep -e pswpin -e nr_ /tmp/g2",
  "grep -q swap /tmp/g2; echo st $?",
  "grep -q nothing /tmp/g2; echo st $?",
  "grep -l Swap /tmp/g1 /tmp/g2",
  "grep -c a /tmp/g1 /tmp/g2",
  "grep -h pswp /tmp/g1 /tmp/g2",
  "grep -H pswpin /tmp/g2",
  "grep -n zero /tmp/nope /tmp/g1; echo st $?",
  "grep -E '(ab' /tmp/g1; echo st $?",
  "grep 'a\\{1' /tmp/g1; echo st $?",
  "grep '[[:nope:]]' /tmp/g1; echo st $?",
  "cat /tmp/g2 | grep -E 'pswp(in|out)'",
  "grep -i -E 'HELLO|^world' /tmp/g1",
  "grep -E -c 'o+' /tmp/g1",
  "grep -vc '^[[:alpha:]]' /tmp/g1",
  "grep nothing /tmp/g1; echo st $?",
];

let work = '';
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const hostGrep = (command: string) => hostOutput(command, work);

describe('grep: POSIX regular expressions on the OS, against GNU grep', () => {
  it('BRE, ERE, -F, -i -v -n -c -w -x -e -q -l -h -H, errors and exit statuses match GNU grep; /proc lines by pattern', async () => {
    work = mkdtempSync(join(tmpdir(), 'hako-grep-'));
    writeFileSync(join(work, 'g1'), FILE1.map((l) => l + '\n').join(''));
    writeFileSync(join(work, 'g2'), FILE2.map((l) => l + '\n').join(''));
    const setup = [
      ...FILE1.map((l, i) => `echo '${l}' ${i ? '>>' : '>'} /tmp/g1`),
      ...FILE2.map((l, i) => `echo '${l}' ${i ? '>>' : '>'} /tmp/g2`),
    ];
    const proc = ["grep '^Swap' /proc/meminfo", 'cat /proc/meminfo', "grep -E 'pswpin|pswpout' /proc/vmstat",
      'cat /proc/vmstat', "grep -c '^[a-z_]* [0-9]*$' /proc/vmstat"];
    const out = await runShell([...setup, 'cat /tmp/g1 /tmp/g2', ...COMPARED, ...proc], { ramMiB: 32, budget: 800_000_000 });

    // the files arrived as written
    expect(outputOf(out, 'cat /tmp/g1 /tmp/g2')).toBe([...FILE1, ...FILE2].map((l) => l + '\n').join(''));
    for (const command of COMPARED) {
      const expected = hostGrep(command);
      expect(expected.length, `host grep printed something for ${command}`).toBeGreaterThan(0);
      expect(outputOf(out, command), command).toBe(expected);
    }

    const lines = (text: string) => text.split('\n').filter((l) => l !== '');
    const meminfo = lines(outputOf(out, 'cat /proc/meminfo'));
    const swapLines = meminfo.filter((l) => /^Swap/.test(l));
    expect(swapLines.length).toBeGreaterThanOrEqual(2);
    expect(lines(outputOf(out, "grep '^Swap' /proc/meminfo"))).toEqual(swapLines);
    const vmstat = lines(outputOf(out, 'cat /proc/vmstat'));
    const swapCounters = vmstat.filter((l) => /pswpin|pswpout/.test(l));
    expect(swapCounters.length).toBe(2);
    expect(lines(outputOf(out, "grep -E 'pswpin|pswpout' /proc/vmstat"))).toEqual(swapCounters);
    expect(outputOf(out, "grep -c '^[a-z_]* [0-9]*$' /proc/vmstat")).toBe(
      `${vmstat.filter((l) => /^[a-z_]* [0-9]*$/.test(l)).length}\n`,
    );
  }, 600_000);
});
