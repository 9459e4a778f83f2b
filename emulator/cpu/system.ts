// The CPU's rarely executed instructions: privileged/system operations,
// string operations (rep movs/stos), one-operand multiply and division.
//
// The interpreter loop (emulator/cpu.ts) handles the hot opcodes inline and
// calls `execRare` for everything else. The same precision rule holds here:
// every access that can fault happens before any state changes. Returns the
// eip to continue at; may set cpu.stopReason (hlt) and cpu.extraRetired
// (rep iterations beyond the one the loop counts).
//
// rep movs/stos: each iteration counts as one retired instruction (emulated
// time follows the work done) and they are restartable: registers always
// describe the completed iterations, so a fault mid-way, or the batch budget
// running out, leaves eip at the instruction and it resumes where it stopped.
// Forward copies within TLB-resident pages go a page-sized chunk at a time.

import type { Cpu } from '../cpu.ts';
import {
  ea, EAX, ECX, EDI, EDX, ESI, F_BITS, FL_DF, FL_IF, mulFlags, mulHighSigned, mulHighUnsigned, R0, R1, readEflags,
  writeEflags,
} from './alu.ts';
import { STOP_HALTED, VEC_BP, VEC_DE, VEC_GP, VEC_SYSCALL, VEC_UD } from './vectors.ts';

const TWO32 = 4294967296;

function privileged(cpu: Cpu): void {
  if (cpu.cplValue !== 0) cpu.fault(VEC_GP, 0);
}

export function execRare(cpu: Cpu, w: number, idx: number, cur: number, next: number, maxIter: number, done: number): number {
  const st = cpu.st;
  const op = w & 0xff;
  switch (op) {
    case 0x02: // hlt
      privileged(cpu);
      if ((st[F_BITS] & FL_IF) !== 0) {
        cpu.halted = true;
        cpu.stopReason = STOP_HALTED;
      } else cpu.die(`halted with interrupts off at eip 0x${(cur >>> 0).toString(16)}`);
      return next;
    case 0x03: privileged(cpu); st[F_BITS] &= ~FL_IF; return next;
    case 0x04: privileged(cpu); st[F_BITS] |= FL_IF; cpu.attention = 2; return next;
    case 0x05: { // iret
      privileged(cpu);
      const sp = st[4];
      const eip = cpu.rd32(sp);
      const cpl = cpu.rd32((sp + 4) | 0);
      const flags = cpu.rd32((sp + 8) | 0);
      const esp = cpu.rd32((sp + 12) | 0);
      if (cpl !== 0 && cpl !== 3) cpu.fault(VEC_GP, 0);
      writeEflags(st, flags);
      st[4] = esp;
      cpu.setCpl(cpl);
      cpu.attention = 1;
      return eip;
    }
    case 0x06: { // pushf
      const sp = (st[4] - 4) | 0;
      cpu.wr32(sp, readEflags(st));
      st[4] = sp;
      return next;
    }
    case 0x07: { // popf
      let v = cpu.rd32(st[4]);
      if (cpu.cplValue !== 0) v = (v & ~FL_IF) | (st[F_BITS] & FL_IF);
      st[4] = (st[4] + 4) | 0;
      writeEflags(st, v);
      cpu.attention = 1;
      return next;
    }
    case 0x0c: return cpu.deliver(VEC_BP, 0, next, false);
    case 0x0d: { // rdtsc
      const v = cpu.instret + done;
      st[EAX] = v % TWO32 | 0;
      st[EDX] = Math.floor(v / TWO32) | 0;
      return next;
    }
    case 0x10: case 0x11: case 0x12: case 0x13:
      stringOnce(cpu, op);
      return next;
    case 0x14: case 0x15: case 0x16: case 0x17:
      return rep(cpu, op, cur, next, maxIter);
    case 0x18: { // int n
      const n = cpu.code.imm[idx] & 0xff;
      if (cpu.cplValue !== 0 && n !== VEC_SYSCALL) cpu.fault(VEC_GP, n * 8 + 2);
      return cpu.deliver(n, 0, next, false);
    }
    case 0x19: // invlpg
      privileged(cpu);
      cpu.mmu.invalidatePage(ea(st, w, cpu.code.disp[idx]));
      cpu.fetchLin = -1;
      return next;
    case 0x1a: privileged(cpu); cpu.vtb = st[R0(w)] >>> 0; return next;
    case 0x1b: privileged(cpu); cpu.ksp = st[R0(w)] >>> 0; return next;
    case 0x1e: st[R0(w)] = cpu.tp | 0; return next; // rdtp
    case 0x1f: privileged(cpu); cpu.tp = st[R0(w)] >>> 0; return next; // wrtp
    case 0x1c: { // mov cr, r
      privileged(cpu);
      const v = st[R1(w)];
      const cr = R0(w);
      if (cr === 0) cpu.cr0 = v;
      else if (cr === 2) cpu.cr2 = v >>> 0;
      else cpu.cr3 = v;
      return next;
    }
    case 0x1d: { // mov r, cr
      privileged(cpu);
      const cr = R1(w);
      st[R0(w)] = cr === 0 ? cpu.cr0 | 0 : cr === 2 ? cpu.cr2 | 0 : cpu.cr3 | 0;
      return next;
    }
    case 0x20: case 0x21: case 0x22: { // in
      privileged(cpu);
      const size = op === 0x20 ? 1 : op === 0x21 ? 2 : 4;
      const v = cpu.bus.in(st[R1(w)] & 0xffff, size);
      st[R0(w)] = size === 1 ? v & 0xff : size === 2 ? v & 0xffff : v | 0;
      cpu.attention = 1;
      return next;
    }
    case 0x23: case 0x24: case 0x25: { // out
      privileged(cpu);
      const size = op === 0x23 ? 1 : op === 0x24 ? 2 : 4;
      const mask = size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
      cpu.bus.out(st[R0(w)] & 0xffff, size, (st[R1(w)] & mask) >>> 0);
      cpu.attention = 1;
      return next;
    }
    case 0x92: mulUnsigned(cpu, st[R0(w)]); return next;
    case 0x93: mulUnsigned(cpu, cpu.rd32(ea(st, w, cpu.code.disp[idx]))); return next;
    case 0x94: mulSigned(cpu, st[R0(w)]); return next;
    case 0x95: mulSigned(cpu, cpu.rd32(ea(st, w, cpu.code.disp[idx]))); return next;
    case 0x99: divUnsigned(cpu, st[R0(w)]); return next;
    case 0x9a: divUnsigned(cpu, cpu.rd32(ea(st, w, cpu.code.disp[idx]))); return next;
    case 0x9b: divSigned(cpu, st[R0(w)]); return next;
    case 0x9c: divSigned(cpu, cpu.rd32(ea(st, w, cpu.code.disp[idx]))); return next;
    default: // ud2 (0x0b) and anything the table does not define
      return cpu.fault(VEC_UD, 0);
  }
}

function mulUnsigned(cpu: Cpu, src: number): void {
  const st = cpu.st;
  const a = st[EAX];
  const lo = Math.imul(a, src);
  const hi = mulHighUnsigned(a, src);
  st[EAX] = lo;
  st[EDX] = hi;
  mulFlags(st, lo, hi !== 0);
}

function mulSigned(cpu: Cpu, src: number): void {
  const st = cpu.st;
  const a = st[EAX];
  const lo = Math.imul(a, src);
  const hi = mulHighSigned(a, src);
  st[EAX] = lo;
  st[EDX] = hi;
  mulFlags(st, lo, hi !== lo >> 31);
}

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

/** div: flags are left unchanged (x86 leaves them undefined). */
function divUnsigned(cpu: Cpu, src: number): void {
  const st = cpu.st;
  const d = src >>> 0;
  const hi = st[EDX] >>> 0;
  if (d === 0 || hi >= d) cpu.fault(VEC_DE, 0);
  divide64(hi, st[EAX] >>> 0, d);
  st[EAX] = DIV_RESULT[0] | 0;
  st[EDX] = DIV_RESULT[1] | 0;
}

function divSigned(cpu: Cpu, src: number): void {
  const st = cpu.st;
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

/** One movsb/movsd/stosb/stosd. */
function stringOnce(cpu: Cpu, op: number): void {
  const st = cpu.st;
  const size = (op & 1) !== 0 ? 4 : 1;
  const step = (st[F_BITS] & FL_DF) !== 0 ? -size : size;
  const movs = op === 0x10 || op === 0x11 || op === 0x14 || op === 0x15;
  if (movs) {
    const v = size === 4 ? cpu.rd32(st[ESI]) : cpu.rd8(st[ESI]);
    if (size === 4) cpu.wr32(st[EDI], v); else cpu.wr8(st[EDI], v);
    st[ESI] = (st[ESI] + step) | 0;
  } else if (size === 4) cpu.wr32(st[EDI], st[EAX]);
  else cpu.wr8(st[EDI], st[EAX]);
  st[EDI] = (st[EDI] + step) | 0;
}

function rep(cpu: Cpu, op: number, cur: number, next: number, maxIter: number): number {
  const st = cpu.st;
  if (st[ECX] === 0) return next;
  const size = (op & 1) !== 0 ? 4 : 1;
  const movs = op === 0x14 || op === 0x15;
  const forward = (st[F_BITS] & FL_DF) === 0;
  let n = 0;
  while (st[ECX] !== 0 && n < maxIter) {
    const chunk = forward ? fastChunk(cpu, size, movs, maxIter - n) : 0;
    if (chunk > 0) n += chunk;
    else {
      stringOnce(cpu, op);
      st[ECX] = (st[ECX] - 1) | 0;
      n++;
    }
    cpu.extraRetired = n;
  }
  cpu.extraRetired = n - 1;
  return st[ECX] === 0 ? next : cur;
}

/**
 * Forward iterations that stay inside the current source and destination
 * pages, both already in the TLB with the needed permission. Returns how many
 * it did (0: take the one-at-a-time path, which walks and faults as needed).
 */
function fastChunk(cpu: Cpu, size: number, movs: boolean, limit: number): number {
  const st = cpu.st;
  const edi = st[EDI], esi = st[ESI];
  const de = cpu.tlb[edi >>> 12];
  if ((de & cpu.wmask) === 0) return 0;
  let count = Math.min(st[ECX] >>> 0, limit, Math.floor((4096 - (edi & 0xfff)) / size));
  let se = 0;
  if (movs) {
    se = cpu.tlb[esi >>> 12];
    if ((se & cpu.rmask) === 0) return 0;
    count = Math.min(count, Math.floor((4096 - (esi & 0xfff)) / size));
  }
  if (count <= 0) return 0;
  const bytes = cpu.bytes;
  const pd = (de & ~0xfff) | (edi & 0xfff);
  const len = count * size;
  if (cpu.codeMark[pd >>> 12] !== 0) cpu.mem.codeWritten(pd >>> 12);
  if (movs) {
    const ps = (se & ~0xfff) | (esi & 0xfff);
    if (pd > ps && pd < ps + len) {
      // Overlap where a forward copy reads bytes it already wrote: x86 semantics, element by element.
      for (let i = 0; i < len; i += size) {
        if (size === 1) bytes[pd + i] = bytes[ps + i];
        else {
          const b0 = bytes[ps + i], b1 = bytes[ps + i + 1], b2 = bytes[ps + i + 2], b3 = bytes[ps + i + 3];
          bytes[pd + i] = b0; bytes[pd + i + 1] = b1; bytes[pd + i + 2] = b2; bytes[pd + i + 3] = b3;
        }
      }
    } else bytes.copyWithin(pd, ps, ps + len);
    st[ESI] = (esi + len) | 0;
  } else if (size === 1) bytes.fill(st[EAX] & 0xff, pd, pd + len);
  else if ((pd & 3) === 0) cpu.words.fill(st[EAX], pd >>> 2, (pd >>> 2) + count);
  else {
    const v = st[EAX];
    for (let i = 0; i < len; i += 4) {
      bytes[pd + i] = v; bytes[pd + i + 1] = v >>> 8; bytes[pd + i + 2] = v >>> 16; bytes[pd + i + 3] = v >>> 24;
    }
  }
  st[EDI] = (edi + len) | 0;
  st[ECX] = (st[ECX] - count) | 0;
  cpu.hits[0] += movs ? 2 : 1;
  return count;
}
