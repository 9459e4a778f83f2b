// The basic-block compiler: a hot run of decoded instructions becomes one JS
// function, so the interpreter's fetch/dispatch cost is paid once per block.
//
// What it owns: translating decoded entries (emulator/cpu/code-cache.ts) into
// JS source. A block starts at a hot entry, stays inside one 4 KiB page, and
// ends after a control transfer (jmp, call, ret, jcc), before an instruction
// the interpreter keeps for itself (system, string, division, anything that
// can change CPL, IF, paging or the instruction count semantics), or after
// MAX_BLOCK instructions.
//
// Invariants the generated code keeps:
// - Same semantics as the interpreter case for case: it calls the same flag
//   helpers and the CPU's own memory accessors (TLB, A/D, faults).
// - Position independent: it receives the linear page base, so a physical
//   page mapped at several addresses shares its blocks.
// - Precise: before each instruction that can fault it records its index; a
//   fault reports cpu.blockRetired (instructions completed) and
//   cpu.blockFaultEip, then rethrows for the interpreter loop to deliver.
// - Self-modifying code: after every store it checks whether the store
//   dropped decoded code (cpu.fetchLin === -1) and, if so, leaves the block at
//   the next instruction, which the interpreter then decodes afresh.
// - On a normal exit cpu.blockRetired is the number of instructions run.
// - A block whose last instruction jumps back to its own start loops inside
//   the function, one whole iteration at a time, never past `limit`.

import type { Cpu } from '../cpu.ts';
import * as alu from './alu.ts';

/** Runs the block at linear page `base`; `limit` is the most instructions it may retire (at least its length). */
export type BlockFn = (cpu: Cpu, st: Int32Array, base: number, limit: number) => number;

export const MAX_BLOCK = 32;
/** Blocks shorter than this (unless they loop to themselves) stay interpreted. */
export const MIN_BLOCK = 5;
/**
 * Interpreted executions of an entry before it is compiled. Compiling costs
 * about as much as interpreting ten thousand instructions (building the
 * source, V8 parsing it, then the new function warming up in V8's own tiers),
 * and kernel code averages only a few instructions per block, so only entries
 * this hot pay off (measured on the kernel's benchmark boot).
 */
export const HOT_THRESHOLD = 1000;

const CONDITION_SOURCE = [
  'st[12] !== 0', 'st[12] === 0', 'st[11] !== 0', 'st[11] === 0', 'st[9] === 0', 'st[9] !== 0',
  '(st[11] !== 0 || st[9] === 0)', '(st[11] === 0 && st[9] !== 0)', 'st[10] < 0', 'st[10] >= 0',
  'PARITY[st[10] & 255] !== 0', 'PARITY[st[10] & 255] === 0', '(st[10] >>> 31) !== st[12]', '(st[10] >>> 31) === st[12]',
  '(st[9] === 0 || (st[10] >>> 31) !== st[12])', '(st[9] !== 0 && (st[10] >>> 31) === st[12])',
];

const ALU_NAMES = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp', 'test'];

/** Instructions a block may contain; everything else ends the block before it. */
export function compilable(op: number): boolean {
  return op === 0x01 || (op >= 0x08 && op <= 0x0a) || op === 0x0e || op === 0x0f ||
    (op >= 0x28 && op <= 0x46) || (op >= 0x50 && op <= 0x7c) || (op >= 0x80 && op <= 0x91) ||
    (op >= 0x96 && op <= 0x98) || (op >= 0xa0 && op <= 0xbf);
}

function endsBlock(op: number): boolean {
  return op === 0x08 || (op >= 0x41 && op <= 0x46) || (op >= 0xa0 && op <= 0xaf);
}

function aluExpr(k: number, a: string, b: string): string {
  switch (ALU_NAMES[k]) {
    case 'or': return `logic(st, ${a} | ${b})`;
    case 'and': case 'test': return `logic(st, ${a} & ${b})`;
    case 'xor': return `logic(st, ${a} ^ ${b})`;
    case 'cmp': return `sub(st, ${a}, ${b})`;
    default: return `${ALU_NAMES[k]}(st, ${a}, ${b})`;
  }
}

// Aligned dword accesses that hit the TLB are done right in the block (an
// aligned dword never crosses a page); anything else calls the CPU's accessor.
function load32(a: string, v: string): string {
  return `let ${v}; { const e = tlb[${a} >>> 12]; if ((e & rm) !== 0 && (${a} & 3) === 0) { ${v} = words[((e & -4096) | (${a} & 4095)) >>> 2]; hits[0]++; } else ${v} = cpu.rd32(${a}); }`;
}

function store32(a: string, v: string): string {
  return `{ const e = tlb[${a} >>> 12]; if ((e & wm) !== 0 && (${a} & 3) === 0) { const p = (e & -4096) | (${a} & 4095); ` +
    `if (codeMark[p >>> 12] !== 0) cpu.mem.codeWritten(p >>> 12); words[p >>> 2] = ${v}; hits[0]++; } else cpu.wr32(${a}, ${v}); }`;
}

/** JS source for one instruction; `off` its page offset, `len` its length, `i` its index, `n` = i + 1. */
function instructionSource(w: number, disp: number, imm: number, off: number, len: number, i: number): { src: string; faults: boolean; store: boolean; exit: boolean } {
  const op = w & 0xff;
  const r0 = (w >>> 12) & 15, r1 = (w >>> 16) & 15;
  const base = (w >>> 20) & 15, index = (w >>> 24) & 15, scale = (w >>> 28) & 3;
  const parts: string[] = [];
  if (base !== 8) parts.push(`st[${base}]`);
  if (index !== 8) parts.push(scale ? `(st[${index}] << ${scale})` : `st[${index}]`);
  if (disp !== 0 || parts.length === 0) parts.push(String(disp));
  const E = `((${parts.join(' + ')}) | 0)`;
  const next = `((base + ${off + len}) | 0)`;
  const n = i + 1;
  const leave = (target: string) => `cpu.blockRetired = r + ${n}; return ${target};`;
  const rel = `((base + ${off + len + imm}) | 0)`;
  let src = '';
  let faults = false, store = false, exit = false;
  switch (op) {
    case 0x01: break;
    case 0x08: src = `{ const v = cpu.rd32(st[4]); st[4] = (st[4] + 4) | 0; ${leave('v')} }`; faults = exit = true; break;
    case 0x09: src = '{ const v = cpu.rd32(st[5]); st[4] = (st[5] + 4) | 0; st[5] = v; }'; faults = true; break;
    case 0x0a: src = 'st[2] = st[0] >> 31;'; break;
    case 0x0e: src = 'st[13] &= ~1024;'; break;
    case 0x0f: src = 'st[13] |= 1024;'; break;
    case 0x28: src = `st[${r0}] = st[${r1}];`; break;
    case 0x29: src = `st[${r0}] = ${imm};`; break;
    case 0x2a: src = `{ const a = ${E}; ${load32('a', 'v')} st[${r0}] = v; }`; faults = true; break;
    case 0x2b: src = `{ const a = ${E}; ${store32('a', `st[${r0}]`)} }`; faults = store = true; break;
    case 0x2c: src = `cpu.wr32(${E}, ${imm});`; faults = store = true; break;
    case 0x2d: src = `cpu.wr16(${E}, st[${r0}]);`; faults = store = true; break;
    case 0x2e: src = `cpu.wr8(${E}, st[${r0}]);`; faults = store = true; break;
    case 0x2f: src = `cpu.wr16(${E}, ${imm});`; faults = store = true; break;
    case 0x30: src = `cpu.wr8(${E}, ${imm});`; faults = store = true; break;
    case 0x31: src = `st[${r0}] = cpu.rd8(${E});`; faults = true; break;
    case 0x32: src = `st[${r0}] = cpu.rd16(${E});`; faults = true; break;
    case 0x33: src = `st[${r0}] = (cpu.rd8(${E}) << 24) >> 24;`; faults = true; break;
    case 0x34: src = `st[${r0}] = (cpu.rd16(${E}) << 16) >> 16;`; faults = true; break;
    case 0x35: src = `st[${r0}] = st[${r1}] & 255;`; break;
    case 0x36: src = `st[${r0}] = st[${r1}] & 65535;`; break;
    case 0x37: src = `st[${r0}] = (st[${r1}] << 24) >> 24;`; break;
    case 0x38: src = `st[${r0}] = (st[${r1}] << 16) >> 16;`; break;
    case 0x39: src = `st[${r0}] = ${E};`; break;
    case 0x3a: src = `{ const t = st[${r0}]; st[${r0}] = st[${r1}]; st[${r1}] = t; }`; break;
    case 0x3b: src = `{ const a = ${E}; const v = cpu.rd32w(a); cpu.wr32(a, st[${r0}]); st[${r0}] = v; }`; faults = store = true; break;
    case 0x3c: src = `{ const v = st[${r0}]; const sp = (st[4] - 4) | 0; cpu.wr32(sp, v); st[4] = sp; }`; faults = store = true; break;
    case 0x3d: src = `{ const sp = (st[4] - 4) | 0; cpu.wr32(sp, ${imm}); st[4] = sp; }`; faults = store = true; break;
    case 0x3e: src = `{ const v = cpu.rd32(${E}); const sp = (st[4] - 4) | 0; cpu.wr32(sp, v); st[4] = sp; }`; faults = store = true; break;
    case 0x3f: src = `{ const v = cpu.rd32(st[4]); st[4] = (st[4] + 4) | 0; st[${r0}] = v; }`; faults = true; break;
    case 0x40: src = `{ const sp = st[4]; const v = cpu.rd32(sp); st[4] = (sp + 4) | 0; const a = ${E}; st[4] = sp; cpu.wr32(a, v); st[4] = (sp + 4) | 0; }`; faults = store = true; break;
    case 0x41: src = leave(rel); exit = true; break;
    case 0x42: src = leave(`st[${r0}]`); exit = true; break;
    case 0x43: src = `{ const t = cpu.rd32(${E}); ${leave('t')} }`; faults = exit = true; break;
    case 0x44: src = `{ const sp = (st[4] - 4) | 0; cpu.wr32(sp, ${next}); st[4] = sp; ${leave(rel)} }`; faults = exit = true; break;
    case 0x45: src = `{ const t = st[${r0}]; const sp = (st[4] - 4) | 0; cpu.wr32(sp, ${next}); st[4] = sp; ${leave('t')} }`; faults = exit = true; break;
    case 0x46: src = `{ const t = cpu.rd32(${E}); const sp = (st[4] - 4) | 0; cpu.wr32(sp, ${next}); st[4] = sp; ${leave('t')} }`; faults = exit = true; break;
    case 0x80: src = `st[${r0}] = inc(st, st[${r0}]);`; break;
    case 0x81: src = `{ const a = ${E}; cpu.wr32(a, inc(st, cpu.rd32w(a))); }`; faults = store = true; break;
    case 0x82: src = `st[${r0}] = dec(st, st[${r0}]);`; break;
    case 0x83: src = `{ const a = ${E}; cpu.wr32(a, dec(st, cpu.rd32w(a))); }`; faults = store = true; break;
    case 0x84: src = `st[${r0}] = sub(st, 0, st[${r0}]);`; break;
    case 0x85: src = `{ const a = ${E}; cpu.wr32(a, sub(st, 0, cpu.rd32w(a))); }`; faults = store = true; break;
    case 0x86: src = `st[${r0}] = ~st[${r0}];`; break;
    case 0x87: src = `{ const a = ${E}; cpu.wr32(a, ~cpu.rd32w(a)); }`; faults = store = true; break;
    case 0x96: src = `st[${r0}] = cpu.imul2(st[${r0}], st[${r1}]);`; break;
    case 0x97: src = `st[${r0}] = cpu.imul2(st[${r0}], cpu.rd32(${E}));`; faults = true; break;
    case 0x98: src = `st[${r0}] = cpu.imul2(st[${r1}], ${imm});`; break;
    default:
      if (op >= 0x50 && op <= 0x7c) {
        const k = Math.floor((op - 0x50) / 5), form = (op - 0x50) % 5;
        const writes = k < 7;
        const B = form === 0 ? `st[${r1}]` : form === 1 || form === 4 ? String(imm) : `st[${r0}]`;
        if (form <= 2) {
          const src2 = form === 2 ? `cpu.rd32(${E})` : B;
          const ex = aluExpr(k, `st[${r0}]`, src2);
          src = writes ? `st[${r0}] = ${ex};` : `${ex};`;
          faults = form === 2;
        } else if (writes) {
          src = `{ const a = ${E}; cpu.wr32(a, ${aluExpr(k, 'cpu.rd32w(a)', B)}); }`;
          faults = store = true;
        } else {
          src = `${aluExpr(k, `cpu.rd32(${E})`, B)};`;
          faults = true;
        }
      } else if (op >= 0x88 && op <= 0x91) {
        const name = ['shl', 'shr', 'sar', 'rol', 'ror'][(op - 0x88) >> 1];
        const count = (op & 1) === 0 ? String(imm & 31) : `(st[${r1}] & 31)`;
        src = `st[${r0}] = ${name}(st, st[${r0}], ${count});`;
      } else if (op >= 0xa0 && op <= 0xaf) {
        src = leave(`${CONDITION_SOURCE[op & 15]} ? ${rel} : ${next}`);
        exit = true;
      } else if (op >= 0xb0 && op <= 0xbf) {
        src = `st[${r0}] = ${CONDITION_SOURCE[op & 15]} ? 1 : 0;`;
      } else throw new Error(`blocks: opcode 0x${op.toString(16)} is not compilable`);
  }
  return { src, faults, store, exit };
}

const COMPILED_CACHE_LIMIT = 20000;
const compiled = new Map<string, BlockFn>();

const HELPERS = 'add, adc, sub, sbb, logic, inc, dec, shl, shr, sar, rol, ror, PARITY';

/**
 * Compile the block whose first instruction is the decoded entry `idx` at
 * page offset `off`. `entryAt(j)` returns the decoded-cache index of page
 * offset j once decoded (or -1 if it cannot be decoded without leaving the
 * page). Returns the function and its instruction count, or null when the
 * first instruction is not compilable.
 */
export function compileBlock(word: Int32Array, dispA: Int32Array, immA: Int32Array, off: number,
  entryAt: (pageOffset: number) => number): { fn: BlockFn; length: number } | null {
  const body: string[] = [];
  const offsets: number[] = [];
  let o = off;
  let exited = false;
  let selfLoop = '';
  while (offsets.length < MAX_BLOCK && o < 4096) {
    const idx = entryAt(o);
    if (idx < 0) break;
    const w = word[idx];
    const op = w & 0xff;
    if (!compilable(op)) break;
    const len = (w >>> 8) & 15;
    const i = offsets.length;
    offsets.push(o);
    const target = o + len + immA[idx];
    if (target === off && (op === 0x41 || (op >= 0xa0 && op <= 0xaf))) {
      // A loop back to the block's own start: iterate inside the function while the budget allows.
      const n = i + 1;
      const cond = op === 0x41 ? 'true' : CONDITION_SOURCE[op & 15];
      selfLoop = `r += ${n};
    if (!(${cond})) { cpu.blockRetired = r; return (base + ${o + len}) | 0; }
    if (r + ${n} > limit) { cpu.blockRetired = r; return (base + ${off}) | 0; }`;
      o += len;
      break;
    }
    const s = instructionSource(w, dispA[idx], immA[idx], o, len, i);
    if (s.faults) body.push(`k = ${i};`);
    body.push(s.src);
    o += len;
    if (s.exit) { exited = true; break; }
    if (s.store) body.push(`if (cpu.fetchLin === -1) { cpu.blockRetired = r + ${i + 1}; return (base + ${o}) | 0; }`);
  }
  const length = offsets.length;
  // Short straight runs are not worth a call into a separate function: the interpreter keeps them.
  if (length === 0 || (!selfLoop && length < MIN_BLOCK)) return null;
  let code: string;
  if (selfLoop) code = `for (;;) {\n    ${body.join('\n    ')}\n    ${selfLoop}\n  }`;
  else {
    if (!exited) body.push(`cpu.blockRetired = ${length}; return (base + ${o}) | 0;`);
    code = body.join('\n    ');
  }
  const source = `const { ${HELPERS} } = alu;
const OFFSETS = [${offsets.join(', ')}];
return function block(cpu, st, base, limit) {
  const tlb = cpu.tlb, words = cpu.words, codeMark = cpu.codeMark, hits = cpu.hits, rm = cpu.rmask, wm = cpu.wmask;
  let k = 0, r = 0;
  try {
    ${code}
  } catch (e) {
    cpu.blockRetired = r + k;
    cpu.blockFaultEip = (base + OFFSETS[k]) | 0;
    throw e;
  }
};`;
  // Identical code (a page decoded again after a write, the same routine mapped twice) reuses one function.
  let fn = compiled.get(source);
  if (!fn) {
    fn = new Function('alu', source)(alu) as BlockFn;
    if (compiled.size >= COMPILED_CACHE_LIMIT) compiled.clear();
    compiled.set(source, fn);
  }
  return { fn, length };
}
