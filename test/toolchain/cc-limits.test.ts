// Programs at the compiler's size limits: a huge flat function compiles and
// runs (it used to fail with "internal compiler error: the program nests too
// deeply", from an array spread into push() with one argument per line); a
// genuinely deep nesting that exhausts the compiler's stack is a positioned
// error, not an internal one.
import { describe, expect, it } from 'vitest';
import { buildBare, compileToAsm } from '../../toolchain/cc/driver.ts';
import { runBare } from '../../toolchain/cc/run.ts';

describe('cc size limits', () => {
  it('compiles and runs a function of 150,000 flat statements', async () => {
    const statements = 150_000;
    const src = `int x;\nint main(void) {\n${'  x = x + 1;\n'.repeat(statements)}  return x & 255;\n}\n`;
    const built = buildBare('big.c', src, { systemPaths: [] });
    if (!built.ok) throw new Error(built.error.slice(0, 500));
    const r = await runBare(built.elf, { cmdline: 'big', input: '' });
    expect(r.error).toBeUndefined();
    expect(r.exitCode).toBe(statements & 255);
  }, 300_000);

  for (const [what, src] of [
    ['parentheses', `int main(void) { int x = 1; return ${'('.repeat(100_000)}x${')'.repeat(100_000)}; }\n`],
    ['blocks', `int main(void) {\n  int x = 1;\n${'{'.repeat(100_000)}x++;${'}'.repeat(100_000)}\n  return x;\n}\n`],
  ]) {
    it(`100,000 nested ${what} give a positioned error, not an internal one`, () => {
      const r = compileToAsm('deep.c', src, { systemPaths: [] });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.diagnostics).toMatch(/^deep\.c:\d+:\d+: error: the code here nests too deeply for the compiler \(it ran out of stack\)/);
      expect(r.diagnostics).not.toMatch(/internal/);
    }, 120_000);
  }
});
