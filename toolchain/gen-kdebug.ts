// gen-kdebug: the kernel's debugger-visible layout (kernel/kdebug.tbl) → the
// kernel's header and the web's reader, so nothing a debugger reads is
// written down twice (the grammar is at the top of the table).
//
// Outputs (committed, never edited by hand):
//   kernel/gen/kdebug_layout.h  the `table` structs, constants of groups the
//                               kernel does not define, magics, static size
//                               checks; under KDEBUG_LAYOUT_CHECKS also the
//                               checks of the kernel's own constants and
//                               struct sizes (static) and member offsets
//                               (kdebug_layout_check(), run at boot: our cc
//                               has no constant offsetof)
//   web/gen/kdebug-layout.ts    per struct: size, magic, offsets, array
//                               counts, an interface, readX and writeX, and
//                               for a table of rows (count, generation, one
//                               array of rows) where the rows are and their
//                               reader and writer; per group: the constants
//                               and their display names
// Invariants: every field is 4 bytes or a multiple (u32, i32, char[4k],
// arrays of those or of table structs), so a struct has no padding and its
// offsets are the running sum; names are unique; a malformed line is a
// `file:line:col: error:` diagnostic.
//
// Like gen-syscalls: `npm run gen` writes the files; builds and tests only
// read them, and refuse to go on when they are stale (staleKdebug).
//
// Usage: tsx toolchain/gen-kdebug.ts [--check]

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GEN_COMMAND, TableError } from './gen-syscalls.ts';

export interface Constant { name: string; value: number; text: string; display: string }
export interface Group { name: string; kernel: boolean; headers: string[]; constants: Constant[] }
export interface Field { type: string; name: string; count: number; offset: number; size: number }
export interface Struct {
  name: string;
  kernel: boolean;
  headers: string[];
  magic: number | null;
  magicText: string | null;
  size: number;
  fields: Field[];
}
export interface Layout { version: number; groups: Group[]; structs: Struct[] }

const SCALARS = new Set(['u32', 'i32', 'char']);

export function parseLayout(text: string, file: string): Layout {
  let version = 0;
  const groups: Group[] = [];
  const structs: Struct[] = [];
  const constants = new Map<string, number>();
  const names = new Set<string>();
  let group: Group | null = null;
  let struct: Struct | null = null;
  let structLine = 0;
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const body = raw.replace(/#.*$/, '');
    if (body.trim() === '') return;
    const words = body.trim().split(/\s+/);
    const col = body.length - body.trimStart().length + 1;
    const fail = (msg: string): never => { throw new TableError(`${file}:${line}:${col}: error: ${msg}`); };
    const unique = (name: string) => {
      if (!/^[A-Za-z_]\w*$/.test(name)) fail(`bad name '${name}'`);
      if (names.has(name)) fail(`'${name}' defined twice`);
      names.add(name);
    };
    const number = (w: string): number => {
      if (/^(0x[0-9a-fA-F]+|\d+)$/.test(w)) return Number(w);
      if (constants.has(w)) return constants.get(w)!;
      return fail(`'${w}' is not a number or a constant defined above`);
    };
    if (group) {
      if (words[0] === 'end' && words.length === 1) { groups.push(group); group = null; return; }
      if (words.length !== 3) fail('expected: C_NAME VALUE display-name');
      unique(words[0]);
      const value = number(words[1]);
      constants.set(words[0], value);
      group.constants.push({ name: words[0], value, text: /^\d|^0x/.test(words[1]) ? words[1] : String(value), display: words[2] });
      return;
    }
    if (struct) {
      if (words[0] === 'end' && words.length === 1) {
        if (!struct.kernel) struct.size = struct.fields.reduce((s, f) => s + f.size, 0);
        if (struct.fields.length === 0) fail(`struct ${struct.name} has no fields`);
        structs.push(struct); struct = null; return;
      }
      const [type, name, extra] = words;
      if (words.length < 2 || words.length > 3) fail('expected: TYPE FIELD [COUNT] (or @OFFSET in a kernel struct)');
      if (!/^[a-z_]\w*$/.test(name)) fail(`bad field name '${name}'`);
      if (struct.fields.some((f) => f.name === name)) fail(`field '${name}' defined twice`);
      const inner = structs.find((s) => s.name === type && !s.kernel);
      if (!SCALARS.has(type) && !inner) fail(`unknown type '${type}' (u32, i32, char or a table struct above)`);
      const unit = inner ? inner.size : type === 'char' ? 1 : 4;
      if (struct.kernel) {
        if (!extra?.startsWith('@')) fail('a kernel struct\'s field needs its @OFFSET');
        if (type !== 'u32' && type !== 'i32') fail('a kernel struct\'s fields are u32 or i32');
        const offset = number(extra!.slice(1));
        if (offset % 4 || offset + 4 > struct.size) fail(`offset ${offset} is not a 4-aligned word inside ${struct.size} bytes`);
        struct.fields.push({ type, name, count: 1, offset, size: 4 });
        return;
      }
      if (extra?.startsWith('@')) fail('offsets are computed in a table struct');
      const count = extra === undefined ? 1 : number(extra);
      if (count < 1) fail('a count is at least 1');
      if (type === 'char' && (extra === undefined || count % 4)) fail('a char field needs a count that is a multiple of 4');
      const offset = struct.fields.reduce((s, f) => s + f.size, 0);
      struct.fields.push({ type, name, count, offset, size: unit * count });
      return;
    }
    switch (words[0]) {
      case 'version':
        if (words.length !== 2 || !/^\d+$/.test(words[1])) fail('expected: version N');
        version = Number(words[1]);
        return;
      case 'group': {
        if (words.length < 2 || (words.length > 2 && words[2] !== 'kernel')) fail('expected: group NAME [kernel HEADER...]');
        unique(words[1]);
        const kernel = words[2] === 'kernel';
        if (kernel && words.length < 4) fail('a kernel group names the headers that define it');
        group = { name: words[1], kernel, headers: words.slice(3), constants: [] };
        return;
      }
      case 'struct': {
        const [, name, kind, a, ...rest] = words;
        if (!name || (kind !== 'table' && kind !== 'kernel')) fail('expected: struct NAME table [MAGIC] | struct NAME kernel SIZE HEADER');
        unique(name);
        structLine = line;
        if (kind === 'table') {
          if (rest.length || (a !== undefined && !/^[A-Z]{4}$/.test(a))) fail('a magic is four capital letters');
          const magic = a === undefined ? null : [...a].reduce((m, c, k) => m + c.charCodeAt(0) * 2 ** (8 * k), 0);
          struct = { name, kernel: false, headers: [], magic, magicText: a ?? null, size: 0, fields: [] };
        } else {
          if (a === undefined || rest.length === 0) fail('a kernel struct gives its SIZE and HEADER');
          struct = { name, kernel: true, headers: rest, magic: null, magicText: null, size: number(a), fields: [] };
        }
        return;
      }
      default:
        fail(`unknown item '${words[0]}' (version, group, struct)`);
    }
  });
  if (group) throw new TableError(`${file}: error: group ${(group as Group).name} has no end`);
  if (struct) throw new TableError(`${file}:${structLine}:1: error: struct ${(struct as Struct).name} has no end`);
  if (!version) throw new TableError(`${file}: error: no version line`);
  return { version, groups, structs };
}

const HEADER = 'Generated by toolchain/gen-kdebug.ts from kernel/kdebug.tbl. Do not edit.';
const hex = (v: number) => `0x${v.toString(16).toUpperCase()}`;
const cValue = (c: Constant) => (c.value > 0x7fffffff ? `${c.text}u` : c.text);
const camel = (s: string) => s.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join('');

export function kernelHeader(l: Layout): string {
  const out = [`/* ${HEADER} */`, '#ifndef HAKO_GEN_KDEBUG_LAYOUT_H', '#define HAKO_GEN_KDEBUG_LAYOUT_H', '', '#include "types.h"', ''];
  out.push(`#define KDEBUG_LAYOUT_VERSION ${l.version}`, '');
  for (const g of l.groups.filter((g) => !g.kernel)) {
    out.push(`/* ${g.name} */`);
    for (const c of g.constants) out.push(`#define ${c.name} ${cValue(c)}`);
    out.push('');
  }
  for (const s of l.structs.filter((s) => !s.kernel)) {
    if (s.magic !== null) out.push(`#define ${s.name.toUpperCase()}_MAGIC ${hex(s.magic)}u   /* '${s.magicText}' */`);
    out.push(`struct ${s.name} {`);
    for (const f of s.fields) {
      const type = SCALARS.has(f.type) ? f.type : `struct ${f.type}`;
      out.push(`  ${type} ${f.name}${f.count > 1 || f.type === 'char' ? `[${f.count}]` : ''};   /* +${f.offset} */`);
    }
    out.push('};');
    out.push(`typedef char kdebug_check_size_${s.name}[sizeof(struct ${s.name}) == ${s.size} ? 1 : -1];`, '');
  }
  out.push('#endif', '', '/* Display names of the groups with small values, by value (for text such as', ' * /dev/trace): a file defines KDEBUG_LAYOUT_NAMES before including this header. */', '#if defined(KDEBUG_LAYOUT_NAMES) && !defined(HAKO_GEN_KDEBUG_LAYOUT_NAMES)', '#define HAKO_GEN_KDEBUG_LAYOUT_NAMES');
  for (const g of l.groups.filter((g) => g.constants.every((c) => c.value < 64))) {
    const max = Math.max(...g.constants.map((c) => c.value));
    const byValue = Array.from({ length: max + 1 }, (_, v) => g.constants.find((c) => c.value === v)?.display);
    out.push(`static const char *const ${g.name}_names[${max + 1}] = { ${byValue.map((d) => (d ? `"${d}"` : '0')).join(', ')} };`);
  }
  out.push('#endif', '');
  out.push('/* Checks that the kernel\'s own definitions are what the table says: a file', ' * defines KDEBUG_LAYOUT_CHECKS before including this header (kdebug.c). */');
  out.push('#if defined(KDEBUG_LAYOUT_CHECKS) && !defined(HAKO_GEN_KDEBUG_LAYOUT_CHECKS)', '#define HAKO_GEN_KDEBUG_LAYOUT_CHECKS');
  const headers = new Set<string>();
  for (const g of l.groups) for (const h of g.headers) headers.add(h);
  for (const s of l.structs) for (const h of s.headers) headers.add(h);
  for (const h of [...headers].sort()) out.push(`#include "${h}"`);
  for (const g of l.groups.filter((g) => g.kernel)) {
    for (const c of g.constants) out.push(`_Static_assert(${c.name} == ${cValue(c)}, "kdebug.tbl: ${c.name} is ${c.value}");`);
  }
  const kernelStructs = l.structs.filter((s) => s.kernel);
  for (const s of kernelStructs) out.push(`_Static_assert(sizeof(struct ${s.name}) == ${s.size}, "kdebug.tbl: sizeof(struct ${s.name}) is ${s.size}");`);
  out.push('', '/* Member offsets (no constant offsetof in our cc): 0 when all hold, else the', ' * number of the first that does not, for kdebug_start to panic with. */');
  out.push('INLINE int kdebug_layout_check(void) {');
  let n = 0;
  for (const s of kernelStructs) {
    for (const f of s.fields) out.push(`  if ((u32)&((struct ${s.name} *)0)->${f.name} != ${f.offset}) return ${++n};`);
  }
  out.push('  return 0;', '}', '#endif', '');
  return out.join('\n');
}

/**
 * A table of rows: a `count` and a `generation` beside one array of another
 * table struct. The web reads every such table the same way (the first
 * `count` rows, clamped to the array, under the generation), so the reader
 * gets where the rows are and how to read one from here.
 */
function rowArray(s: Struct): Field | null {
  const structArrays = s.fields.filter((f) => !SCALARS.has(f.type));
  const has = (name: string) => s.fields.some((f) => f.name === name && f.type === 'u32' && f.count === 1);
  return !s.kernel && structArrays.length === 1 && has('count') && has('generation') ? structArrays[0] : null;
}

export function webReader(l: Layout): string {
  const out = [`// ${HEADER}`, '// The kernel\'s debugger-visible layout: read guest memory with these, never with offsets of your own.', ''];
  out.push('/** What the readers need of guest physical memory (emulator/memory.ts has it). */');
  out.push('export interface GuestMemory {', '  readonly size: number;', '  read8(p: number): number;', '  read32(p: number): number;',
    '  write8(p: number, v: number): void;', '  write32(p: number, v: number): void;', '}', '');
  out.push(`export const KDEBUG_LAYOUT_VERSION = ${l.version};`, '');
  for (const g of l.groups) {
    out.push(`export const ${g.name} = {`);
    for (const c of g.constants) out.push(`  ${c.name}: ${c.text},`);
    out.push('} as const;');
    out.push(`export const ${g.name}_names: Readonly<Record<number, string>> = {`);
    const seen = new Set<number>();
    for (const c of g.constants) if (!seen.has(c.value)) { seen.add(c.value); out.push(`  ${c.text}: '${c.display}',`); }
    out.push('};', '');
  }
  for (const s of l.structs) {
    const scalars = s.fields.filter((f) => SCALARS.has(f.type));
    const arrays = s.fields.filter((f) => !SCALARS.has(f.type));
    out.push(`export const ${s.name} = {`);
    out.push(`  size: ${s.size},`);
    if (s.magic !== null) out.push(`  magic: ${hex(s.magic)},   // '${s.magicText}'`);
    out.push(`  offsets: { ${s.fields.map((f) => `${f.name}: ${f.offset}`).join(', ')} },`);
    if (arrays.length) out.push(`  counts: { ${arrays.map((f) => `${f.name}: ${f.count}`).join(', ')} },`);
    const rows = rowArray(s);
    if (rows) {
      const row = camel(rows.type);
      out.push(`  rows: { field: '${rows.name}', at: ${rows.offset}, max: ${rows.count}, stride: ${rows.size / rows.count}, read: read${row}, write: write${row} },`);
    }
    out.push('} as const;');
    const iface = camel(s.name);
    out.push(`export interface ${iface} {`);
    for (const f of scalars) out.push(`  ${f.name}: ${f.type === 'char' ? 'string' : f.count > 1 ? 'number[]' : 'number'};`);
    out.push('}');
    out.push(`export function read${iface}(mem: GuestMemory, at: number): ${iface} {`);
    out.push('  return {');
    for (const f of scalars) {
      const o = `at + ${f.offset}`;
      const word = (x: string) => (f.type === 'i32' ? `mem.read32(${x}) | 0` : `mem.read32(${x}) >>> 0`);
      if (f.type === 'char') out.push(`    ${f.name}: readString(mem, ${o}, ${f.count}),`);
      else if (f.count > 1) out.push(`    ${f.name}: Array.from({ length: ${f.count} }, (_, k) => ${word(`${o} + 4 * k`)}),`);
      else out.push(`    ${f.name}: ${word(o)},`);
    }
    out.push('  };', '}');
    out.push(`export function write${iface}(mem: GuestMemory, at: number, v: Partial<${iface}>): void {`);
    for (const f of scalars) {
      const o = `at + ${f.offset}`;
      if (f.type === 'char') out.push(`  if (v.${f.name} !== undefined) writeString(mem, ${o}, ${f.count}, v.${f.name});`);
      else if (f.count > 1) out.push(`  if (v.${f.name} !== undefined) v.${f.name}.slice(0, ${f.count}).forEach((x, k) => mem.write32(${o} + 4 * k, x >>> 0));`);
      else out.push(`  if (v.${f.name} !== undefined) mem.write32(${o}, v.${f.name} >>> 0);`);
    }
    out.push('}', '');
  }
  out.push('function readString(mem: GuestMemory, at: number, max: number): string {');
  out.push('  let s = \'\';');
  out.push('  for (let k = 0; k < max; k++) { const c = mem.read8(at + k); if (!c) break; s += String.fromCharCode(c); }');
  out.push('  return s;', '}');
  out.push('function writeString(mem: GuestMemory, at: number, max: number, s: string): void {');
  out.push('  for (let k = 0; k < max; k++) mem.write8(at + k, k < s.length && k < max - 1 ? s.charCodeAt(k) & 0xff : 0);', '}', '');
  return out.join('\n');
}

interface Generated { path: string; text: string; kernel: boolean }

/** Every generated file's path and text, from the table under `root`. Reads only. */
export function generateKdebug(root: string): Generated[] {
  const layout = parseLayout(readFileSync(join(root, 'kernel/kdebug.tbl'), 'utf8'), 'kernel/kdebug.tbl');
  return [
    { path: join(root, 'kernel/gen/kdebug_layout.h'), text: kernelHeader(layout), kernel: true },
    { path: join(root, 'web/gen/kdebug-layout.ts'), text: webReader(layout), kernel: false },
  ];
}

/**
 * The generated files (only the kernel's with `kernelOnly`, as the kernel
 * build asks) whose committed text differs from what the table makes, each
 * as a one-line message naming GEN_COMMAND; a malformed table is its message.
 */
export function staleKdebug(root: string, kernelOnly = false): string[] {
  let files: Generated[];
  try {
    files = generateKdebug(root);
  } catch (e) {
    if (e instanceof TableError) return [e.message];
    throw e;
  }
  return files
    .filter((f) => !kernelOnly || f.kernel)
    .filter((f) => !existsSync(f.path) || readFileSync(f.path, 'utf8') !== f.text)
    .map((f) => `${relative(root, f.path)}: out of date with kernel/kdebug.tbl; run \`${GEN_COMMAND}\` and commit the result`);
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  let files: Generated[];
  try {
    files = generateKdebug(root);
  } catch (e) {
    if (e instanceof TableError) { console.error(e.message); process.exit(1); }
    throw e;
  }
  if (process.argv.includes('--check')) {
    const stale = staleKdebug(root);
    for (const s of stale) console.error(s);
    process.exit(stale.length ? 1 : 0);
  }
  for (const f of files) {
    if (existsSync(f.path) && readFileSync(f.path, 'utf8') === f.text) continue;
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.text);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
