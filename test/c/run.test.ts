// The C test programs: every test/c/NNN-*.c is compiled for the bare machine
// with our compiler, linked with libc, booted and must exit with status 0
// (each program checks itself with ASSERT and exits 1 on a mismatch,
// printing what differed). Every test/c/errors/*.c must be rejected with
// the diagnostic its expectation comment names (see test/c/errors/README).
// libc is compiled once per toolchain version and cached under build/.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildBare, compileToAsm } from '../../toolchain/cc/driver.ts';
import { runBare } from '../../toolchain/cc/run.ts';

const dir = new URL('.', import.meta.url).pathname;
const programs = readdirSync(dir).filter((f) => /^\d.*\.c$/.test(f)).sort();

async function runProgram(file: string): Promise<{ status: number | null; output: string }> {
  const path = join(dir, file);
  const built = buildBare(path, readFileSync(path, 'utf8'), { includePaths: [dir] });
  if (!built.ok) return { status: null, output: built.error };
  let output = '';
  const r = await runBare(built.elf, {
    cmdline: file,
    input: '',
    onOutput: (b) => { output += Buffer.from(b).toString('latin1'); },
    maxInstructions: 2e9,
  });
  return { status: r.exitCode, output: output + (r.error ? `\n[${r.error}]` : '') };
}

describe('C programs on the bare machine', () => {
  it('finds the programs', () => {
    expect(programs.length).toBeGreaterThan(0);
  });
  for (const f of programs) {
    it(f, async () => {
      const r = await runProgram(f);
      expect({ status: r.status, output: r.output }).toEqual({ status: 0, output: expect.any(String) });
    }, 60_000);
  }
});

// ---- negative tests ---------------------------------------------------------------------

const errorsDir = join(dir, 'errors');
// Read whether or not the folder is there: its absence must fail below, not
// leave the suite with no negative test to run.
const errorFiles = existsSync(errorsDir) ? readdirSync(errorsDir).filter((f) => f.endsWith('.c')).sort() : [];

/**
 * The expectation of a negative test: a comment in the file such as
 * `// expect: LINE:COL: text` (the text must occur in the message),
 * `expect-error: LINE:COL` or `expected error at line L, column C`;
 * failing that, a line of test/c/errors/README* naming the file and
 * `LINE:COL`.
 */
function expectationOf(file: string, text: string): { line: number; col: number; message?: string } | undefined {
  const inFile = /(?:expect(?:ed)?(?:[-_ ]?error)?|error)\s*(?:at)?\s*[:=@]?\s*(?:line\s*)?(\d+)\s*(?:[:,]|,?\s*col(?:umn)?)\s*(?:col(?:umn)?\s*)?(\d+)(?::\s*([^\n*]*?))?\s*(?:\*\/)?$/im.exec(text);
  if (inFile) return { line: Number(inFile[1]), col: Number(inFile[2]), message: inFile[3]?.trim() || undefined };
  for (const readme of existsSync(errorsDir) ? readdirSync(errorsDir).filter((f) => /^readme/i.test(f)) : []) {
    for (const l of readFileSync(join(errorsDir, readme), 'utf8').split('\n')) {
      if (!l.includes(file)) continue;
      const m = /(\d+):(\d+)/.exec(l.slice(l.indexOf(file) + file.length));
      if (m) return { line: Number(m[1]), col: Number(m[2]) };
    }
  }
  return undefined;
}

describe('C programs the compiler must reject', () => {
  it('finds the negative tests (test/c/errors exists and holds .c files)', () => {
    expect(existsSync(errorsDir), `${errorsDir} is missing`).toBe(true);
    expect(errorFiles.length).toBeGreaterThan(0);
  });
  for (const f of errorFiles) {
    it(f, () => {
      const path = join(errorsDir, f);
      const text = readFileSync(path, 'utf8');
      const want = expectationOf(f, text);
      expect(want, `${f} has no expectation comment`).toBeDefined();
      const r = compileToAsm(path, text, { includePaths: [dir] });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const first = r.diagnostics.split('\n')[0];
      expect(first).not.toContain('internal compiler error');
      expect(first).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${want!.line}:${want!.col}: error: `));
      // The text after the position, when the file gives one, is part of the message.
      if (want!.message) expect(first.toLowerCase()).toContain(want!.message.toLowerCase());
    });
  }
});
