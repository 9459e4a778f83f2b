// toolchain/gen-kdebug.ts: the one debugger-layout table (kernel/kdebug.tbl)
// → the kernel's header and the web's reader. Checks parsing and its
// diagnostics, offsets without padding, the generated C and TypeScript, that
// the committed files are up to date, that the build refuses a stale header,
// and that the static checks stop a kernel whose own definitions differ
// from the table.
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLayout, kernelHeader, webReader, generateKdebug, staleKdebug } from '../../toolchain/gen-kdebug.ts';
import { GEN_COMMAND, TableError } from '../../toolchain/gen-syscalls.ts';
import { buildKernel } from '../../toolchain/kernel-build.ts';
import { Machine } from '../../emulator/machine.ts';
import { readKdebugProc, writeKdebugProc, kdebug_proc, kdebug_proc_table, kdebug_trace } from '../../web/gen/kdebug-layout.ts';
import { ROOT } from './harness.ts';

const SAMPLE = [
  'version 7',
  'group sizes',
  '  SLOTS 3 slots',
  'end',
  'group states kernel proc.h',
  '  P_RUN 2 running',
  'end',
  'struct item table',
  '  u32 id',
  '  i32 delta',
  '  char name 8',
  'end',
  'struct list table HKLS',
  '  u32 magic',
  '  item items SLOTS',
  'end',
  'struct page kernel 36 mm.h',
  '  u32 flags @0',
  '  u32 private @12',
  'end',
].join('\n');

describe('gen-kdebug', () => {
  it('lays out structs without padding, nested arrays by count, and kernel structs at their stated offsets', () => {
    const l = parseLayout(SAMPLE, 't.tbl');
    expect(l.version).toBe(7);
    const item = l.structs.find((s) => s.name === 'item')!;
    expect(item.fields.map((f) => [f.name, f.offset, f.size])).toEqual([['id', 0, 4], ['delta', 4, 4], ['name', 8, 8]]);
    expect(item.size).toBe(16);
    const list = l.structs.find((s) => s.name === 'list')!;
    expect([list.size, list.magic]).toEqual([4 + 3 * 16, 0x534c4b48]);
    expect(l.structs.find((s) => s.name === 'page')!.fields.map((f) => f.offset)).toEqual([0, 12]);
  });

  it('reports malformed lines as file:line:col errors', () => {
    const bad = (text: string) => {
      try { parseLayout(`version 1\n${text}`, 't.tbl'); } catch (e) { return (e as Error).message; }
      return 'no error';
    };
    expect(bad('struct a table\n  u64 x\nend')).toBe("t.tbl:3:3: error: unknown type 'u64' (u32, i32, char or a table struct above)");
    expect(bad('struct a table\n  char s 6\nend')).toMatch(/^t\.tbl:3:3: error: a char field needs a count that is a multiple of 4/);
    expect(bad('struct a table\n  u32 x NOPE\nend')).toMatch(/'NOPE' is not a number or a constant defined above/);
    expect(bad('struct a kernel 8 mm.h\n  u32 x @6\nend')).toMatch(/offset 6 is not a 4-aligned word inside 8 bytes/);
    expect(bad('group g\n  A 1 a\n  A 2 b\nend')).toMatch(/^t\.tbl:4:3: error: 'A' defined twice/);
    expect(bad('struct a table HK\n  u32 x\nend')).toMatch(/a magic is four capital letters/);
    expect(bad('group g\n  A 1 a')).toMatch(/group g has no end/);
    expect(bad('frob x')).toMatch(/^t\.tbl:2:1: error: unknown item 'frob'/);
    expect(() => parseLayout('group g\nend', 't')).toThrow(TableError);   // no version
  });

  it('makes a header with the structs, their size checks, and checks of the kernel\'s own definitions', () => {
    const h = kernelHeader(parseLayout(SAMPLE, 't.tbl'));
    expect(h).toContain('#define KDEBUG_LAYOUT_VERSION 7');
    expect(h).toContain('#define SLOTS 3');
    expect(h).not.toContain('#define P_RUN');   // the kernel defines it; the header only checks it
    expect(h).toContain('_Static_assert(P_RUN == 2, "kdebug.tbl: P_RUN is 2");');
    expect(h).toMatch(/struct item \{\n  u32 id;.*\n  i32 delta;.*\n  char name\[8\];.*\n\};/);
    expect(h).toContain('struct item items[3];');
    expect(h).toContain('#define LIST_MAGIC 0x534C4B48u');
    expect(h).toContain('typedef char kdebug_check_size_list[sizeof(struct list) == 52 ? 1 : -1];');
    expect(h).toContain('_Static_assert(sizeof(struct page) == 36,');
    expect(h).toContain('if ((u32)&((struct page *)0)->private != 12) return 2;');
    expect(h).toContain('static const char *const states_names[3] = { 0, 0, "running" };');
  });

  it('makes a TypeScript reader whose writer and reader agree with the offsets', () => {
    const ts = webReader(parseLayout(SAMPLE, 't.tbl'));
    expect(ts).toContain('export const item = {\n  size: 16,\n  offsets: { id: 0, delta: 4, name: 8 },\n} as const;');
    expect(ts).toContain('export function readItem(mem: GuestMemory, at: number): Item {');
    expect(ts).toContain("export const states_names: Readonly<Record<number, string>> = {\n  2: 'running',\n};");
    // The generated module in the repository: a round trip through guest RAM, at the table's offsets.
    const m = new Machine({ ramBytes: 1 << 16 });
    writeKdebugProc(m.memory, 0x100, { pid: 42, nice: -3, name: 'a-very-long-command-name', sig_ignored: 0x80000000 });
    expect(m.memory.read32(0x100 + kdebug_proc.offsets.pid)).toBe(42);
    const back = readKdebugProc(m.memory, 0x100);
    expect([back.pid, back.nice, back.name, back.sig_ignored]).toEqual([42, -3, 'a-very-long-com', 0x80000000]);
    expect(kdebug_proc_table.counts.procs).toBe(64);
    // A table of rows says where its rows are and how to read one; a table without a count (the trace ring) does not.
    const rows = kdebug_proc_table.rows;
    expect([rows.field, rows.at, rows.max, rows.stride, rows.read]).toEqual(['procs', kdebug_proc_table.offsets.procs, 64, kdebug_proc.size, readKdebugProc]);
    expect('rows' in kdebug_trace).toBe(false);
  });

  it('the generated files in the repository match kernel/kdebug.tbl', () => {
    expect(staleKdebug(ROOT), 'the committed generated files differ from kernel/kdebug.tbl').toEqual([]);
    for (const g of generateKdebug(ROOT)) expect(readFileSync(g.path, 'utf8')).toBe(g.text);
  });

  it('a table edited without regenerating stops the kernel build, and a kernel that disagrees with the table does not compile', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hako-genkd-'));
    try {
      for (const d of ['kernel', 'web/gen', 'userland/include', 'userland/lib/sys/hako', 'userland/bin/strace']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
      const tbl = join(root, 'kernel/kdebug.tbl');
      const text = readFileSync(tbl, 'utf8');
      writeFileSync(tbl, text.replace(/^( {2}HZ\s+)100/m, '$199'));
      const stale = staleKdebug(root);
      expect(stale).toEqual(['kernel/gen/kdebug_layout.h', 'web/gen/kdebug-layout.ts']
        .map((f) => `${f}: out of date with kernel/kdebug.tbl; run \`${GEN_COMMAND}\` and commit the result`));
      const refused = await buildKernel(root);
      expect(refused.errors).toEqual([stale[0]]);
      // Regenerated, the header's static check catches the kernel's HZ (100) against the table's 99.
      for (const g of generateKdebug(root)) writeFileSync(g.path, g.text);
      const built = await buildKernel(root);
      expect(built.ok).toBe(false);
      expect(built.errors.join('\n')).toContain('kdebug.tbl: HZ is 99');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
