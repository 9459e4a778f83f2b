// The userland on the real kernel: the root disk of `npm run build:os`
// (toolchain/os-build.ts with every program of toolchain/userland-build.ts)
// booted headless through the kernel tests' harness. Each case is data:
// commands typed at the shell's prompts, and what the console must then
// show (strings, or regular expressions), plus the power-off code.
// The usertests case runs the in-guest suite and requires every case of its
// tables (read from userland/usertests) to run and pass.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { boot, ROOT } from './harness.ts';
import { expectFsckClean, expectUsertestsPassed } from './usertests-run.ts';

let disk: Uint8Array | undefined;

/**
 * The names of every usertests case in the order the runner runs them, read
 * from the sources: main.c's `tables[N] = ut_X_cases;` lines give the order
 * of the tables, each `struct ut_case ut_X_cases[] = { { "name", fn }, …
 * { 0, 0 } }` in userland/usertests/*.c its cases.
 */
function usertestsCases(): string[] {
  const dir = join(ROOT, 'userland/usertests');
  const main = readFileSync(join(dir, 'main.c'), 'utf8');
  const order = [...main.matchAll(/^\s*tables\[(\d+)\]\s*=\s*(ut_\w+_cases)\s*;/gm)]
    .sort((a, b) => Number(a[1]) - Number(b[1])).map((m) => m[2]);
  const tables = new Map<string, string[]>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.c'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/struct\s+ut_case\s+(ut_\w+_cases)\s*\[\s*\]\s*=\s*\{([^;]*)\}\s*;/g)) {
      tables.set(m[1], [...m[2].matchAll(/\{\s*"([^"]+)"\s*,/g)].map((c) => c[1]));
    }
  }
  return order.flatMap((t) => {
    const cases = tables.get(t);
    if (!cases) throw new Error(`usertests: main.c runs ${t}, which no userland/usertests/*.c defines`);
    return cases;
  });
}

function rootDisk(): Uint8Array {
  if (!disk) {
    const built = buildUserland(ROOT);
    if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
    disk = buildDiskImage({ extraFiles: built.files, time: 1764000000, sizeBytes: 32 << 20 });
  }
  return disk;
}

interface Step {
  /** typed at the next prompt (Enter is added); must not contain the prompt's "# " */
  type: string;
  /** wait for this text instead of the prompt before typing (e.g. to press ^C) */
  after?: string;
  /** sent as is, without Enter */
  raw?: boolean;
}

interface Scenario {
  name: string;
  steps: Step[];
  expect: (string | RegExp)[];
  /** must not appear */
  absent?: (string | RegExp)[];
  exitCode: number;
  budget?: number;
}

const PROMPT = '# ';

async function runScenario(s: Scenario): Promise<string> {
  // the console writes \r\n (ONLCR); steps are written with \n
  const script = s.steps.map((st) => ({ after: (st.after ?? PROMPT).replace(/\n/g, '\r\n'), send: st.raw ? st.type : `${st.type}\r` }));
  const r = await boot({ ramMiB: 32, disks: [new MemoryBlockStore(rootDisk())], script, budget: s.budget ?? 400_000_000 });
  const out = r.output.replace(/\r\n/g, '\n');
  if (process.env.DEBUG_OUT) console.log(JSON.stringify(out));
  for (const e of s.expect) {
    if (typeof e === 'string') expect(out, `output of "${s.name}"`).toContain(e);
    else expect(out, `output of "${s.name}"`).toMatch(e);
  }
  for (const a of s.absent ?? []) {
    if (typeof a === 'string') expect(out).not.toContain(a);
    else expect(out).not.toMatch(a);
  }
  expect(r.state, `${s.name}: ${r.deadReason}\n${out.slice(-2000)}`).toBe('off');
  expect(r.exitCode).toBe(s.exitCode);
  return out;
}

const scenarios: Scenario[] = [
  {
    name: 'files: ls, cat, echo >, mkdir, cp, mv, rm, ln -s, readlink, stat, chmod',
    steps: [
      { type: 'cat /etc/motd' },
      { type: 'echo hi > /tmp/x; cat /tmp/x' },
      { type: 'mkdir -p /tmp/a/b/c && ls -R /tmp/a' },
      { type: 'cp /tmp/x /tmp/a/y; mv /tmp/a/y /tmp/a/b/z; cat /tmp/a/b/z' },
      { type: 'ln -s /tmp/a/b/z /tmp/link; readlink /tmp/link; ls -l /tmp/link' },
      { type: 'chmod 700 /tmp/x; ls -l /tmp/x' },
      { type: 'rm -r /tmp/a; ls /tmp/a; echo rm-status $?' },
      { type: 'ls -l /bin' },
      { type: 'ls -la /home/hako' },
      { type: 'stat /etc/passwd' },
      { type: 'poweroff' },
    ],
    expect: [
      'a whole computer in a box',
      'echo hi > /tmp/x; cat /tmp/x\nhi\n',
      '/tmp/a:\nb\n\n/tmp/a/b:\nc\n\n/tmp/a/b/c:\n',
      'cat /tmp/a/b/z\nhi\n',
      '\n/tmp/a/b/z\n',
      /lrwxrwxrwx +1 root +root +10 \d{4}-\d\d-\d\d \d\d:\d\d \/tmp\/link -> \/tmp\/a\/b\/z\n/,
      /-rwx------ +1 root +root +3 [-0-9: ]+ \/tmp\/x\n/,
      'ls: /tmp/a: No such file or directory\nrm-status 2\n',
      /-rwxr-xr-x +1 root +root +\d+ [-0-9: ]+ usertests\n/,
      /drwxr-xr-x +\d+ hako +hako +4096 [-0-9: ]+ \.\n/,
      /Access: \(0644\/-rw-r--r--\) +Uid: \( +0\/ +root\)/,
    ],
    exitCode: 0,
  },
  {
    name: 'pipelines, grep, wc, head, tail, redirections',
    steps: [
      { type: 'cat /etc/passwd | grep root | wc -l' },
      { type: 'grep -c o /etc/passwd; grep -in HAKO /etc/passwd; grep -v o /etc/group | head -n 2' },
      { type: 'echo one > /tmp/f; echo two >> /tmp/f; echo three >> /tmp/f; tail -n 2 /tmp/f; wc /tmp/f' },
      { type: 'cat < /tmp/f | cat | cat | cat | cat | cat | head -1' },
      { type: 'ls /nope 2> /tmp/err; cat /tmp/err' },
      { type: 'ls /nope /tmp/f > /tmp/both 2>&1; cat /tmp/both' },
      { type: 'poweroff' },
    ],
    expect: [
      'grep root | wc -l\n1\n',
      'head -n 2\n4\n3:hako:x:1000:1000:Hako User:/home/hako:/bin/sh\ntty:x:5:\nhako:/# ',
      'two\nthree\n      3       3      14 /tmp/f\n',
      'head -1\none\n',
      'cat /tmp/err\nls: /nope: No such file or directory\n',
      'cat /tmp/both\nls: /nope: No such file or directory\n/tmp/f\n',
    ],
    exitCode: 0,
  },
  {
    name: 'shell language: quoting, variables, $? $$ $!, ; && ||, not found 127, not executable 126, scripts',
    steps: [
      { type: `echo "a  b" 'c $HOME' d\\ e $HOME "$HOME"x` },
      { type: 'X=5; export Y=6; echo $X ${Y}; env | grep Y=' },
      { type: 'false; echo st=$?; true && echo and-ok; false && echo never; false || echo or-ok' },
      { type: 'nosuchcmd; echo st=$?' },
      { type: `echo 'echo in-script $1 $#' > /tmp/s.sh; sh /tmp/s.sh arg1; chmod 644 /tmp/s.sh; /tmp/s.sh; echo st=$?` },
      { type: `sh -c 'echo from -c; exit 9'; echo st=$?` },
      { type: 'chmod 755 /tmp/s.sh; /tmp/s.sh x y; echo st=$?' },
      { type: 'cd /tmp; pwd; cd; pwd' },
      { type: 'unset X; echo [$X]' },
      { type: `[ -d /etc ] && test -f /etc/passwd && [ 3 -lt 10 -a abc != x ] && echo tests-true; [ -z "" -o 1 -gt 2 ]; echo st=$?; [ 1 -eq ]; echo st=$?` },
      { type: `echo /etc/*s*; echo /e*/p?ss[a-z]d; echo nomatch*; echo '/etc/*'; cd /etc; echo gr*` },
      { type: 'exit 4' },
      { type: 'echo new shell; poweroff 3' },
    ],
    expect: [
      'a  b c $HOME d e /root /rootx\n',
      '5 6\nY=6\n',
      'st=1\nand-ok\nor-ok\n',
      'sh: nosuchcmd: command not found\nst=127\n',
      'in-script arg1 1\nsh: /tmp/s.sh: Permission denied\nst=126\n',
      'from -c\nst=9\n',
      'in-script x 2\nst=0\n',
      'cd; pwd\n/tmp\n/root\nhako:/root# ',
      '[]\n',
      'tests-true\nst=0\ntest: bad expression\nst=2\n',
      '/etc/hostname /etc/passwd /etc/shadow /etc/shells\n/etc/passwd\nnomatch*\n/etc/*\ngroup\nhako:/etc# ',
      'new shell\n',
    ],
    exitCode: 3,
  },
  {
    name: 'compound commands: for, while, until, if/elif/else, over several lines, and . (source)',
    steps: [
      { type: 'for i in a b c; do echo item $i; done; for f in /etc/p*d /nope; do if [ -f $f ]; then echo $f: file; elif [ -d $f ]; then echo dir; else echo $f: missing; fi; done' },
      { type: `n=; while [ "$n" != xxx ]; do n=\${n}x; echo n=$n; done; until true; do echo never; done; echo loop-st=$?` },
      { type: 'if false' },
      { type: 'then echo no', after: '> ' },
      { type: 'else echo multi-line-else', after: '> ' },
      { type: 'fi', after: '> ' },
      { type: `echo 'for w in 1 2; do echo "sourced $w"; done; V=set' > /tmp/inc; . /tmp/inc; echo V=$V; echo if then fi` },
      { type: 'poweroff' },
    ],
    expect: [
      'item a\nitem b\nitem c\n/etc/passwd: file\n/nope: missing\n',
      'n=x\nn=xx\nn=xxx\nloop-st=0\n',
      // after the last line typed (the terminal's echo of `else echo
      // multi-line-else` must not satisfy this): the shell's own output
      '> fi\nmulti-line-else\n',
      'sourced 1\nsourced 2\nV=set\nif then fi\n',
    ],
    absent: ['\nnever\n', '\nno\n'],
    exitCode: 0,
  },
  {
    name: 'processes: ps, background jobs, wait, kill, signals, time, nice',
    steps: [
      { type: 'sleep 2 &' },
      { type: 'ps' },
      { type: 'wait $!; echo waited $?' },
      { type: 'sleep 30 & kill $!; wait $!; echo st=$?' },
      { type: 'sh -c \'kill -SEGV $$\'; echo st=$?' },
      { type: 'sleep 30 | sleep 40 &' },
      { type: 'kill -9 %1; wait $!; echo job-st=$?' },
      { type: 'kill -l 11; kill -s KILL 9999; echo st=$?' },
      { type: 'time sleep 1' },
      { type: 'nice -n 5 nice' },
      { type: 'yes > /dev/null' },
      { type: '\x03', raw: true, after: 'yes > /dev/null\n' },
      { type: 'echo after-ctrl-c $?' },
      { type: 'poweroff' },
    ],
    expect: [
      /\[1\] \d+\n/,
      /PID +PPID +STAT +NI +TIME +CMD\n +1 +0 S +0 +\d+:\d\d\.\d\d \/sbin\/init\n/,   // CMD: /proc/PID/cmdline
      /\n +\d+ +\d+ S +0 +\d+:\d\d\.\d\d sleep 2\n/,
      'waited 0\n',
      'st=143\n',
      'Segmentation fault\nst=139\n',
      'job-st=137\n',
      'SEGV\nkill: (9999): No such process\nst=1\n',
      // sleep 1 takes about a second of emulated time, and almost no CPU
      /real\t0m(0\.9[5-9]|1\.0[0-5])\ds\nuser\t0m0\.0\d\ds\nsys\t0m0\.0\d\ds\n/,
      'nice -n 5 nice\n5\n',
      '^C\n',
      'after-ctrl-c 130\n',
    ],
    exitCode: 0,
  },
  {
    name: 'job control: ^Z stops the foreground job, jobs lists it, bg and fg continue it',
    steps: [
      { type: 'sleep 3' },
      { type: '\x1a', raw: true, after: 'sleep 3\n' },
      { type: 'jobs', after: 'Stopped' },
      { type: 'bg' },
      { type: 'jobs; fg %1' },
      { type: 'echo fg-status $?' },
      { type: 'poweroff' },
    ],
    expect: [
      '^Z\n[1]+  Stopped                 sleep 3\n',
      'jobs\n[1]  Stopped                 sleep 3\n',
      'bg\n[1]+ sleep 3 &\n',
      'fg %1\n[1]  Running                 sleep 3\nsleep 3\n',
      'fg-status 0\n',
    ],
    exitCode: 0,
  },
  {
    name: 'line editing: arrows move the cursor, up recalls history, ^C abandons a line, ^D at an empty prompt ends the shell',
    steps: [
      { type: 'echo abc' },
      { type: '\x1b[A', after: '\nabc\n' },
      { type: 'echo hllo\x1b[D\x1b[D\x1b[De\x1b[F!', after: '\nabc\n' },
      { type: 'echo never\x03', raw: true, after: '\nhello!\n' },
      { type: '\x04', raw: true, after: '^C\n' },
      { type: 'echo restarted; poweroff', after: 'exit\n' },
    ],
    expect: [
      'hako:/# echo abc\nabc\nhako:/# ',
      // up: the line redrawn from history, then run again
      'hako:/# \rhako:/# echo abc\x1b[K\nabc\n',
      'hello!\n',
      'echo never^C\n',
      'exit\n',
      'restarted\n',
    ],
    absent: ['never\n'],
    exitCode: 0,
  },
  {
    name: 'system information: uname, dmesg, uptime, free, usertests exit status via poweroff',
    steps: [
      { type: 'uname -a' },
      { type: 'dmesg | head -n 1' },
      { type: 'uptime' },
      { type: 'free' },
      { type: 'poweroff 42' },
    ],
    expect: [
      'uname -a\nHako hako 0.1.0',
      /dmesg \| head -n 1\n\[ +0\.\d+\] Hako kernel/,
      / \d\d:\d\d:\d\d up \d+ min, +\d+ processes, load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d\n/,
      /total +used +free +shared +buff\/cache +available\nMem: +\d+ +\d+ +\d+ +\d+ +\d+ +\d+\nSwap: +\d+ +\d+ +\d+\n/,
    ],
    exitCode: 42,
  },
];

describe('the userland on the kernel', () => {
  for (const s of scenarios) {
    it(s.name, async () => {
      await runScenario(s);
    }, 300_000);
  }

  it('piped input: commands typed ahead of the shell run in order and poweroff gives the exit code', async () => {
    const r = await boot({
      ramMiB: 32, disks: [new MemoryBlockStore(rootDisk())], budget: 200_000_000,
      input: 'echo first\necho second | wc -c\npoweroff 7\n',
    });
    const out = r.output.replace(/\r\n/g, '\n');
    expect(out).toMatch(/\nfirst\n[^]*\n7\n/);
    expect(r.state).toBe('off');
    expect(r.exitCode).toBe(7);
  }, 300_000);

  it('usertests: every case passes, and the disk is clean afterwards (e2fsck)', async () => {
    const store = new MemoryBlockStore(rootDisk());
    const r = await boot({
      ramMiB: 32, disks: [store], budget: 8_000_000_000,
      script: [{ after: PROMPT, send: 'usertests; poweroff $?\r' }],
    });
    const out = r.output.replace(/\r\n/g, '\n');
    // Every case of the tables, by name, in the runner's order: none may be
    // missing (a case that hung or was dropped from a table is a failure).
    expectUsertestsPassed(out, usertestsCases());
    expect(r.exitCode).toBe(0);
    // all those creates, renames, truncates and unlinks left ext2 consistent
    expectFsckClean(store.image);
  }, 600_000);
});
