// strace on Hako against Linux's strace (issue 15, "strace compared with
// Linux strace"): the same C program shapes (test/kernel/progs/
// strace_shapes.c: cat a file, failing calls, fork + wait4, a handled
// signal) are traced on the guest by our strace and on the host, built by
// gcc, by Linux's strace, with the same options and the same -e trace=
// list, and the lines must match: call names, argument decoding (strings
// quoted, escaped and cut at 32 bytes, flags by name, the mode in octal,
// AT_FDCWD, the wait status, signals), results at column 40, errno names
// and texts, <unfinished ...>/<... resumed> pairs, the +++ lines.
// Normalized only where the systems must differ: pids (numbered in order of
// appearance), addresses, and a signal's siginfo after si_signo (Hako keeps
// no sender or cause with a pending signal). Lines are compared per process
// (-f interleaves them by timing). When the host has no strace or gcc, the
// expected lines are Linux strace 6.1's, recorded below. -c is checked for
// its table's shape and counts.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileToObject, linkProgram } from '../../toolchain/cc/driver.ts';
import { ROOT } from './harness.ts';
import { outputOf, runShell, userlandDisk } from './shell-session.ts';
import { expectFsckClean } from './usertests-run.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';

const SRC = join(ROOT, 'test/kernel/progs/strace_shapes.c');
const DATA_DIR = '/tmp/strace-shape';
const DATA = '0123456789abcdefghijklmnopqrstuvwxyz\tend\n';
const TRACE = '-e trace=openat,read,write,close,wait4,kill,exit_group';

/** name → [strace options, program arguments] */
const SHAPES: Record<string, [string, string]> = {
  cat: ['', `cat ${DATA_DIR}/data.txt`],
  fail: ['', 'fail'],
  fork: ['-f', 'fork'],
  signal: ['', 'signal'],
};

/** What Linux strace 6.1 printed for each shape (x86_64, static glibc), for hosts without strace. */
const RECORDED: Record<string, string> = {
  cat: `openat(AT_FDCWD, "/tmp/strace-shape/data.txt", O_RDONLY) = 3
read(3, "0123456789abcdefghijklmnopqrstuv"..., 64) = 41
write(1, "0123456789abcdefghijklmnopqrstuv"..., 41) = 41
read(3, "", 64)                         = 0
close(3)                                = 0
exit_group(0)                           = ?
+++ exited with 0 +++
`,
  fail: `openat(AT_FDCWD, "/nonexistent/out.txt", O_WRONLY|O_CREAT|O_TRUNC, 0644) = -1 ENOENT (No such file or directory)
close(99)                               = -1 EBADF (Bad file descriptor)
exit_group(2)                           = ?
+++ exited with 2 +++
`,
  fork: `1640  wait4(1642,  <unfinished ...>
1642  write(1, "child\\n", 6)            = 6
1642  exit_group(3)                     = ?
1642  +++ exited with 3 +++
1640  <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 1642
1640  --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1642, si_uid=0, si_status=3, si_utime=0, si_stime=0} ---
1640  exit_group(0)                     = ?
1640  +++ exited with 0 +++
`,
  signal: `kill(1650, SIGUSR1)                     = 0
--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=1650, si_uid=0} ---
write(1, "caught\\n", 7)                 = 7
exit_group(0)                           = ?
+++ exited with 0 +++
`,
};

function guestShapes(): Uint8Array {
  const obj = compileToObject(SRC, readFileSync(SRC, 'utf8'), {});
  if (!obj.ok) throw new Error(obj.diagnostics);
  const r = linkProgram([{ name: 'strace_shapes.o', data: obj.object }], 'hako');
  if (!r.ok) throw new Error(r.error);
  return r.elf;
}

/** Linux strace's lines for each shape, run on the host; null without strace or gcc. */
function hostTraces(): Record<string, string> | null {
  const have = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  if (!have('strace') || !have('gcc')) return null;
  const dir = mkdtempSync(join(tmpdir(), 'hako-strace-'));
  try {
    const exe = join(dir, 'shapes');
    const cc = spawnSync('gcc', ['-static', '-O1', '-o', exe, SRC], { encoding: 'utf8' });
    if (cc.status !== 0) return null;
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(`${DATA_DIR}/data.txt`, DATA);
    const out: Record<string, string> = {};
    for (const [name, [opts, args]] of Object.entries(SHAPES)) {
      const log = join(dir, `${name}.txt`);
      spawnSync('sh', ['-c', `strace ${opts} -o ${log} ${TRACE} ${exe} ${args} >/dev/null 2>&1`]);
      out[name] = readFileSync(log, 'utf8');
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Per process (P1 the traced program, then P2... in order of appearance), its lines with pids
 * numbered, addresses as 0xADDR, siginfo cut after si_signo, and each
 * `<unfinished ...>` joined with its `<... resumed>` into one line.
 */
function normalize(text: string): Map<string, string[]> {
  const pids: string[] = [];
  const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('strace: '));
  // P1 is the traced program: the last to exit (it waits for its children).
  const last = [...lines].reverse().find((l) => /^\d+ +\+\+\+/.test(l));
  if (last) pids.push(/^\d+/.exec(last)![0]);
  for (const l of lines) {
    for (const m of l.matchAll(/^(\d+) |(?:kill|wait4)\((\d+)|= (\d+)$/g)) {
      const p = m[1] ?? m[2];
      if (p && !pids.includes(p)) pids.push(p);
    }
  }
  const byProc = new Map<string, string[]>();
  const pending = new Map<string, string>();
  for (let l of lines) {
    for (const [i, p] of pids.entries()) l = l.replace(new RegExp(`\\b${p}\\b`, 'g'), `P${i + 1}`);
    l = l.replace(/0x[0-9a-f]+/g, '0xADDR').replace(/(\{si_signo=\w+), [^}]*\}/, '$1, ...}');
    const m = /^(P\d+) +(.*)$/.exec(l);
    const proc = m ? m[1] : 'P1';
    let body = m ? m[2] : l;
    if (body.endsWith(' <unfinished ...>')) {
      pending.set(proc, body.slice(0, -' <unfinished ...>'.length));
      continue;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(body);
    if (resumed) body = (pending.get(proc) ?? '') + resumed[1];
    // Padding to column 40 moves with pid widths and cut lines: compared
    // as one space here; the shapes without pids are compared exactly below.
    body = body.replace(/\) +=/, ') =');
    if (!byProc.has(proc)) byProc.set(proc, []);
    byProc.get(proc)!.push(body);
  }
  return byProc;
}

describe('strace', () => {
  it('prints what Linux strace prints for the same program shapes', async () => {
    const expected = hostTraces() ?? RECORDED;
    const commands = Object.entries(SHAPES).map(([name, [opts, args]]) =>
      `strace ${opts} -o /tmp/${name}.txt ${TRACE} /bin/shapes ${args} >/dev/null; cat /tmp/${name}.txt`);
    const root = new MemoryBlockStore(userlandDisk([
      { guestPath: '/bin/shapes', data: guestShapes(), mode: 0o755 },
      { guestPath: `${DATA_DIR}/data.txt`, data: new TextEncoder().encode(DATA), mode: 0o644 },
    ]));
    const out = await runShell(commands, { ramMiB: 32, budget: 900_000_000, root });
    for (const [i, name] of Object.keys(SHAPES).entries()) {
      const ours = outputOf(out, commands[i]);
      expect(normalize(ours), `${name}:\n${ours}\nLinux:\n${expected[name]}`).toEqual(normalize(expected[name]));
    }
    // Without pids in them the lines are Linux's to the column.
    expect(outputOf(out, commands[0])).toBe(expected.cat);
    expect(outputOf(out, commands[1])).toBe(expected.fail);
    expectFsckClean(root.image);   // the -o files written, the disk clean
  }, 600_000);

  it('-c counts calls and errors per call in Linux\'s table; -p attaches to a running process', async () => {
    const out = await runShell([
      'strace -c -o /tmp/c.txt /bin/shapes fail; cat /tmp/c.txt',
      'sleep 3 & sleep 0.02; strace -p $! -e trace=nanosleep,restart_syscall,exit_group -o /tmp/p.txt; cat /tmp/p.txt',
    ], {
      ramMiB: 32,
      budget: 1_500_000_000,
      files: [{ guestPath: '/bin/shapes', data: guestShapes(), mode: 0o755 }],
    });
    const table = outputOf(out, 'strace -c -o /tmp/c.txt /bin/shapes fail; cat /tmp/c.txt').split('\n');
    expect(table[0]).toBe('% time     seconds  usecs/call     calls    errors syscall');
    expect(table[1]).toBe('------ ----------- ----------- --------- --------- ----------------');
    const row = (name: string) => table.find((l) => l.endsWith(` ${name}`)) ?? '';
    expect(row('openat')).toMatch(/^ *\d+\.\d\d +\d+\.\d{6} +\d+ +1 +1 openat$/);
    expect(row('close')).toMatch(/^ *\d+\.\d\d +\d+\.\d{6} +\d+ +1 +1 close$/);
    expect(row('total')).toMatch(/^100\.00 +\d+\.\d{6} +\d+ +\d+ +2 total$/);
    const attached = outputOf(out, 'sleep 3 & sleep 0.02; strace -p $! -e trace=nanosleep,restart_syscall,exit_group -o /tmp/p.txt; cat /tmp/p.txt');
    expect(attached).toMatch(/^strace: Process \d+ attached$/m);
    expect(attached).toMatch(/^restart_syscall\(<\.\.\. resuming interrupted nanosleep \.\.\.>\) += 0$/m);
    expect(attached).toMatch(/^exit_group\(0\) += \?\n\+\+\+ exited with 0 \+\+\+$/m);
  }, 600_000);
});
