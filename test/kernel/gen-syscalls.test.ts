// toolchain/gen-syscalls.ts: the one syscall table → kernel dispatch table
// and libc stubs. Checks parsing, diagnostics, the generated C and
// assembly, and that the files in the repository are up to date.
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTable, kernelHeader, kernelTable, libcStubs, generate, staleGenerated, GEN_COMMAND, TableError, argKind, straceTable, errnoNames } from '../../toolchain/gen-syscalls.ts';
import { buildKernel } from '../../toolchain/kernel-build.ts';
import { assemble } from '../../toolchain/as/assemble.ts';
import { ROOT } from './harness.ts';

const SAMPLE = [
  '# comment',
  '4   write   libc  int fd, const void *buf, u32 count',
  '',
  '20  getpid  libc  void',
  '45  brk     raw   u32 addr',
].join('\n');

describe('gen-syscalls', () => {
  it("derives strace's argument kinds from the declarations, and its table and errno names", () => {
    const rows = parseTable(SAMPLE + '\n3 read libc int fd, void *buf, u32 count\n295 openat libc int dirfd, const char *path, int flags, int mode\n' +
      '11 execve libc const char *path, char *const *argv, char *const *envp\n114 wait4 libc int pid, int *status, int options, void *rusage', 't.tbl');
    const kinds = (name: string) => { const r = rows.find((x) => x.name === name)!; return r.params.map((p, i) => argKind(p, r.params[i + 1])); };
    expect(kinds('write')).toEqual(['K_FD', 'K_BUF_IN', 'K_UINT']);
    expect(kinds('read')).toEqual(['K_FD', 'K_BUF_OUT', 'K_UINT']);
    expect(kinds('openat')).toEqual(['K_FD', 'K_STR', 'K_INT', 'K_INT']);
    expect(kinds('execve')).toEqual(['K_STR', 'K_ARGV', 'K_ARGV']);
    expect(kinds('wait4')).toEqual(['K_INT', 'K_WSTATUS_OUT', 'K_INT', 'K_PTR']);
    expect(kinds('brk')).toEqual(['K_PTR']);
    const text = straceTable(rows, errnoNames('#define EPERM 1\n#define ENOENT 2\n#define EWOULDBLOCK 11\n#define EAGAIN 11\n'));
    expect(text).toContain('{"openat", 4, {K_FD, K_STR, K_INT, K_INT, 0, 0}},  /* 295 */');
    expect(text).toContain('  {0, 0, {0, 0, 0, 0, 0, 0}},  /* 0 */');
    expect(text).toContain('const char *const errno_names[] = {\n  0,\n  "EPERM",\n  "ENOENT",');
  });

  it('parses rows with numbers, kinds and parameter lists', () => {
    const rows = parseTable(SAMPLE, 't.tbl');
    expect(rows.map((r) => [r.nr, r.name, r.kind, r.params.length])).toEqual([
      [4, 'write', 'libc', 3], [20, 'getpid', 'libc', 0], [45, 'brk', 'raw', 1],
    ]);
  });

  it('reports malformed rows as file:line:col errors', () => {
    const bad = (text: string) => {
      try { parseTable(text, 't.tbl'); } catch (e) { return (e as Error).message; }
      return 'no error';
    };
    expect(bad('4 write libc int fd\n4 read libc int fd')).toBe('t.tbl:2:1: error: number 4 already used on line 1');
    expect(bad('x write libc void')).toMatch(/^t\.tbl:1:1: error: bad syscall number 'x'/);
    expect(bad('4 write magic void')).toMatch(/^t\.tbl:1:\d+: error: unknown stub kind 'magic'/);
    expect(bad('4 f libc int a, int b, int c, int d, int e, int f, int g')).toMatch(/more than six parameters/);
    expect(bad('4 write')).toMatch(/^t\.tbl:1:1: error: expected/);
    expect(() => parseTable('4 write libc void\n5 write libc void', 't')).toThrow(TableError);
  });

  it('makes a dispatch table with a slot for every number and 0 for the gaps', () => {
    const rows = parseTable(SAMPLE, 't.tbl');
    const h = kernelHeader(rows);
    expect(h).toContain('#define __NR_getpid 20');
    expect(h).toContain('#define NR_SYSCALLS 46');
    expect(h).toContain('int sys_write(int fd, const void *buf, u32 count);');
    expect(h).toContain('int sys_getpid(void);');
    const c = kernelTable(rows);
    const table = c.slice(c.indexOf('syscall_table[NR_SYSCALLS] = {'), c.indexOf('};'));
    const slots = table.replace(/\/\*.*?\*\//g, '').split('{')[1].split(',').map((x) => x.trim()).filter(Boolean);
    expect(slots.length).toBe(46);
    expect(slots[4]).toBe('(syscall_fn)sys_write');
    expect(slots[20]).toBe('(syscall_fn)sys_getpid');
    expect(slots[45]).toBe('(syscall_fn)sys_brk');
    expect(slots.filter((s) => s === '0').length).toBe(43);
  });

  it('makes stubs that load arguments from the right stack slots and assemble', () => {
    const s = libcStubs(parseTable(SAMPLE, 't.tbl'));
    // write: ebx is saved (callee-saved), so the first argument is at [esp+8].
    const write = s.slice(s.indexOf('__sys_write:'), s.indexOf('global write'));
    expect(write).toContain('push ebx');
    expect(write).toContain('mov ebx, [esp+8]');
    expect(write).toContain('mov ecx, [esp+12]');
    expect(write).toContain('mov edx, [esp+16]');
    expect(write).toContain('mov eax, 4');
    expect(s).toMatch(/global write\nwrite:[\s\S]*?cmp eax, -4095\n    jae __syscall_error/);
    expect(s).not.toMatch(/global brk\n/);   // raw: only __sys_brk
    expect(s).toContain('global __sys_brk');
    const r = assemble(s, 'syscalls.s');
    expect(r.ok).toBe(true);
  });

  it('the generated files in the repository match kernel/syscalls.tbl', () => {
    // Nothing in the suite writes them (the kernel build only reads them), so
    // a table edited without `npm run gen` fails here, naming the command.
    expect(staleGenerated(ROOT), 'the committed generated files differ from kernel/syscalls.tbl').toEqual([]);
    for (const g of generate(ROOT)) expect(readFileSync(g.path, 'utf8')).toBe(g.text);
    const tbl = parseTable(readFileSync(join(ROOT, 'kernel/syscalls.tbl'), 'utf8'), 'kernel/syscalls.tbl');
    const byName = new Map(tbl.map((r) => [r.name, r.nr]));
    // A few Linux i386 numbers, checked against syscall_32.tbl.
    expect([byName.get('exit'), byName.get('fork'), byName.get('execve'), byName.get('getpid'), byName.get('syslog'),
      byName.get('wait4'), byName.get('getdents'), byName.get('nanosleep'), byName.get('getcwd'), byName.get('openat')])
      .toEqual([1, 2, 11, 20, 103, 114, 141, 162, 183, 295]);
  });

  it('a table edited without regenerating stops the kernel build with the command to run, and nothing is written', async () => {
    // A copy of the parts of the tree the generator and the kernel build read.
    const root = mkdtempSync(join(tmpdir(), 'hako-gen-'));
    try {
      for (const d of ['kernel', 'userland/include', 'userland/lib/sys/hako', 'userland/bin/strace']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
      expect(staleGenerated(root)).toEqual([]);
      const tbl = join(root, 'kernel/syscalls.tbl');
      writeFileSync(tbl, readFileSync(tbl, 'utf8') + '999 hako_new_call libc int a\n');
      const before = generatedTexts(root);
      const stale = staleGenerated(root);
      expect(stale).toEqual([
        'kernel/gen/syscall_table.h', 'kernel/gen/syscall_table.c', 'userland/lib/sys/hako/syscalls.s',
        'userland/bin/strace/table.gen.c',
      ].map((f) => `${f}: out of date with kernel/syscalls.tbl; run \`${GEN_COMMAND}\` and commit the result`));
      const built = await buildKernel(root);
      expect(built.ok).toBe(false);
      expect(built.errors).toEqual(stale);
      expect(generatedTexts(root)).toEqual(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

function generatedTexts(root: string): string[] {
  return ['kernel/gen/syscall_table.h', 'kernel/gen/syscall_table.c', 'userland/lib/sys/hako/syscalls.s', 'userland/bin/strace/table.gen.c'].map((f) => readFileSync(join(root, f), 'utf8'));
}
