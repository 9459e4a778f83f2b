// The CPU's hot state layout and the arithmetic that sets x86 flags.
//
// Owns the layout of `st`, the one Int32Array holding the registers and the
// flags, and every function that computes a flag. Flags are kept half-lazily:
//   ZF = (st[F_Z] === 0)
//   SF = (st[F_SP] < 0),  PF = even parity of (st[F_SP] & 0xff)
//   CF = st[F_CF] (0/1),  OF = st[F_OF] (0/1)
//   IF, DF and bit 1 live in st[F_BITS] (the other bits there are zero).
// An ALU result is stored once into F_Z and F_SP; popf/iret can still express
// any ZF/SF/PF combination because the two fields are separate.
// AF is never set. Undefined x86 flags (docs/isa.md "Flags") are chosen here:
//   shifts with count > 1: OF computed by the count-1 formula;
//   mul/imul: SF ZF PF from the low 32 bits of the result;
//   div/idiv: no flag changes.
// Every function here is small so the JIT inlines it into the interpreter
// (division excepted, which is rare).

import { VEC_DE } from './vectors.ts';

export const EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
/** Always 0: the "no register" encoding (8) reads it, so an address is base + index*scale + disp with no branches. */
export const ZERO_REG = 8;
export const F_Z = 9, F_SP = 10, F_CF = 11, F_OF = 12, F_BITS = 13;
export const STATE_SIZE = 16;

export const FL_CF = 1 << 0, FL_BIT1 = 1 << 1, FL_PF = 1 << 2, FL_AF = 1 << 4, FL_ZF = 1 << 6, FL_SF = 1 << 7,
  FL_TF = 1 << 8, FL_IF = 1 << 9, FL_DF = 1 << 10, FL_OF = 1 << 11;

/** Fields of a decoded-instruction word (emulator/cpu/code-cache.ts). */
export const R0 = (w: number): number => (w >>> 12) & 15;
export const R1 = (w: number): number => (w >>> 16) & 15;
/** Effective address: base + index << scale + disp (register 8 reads 0, so "none" costs nothing). */
export const ea = (st: Int32Array, w: number, disp: number): number =>
  (st[(w >>> 20) & 15] + (st[(w >>> 24) & 15] << ((w >>> 28) & 3)) + disp) | 0;

/** PARITY[b] is 1 when byte b has an even number of set bits (x86 PF). */
export const PARITY = (() => {
  const t = new Uint8Array(256);
  for (let b = 0; b < 256; b++) {
    let n = 0;
    for (let x = b; x; x >>= 1) n += x & 1;
    t[b] = n & 1 ? 0 : 1;
  }
  return t;
})();

/** The eflags word from the state. */
export function readEflags(st: Int32Array): number {
  const sp = st[F_SP];
  return (st[F_BITS] | FL_BIT1) | st[F_CF] | (st[F_OF] << 11) | (st[F_Z] === 0 ? FL_ZF : 0) |
    (sp < 0 ? FL_SF : 0) | (PARITY[sp & 0xff] << 2);
}

/** Load eflags (popf in ring 0, iret, reset): keeps CF PF ZF SF TF IF DF OF; bit 1 reads as 1. */
export function writeEflags(st: Int32Array, v: number): void {
  st[F_CF] = v & 1;
  st[F_OF] = (v >>> 11) & 1;
  st[F_Z] = v & FL_ZF ? 0 : 1;
  // Bit 31 gives SF; the low byte is 0 (even parity) or 1 (odd) to give PF.
  st[F_SP] = (v & FL_SF ? 1 << 31 : 0) | (v & FL_PF ? 0 : 1);
  st[F_BITS] = v & (FL_TF | FL_IF | FL_DF);
}

export function setResult(st: Int32Array, r: number): void {
  st[F_Z] = r;
  st[F_SP] = r;
}

// The flag-setting operations (add, sub, logic, shifts, multiply...): defined in
// emulator/cpu/flag-ops.ts, made into functions here by emulator/cpu/gen-isa.ts.
// generated:begin flag-ops (emulator/cpu/gen-isa.ts from emulator/cpu/flag-ops.ts: npm run gen)
/** a + b; CF = unsigned carry, OF = signed overflow */
export function add(st: Int32Array, a: number, b: number): number {
  let r = 0; return (r = (a + b) | 0, st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[11 /* F_CF */] = (r >>> 0) < (a >>> 0) ? 1 : 0, st[12 /* F_OF */] = ((a ^ r) & (b ^ r)) >>> 31, r);
}
/** a + b + CF */
export function adc(st: Int32Array, a: number, b: number): number {
  let c = 0, r = 0; return (c = st[11 /* F_CF */], r = (a + b + c) | 0, st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[11 /* F_CF */] = (a >>> 0) + (b >>> 0) + c > 0xffffffff ? 1 : 0, st[12 /* F_OF */] = ((a ^ r) & (b ^ r)) >>> 31, r);
}
/** a - b (also cmp and neg); CF = unsigned borrow */
export function sub(st: Int32Array, a: number, b: number): number {
  let r = 0; return (r = (a - b) | 0, st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[11 /* F_CF */] = (a >>> 0) < (b >>> 0) ? 1 : 0, st[12 /* F_OF */] = ((a ^ b) & (a ^ r)) >>> 31, r);
}
/** a - b - CF */
export function sbb(st: Int32Array, a: number, b: number): number {
  let c = 0, r = 0; return (c = st[11 /* F_CF */], r = (a - b - c) | 0, st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[11 /* F_CF */] = (a >>> 0) < (b >>> 0) + c ? 1 : 0, st[12 /* F_OF */] = ((a ^ b) & (a ^ r)) >>> 31, r);
}
/** the result of and/or/xor/test: CF = OF = 0 */
export function logic(st: Int32Array, r: number): number {
  return (st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[11 /* F_CF */] = 0, st[12 /* F_OF */] = 0, r);
}
/** a + 1; CF unchanged */
export function inc(st: Int32Array, a: number): number {
  let r = 0; return (r = (a + 1) | 0, st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[12 /* F_OF */] = r === -0x80000000 ? 1 : 0, r);
}
/** a - 1; CF unchanged */
export function dec(st: Int32Array, a: number): number {
  let r = 0; return (r = (a - 1) | 0, st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[12 /* F_OF */] = r === 0x7fffffff ? 1 : 0, r);
}
/** a << count (count already masked to 5 bits; 0 changes no flag) */
export function shl(st: Int32Array, a: number, count: number): number {
  let c = 0, r = 0; return (count === 0 ? a : (r = a << count, c = (a >>> (32 - count)) & 1, st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[11 /* F_CF */] = c, st[12 /* F_OF */] = (r >>> 31) ^ c, r));
}
/** a >>> count */
export function shr(st: Int32Array, a: number, count: number): number {
  let r = 0; return (count === 0 ? a : (r = (a >>> count) | 0, st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[11 /* F_CF */] = (a >>> (count - 1)) & 1, st[12 /* F_OF */] = a >>> 31, r));
}
/** a >> count */
export function sar(st: Int32Array, a: number, count: number): number {
  let r = 0; return (count === 0 ? a : (r = a >> count, st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[11 /* F_CF */] = (a >> (count - 1)) & 1, st[12 /* F_OF */] = 0, r));
}
/** rotate left: only CF and OF change, as on x86 */
export function rol(st: Int32Array, a: number, count: number): number {
  let c = 0, r = 0; return (count === 0 ? a : (r = (a << count) | (a >>> (32 - count)), c = r & 1, st[11 /* F_CF */] = c, st[12 /* F_OF */] = (r >>> 31) ^ c, r));
}
/** rotate right */
export function ror(st: Int32Array, a: number, count: number): number {
  let r = 0; return (count === 0 ? a : (r = (a >>> count) | (a << (32 - count)), st[11 /* F_CF */] = r >>> 31, st[12 /* F_OF */] = ((r >>> 31) ^ (r >>> 30)) & 1, r));
}
/** the low dword of the signed product a * b; CF = OF = it does not fit */
export function imul2(st: Int32Array, a: number, b: number): number {
  let r = 0; return (r = Math.imul(a, b), st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[11 /* F_CF */] = st[12 /* F_OF */] = mulHighSigned(a, b) !== r >> 31 ? 1 : 0, r);
}
/** edx:eax = eax * b, unsigned; CF = OF = edx is not 0 */
export function mulUnsigned(st: Int32Array, b: number): number {
  let a = 0, r = 0, h = 0; return (a = st[0 /* EAX */], r = Math.imul(a, b), h = mulHighUnsigned(a, b), st[0 /* EAX */] = r, st[2 /* EDX */] = h, st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[11 /* F_CF */] = st[12 /* F_OF */] = h !== 0 ? 1 : 0, r);
}
/** edx:eax = eax * b, signed; CF = OF = edx is not the sign extension of eax */
export function mulSigned(st: Int32Array, b: number): number {
  let a = 0, r = 0, h = 0; return (a = st[0 /* EAX */], r = Math.imul(a, b), h = mulHighSigned(a, b), st[0 /* EAX */] = r, st[2 /* EDX */] = h, st[9 /* F_Z */] = r, st[10 /* F_SP */] = r, st[11 /* F_CF */] = st[12 /* F_OF */] = h !== r >> 31 ? 1 : 0, r);
}
// generated:end flag-ops

/** The high dword of the unsigned 64-bit product of two 32-bit values. */
export function mulHighUnsigned(a: number, b: number): number {
  const al = a & 0xffff, ah = (a >>> 16) & 0xffff, bl = b & 0xffff, bh = (b >>> 16) & 0xffff;
  const lh = al * bh, hl = ah * bl;
  const mid = ((al * bl) >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (ah * bh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
}

/** The high dword of the signed 64-bit product. */
export function mulHighSigned(a: number, b: number): number {
  let h = mulHighUnsigned(a, b);
  if (a < 0) h = (h - b) | 0;
  if (b < 0) h = (h - a) | 0;
  return h;
}

/** What division needs of the CPU: raising #DE. */
export interface Faulting { fault(vector: number, code: number): never }

/**
 * Unsigned 64/32 division of hi:lo by d when hi < d (so the quotient fits in
 * 32 bits), in two 16-bit steps so every intermediate is an exact double.
 * Leaves the quotient in DIV_RESULT[0] and the remainder in DIV_RESULT[1].
 */
const DIV_RESULT = new Float64Array(2);
function divide64(hi: number, lo: number, d: number): void {
  let n = hi * 65536 + (lo >>> 16);
  let q1 = Math.floor(n / d);
  let r = n - q1 * d;
  if (r < 0) { q1--; r += d; } else if (r >= d) { q1++; r -= d; }
  n = r * 65536 + (lo & 0xffff);
  let q0 = Math.floor(n / d);
  r = n - q0 * d;
  if (r < 0) { q0--; r += d; } else if (r >= d) { q0++; r -= d; }
  DIV_RESULT[0] = q1 * 65536 + q0;
  DIV_RESULT[1] = r;
}

/** div src: #DE on 0 or a quotient over 32 bits; flags are left unchanged (x86 leaves them undefined). */
export function divUnsigned(cpu: Faulting, st: Int32Array, src: number): void {
  const d = src >>> 0;
  const hi = st[EDX] >>> 0;
  if (d === 0 || hi >= d) cpu.fault(VEC_DE, 0);
  divide64(hi, st[EAX] >>> 0, d);
  st[EAX] = DIV_RESULT[0] | 0;
  st[EDX] = DIV_RESULT[1] | 0;
}

/** idiv src: signed, the remainder takes the dividend's sign. */
export function divSigned(cpu: Faulting, st: Int32Array, src: number): void {
  const hi = st[EDX], lo = st[EAX];
  const negative = hi < 0;
  let absHi = hi >>> 0, absLo = lo >>> 0;
  if (negative) {
    absLo = (-lo) >>> 0;
    absHi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
  const divisorNegative = src < 0;
  const d = divisorNegative ? (-src) >>> 0 : src >>> 0;
  if (d === 0 || absHi >= d) cpu.fault(VEC_DE, 0);
  divide64(absHi, absLo, d);
  let q = DIV_RESULT[0];
  const r = DIV_RESULT[1];
  if (negative !== divisorNegative) {
    if (q > 0x80000000) cpu.fault(VEC_DE, 0);
    q = -q;
  } else if (q > 0x7fffffff) cpu.fault(VEC_DE, 0);
  st[EAX] = q | 0;
  st[EDX] = (negative ? -r : r) | 0;
}
