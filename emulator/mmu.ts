// The MMU: x86 32-bit non-PAE paging and a flat software TLB.
//
// Owns CR0's PG/WP view, CR3, the page walk (with the A/D side effects) and
// the TLB. The CPU reads `tlb` directly on its fast paths.
//
// TLB layout: one Int32 per linear page (2^20 entries). An entry is
//   frame address (bits 12-29, always inside RAM) | permission bits:
//   TLB_KR 1  a ring-0 read (or fetch) may use it
//   TLB_UR 2  a ring-3 read may use it
//   TLB_KW 4  a ring-0 write may use it (allowed under CR0.WP, and D is set)
//   TLB_UW 8  a ring-3 write may use it (allowed, and D is set)
//   TLB_G  16 global: survives a CR3 write
// 0 means "not cached". So a hit is `(tlb[lin >>> 12] & mask) !== 0` with the
// mask chosen by access type and CPL. Write bits are only granted once D is
// set in memory, so a write hit never needs to touch the page tables.
// Translations to addresses outside RAM are never cached: those accesses take
// the slow path every time (reads give all ones, writes are dropped).
//
// Invariants: an access that faults sets no A or D bit; a successful walk
// sets A in the PDE and PTE (D too on a write) and writes the entries only
// when a bit actually changes. A walk through a page table also caches the
// other entries of its 16-PTE group that are present with A already set
// (fillNeighbours): nothing is cached that a walk would have had to set A
// for, and a write bit still needs D. `translate` has no side effects at all.

import { PAGE_SHIFT, type PhysicalMemory } from './memory.ts';

export const TLB_KR = 1, TLB_UR = 2, TLB_KW = 4, TLB_UW = 8, TLB_G = 16;

export const PTE_P = 1, PTE_RW = 2, PTE_US = 4, PTE_A = 0x20, PTE_D = 0x40, PDE_PS = 0x80, PTE_G = 0x100;

export const CR0_WP = 1 << 16;
export const CR0_PG = 1 << 31;

/** #PF error code bits. */
export const PF_P = 1, PF_W = 2, PF_U = 4;

/** How many filled entries we remember for selective flushing before falling back to clearing everything. */
const FILLED_CAPACITY = 1 << 16;

/**
 * The TLB bits of a PTE, indexed by (PDE & PTE & (RW|US)) | D >> 3 | G >> 4
 * (so RW is 2, US 4, D 8, G 16), with CR0.WP set and clear: what access()
 * grants after a walk, as a table for fillNeighbours' loop.
 */
const PERM_WP = new Uint8Array(32), PERM_NO_WP = new Uint8Array(32);
for (let i = 0; i < 32; i++) {
  const rw = i & 2, us = i & 4, dirty = i & 8, global = i & 16;
  for (const wp of [true, false]) {
    let bits = us ? TLB_KR | TLB_UR : TLB_KR;
    if (dirty) {
      if (rw || !wp) bits |= TLB_KW;
      if (rw && us) bits |= TLB_UW;
    }
    if (global) bits |= TLB_G;
    (wp ? PERM_WP : PERM_NO_WP)[i] = bits;
  }
}

/** What Mmu.saveState captures: the mode, CR3, and (page, entry) pairs of the TLB. */
export interface MmuState { paging: boolean; writeProtect: boolean; cr3: number; entries: Int32Array }

export class Mmu {
  readonly tlb: Int32Array;
  /** Linear page numbers filled since the last full clear (may repeat). */
  private readonly filled = new Int32Array(FILLED_CAPACITY);
  private nFilled = 0;
  private overflowed = false;

  paging = false;
  writeProtect = false;
  cr3 = 0;

  tlbHits = 0;
  tlbMisses = 0;
  /** Flushes, counted where they happen (never per access): CR3 writes, invlpg, full clears. */
  cr3Flushes = 0;
  invlpgs = 0;
  fullFlushes = 0;

  private readonly words: Int32Array;
  private readonly ramSize: number;

  constructor(private readonly mem: PhysicalMemory) {
    this.words = mem.words;
    this.tlb = mem.backing ? mem.backing.tlb : new Int32Array(1 << 20);
    this.ramSize = mem.size;
  }

  /**
   * Walk for an access by the CPU, with side effects (A, D, TLB fill).
   * Returns the physical address (a non-negative number, possibly outside
   * RAM), or -1 - errorCode when the access faults.
   */
  access(lin: number, write: boolean, user: boolean): number {
    this.tlbMisses++;
    lin >>>= 0;
    if (!this.paging) {
      this.fill(lin >>> PAGE_SHIFT, lin & ~0xfff, TLB_KR | TLB_UR | TLB_KW | TLB_UW);
      return lin;
    }
    // Page-table entries are aligned dwords: when they lie in RAM (always, for a sane kernel) they are
    // read straight from the word view; the checked accessor is only for tables outside RAM.
    const words = this.words, size = this.mem.size;
    const pdeAddr = ((this.cr3 & ~0xfff) | ((lin >>> 22) << 2)) >>> 0;
    const pde = pdeAddr < size ? words[pdeAddr >>> 2] : this.mem.read32(pdeAddr) | 0;
    const baseCode = (write ? PF_W : 0) | (user ? PF_U : 0);
    if ((pde & PTE_P) === 0) return -1 - baseCode;
    let rw: number, us: number, phys: number, next: number;
    if ((pde & PDE_PS) !== 0) {
      rw = pde & PTE_RW;
      us = pde & PTE_US;
      if (user ? us === 0 || (write && rw === 0) : write && rw === 0 && this.writeProtect) return -1 - (baseCode | PF_P);
      next = pde | PTE_A | (write ? PTE_D : 0);
      if (next !== pde) this.mem.write32(pdeAddr, next);
      phys = ((pde & 0xffc00000) >>> 0) + (lin & 0x3fffff);
    } else {
      const pteAddr = ((pde & ~0xfff) | ((lin >>> 10) & 0xffc)) >>> 0;
      const pte = pteAddr < size ? words[pteAddr >>> 2] : this.mem.read32(pteAddr) | 0;
      if ((pte & PTE_P) === 0) return -1 - baseCode;
      rw = pde & pte & PTE_RW;
      us = pde & pte & PTE_US;
      if (user ? us === 0 || (write && rw === 0) : write && rw === 0 && this.writeProtect) return -1 - (baseCode | PF_P);
      // A and D are written only when not yet set: after a page's first touches a walk writes nothing.
      if ((pde & PTE_A) === 0) this.mem.write32(pdeAddr, pde | PTE_A);
      next = pte | PTE_A | (write ? PTE_D : 0);
      if (next !== pte) this.mem.write32(pteAddr, next);
      phys = ((pte & ~0xfff) >>> 0) + (lin & 0xfff);
    }
    let bits = TLB_KR;
    if (us) bits |= TLB_UR;
    if ((next & PTE_D) !== 0) {
      if (rw || !this.writeProtect) bits |= TLB_KW;
      if (rw && us) bits |= TLB_UW;
    }
    if ((next & PTE_G) !== 0) bits |= TLB_G;
    this.fill(lin >>> PAGE_SHIFT, phys - (lin & 0xfff), bits);
    if ((pde & PDE_PS) === 0) this.fillNeighbours(lin, pde, ((pde & ~0xfff) | ((lin >>> 10) & 0xffc)) >>> 0);
    return phys;
  }

  /**
   * After a walk through a page table, cache the other translations of the
   * same 16-entry group of PTEs (one 64-byte line, 64 KiB of linear space)
   * that are present with A already set: x86 allows a TLB to hold any
   * translation the tables give (the kernel invalidates after changing a
   * present entry), and an entry whose A is set needs no write, so nothing
   * guest-visible happens that a walk would not have done. Entries without A
   * are left for their own walk, which sets it; write bits still need D.
   * A scan of consecutive pages (memwalk, a process touching its stack,
   * heap or code after a CR3 reload) then walks once per 16 pages.
   */
  private fillNeighbours(lin: number, pde: number, pteAddr: number): void {
    if (pteAddr + 64 > this.ramSize) return;
    const words = this.words, t = this.tlb, filled = this.filled, ramSize = this.ramSize;
    const perm = this.writeProtect ? PERM_WP : PERM_NO_WP;
    const first = (pteAddr & ~63) >>> 2, self = pteAddr >>> 2;
    const pageBase = (lin >>> PAGE_SHIFT) & ~15;
    let n = this.nFilled;
    for (let i = 0; i < 16; i++) {
      const e = words[first + i];
      if ((e & (PTE_P | PTE_A)) !== (PTE_P | PTE_A) || first + i === self) continue;
      const page = pageBase | i;
      const frame = e & ~0xfff;
      if (t[page] !== 0 || (frame >>> 0) + 4096 > ramSize) continue;
      t[page] = frame | perm[(pde & e & (PTE_RW | PTE_US)) | ((e >>> 3) & 8) | ((e >>> 4) & 16)];
      if (n < FILLED_CAPACITY) filled[n++] = page;
      else this.overflowed = true;
    }
    this.nFilled = n;
  }

  /** The permission rule of x86 without SMAP/SMEP: ring 0 reads anything, writes read-only pages only without WP. */
  private allowed(rw: number, us: number, write: boolean, user: boolean): boolean {
    if (user) return us !== 0 && (!write || rw !== 0);
    return !write || rw !== 0 || !this.writeProtect;
  }

  private fill(page: number, frameAddr: number, bits: number): void {
    if (frameAddr + 4096 > this.mem.size) return;
    const t = this.tlb;
    if (t[page] === 0) {
      if (this.nFilled < FILLED_CAPACITY) this.filled[this.nFilled++] = page;
      else this.overflowed = true;
    }
    t[page] = frameAddr | bits;
  }

  /**
   * Translate without side effects (no A/D, no TLB fill), as the inspection
   * API and the debugger need. `cr3` defaults to the current one; paging is
   * assumed on when a cr3 is given. Returns the physical address or -1.
   */
  translate(linear: number, cr3?: number, write = false, user = false): number {
    const r = this.walkQuiet(linear, cr3 ?? this.cr3, cr3 !== undefined || this.paging, write, user);
    return r < 0 ? -1 : r;
  }

  /** Side-effect-free walk: physical address or -1 - errorCode. */
  walkQuiet(linear: number, cr3: number, paging: boolean, write: boolean, user: boolean): number {
    const lin = linear >>> 0;
    if (!paging) return lin;
    const mem = this.mem;
    const pde = mem.read32(((cr3 & ~0xfff) >>> 0) + ((lin >>> 22) << 2));
    const baseCode = (write ? PF_W : 0) | (user ? PF_U : 0);
    if ((pde & PTE_P) === 0) return -1 - baseCode;
    if ((pde & PDE_PS) !== 0) {
      if (!this.allowed(pde & PTE_RW, pde & PTE_US, write, user)) return -1 - (baseCode | PF_P);
      return ((pde & 0xffc00000) >>> 0) + (lin & 0x3fffff);
    }
    const pte = mem.read32(((pde & ~0xfff) >>> 0) + (((lin >>> 12) & 0x3ff) << 2));
    if ((pte & PTE_P) === 0) return -1 - baseCode;
    if (!this.allowed(pde & pte & PTE_RW, pde & pte & PTE_US, write, user)) return -1 - (baseCode | PF_P);
    return ((pte & ~0xfff) >>> 0) + (lin & 0xfff);
  }

  /** invlpg: forget one linear page. */
  invalidatePage(linear: number): void {
    this.invlpgs++;
    this.tlb[linear >>> PAGE_SHIFT] = 0;
  }

  /** A CR3 write: forget every entry that is not global. */
  flushNonGlobal(): void {
    this.cr3Flushes++;
    if (this.overflowed) { this.flushAll(); return; }
    const t = this.tlb;
    const list = this.filled;
    let kept = 0;
    for (let i = 0; i < this.nFilled; i++) {
      const page = list[i];
      const e = t[page];
      if (e === 0 || e < 0) continue; // gone, or a global already kept
      if ((e & TLB_G) !== 0) {
        // Mark with a sign bit while compacting so a page listed twice is kept once.
        t[page] = e | (1 << 31);
        list[kept++] = page;
      } else t[page] = 0;
    }
    for (let i = 0; i < kept; i++) t[list[i]] &= ~(1 << 31);
    this.nFilled = kept;
  }

  /** Forget everything, global entries included (CR0 writes, tests). */
  flushAll(): void {
    this.fullFlushes++;
    if (this.overflowed) this.tlb.fill(0);
    else for (let i = 0; i < this.nFilled; i++) this.tlb[this.filled[i]] = 0;
    this.nFilled = 0;
    this.overflowed = false;
  }

  /**
   * The MMU's part of a machine snapshot (emulator/timetravel): paging mode,
   * CR3 and the cached translations. The TLB is saved, not flushed, because
   * it is guest-visible: a cached entry spares the walk that would set A/D
   * bits, so a replay from an emptied TLB could write different page tables.
   */
  saveState(): MmuState {
    const pages: number[] = [];
    const t = this.tlb;
    if (this.overflowed) { for (let p = 0; p < t.length; p++) if (t[p] !== 0) pages.push(p); }
    else for (let i = 0; i < this.nFilled; i++) if (t[this.filled[i]] !== 0) pages.push(this.filled[i]);
    const unique = [...new Set(pages)];
    const entries = new Int32Array(unique.length * 2);
    unique.forEach((p, i) => { entries[2 * i] = p; entries[2 * i + 1] = t[p]; });
    return { paging: this.paging, writeProtect: this.writeProtect, cr3: this.cr3, entries };
  }

  loadState(s: MmuState): void {
    this.flushAll();
    this.paging = s.paging;
    this.writeProtect = s.writeProtect;
    this.cr3 = s.cr3;
    for (let i = 0; i < s.entries.length; i += 2) {
      const page = s.entries[i];
      if (this.nFilled < FILLED_CAPACITY) this.filled[this.nFilled++] = page;
      else this.overflowed = true;
      this.tlb[page] = s.entries[i + 1];
    }
  }

  /**
   * The cached translations, for the debugger's TLB view: linear page number,
   * frame address and TLB_* bits, in page order, at most `max` of them. Reads
   * the fill list (a full scan only after it overflowed); no side effects.
   */
  entries(max = Infinity): { page: number; frame: number; bits: number }[] {
    const t = this.tlb;
    const pages = new Set<number>();
    if (this.overflowed) { for (let p = 0; p < t.length; p++) if (t[p] !== 0) pages.add(p); }
    else for (let i = 0; i < this.nFilled; i++) if (t[this.filled[i]] !== 0) pages.add(this.filled[i]);
    const out: { page: number; frame: number; bits: number }[] = [];
    for (const page of [...pages].sort((a, b) => a - b)) {
      if (out.length >= max) break;
      out.push({ page, frame: (t[page] & ~0xfff) >>> 0, bits: t[page] & 0x1f });
    }
    return out;
  }
}
