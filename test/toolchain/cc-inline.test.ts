// cc -O: small static inline functions are copied into their callers
// (toolchain/cc/inline.ts). test/c/242-static-inline.c checks its own
// results; here it runs both ways and must print the same, retire fewer
// instructions at -O, and have no call left to the helpers it inlines.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBare, compileToAsm, ROOT } from '../../toolchain/cc/driver.ts';
import { runBare } from '../../toolchain/cc/run.ts';

const testC = join(ROOT, 'test/c');
const program = join(testC, '242-static-inline.c');
const text = readFileSync(program, 'utf8');

async function run(optimize: boolean): Promise<{ status: number | null; output: string; instructions: number }> {
  const built = buildBare(program, text, { includePaths: [testC], optimize });
  if (!built.ok) throw new Error(built.error);
  let output = '';
  const r = await runBare(built.elf, { cmdline: 'inline', input: '', onOutput: (b) => { output += Buffer.from(b).toString('latin1'); } });
  return { status: r.exitCode, output: output + (r.error ?? ''), instructions: r.instructions };
}

function asm(src: string, optimize: boolean): string {
  const r = compileToAsm('t.c', src, { optimize });
  if (!r.ok) throw new Error(r.diagnostics);
  return r.asm;
}

describe('cc -O inlines static inline functions', () => {
  it('the program prints the same at -O and retires fewer instructions', async () => {
    const plain = await run(false);
    const optimized = await run(true);
    expect(plain.status).toBe(0);
    expect(optimized.status).toBe(0);
    expect(plain.output).toMatch(/^checksum \d+ -?\d+\n$/);
    expect(optimized.output).toBe(plain.output);
    // The loop makes 2000 × 5 calls of helpers that are a few instructions each.
    expect(optimized.instructions).toBeLessThan(plain.instructions * 0.8);
  }, 60_000);

  it('no call of an inlined helper is left, and the helper itself is not emitted', () => {
    const src = 'static inline int max(int a, int b) { return a > b ? a : b; }\nint f(int x, int y) { return max(x, y) + max(y, 3); }\n';
    expect(asm(src, false)).toMatch(/call max/);
    const o = asm(src, true);
    expect(o).not.toMatch(/call max/);
    expect(o).not.toMatch(/^max:/m);
  });

  it('keeps what it must not inline: not inline, not static, calls, recursion, address taken', () => {
    const src = [
      'static int plain(int a) { return a + 1; }',
      'inline int external(int a) { return a + 2; }',
      'int g(int);',
      'static inline int calls(int a) { return g(a); }',
      'static inline int loops(int a) { while (a > 0) a--; return a; }',
      'static inline int taken(int a) { return a * 3; }',
      'int (*fp)(int) = taken;',
      'int f(int x) { return plain(x) + external(x) + calls(x) + loops(x) + taken(x); }',
    ].join('\n');
    const o = asm(src, true);
    for (const name of ['plain', 'external', 'calls', 'loops']) expect(o).toMatch(new RegExp(`call ${name}\\b`));
    expect(o).not.toMatch(/call taken/);      // inlined at the call...
    expect(o).toMatch(/^taken:/m);             // ...and still emitted for the pointer
  });
});
