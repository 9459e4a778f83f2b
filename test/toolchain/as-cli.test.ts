// The assembler's command line: writes the object, and on bad input prints
// positioned diagnostics to stderr and exits 1, never with a stack trace.

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseElf } from '../../isa/elf/reader.ts';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const AS = join(process.cwd(), 'toolchain', 'as', 'main.ts');

function run(args: string[]) {
  return spawnSync(TSX, [AS, ...args], { encoding: 'utf8' });
}

describe('as command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hako-as-'));

  it('assembles a file to the -o object', () => {
    writeFileSync(join(dir, 'ok.s'), 'global _start\n_start: mov eax, 1\nret\n');
    const r = run(['-o', join(dir, 'ok.o'), join(dir, 'ok.s')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const f = parseElf(new Uint8Array(readFileSync(join(dir, 'ok.o'))));
    expect(f.sections.find((s) => s.name === '.text')!.size).toBe(7);
  });

  it('prints diagnostics and exits 1 on bad input', () => {
    writeFileSync(join(dir, 'bad.s'), 'nop\n  mov al, 1\n');
    const r = run(['-o', join(dir, 'bad.o'), join(dir, 'bad.s')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${join(dir, 'bad.s')}:2:7: error: bad register 'al': Hako has only the 32-bit registers eax ecx edx ebx esp ebp esi edi\n  mov al, 1\n      ^\n`);
    expect(existsSync(join(dir, 'bad.o'))).toBe(false);
  });

  it('reports a missing file and bad usage without a stack trace', () => {
    const missing = run(['-o', join(dir, 'x.o'), join(dir, 'nope.s')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^as: cannot read .*nope\.s/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const usage = run(['--frob']);
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/unknown option --frob/);
  });
});
