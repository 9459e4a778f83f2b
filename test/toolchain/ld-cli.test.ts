// The linker's command line: links objects and archives with --base,
// --phys-offset and -e, and reports errors on stderr with exit status 1.

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../toolchain/as/assemble.ts';
import { createArchive } from '../../toolchain/ld/archive.ts';
import { parseElf } from '../../isa/elf/reader.ts';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const LD = join(process.cwd(), 'toolchain', 'ld', 'main.ts');

function obj(source: string): Uint8Array {
  const r = assemble(source, 'x.s');
  if (!r.ok) throw new Error('bad test source');
  return r.object;
}

describe('ld command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hako-ld-'));
  writeFileSync(join(dir, 'main.o'), obj('global kmain\nkmain: call helper\nret'));
  writeFileSync(join(dir, 'libh.a'), createArchive([{ name: 'h.o', data: obj('global helper\nhelper: ret') }]));

  it('links with --base, --phys-offset and -e', () => {
    const out = join(dir, 'kernel');
    const r = spawnSync(TSX, [LD, '-o', out, '--base', '0xC0100000', '--phys-offset', '0xC0000000', '-e', 'kmain', join(dir, 'main.o'), join(dir, 'libh.a')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const f = parseElf(new Uint8Array(readFileSync(out)));
    expect(f.entry).toBe(0xc0100000);
    expect(f.programHeaders[0].paddr).toBe(0x00100000);
  });

  it('reports link errors on stderr and exits 1', () => {
    const r = spawnSync(TSX, [LD, '-o', join(dir, 'a.out'), join(dir, 'main.o')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`ld: error: undefined symbol 'helper', referenced by ${join(dir, 'main.o')}`);
    expect(r.stderr).toContain("ld: error: entry symbol '_start' is not defined");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects bad options with usage', () => {
    const r = spawnSync(TSX, [LD, '-o', join(dir, 'a.out'), '--base', 'zzz', join(dir, 'main.o')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--base needs a number, not 'zzz'/);
    expect(r.stderr).toMatch(/usage: ld/);
  });
});
