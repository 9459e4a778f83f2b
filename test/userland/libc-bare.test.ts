// The libc core compiled by our own compiler and run on the emulated bare
// machine (crt0, UART console, power-off exit: userland/lib/sys/bare).
//
// Where a program's output is defined by C alone, the oracle is the same
// program built by the host gcc with glibc: both must print the same bytes
// and exit with the same status. selftest.c checks what only holds on Hako
// (32-bit long limits, the allocator's invariants, the bare heap window).

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBare } from '../../toolchain/cc/driver.ts';
import { runBare } from '../../toolchain/cc/run.ts';

const DIR = join(import.meta.dirname, 'bare');
const RAM = 32 * 1024 * 1024;

async function onHako(file: string, cmdline: string, input = '') {
  const path = join(DIR, file);
  const built = buildBare(path, readFileSync(path, 'utf8'));
  if (!built.ok) throw new Error(built.error);
  const out: Buffer[] = [];
  const outcome = await runBare(built.elf, {
    cmdline, input, ramBytes: RAM, onOutput: (bytes) => out.push(Buffer.from(bytes)),
  });
  return { exitCode: outcome.exitCode, error: outcome.error, output: Buffer.concat(out).toString('latin1') };
}

/** The same program under glibc; stdout and stderr merged as the console merges them. */
function onHost(file: string, args: string[], input = '') {
  const work = mkdtempSync(join(tmpdir(), 'hako-libc-bare-'));
  try {
    const exe = join(work, 'prog');
    const cc = spawnSync('gcc', ['-std=c99', '-w', '-o', exe, join(DIR, file)], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(cc.stderr);
    const r = spawnSync('sh', ['-c', '"$0" "$@" 2>&1', exe, ...args], { input, encoding: 'latin1' });
    return { exitCode: r.status, output: r.stdout };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

describe('libc on the bare machine', () => {
  it('printf prints a matrix of conversions byte for byte like glibc', async () => {
    const hako = await onHako('printf-matrix.c', 'printf-matrix');
    const host = onHost('printf-matrix.c', []);
    expect(hako.error).toBeUndefined();
    expect(hako.output.split('\n').length).toBeGreaterThan(800);
    expect(hako.output).toBe(host.output);
    expect(hako.exitCode).toBe(0);
  });

  it('console I/O: argv from the boot command line, fgets in pieces, getchar/ungetc to EOF, stderr, exit status', async () => {
    const input = 'hello world\na line that is longer than sixteen bytes\n--\nsome words 123 and 45x 6\n  more\n';
    const hako = await onHako('io.c', 'io one two  three', input);
    const host = onHost('io.c', ['one', 'two', 'three'], input);
    expect(hako.error).toBeUndefined();
    expect(hako.output).toContain('arg 3: "three"');
    expect(hako.output).toBe(host.output);
    expect(hako.exitCode).toBe(44);
    expect(hako.exitCode).toBe(host.exitCode);
  });

  it('console input: \\r reads as \\n, Ctrl-D ends a partial line and, at a line start, the input', async () => {
    // runBare appends one more Ctrl-D after the input.
    const hako = await onHako('console.c', 'console', 'ab\rcd\x04');
    expect(hako.output).toBe('line: 61 62 0a\nline: 63 64\nEOF 1\n');
    expect(hako.exitCode).toBe(0);
  });

  it('the rest of the library (strings, strtok, ctype, strtol, qsort/bsearch, strerror/perror, getopt) prints what glibc prints', async () => {
    const hako = await onHako('misc.c', 'misc');
    const host = onHost('misc.c', []);
    expect(hako.error).toBeUndefined();
    expect(hako.output).toContain('opt n arg 12 optind 4');
    expect(hako.output).toBe(host.output);
    expect(hako.exitCode).toBe(0);
  });

  it('memcpy/memmove/memset (memory.s, rep movsd/stosd) agree with byte loops at every alignment, length and overlap', async () => {
    const hako = await onHako('memory.c', 'memory');
    expect(hako.error).toBeUndefined();
    expect(hako.output).toMatch(/^memory: (\d+) checks, 0 failures$/m);
    expect(Number(/^memory: (\d+) checks/m.exec(hako.output)![1])).toBeGreaterThan(6000);
    expect(hako.exitCode).toBe(0);
  });

  it('ends: main\'s return value, exit with atexit handlers and flushing, abort, assert and double free (134)', async () => {
    const ret = await onHako('exits.c', 'exits return 77');
    expect(ret.exitCode).toBe(77);
    const noArgs = await onHako('exits.c', '');
    expect(noArgs.exitCode).toBe(100); // an empty command line still gives argc 1
    const viaExit = await onHako('exits.c', 'exits atexit');
    expect(viaExit.output).toBe('main;second handler;first handler\n');
    expect(viaExit.exitCode).toBe(5);
    const aborted = await onHako('exits.c', 'exits abort');
    expect(aborted.output).toBe('shown\n');
    expect(aborted.exitCode).toBe(134);
    const asserted = await onHako('exits.c', 'exits assert');
    expect(asserted.output).toMatch(/exits\.c:\d+: assertion failed: argc == 1\n$/);
    expect(asserted.exitCode).toBe(134);
    const freed = await onHako('exits.c', 'exits free');
    expect(freed.output).toMatch(/^free\(\): invalid pointer 0x[0-9a-f]+\n$/);
    expect(freed.exitCode).toBe(134);
  });

  it('Hako-only checks: 32-bit strtol/printf limits, allocator invariants under stress, the heap window, qsort', async () => {
    const hako = await onHako('selftest.c', 'selftest');
    expect(hako.error).toBeUndefined();
    expect(hako.output).toMatch(/^selftest: 20 checks, 0 failures$/m);
    expect(hako.exitCode).toBe(0);
  });
});
