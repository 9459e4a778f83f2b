// Bit-field layout against gcc -m32: test/c/layout/bitfield-structs.c is
// compiled to assembly by our compiler and, when the host has it, by
// `gcc -m32 -S` (which works without the 32-bit libraries: nothing is
// linked), and the initial bytes of every object must be the same. The
// objects are sizeof/_Alignof tables and, per named bit-field, a struct
// with only that field set to all ones, so the bytes show the field's unit,
// bit position and width. gcc's bytes are kept in bitfield-structs.gcc.json
// so the comparison still runs where gcc is absent; where gcc is present the
// file must equal what gcc produces now (regenerate with
// UPDATE_GCC_LAYOUT=1 npx vitest run test/c/layout.test.ts).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileToAsm } from '../../toolchain/cc/driver.ts';

const dir = new URL('./layout/', import.meta.url).pathname;
const probe = join(dir, 'bitfield-structs.c');
const snapshot = join(dir, 'bitfield-structs.gcc.json');

type Objects = Record<string, number[]>;

function le(value: number, size: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < size; k++) out.push(Number((BigInt(value) >> BigInt(8 * k)) & 0xffn));
  return out;
}

/** The bytes of a GNU as string: characters and \ooo or \c escapes. */
function unescape(s: string): number[] {
  const out: number[] = [];
  for (let k = 0; k < s.length; k++) {
    if (s[k] !== '\\') { out.push(s.charCodeAt(k)); continue; }
    const oct = /^[0-7]{1,3}/.exec(s.slice(k + 1));
    if (oct) { out.push(parseInt(oct[0], 8)); k += oct[0].length; continue; }
    const c = s[++k];
    out.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92 } as Record<string, number>)[c] ?? c.charCodeAt(0));
  }
  return out;
}

/** The bytes after each label in a GNU as file (.byte/.value/.long/.zero). */
function gnuObjects(asm: string): Objects {
  const objects: Objects = {};
  let current: number[] | undefined;
  for (const raw of asm.split('\n')) {
    const line = raw.trim();
    const label = /^([A-Za-z_]\w*):$/.exec(line);
    if (label) { current = objects[label[1]] = []; continue; }
    const str = /^\.(ascii|string)\s+"(.*)"$/.exec(line);
    if (str && current) {
      current.push(...unescape(str[2]));
      if (str[1] === 'string') current.push(0);
      continue;
    }
    const d = /^\.(byte|value|short|2byte|long|4byte|zero)\s+(.*)$/.exec(line);
    if (!d || !current) continue;
    const args = d[2].split(',').map((s) => Number(s.trim()));
    if (d[1] === 'zero') current.push(...new Array(args[0]).fill(0));
    else {
      const size = d[1] === 'byte' ? 1 : d[1] === 'long' || d[1] === '4byte' ? 4 : 2;
      for (const a of args) current.push(...le(a, size));
    }
  }
  return objects;
}

/** The bytes after each label in our assembler's syntax (db/dw/dd/resb). */
function hakoObjects(asm: string): Objects {
  const objects: Objects = {};
  let current: number[] | undefined;
  for (const raw of asm.split('\n')) {
    const line = raw.trim();
    const label = /^([A-Za-z_]\w*):$/.exec(line);
    if (label) { current = objects[label[1]] = []; continue; }
    const d = /^(db|dw|dd|resb)\s+(.*)$/.exec(line);
    if (!d || !current) continue;
    const args = d[2].split(',').map((s) => Number(s.trim()));
    if (d[1] === 'resb') current.push(...new Array(args[0]).fill(0));
    else for (const a of args) current.push(...le(a, d[1] === 'db' ? 1 : d[1] === 'dw' ? 2 : 4));
  }
  return objects;
}

function gccObjects(): Objects | undefined {
  try {
    const out = join(mkdtempSync(join(tmpdir(), 'layout-')), 'probe.s');
    execFileSync('gcc', ['-m32', '-S', '-w', '-std=c11', '-o', out, probe], { stdio: 'pipe' });
    return gnuObjects(readFileSync(out, 'utf8'));
  } catch {
    return undefined; // no gcc, or no -m32 support: the snapshot stands in
  }
}

describe('bit-field layout matches gcc -m32', () => {
  const fromGcc = gccObjects();
  if (fromGcc && process.env.UPDATE_GCC_LAYOUT) writeFileSync(snapshot, JSON.stringify(fromGcc, null, 0).replace(/\],/g, '],\n') + '\n');
  const expected: Objects = JSON.parse(readFileSync(snapshot, 'utf8'));

  it('the stored gcc bytes are what gcc -m32 -S produces here (when gcc is present)', () => {
    expect(Object.keys(expected).length).toBeGreaterThan(40);
    if (fromGcc) expect(fromGcc).toEqual(expected);
  });

  it('our compiler lays out and initializes every object as gcc does', () => {
    const r = compileToAsm(probe, readFileSync(probe, 'utf8'));
    if (!r.ok) throw new Error(r.diagnostics);
    const ours = hakoObjects(r.asm);
    for (const name of Object.keys(expected)) expect({ name, bytes: ours[name] }).toEqual({ name, bytes: expected[name] });
  });
});
