// Memory access by linear address, as the CPU's instructions make it: the
// TLB fast paths, the slow paths (walks, page crossings, addresses outside
// RAM) and the faults they raise. The Cpu class extends this one, so the
// interpreter's calls stay monomorphic and small enough to inline.
//
// Invariants: the fast paths use the TLB entry only when it grants the access
// at the current CPL (rmask/wmask) and the access stays inside the page; a
// store checks the frame's decoded-code mark first. A multi-byte access that
// crosses a page checks both pages without side effects before touching
// either, so a faulting access changes no memory and sets no A/D bit.
// `rd32w` reads with a write check, so the store of a read-modify-write that
// follows cannot fault. Faults throw FAULT with excVector/excCode set (and
// CR2 for #PF).

import type { PhysicalMemory } from '../memory.ts';
import { Mmu, TLB_KR, TLB_KW } from '../mmu.ts';
import { VEC_PF } from './vectors.ts';

/** Thrown (never allocated again) when an instruction faults; the details are in cpu.excVector/excCode. */
export const FAULT = { fault: true };

/**
 * The initial value of a number field that will hold any 32-bit value
 * (linear addresses, unsigned registers, counters). V8 fixes a field's
 * representation from the first value stored: a field that starts as a small
 * integer and later receives, say, 0xBFFFF000 changes the object's hidden
 * class, and every optimised function that saw the old one (the interpreter
 * loop, which takes V8 a tenth of a second to compile) is thrown away — it
 * happened three times in every cold boot, for cr2, vtb and ksp. -0 is a heap
 * number from the start and compares equal to 0.
 */
export const WIDE_ZERO = -0;

export class LinearAccess {
  readonly mmu: Mmu;
  readonly tlb: Int32Array;
  readonly bytes: Uint8Array;
  readonly words: Int32Array;
  readonly codeMark: Uint8Array;
  /** TLB hits, counted where they happen (a Float64Array: no allocation, no overflow). */
  readonly hits = new Float64Array(1);
  cplValue = 0;
  /** TLB permission bit a read (or fetch) needs at the current CPL. */
  rmask = TLB_KR;
  /** TLB permission bit a write needs at the current CPL. */
  wmask = TLB_KW;
  cr2 = WIDE_ZERO;
  excVector = 0;
  excCode = 0;

  constructor(readonly mem: PhysicalMemory) {
    this.mmu = new Mmu(mem);
    this.tlb = this.mmu.tlb;
    this.bytes = mem.bytes;
    this.words = mem.words;
    this.codeMark = mem.codeMark;
  }

  fault(vector: number, code: number): never {
    this.excVector = vector;
    this.excCode = code;
    throw FAULT;
  }

  pageFault(lin: number, code: number): never {
    this.cr2 = lin >>> 0;
    return this.fault(VEC_PF, code);
  }

  // ---- memory access (linear addresses, current privilege) ----
  rd32(lin: number): number {
    const e = this.tlb[lin >>> 12];
    if ((e & this.rmask) !== 0 && (lin & 0xfff) <= 0xffc) {
      this.hits[0]++;
      const p = (e & ~0xfff) | (lin & 0xfff);
      if ((p & 3) === 0) return this.words[p >>> 2];
      const b = this.bytes;
      return b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
    }
    return this.rdSlow(lin, 4, this.cplValue === 3, false);
  }

  rd16(lin: number): number {
    const e = this.tlb[lin >>> 12];
    if ((e & this.rmask) !== 0 && (lin & 0xfff) !== 0xfff) {
      this.hits[0]++;
      const p = (e & ~0xfff) | (lin & 0xfff);
      return this.bytes[p] | (this.bytes[p + 1] << 8);
    }
    return this.rdSlow(lin, 2, this.cplValue === 3, false);
  }

  rd8(lin: number): number {
    const e = this.tlb[lin >>> 12];
    if ((e & this.rmask) !== 0) {
      this.hits[0]++;
      return this.bytes[(e & ~0xfff) | (lin & 0xfff)];
    }
    return this.rdSlow(lin, 1, this.cplValue === 3, false);
  }

  /** Read a dword that the instruction will then write: faults now if the write would. */
  rd32w(lin: number): number {
    const e = this.tlb[lin >>> 12];
    if ((e & this.wmask) !== 0 && (lin & 0xfff) <= 0xffc) {
      this.hits[0]++;
      const p = (e & ~0xfff) | (lin & 0xfff);
      if ((p & 3) === 0) return this.words[p >>> 2];
      const b = this.bytes;
      return b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
    }
    return this.rdSlow(lin, 4, this.cplValue === 3, true);
  }

  wr32(lin: number, v: number): void {
    const e = this.tlb[lin >>> 12];
    if ((e & this.wmask) !== 0 && (lin & 0xfff) <= 0xffc) {
      this.hits[0]++;
      const p = (e & ~0xfff) | (lin & 0xfff);
      if (this.codeMark[p >>> 12] !== 0) this.mem.codeWritten(p >>> 12);
      if ((p & 3) === 0) { this.words[p >>> 2] = v; return; }
      const b = this.bytes;
      b[p] = v; b[p + 1] = v >>> 8; b[p + 2] = v >>> 16; b[p + 3] = v >>> 24;
      return;
    }
    this.wrSlow(lin, v, 4, this.cplValue === 3);
  }

  wr16(lin: number, v: number): void {
    const e = this.tlb[lin >>> 12];
    if ((e & this.wmask) !== 0 && (lin & 0xfff) !== 0xfff) {
      this.hits[0]++;
      const p = (e & ~0xfff) | (lin & 0xfff);
      if (this.codeMark[p >>> 12] !== 0) this.mem.codeWritten(p >>> 12);
      this.bytes[p] = v; this.bytes[p + 1] = v >>> 8;
      return;
    }
    this.wrSlow(lin, v, 2, this.cplValue === 3);
  }

  wr8(lin: number, v: number): void {
    const e = this.tlb[lin >>> 12];
    if ((e & this.wmask) !== 0) {
      this.hits[0]++;
      const p = (e & ~0xfff) | (lin & 0xfff);
      if (this.codeMark[p >>> 12] !== 0) this.mem.codeWritten(p >>> 12);
      this.bytes[p] = v;
      return;
    }
    this.wrSlow(lin, v, 1, this.cplValue === 3);
  }

  supRead32(lin: number): number {
    const e = this.tlb[lin >>> 12];
    if ((e & TLB_KR) !== 0 && (lin & 0xfff) <= 0xffc) {
      this.hits[0]++;
      const p = (e & ~0xfff) | (lin & 0xfff);
      if ((p & 3) === 0) return this.words[p >>> 2];
    }
    return this.rdSlow(lin, 4, false, false);
  }

  supWrite32(lin: number, v: number): void {
    const e = this.tlb[lin >>> 12];
    if ((e & TLB_KW) !== 0 && (lin & 0xfff) <= 0xffc && (lin & 3) === 0) {
      this.hits[0]++;
      const p = (e & ~0xfff) | (lin & 0xfff);
      if (this.codeMark[p >>> 12] !== 0) this.mem.codeWritten(p >>> 12);
      this.words[p >>> 2] = v;
      return;
    }
    this.wrSlow(lin, v, 4, false);
  }

  /** Fault now if a supervisor write to `lin` would fault (no side effects). */
  supWriteCheck(lin: number): void {
    if ((this.tlb[lin >>> 12] & TLB_KW) !== 0) return;
    const r = this.mmu.walkQuiet(lin, this.mmu.cr3, this.mmu.paging, true, false);
    if (r < 0) this.pageFault(lin, -1 - r);
  }

  /** Translate with side effects or fault. */
  private xlate(lin: number, write: boolean, user: boolean): number {
    const p = this.mmu.access(lin, write, user);
    if (p < 0) this.pageFault(lin, -1 - p);
    return p;
  }

  /** Check without side effects that an access would not fault. */
  private check(lin: number, write: boolean, user: boolean): void {
    const r = this.mmu.walkQuiet(lin, this.mmu.cr3, this.mmu.paging, write, user);
    if (r < 0) this.pageFault(lin, -1 - r);
  }

  /** Any read the fast path does not take: TLB miss, page crossing, outside RAM. `write` checks write access too. */
  rdSlow(lin: number, size: number, user: boolean, write: boolean): number {
    const off = lin & 0xfff;
    const mem = this.mem;
    if (off + size <= 4096) {
      const p = this.xlate(lin, write, user);
      return size === 4 ? mem.read32(p) | 0 : size === 2 ? mem.read16(p) : mem.read8(p);
    }
    const lin2 = ((lin | 0xfff) + 1) | 0;
    this.check(lin, write, user);
    this.check(lin2, write, user);
    const p1 = this.xlate(lin, write, user);
    const p2 = this.xlate(lin2, write, user);
    const first = 4096 - off;
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = (v << 8) | mem.read8(i < first ? p1 + i : p2 + i - first);
    return v;
  }

  wrSlow(lin: number, v: number, size: number, user: boolean): void {
    const off = lin & 0xfff;
    const mem = this.mem;
    if (off + size <= 4096) {
      const p = this.xlate(lin, true, user);
      if (size === 4) mem.write32(p, v); else if (size === 2) mem.write16(p, v); else mem.write8(p, v);
      return;
    }
    const lin2 = ((lin | 0xfff) + 1) | 0;
    this.check(lin, true, user);
    this.check(lin2, true, user);
    const p1 = this.xlate(lin, true, user);
    const p2 = this.xlate(lin2, true, user);
    const first = 4096 - off;
    for (let i = 0; i < size; i++) mem.write8(i < first ? p1 + i : p2 + i - first, v >>> (8 * i));
  }
}
