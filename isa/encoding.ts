// The byte encoding of Hako instructions, derived from the ISA table.
//
// An instruction is an opcode byte followed by operand bytes whose layout
// follows from the row's operand kinds alone:
//
//   with a memory operand:  op  MOD  BI  [disp8 | disp32]  [immediates]
//   with registers only:    op  REG  [immediates]
//   otherwise:              op  [immediates]
//
//   MOD: bits 0-2 the register operand (0 when the row has none),
//        bits 3-4 log2 of the index scale, bits 5-6 displacement size
//        (0 none, 1 disp8 sign-extended, 2 disp32), bit 7 zero.
//   BI:  bits 0-3 base register (0-7, 8 = none), bits 4-7 index (0-7, 8 = none).
//   REG: bits 0-3 the first register operand, bits 4-7 the second (0 if none).
//   Immediates and rel32 follow in operand order, little-endian; rel32 is
//   relative to the end of the instruction.
//
// Any other bit pattern (a register nibble above 7, a cr other than 0/2/3,
// disp size 3, MOD bit 7, a scale with no index, a nonzero unused field) is
// an invalid encoding and raises #UD, like an undefined opcode.

import { BY_OPCODE, type IsaRow, type OperandKind } from './table.ts';

export const NO_REG = 8;

export interface MemOperand {
  /** Base register 0-7, or NO_REG. */
  base: number;
  /** Index register 0-7, or NO_REG. */
  index: number;
  /** 1, 2, 4 or 8. */
  scale: number;
  /** Signed 32-bit displacement. */
  disp: number;
}

/** A register or control-register number, an immediate value, a rel32 displacement, or memory. */
export type Operand = number | MemOperand;

export interface Decoded {
  row: IsaRow;
  length: number;
  /** Operands in row order: numbers for r/cr/immediates/rel, MemOperand for memory. */
  operands: Operand[];
}

export function isMemKind(k: OperandKind): boolean {
  return k === 'm' || k === 'm8' || k === 'm16' || k === 'm32';
}

export function isRegKind(k: OperandKind): boolean {
  return k === 'r' || k === 'cr';
}

export function immWidth(k: OperandKind): number {
  switch (k) {
    case 'i8': return 1;
    case 'i16': return 2;
    case 'i32': case 'rel': return 4;
    default: return 0;
  }
}

/** Size in bytes of the memory access of a memory operand kind (0 for `m`). */
export function memSize(k: OperandKind): number {
  return k === 'm8' ? 1 : k === 'm16' ? 2 : k === 'm32' ? 4 : 0;
}

export interface Layout {
  hasMem: boolean;
  /** Indices into operands of register-like operands, in order. */
  regIdx: number[];
  memIdx: number;
  /** Indices of immediate-like operands, in order. */
  immIdx: number[];
  /** Bytes of immediates. */
  immBytes: number;
}

const layouts = new Map<IsaRow, Layout>();

export function layoutOf(row: IsaRow): Layout {
  let l = layouts.get(row);
  if (l) return l;
  const regIdx: number[] = [];
  const immIdx: number[] = [];
  let memIdx = -1;
  let immBytes = 0;
  row.operands.forEach((k, i) => {
    if (isRegKind(k)) regIdx.push(i);
    else if (isMemKind(k)) memIdx = i;
    else { immIdx.push(i); immBytes += immWidth(k); }
  });
  if (memIdx >= 0 && regIdx.length > 1) throw new Error(`ISA row ${row.mnemonic}: memory with two registers`);
  if (regIdx.length > 2) throw new Error(`ISA row ${row.mnemonic}: more than two registers`);
  l = { hasMem: memIdx >= 0, regIdx, memIdx, immIdx, immBytes };
  layouts.set(row, l);
  return l;
}

function dispKind(m: MemOperand): number {
  if (m.disp === 0 && m.base !== NO_REG) return 0;
  if (m.disp === 0 && m.index !== NO_REG) return 0;
  if (m.disp >= -128 && m.disp <= 127 && (m.base !== NO_REG || m.index !== NO_REG)) return 1;
  return 2;
}

const SCALE_LOG: Record<number, number> = { 1: 0, 2: 1, 4: 2, 8: 3 };

/**
 * Encode one instruction. `forceDisp32` keeps a 32-bit displacement even when
 * it would fit in 8 bits (the assembler uses it for displacements that carry
 * a relocation).
 */
export function encode(row: IsaRow, operands: readonly Operand[], forceDisp32 = false): number[] {
  if (operands.length !== row.operands.length) {
    throw new Error(`${row.mnemonic}: expected ${row.operands.length} operands, got ${operands.length}`);
  }
  const l = layoutOf(row);
  const out = [row.op];
  if (l.hasMem) {
    const m = operands[l.memIdx] as MemOperand;
    const reg = l.regIdx.length ? (operands[l.regIdx[0]] as number) : 0;
    const scaleLog = SCALE_LOG[m.scale];
    if (scaleLog === undefined) throw new Error(`scale must be 1, 2, 4 or 8, not ${m.scale}`);
    const dk = forceDisp32 ? 2 : dispKind(m);
    const canonicalScale = m.index === NO_REG ? 0 : scaleLog;
    out.push((reg & 7) | (canonicalScale << 3) | (dk << 5));
    out.push((m.base & 15) | ((m.index & 15) << 4));
    if (dk === 1) out.push(m.disp & 0xff);
    else if (dk === 2) pushLE(out, m.disp, 4);
  } else if (l.regIdx.length) {
    const r0 = operands[l.regIdx[0]] as number;
    const r1 = l.regIdx.length > 1 ? (operands[l.regIdx[1]] as number) : 0;
    out.push((r0 & 15) | ((r1 & 15) << 4));
  }
  for (const i of l.immIdx) pushLE(out, operands[i] as number, immWidth(row.operands[i]));
  return out;
}

function pushLE(out: number[], v: number, width: number): void {
  for (let i = 0; i < width; i++) out.push((v >>> (8 * i)) & 0xff);
}

function validReg(kind: OperandKind, v: number): boolean {
  return kind === 'cr' ? v === 0 || v === 2 || v === 3 : v <= 7;
}

/**
 * Decode the instruction whose bytes `byteAt(0)`, `byteAt(1)`, … return.
 * Returns null for an undefined opcode or an invalid encoding (#UD).
 * Immediates are returned as they are used: i8/i16 zero-extended, i32 and
 * rel32 as signed 32-bit numbers.
 */
export function decode(byteAt: (offset: number) => number): Decoded | null {
  const row = BY_OPCODE[byteAt(0)];
  if (!row) return null;
  const l = layoutOf(row);
  const operands: Operand[] = new Array(row.operands.length);
  let p = 1;
  if (l.hasMem) {
    const mod = byteAt(p++);
    const bi = byteAt(p++);
    const reg = mod & 7;
    const scaleLog = (mod >> 3) & 3;
    const dk = (mod >> 5) & 3;
    const base = bi & 15;
    const index = bi >> 4;
    if (mod & 0x80 || dk === 3 || base > 8 || index > 8) return null;
    if (index === NO_REG && scaleLog !== 0) return null;
    if (l.regIdx.length === 0 && reg !== 0) return null;
    let disp = 0;
    if (dk === 1) { disp = (byteAt(p) << 24) >> 24; p += 1; }
    else if (dk === 2) { disp = readLE(byteAt, p, 4) | 0; p += 4; }
    operands[l.memIdx] = { base, index, scale: 1 << scaleLog, disp };
    if (l.regIdx.length) operands[l.regIdx[0]] = reg;
  } else if (l.regIdx.length) {
    const b = byteAt(p++);
    const r0 = b & 15;
    const r1 = b >> 4;
    if (!validReg(row.operands[l.regIdx[0]], r0)) return null;
    if (l.regIdx.length > 1) {
      if (!validReg(row.operands[l.regIdx[1]], r1)) return null;
      operands[l.regIdx[1]] = r1;
    } else if (r1 !== 0) return null;
    operands[l.regIdx[0]] = r0;
  }
  for (const i of l.immIdx) {
    const w = immWidth(row.operands[i]);
    const v = readLE(byteAt, p, w);
    operands[i] = w === 4 ? v | 0 : v;
    p += w;
  }
  return { row, length: p, operands };
}

function readLE(byteAt: (offset: number) => number, p: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v += byteAt(p + i) * 2 ** (8 * i);
  return v >>> 0;
}

/** All rows whose mnemonic is `mnemonic` (the assembler picks among them by operand kinds). */
export function rowsFor(mnemonic: string): IsaRow[] {
  return BY_OPCODE.filter((r): r is IsaRow => !!r && r.mnemonic === mnemonic);
}
