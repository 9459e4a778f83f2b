// Randomly mutated C sources never crash the compiler: every mutant either
// compiles or gets a proper `file:line:col: error:` diagnostic — never an
// exception, never an "internal compiler error". The mutations are seeded,
// so a failure names a mutant that can be reproduced.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileToAsm } from '../../toolchain/cc/driver.ts';

const cDir = new URL('../c/', import.meta.url).pathname;

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['(', ')', '{', '}', '[', ']', ';', ',', '*', '&', '-', '++', '=', '"', "'", '#', '0x', '/*', 'int', 'struct',
  'return', 'if', 'else', 'sizeof', 'char', 'void', '...', '->', '.', '?', ':', '\\', '\n', '#define X(a) a##a\n', 'float',
  'goto', 'case', 'switch', 'typedef', 'static', '<<=', '!', '~', '1e5', "'\\x'", '"\\q"', 'long long', 'unsigned'];

function mutate(src: string, random: () => number): string {
  let s = src;
  const edits = 1 + Math.floor(random() * 4);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(random() * (s.length + 1));
    const len = Math.floor(random() * 8);
    switch (Math.floor(random() * 4)) {
      case 0: s = s.slice(0, at) + s.slice(at + len); break; // delete
      case 1: s = s.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + s.slice(at); break; // insert
      case 2: { // duplicate a span elsewhere
        const from = Math.floor(random() * s.length);
        const to = Math.floor(random() * s.length);
        s = s.slice(0, to) + s.slice(from, from + len * 3) + s.slice(to);
        break;
      }
      default: { // swap two characters
        const b = Math.floor(random() * s.length);
        const arr = [...s];
        [arr[at], arr[b]] = [arr[b] ?? '', arr[at] ?? ''];
        s = arr.join('');
      }
    }
  }
  return s;
}

describe('cc on mutated sources', () => {
  const sources = readdirSync(cDir).filter((f) => /^\d.*\.c$/.test(f)).sort();
  it('has sources to mutate', () => expect(sources.length).toBeGreaterThan(10));
  const MUTANTS = 800;
  it(`compiles or diagnoses ${MUTANTS} seeded mutants without crashing`, () => {
    const random = rng(20261125);
    const problems: string[] = [];
    let diagnosed = 0;
    for (let k = 0; k < MUTANTS; k++) {
      const name = sources[Math.floor(random() * sources.length)];
      const text = mutate(readFileSync(join(cDir, name), 'utf8'), random);
      let r: ReturnType<typeof compileToAsm>;
      try {
        r = compileToAsm(`mutant${k}-${name}`, text, { includePaths: [cDir] });
      } catch (e) {
        problems.push(`mutant ${k} of ${name}: threw ${(e as Error).message}`);
        continue;
      }
      if (r.ok) continue;
      diagnosed++;
      const first = r.diagnostics.split('\n')[0];
      if (/internal compiler error/.test(first) || !/^\S+:\d+:\d+: error: \S/.test(first)) problems.push(`mutant ${k} of ${name}: ${first}`);
    }
    expect(problems).toEqual([]);
    // The mutations are real: most mutants are rejected.
    expect(diagnosed).toBeGreaterThan(MUTANTS / 3);
  }, 120_000);
});
