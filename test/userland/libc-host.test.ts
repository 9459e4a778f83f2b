// The libc core (userland/lib) tested with the host's gcc before our own
// compiler can build it, plus checks that the sources stay inside the Hako
// C subset and that the bare-machine assembly assembles with our assembler.
//
// How the host test works: every libc source is compiled with host gcc
// against userland/include only (-nostdinc, -ffreestanding, -fno-builtin),
// the objects are merged and every symbol is given the prefix hk_ (objcopy
// --prefix-symbols), so the result links into a normal glibc program
// without clashes. That program (test/userland/host/*.c) supplies the
// system layer (shim.c) and runs checks section by section, using glibc
// as the oracle for printf formatting, strtol, string and ctype results.
// Each section runs in its own process: some decide stdout's buffering at
// first use, and the exit checks fork.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { assemble } from '../../toolchain/as/assemble.ts';
import { parseElf, readSymbols, symbolName } from '../../isa/elf/reader.ts';
import { SHT_SYMTAB } from '../../isa/elf/elf32.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const INCLUDE = join(ROOT, 'userland', 'include');
const LIB = join(ROOT, 'userland', 'lib');
const BARE = join(LIB, 'sys', 'bare');
const HOST = join(ROOT, 'test', 'userland', 'host');

const cFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => join(dir, f));
const headers = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? headers(join(dir, e.name)) : e.name.endsWith('.h') ? [join(dir, e.name)] : [],
  );

// The flags that make host gcc treat the libc as its own world: our headers
// only, no builtin knowledge of the standard functions, and no rewriting of
// our own loops into calls to memset/memcpy (which would recurse).
const LIBC_FLAGS = [
  '-std=c99', '-O2', '-g', '-ffreestanding', '-fno-builtin', '-nostdinc', '-fno-stack-protector',
  '-fno-tree-loop-distribute-patterns', '-fno-strict-aliasing', '-fno-common',
  '-Wall', '-Wextra', '-Werror', '-I', INCLUDE, '-I', LIB,
];

let work = '';
let harness = '';

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hako-libc-'));
  const objects = cFiles(LIB).map((src) => {
    const obj = join(work, basename(src, '.c') + '.o');
    run('gcc', [...LIBC_FLAGS, '-c', '-o', obj, src]);
    return obj;
  });
  run('ld', ['-r', '-o', join(work, 'libc.o'), ...objects]);
  run('objcopy', ['--prefix-symbols=hk_', join(work, 'libc.o'), join(work, 'libc_hk.o')]);
  harness = join(work, 'harness');
  run('gcc', [
    '-std=gnu99', '-O1', '-g', '-Wall', '-Wno-format', '-Wno-format-truncation', '-Wno-stringop-truncation',
    '-o', harness, ...cFiles(HOST), join(work, 'libc_hk.o'),
  ]);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs one harness section; returns its check count after asserting it passed. */
function section(name: string): number {
  const r = spawnSync(harness, [name], { encoding: 'utf8', timeout: 60_000 });
  const summary = new RegExp(`^${name}: (\\d+) checks, (\\d+) failures$`, 'm').exec(r.stdout);
  expect(r.stdout.split('\n').filter((l) => l.startsWith('FAIL')), r.stdout + r.stderr).toEqual([]);
  expect(summary, r.stdout + r.stderr).not.toBeNull();
  expect(Number(summary![2])).toBe(0);
  expect(r.status).toBe(0);
  return Number(summary![1]);
}

describe('libc on the host (glibc as the oracle)', () => {
  it('printf family: every flag/width/precision/length/conversion combination matches glibc, plus %c %s %p * and truncation', () => {
    expect(section('printf')).toBeGreaterThan(500_000);
  });
  it('strtol/strtoul/atoi/atol: edge cases and 30000 random strings match glibc (value, endptr, errno)', () => {
    expect(section('strtol')).toBeGreaterThan(60_000);
  });
  it('malloc/free/realloc/calloc: 60000 random operations with pattern checks and heap invariants; coalescing, ENOMEM, two segments', () => {
    expect(section('malloc')).toBeGreaterThanOrEqual(20);
  });
  it('string.h: alignments, overlaps, unsigned comparisons, searches, tokens and strerror match glibc', () => {
    expect(section('string')).toBeGreaterThanOrEqual(15);
  });
  it('ctype.h agrees with glibc for EOF and every byte', () => {
    expect(section('ctype')).toBe(1);
  });
  it('qsort sorts every pattern like glibc within 3 n log n compares; bsearch', () => {
    expect(section('qsort')).toBeGreaterThan(80);
  });
  it('stdio on the console: buffering modes, partial reads, ungetc, EOF, perror, bad descriptors', () => {
    expect(section('stdio')).toBeGreaterThan(30);
  });
  it('stdout is line-buffered on a terminal', () => {
    expect(section('stdio-tty')).toBe(2);
  });
  it('stdout is fully buffered when it is not a terminal', () => {
    expect(section('stdio-pipe')).toBe(2);
  });
  it('fopen & co. on real files: write/read back, append, r+, ftell/fseek, large data, errors', () => {
    expect(section('files')).toBeGreaterThan(20);
  });
  it('exit runs atexit handlers in reverse and flushes, reports lost output (status 1); abort, assert and bad frees end with 134', () => {
    expect(section('exit')).toBe(10);
  });
  it('getopt step by step like glibc in POSIX mode, its messages; strcasecmp/strncasecmp', () => {
    expect(section('getopt')).toBeGreaterThan(40);
  });
  it('opendir/readdir/closedir list a real directory like glibc (names and types, many refills); sbrk, isatty', () => {
    expect(section('dirent')).toBeGreaterThanOrEqual(10);
  });
  it('rand, getenv, abs', () => {
    expect(section('misc')).toBeGreaterThan(8);
  });
});

describe('libc sources for Hako', () => {
  const sources = [...cFiles(LIB), ...cFiles(BARE)];

  it('compile as 32-bit C99 with __hako__ and our headers only (gcc -m32 syntax check, no warnings)', () => {
    for (const src of sources) {
      const r = spawnSync('gcc', [
        '-std=c99', '-m32', '-fsyntax-only', '-ffreestanding', '-nostdinc', '-D__hako__', '-Wall', '-Wextra',
        '-pedantic', '-Werror', '-I', INCLUDE, '-I', LIB, src,
      ], { encoding: 'utf8' });
      expect(r.stderr, src).toBe('');
      expect(r.status, src).toBe(0);
    }
  });

  it('every header compiles on its own for Hako (gcc -m32 -D__hako__ -pedantic, no warnings)', () => {
    const all = headers(INCLUDE).map((h) => h.slice(INCLUDE.length + 1));
    expect(all).toEqual(expect.arrayContaining(['stdio.h', 'stdlib.h', 'string.h', 'errno.h', 'hako/errno.h', 'sys/stat.h']));
    for (const h of all) {
      const r = spawnSync('gcc', [
        '-std=c99', '-m32', '-fsyntax-only', '-ffreestanding', '-nostdinc', '-D__hako__', '-Wall', '-Wextra',
        '-pedantic', '-Werror', '-I', INCLUDE, '-x', 'c', '-',
      ], { input: `#include <${h}>\n#include <${h}>\nint hako_header_check;\n`, encoding: 'utf8' });
      expect(r.stderr, h).toBe('');
      expect(r.status, h).toBe(0);
    }
  });

  it('ABI structs have Linux i386 sizes and offsets (the kernel copies them byte for byte)', () => {
    // Each line is a compile-time assertion: an array of size -1 fails to compile.
    const facts: [string, string][] = [
      ['sizeof(struct stat) == 64', 'sys/stat.h'],
      ['offsetof(struct stat, st_size) == 20', 'sys/stat.h'],
      ['offsetof(struct stat, st_mtime) == 40', 'sys/stat.h'],
      ['sizeof(struct termios) == 36', 'termios.h'],
      ['offsetof(struct termios, c_cc) == 17', 'termios.h'],
      ['sizeof(struct utsname) == 6 * 65', 'sys/utsname.h'],
      ['sizeof(struct tms) == 16', 'sys/times.h'],
      ['sizeof(struct timespec) == 8', 'time.h'],
      ['sizeof(struct timeval) == 8', 'sys/time.h'],
      ['sizeof(struct winsize) == 8', 'sys/ioctl.h'],
      ['sizeof(struct bootinfo) == 14 * 4', 'hako/bootinfo.h'],
      ['offsetof(struct bootinfo, disk2_blocks) == 13 * 4', 'hako/bootinfo.h'],
      ['offsetof(struct bootinfo, boot_time) == 12 * 4', 'hako/bootinfo.h'],
      ['sizeof(va_list) == 4', 'stdarg.h'],
      ['sizeof(size_t) == 4 && (size_t)-1 > 0', 'stddef.h'],
      ['sizeof(long) == 4 && LONG_MAX == 2147483647L && (char)-1 < 0', 'limits.h'],
    ];
    // gcc does not take the classic offsetof as a constant at file scope; its builtin computes the same.
    const source = ['#include <stddef.h>', ...new Set(facts.map(([, h]) => `#include <${h}>`)),
      '#undef offsetof', '#define offsetof(t, m) __builtin_offsetof(t, m)',
      ...facts.map(([fact], i) => `typedef char fact_${i}[(${fact}) ? 1 : -1];`)].join('\n') + '\n';
    const r = spawnSync('gcc', [
      '-std=c99', '-m32', '-fsyntax-only', '-ffreestanding', '-nostdinc', '-D__hako__', '-Wall', '-Wno-unused-local-typedefs',
      '-I', INCLUDE, '-x', 'c', '-',
    ], { input: source, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('use nothing outside the Hako C subset (no floating point, asm, builtins, designated initializers)', () => {
    const forbidden: [RegExp, string][] = [
      [/\b(float|double)\b/, 'floating point'],
      [/\b(asm|__asm__|__attribute__|inline|__func__)\b/, 'a GNU or C99 extra'],
      [/\b__builtin_\w+/, 'a compiler builtin'],
      [/[{,]\s*\.[A-Za-z_]\w*\s*=/, 'a designated initializer'],
    ];
    // stdarg.h's host branch (#else) uses the builtins by design.
    const files = [...sources, ...headers(INCLUDE).filter((h) => !h.endsWith('stdarg.h')), ...headers(LIB)];
    const problems: string[] = [];
    for (const file of files) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
        .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
      code.split('\n').forEach((line, i) => {
        for (const [re, what] of forbidden) if (re.test(line)) problems.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('stdarg.h walks the stack exactly as docs/abi.md says under __hako__', () => {
    // Preprocess a use of each macro and look at what the compiler will see.
    const out = execFileSync('gcc', ['-E', '-P', '-nostdinc', '-D__hako__', '-I', INCLUDE, '-x', 'c', '-'], {
      input: '#include <stdarg.h>\nva_list ap; void f(char c, ...) { va_start(ap, c); S1; va_arg(ap, short); S2; }\n',
      encoding: 'utf8',
    });
    expect(out).toMatch(/typedef char \*va_list;/);
    // va_start: the address of the last named parameter plus its rounded size.
    expect(out).toMatch(/\(\(ap\) = \(char \*\)&\(c\) \+ \(\(sizeof\(c\) \+ 3\) & ~3\)\)/);
    // va_arg: advance by the rounded size of T and read the T just passed.
    expect(out).toMatch(/\(\*\(short \*\)\(\(\(ap\) \+= \(\(sizeof\(short\) \+ 3\) & ~3\)\) - \(\(sizeof\(short\) \+ 3\) & ~3\)\)\)/);
  });

  it('the bare-machine assembly (crt0.s, ports.s) assembles with toolchain/as and exports its entry points', () => {
    const expected: Record<string, string[]> = {
      'crt0.s': ['_start'],
      'ports.s': ['port_inb', 'port_outb', 'cpu_halt'],
    };
    for (const [file, globals] of Object.entries(expected)) {
      const result = assemble(readFileSync(join(BARE, file), 'utf8'), file);
      if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`).join('\n'));
      const elf = parseElf(result.object);
      const symtab = elf.sections.find((s) => s.type === SHT_SYMTAB)!;
      const defined = readSymbols(symtab)
        .filter((s) => s.bind === 1 && s.shndx !== 0)
        .map((s) => symbolName(elf, symtab, s));
      for (const g of globals) expect(defined, `${file} defines ${g}`).toContain(g);
    }
  });
});
