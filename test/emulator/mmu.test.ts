// The MMU as the guest sees it: x86 non-PAE walks, permission rules, A/D bits,
// #PF error codes and CR2, 4 MiB pages, and TLB invalidation semantics.
import { describe, expect, it } from 'vitest';
import { VEC_PF } from '../../emulator/cpu.ts';
import { PhysicalMemory } from '../../emulator/memory.ts';
import { Mmu, TLB_UR, TLB_UW } from '../../emulator/mmu.ts';
import {
  Asm, EAX, EBX, makeCpu, mem, pagedMachine, PageTables, PGDIR, runToStop, TABLES, trapFrame, UCODE, UDATA, UDATA_PHYS,
} from './cpu-harness.ts';

const A = 0x20, D = 0x40;
const TARGET = 0x00800000, TARGET_PHYS = 0x300000;

/** Run one load or store of [TARGET] in ring `cpl`; returns the fault (vector, error code, cr2) or null. */
function access(kind: 'read' | 'write', cpl: number, pteFlags: number | null, opts: { wp?: boolean; pdeFlags?: number } = {}) {
  const a = new Asm(UCODE);
  if (kind === 'read') a.op('mov', 'r, m32', EAX, mem(8, TARGET));
  else a.op('mov', 'm32, r', mem(8, TARGET), EBX);
  a.op('ud2');
  const m = pagedMachine(a, { cpl });
  if (pteFlags !== null) m.pt.map(TARGET, TARGET_PHYS, pteFlags, opts.pdeFlags ?? 7);
  if (opts.wp === false) m.cpu.cr0 = 0x80000001;
  m.mem.write32(TARGET_PHYS, 0x11223344);
  m.cpu.reg[EBX] = 0x55667788;
  const vector = runToStop(m.cpu);
  const frame = trapFrame(m.cpu);
  return { ...m, vector, err: frame.err, faultEip: frame.eip, cr2: m.cpu.cr2 };
}

describe('page walks and #PF error codes', () => {
  it('user read of a not-present page: 0x4, CR2 = the address, eip = the instruction', () => {
    const r = access('read', 3, null);
    expect(r.vector).toBe(VEC_PF);
    expect(r.err).toBe(0x4);
    expect(r.cr2).toBe(TARGET);
    expect(r.faultEip).toBe(UCODE);
  });
  it('user write of a not-present page: 0x6', () => {
    expect(access('write', 3, null).err).toBe(0x6);
  });
  it('user read of a supervisor page: 0x5', () => {
    expect(access('read', 3, 0x3).err).toBe(0x5);
  });
  it('user write to a read-only page: 0x7', () => {
    const r = access('write', 3, 0x5);
    expect(r.err).toBe(0x7);
    expect(r.mem.read32(TARGET_PHYS)).toBe(0x11223344);
  });
  it('kernel write to a read-only page with CR0.WP: 0x3', () => {
    expect(access('write', 0, 0x5).err).toBe(0x3);
  });
  it('kernel read and write of a not-present page: 0x0 and 0x2', () => {
    expect(access('read', 0, null).err).toBe(0x0);
    expect(access('write', 0, null).err).toBe(0x2);
  });
  it('kernel write to a read-only page without CR0.WP succeeds and sets D', () => {
    const r = access('write', 0, 0x5, { wp: false });
    expect(r.vector).toBe(6); // reached the ud2 after the store
    expect(r.mem.read32(TARGET_PHYS)).toBe(0x55667788);
    expect(r.pt.pte(TARGET) & D).toBe(D);
  });
  it('kernel reads user pages (no SMAP)', () => {
    const r = access('read', 0, 0x5);
    expect(r.vector).toBe(6);
    expect(r.cpu.reg[EAX]).toBe(0x11223344);
  });
  it('U/S and R/W are the AND of both levels', () => {
    // PTE says user, the PDE says supervisor: user access is a protection fault.
    expect(access('read', 3, 0x7, { pdeFlags: 0x3 }).err).toBe(0x5);
    // PTE says writable, the PDE says read-only: user write faults.
    expect(access('write', 3, 0x7, { pdeFlags: 0x5 }).err).toBe(0x7);
    // Both permissive: fine.
    expect(access('write', 3, 0x7, { pdeFlags: 0x7 }).vector).toBe(6);
  });
});

describe('accessed and dirty bits', () => {
  it('a read sets A in the PDE and the PTE but not D; a write then sets D', () => {
    const a = new Asm(UCODE);
    a.op('mov', 'r, m32', EAX, mem(8, TARGET)).op('int3').op('mov', 'm32, r', mem(8, TARGET), EAX).op('ud2');
    const m = pagedMachine(a, { cpl: 3 });
    m.pt.map(TARGET, TARGET_PHYS, 0x7);
    expect(m.pt.pte(TARGET) & (A | D)).toBe(0);
    expect(m.pt.pde(TARGET) & A).toBe(0);
    expect(runToStop(m.cpu)).toBe(3);
    expect(m.pt.pte(TARGET) & (A | D)).toBe(A);
    expect(m.pt.pde(TARGET) & A).toBe(A);
    // Resume after int3: the write walks again and sets D.
    const b = new Asm(UCODE);
    b.op('mov', 'm32, r', mem(8, TARGET), EAX).op('ud2');
    m.mem.dmaWrite(0x200000, b.build());
    m.cpu.cpl = 3;
    m.cpu.eip = UCODE;
    expect(runToStop(m.cpu)).toBe(6);
    expect(m.pt.pte(TARGET) & (A | D)).toBe(A | D);
  });

  it('a faulting access sets neither A nor D', () => {
    const r = access('write', 3, 0x5); // user write to read-only: protection fault
    expect(r.pt.pte(TARGET) & (A | D)).toBe(0);
    expect(r.pt.pde(TARGET) & A).toBe(0);
  });

  it('a write hit after a read fill still walks once to set D', () => {
    const a = new Asm(UCODE);
    a.op('mov', 'r, m32', EAX, mem(8, TARGET)).op('mov', 'm32, r', mem(8, TARGET + 4), EAX).op('ud2');
    const m = pagedMachine(a, { cpl: 3 });
    m.pt.map(TARGET, TARGET_PHYS, 0x7);
    runToStop(m.cpu);
    expect(m.pt.pte(TARGET) & D).toBe(D);
  });
});

describe('4 MiB pages', () => {
  it('a PS=1 PDE maps 4 MiB; A and D land in the PDE', () => {
    const a = new Asm(UCODE);
    a.op('mov', 'r, m32', EAX, mem(8, 0x01000000 + 0x123458)).op('mov', 'm32, r', mem(8, 0x01000000 + 4), EAX).op('ud2');
    const m = pagedMachine(a, { cpl: 3, ram: 16 << 20 });
    m.mem.write32(PGDIR + (0x01000000 >>> 22) * 4, 0x00400000 | 0x80 | 7);
    m.mem.write32(0x00400000 + 0x123458, 0xcafe);
    expect(runToStop(m.cpu)).toBe(6);
    expect(m.cpu.reg[EAX]).toBe(0xcafe);
    expect(m.mem.read32(0x00400004)).toBe(0xcafe);
    expect(m.mem.read32(PGDIR + 4 * 4) & (A | D)).toBe(A | D);
    expect(m.cpu.translate(0x01000000 + 0x3ff123)).toBe(0x00400000 + 0x3ff123);
  });
});

describe('TLB', () => {
  function staleSetup(global: boolean) {
    // Read [UDATA] twice with an int3 between; the test repoints the PTE in between.
    const a = new Asm(UCODE);
    a.op('mov', 'r, m32', EAX, mem(8, UDATA)).op('int3').op('mov', 'r, m32', EBX, mem(8, UDATA)).op('ud2');
    const m = pagedMachine(a, { cpl: 3 });
    m.pt.map(UDATA, UDATA_PHYS, global ? 0x107 : 0x7);
    m.mem.write32(UDATA_PHYS, 111);
    m.mem.write32(0x230000, 222);
    expect(runToStop(m.cpu)).toBe(3);
    expect(m.cpu.reg[EAX]).toBe(111);
    m.pt.map(UDATA, 0x230000, global ? 0x107 : 0x7);
    const resume = () => {
      m.cpu.cpl = 3;
      m.cpu.eip = trapFrame(m.cpu).eip;
      m.cpu.eflags = 0x202;
      return runToStop(m.cpu);
    };
    return { m, resume };
  }

  it('uses a stale entry until invalidated', () => {
    const { m, resume } = staleSetup(false);
    expect(resume()).toBe(6);
    expect(m.cpu.reg[EBX]).toBe(111);
  });
  it('invlpg drops the page', () => {
    const { m, resume } = staleSetup(false);
    m.cpu.mmu.invalidatePage(UDATA);
    expect(resume()).toBe(6);
    expect(m.cpu.reg[EBX]).toBe(222);
  });
  it('the invlpg instruction drops the page', () => {
    const a = new Asm(UCODE);
    a.op('mov', 'r, m32', EAX, mem(8, UDATA)).op('int3').op('invlpg', 'm', mem(8, UDATA)).op('mov', 'r, m32', EBX, mem(8, UDATA)).op('ud2');
    const m = pagedMachine(a, { cpl: 0 });
    m.pt.map(UDATA, UDATA_PHYS, 0x7);
    m.mem.write32(UDATA_PHYS, 111);
    m.mem.write32(0x230000, 222);
    expect(runToStop(m.cpu)).toBe(3);
    m.pt.map(UDATA, 0x230000, 0x7);
    m.cpu.eip = trapFrame(m.cpu).eip;
    expect(runToStop(m.cpu)).toBe(6);
    expect(m.cpu.reg[EBX]).toBe(222);
  });
  it('a CR3 write drops non-global entries', () => {
    const { m, resume } = staleSetup(false);
    m.cpu.cr3 = PGDIR;
    expect(resume()).toBe(6);
    expect(m.cpu.reg[EBX]).toBe(222);
  });
  it('a CR3 write keeps global entries; flushTlb drops them', () => {
    const g = staleSetup(true);
    g.m.cpu.cr3 = PGDIR;
    expect(g.resume()).toBe(6);
    expect(g.m.cpu.reg[EBX]).toBe(111);
    const h = staleSetup(true);
    h.m.cpu.flushTlb();
    expect(h.resume()).toBe(6);
    expect(h.m.cpu.reg[EBX]).toBe(222);
  });
  it('counts hits and misses', () => {
    const { m, resume } = staleSetup(false);
    const misses = m.cpu.counters.tlbMisses;
    const hits = m.cpu.counters.tlbHits;
    resume();
    expect(m.cpu.counters.tlbHits).toBeGreaterThan(hits);
    expect(misses).toBeGreaterThan(0);
  });
});

describe('the TLB view (entries and flush counters)', () => {
  function filled() {
    const a = new Asm(UCODE);
    a.op('mov', 'r, m32', EAX, mem(8, UDATA)).op('int3').op('ud2');
    const m = pagedMachine(a, { cpl: 3 });
    m.pt.map(UDATA, UDATA_PHYS, 0x7);
    expect(runToStop(m.cpu)).toBe(3);
    return m;
  }
  const pages = (m: ReturnType<typeof filled>) => m.cpu.mmu.entries().map((e) => e.page << 12);

  it('lists the pages the CPU used, with their frame and permission bits', () => {
    const m = filled();
    const data = m.cpu.mmu.entries().find((e) => e.page << 12 === UDATA);
    expect(data).toBeDefined();
    expect(data!.frame).toBe(UDATA_PHYS);
    expect(data!.bits & TLB_UR).toBe(TLB_UR);
    expect(data!.bits & TLB_UW).toBe(0); // read only so far: D is clear, no write bit yet
    expect(pages(m)).toContain(UCODE & ~0xfff);
  });
  it('a CR3 write empties it (no global entries) and is counted', () => {
    const m = filled();
    const before = m.cpu.mmu.cr3Flushes;
    expect(m.cpu.mmu.entries().length).toBeGreaterThan(0);
    m.cpu.cr3 = PGDIR;
    expect(m.cpu.mmu.entries()).toEqual([]);
    expect(m.cpu.mmu.cr3Flushes).toBe(before + 1);
  });
  it('invlpg drops exactly one entry and is counted', () => {
    const m = filled();
    const was = pages(m);
    const before = m.cpu.mmu.invlpgs;
    m.cpu.mmu.invalidatePage(UDATA + 0x123);
    expect(pages(m)).toEqual(was.filter((p) => p !== UDATA));
    expect(m.cpu.mmu.invlpgs).toBe(before + 1);
  });
  it('the invlpg instruction is counted like the host call', () => {
    const a = new Asm(UCODE);
    // The push caches the stack page first: its PTE shares UDATA's 16-entry group, so a first walk of it
    // after the invlpg (for the #UD frame) would cache UDATA again as a neighbour, as x86 may.
    a.op('push', 'r', EAX).op('mov', 'r, m32', EAX, mem(8, UDATA)).op('invlpg', 'm', mem(8, UDATA)).op('ud2');
    const m = pagedMachine(a, { cpl: 0 });
    m.pt.map(UDATA, UDATA_PHYS, 0x7);
    const before = m.cpu.mmu.invlpgs;
    expect(runToStop(m.cpu)).toBe(6);
    expect(m.cpu.mmu.invlpgs).toBe(before + 1);
    expect(pages(m)).not.toContain(UDATA);
  });
});

describe('translate (inspection)', () => {
  it('has no side effects and works under any CR3', () => {
    const { cpu, mem: ram } = makeCpu(4 << 20);
    const pt = new PageTables(ram, PGDIR, TABLES);
    pt.map(0x12345000, 0x2000, 0x7);
    expect(cpu.translate(0x12345678)).toBe(0x12345678); // paging off: identity
    expect(cpu.translate(0x12345678, PGDIR)).toBe(0x2678);
    expect(cpu.translate(0x12346000, PGDIR)).toBe(-1);
    expect(pt.pte(0x12345000) & A).toBe(0);
    expect(cpu.translate(0x12345678, PGDIR, true, true)).toBe(0x2678);
    pt.map(0x12345000, 0x2000, 0x5);
    expect(cpu.translate(0x12345678, PGDIR, true, true)).toBe(-1);
    expect(cpu.counters.tlbMisses).toBe(0);
  });

  it('never caches translations to addresses outside RAM, and reads there give all ones', () => {
    const m = new PhysicalMemory(1 << 20);
    const mmu = new Mmu(m);
    expect(mmu.access(0x200000, false, false)).toBe(0x200000);
    expect(mmu.tlb[0x200]).toBe(0);
    expect(m.read32(0x200000)).toBe(0xffffffff);
    m.write32(0x200000, 5); // dropped, no throw
    expect(m.dmaWrite(0xffffe, new Uint8Array(4))).toBe(false);
    expect(m.dmaRead(0xffffc, 4)).not.toBeNull();
    expect(m.dmaRead(0xffffd, 4)).toBeNull();
  });
});

describe('neighbour fill (a walk caches the A-set entries of its 16-PTE group)', () => {
  const V = 0x00800000; // 16-page aligned: PTEs V..V+15 share one 64-byte group
  const page = (i: number) => V + i * 4096;
  function setup() {
    const m = new PhysicalMemory(4 << 20);
    const pt = new PageTables(m, PGDIR, TABLES);
    pt.map(page(0), 0x200000, 0x7); // the one the access walks: no A yet
    pt.map(page(1), 0x201000, 0x7 | A | D); // user RW, accessed and dirty
    pt.map(page(2), 0x202000, 0x7 | A); // accessed, clean
    pt.map(page(3), 0x203000, 0x7); // never accessed
    pt.map(page(5), 0x205000, 0x5 | A | D); // user read-only
    pt.map(page(15), 0x20f000, 0x3 | A | D | 0x100); // supervisor, global
    pt.map(page(16), 0x210000, 0x7 | A | D); // the next group
    pt.map(page(6), 0x7ff000 + 0x1000, 0x7 | A | D); // a frame outside RAM
    const mmu = new Mmu(m);
    mmu.paging = true;
    mmu.writeProtect = true;
    mmu.cr3 = PGDIR;
    const ptes = () => Array.from({ length: 17 }, (_, i) => pt.pte(page(i)));
    return { m, pt, mmu, ptes, entry: (i: number) => mmu.tlb[page(i) >>> 12] };
  }

  it('caches present neighbours whose A is set, with the bits a walk would give, and writes no PTE', () => {
    const s = setup();
    const before = s.ptes();
    expect(s.mmu.access(page(0) + 8, false, true)).toBe(0x200008);
    const after = s.ptes();
    expect(after[0]).toBe(before[0] | A); // the walked entry: A set, as always
    expect(after.slice(1)).toEqual(before.slice(1)); // the neighbours: untouched
    expect(s.entry(1)).toBe(0x201000 | 1 | 2 | 4 | 8); // KR UR KW UW
    expect(s.entry(2)).toBe(0x202000 | 1 | 2); // D clear: no write bit, a write walks and sets D
    expect(s.entry(5)).toBe(0x205000 | 1 | 2); // read-only under WP: no write bit at all
    expect(s.entry(15)).toBe(0x20f000 | 1 | 4 | 16); // supervisor RW, global
  });

  it('leaves entries without A, not present, outside RAM or in another group for their own walk', () => {
    const s = setup();
    s.mmu.access(page(0), false, true);
    expect(s.entry(3)).toBe(0);
    expect(s.entry(4)).toBe(0);
    expect(s.entry(6)).toBe(0);
    expect(s.entry(16)).toBe(0);
    const misses = s.mmu.tlbMisses;
    expect(s.mmu.access(page(3), false, true)).toBe(0x203000);
    expect(s.pt.pte(page(3)) & A).toBe(A); // its own walk set A
    expect(s.mmu.tlbMisses).toBe(misses + 1);
  });

  it('a write to a clean neighbour still walks and sets D', () => {
    const s = setup();
    s.mmu.access(page(0), false, true);
    expect(s.entry(2) & TLB_UW).toBe(0);
    s.mmu.access(page(2), true, true);
    expect(s.pt.pte(page(2)) & D).toBe(D);
    expect(s.entry(2) & TLB_UW).toBe(TLB_UW);
  });

  it('a scan of accessed pages walks once per 16 pages; a CR3 write forgets the neighbours too', () => {
    const m = new PhysicalMemory(4 << 20);
    const pt = new PageTables(m, PGDIR, TABLES);
    for (let i = 0; i < 64; i++) pt.map(page(i), 0x200000 + i * 4096, 0x7 | A | D);
    const mmu = new Mmu(m);
    mmu.paging = true;
    mmu.cr3 = PGDIR;
    for (let i = 0; i < 64; i++) if ((mmu.tlb[page(i) >>> 12] & TLB_UW) === 0) mmu.access(page(i), true, true);
    expect(mmu.tlbMisses).toBe(4);
    mmu.flushNonGlobal();
    expect(mmu.entries()).toEqual([]);
  });
});
