// The CPU: registers, the interpreter loop, memory access through the TLB,
// and trap delivery (docs/architecture.md "CPU" and "Traps").
//
// What it owns and the invariants it keeps:
// - Hot state lives in `st` (emulator/cpu/alu.ts explains the layout: the
//   eight registers, an always-zero register 8, and the flags). `reg` is a
//   view of st[0..7]: signed int32 values (use `>>> 0` for unsigned).
// - Instructions come from the decoded-code cache (emulator/cpu/code-cache.ts),
//   looked up by physical frame; the loop remembers the current code page so
//   a fetch is one compare and one typed-array load. Each ring keeps its own
//   code page (a trap and iret swap them: setCpl); `dropFetch` forgets both
//   whenever that memory could be stale: TLB flushes, invlpg, a dropped code
//   slot, a new breakpoint. Anything that replaces the machine's state under
//   the CPU (a snapshot restore) must call it too.
// - Precise exceptions: a handler performs every access that can fault before
//   it changes any register or memory; a fault throws the preallocated FAULT,
//   the loop catches it with `cur` still the instruction's address and
//   delivers the exception. Read-modify-write instructions read with a write
//   check (`rd32w`), so their final store cannot fault.
// - `attention` is nonzero when something must be looked at between
//   instructions (IRQ may be deliverable, stop requested); the loop checks
//   only that one field. sti sets it to 2: interrupts wait one instruction
//   (the x86 sti shadow, which makes `sti; hlt` race-free).
// - Single-stepping (eflags.TF, as x86): an instruction that starts with TF
//   set is followed by #DB (vector 1, a trap: the pushed eip is the next
//   instruction). `stepArmed` marks that such an instruction is running; it
//   runs in the interpreter (fetchLin stays -1, so no compiled block), and
//   the attention check after it delivers #DB. Delivering any trap clears TF
//   and disarms, so iret/popf setting TF trap after the instruction that
//   follows them, again as x86.
// - Nothing the guest does makes the host throw: guest faults become traps,
//   #DF, or a triple fault (STOP_DEAD); a host-side bug is reported as
//   STOP_DEAD with "internal error" instead of escaping.
// - The instructions themselves are not written here: the switch's cases are
//   generated from the ISA table's templates (isa/table.ts, by
//   emulator/cpu/gen-isa.ts: `npm run gen`; a test fails when they are stale).
//   This file keeps the loop around them: fetch, interrupts, faults, block
//   entry. System rows call their function in emulator/cpu/system.ts. The
//   rows a boot rarely runs (gen-isa.ts `isCold`) are cases of
//   `coldInstruction`, called from the switch's default, so that V8's
//   optimising compile of `loop` is shorter: in the runs measured it landed
//   before the boot's first ring switch could invalidate it (docs/performance.md).
// Memory access by linear address is in emulator/cpu/access.ts (the base
// class), the block compiler in emulator/cpu/blocks.ts.

import type { PortBus } from './bus.ts';
import { PAGE_SHIFT, type PhysicalMemory } from './memory.ts';
import { CR0_PG, CR0_WP, TLB_KR, TLB_KW, TLB_UR, TLB_UW, type MmuState } from './mmu.ts';
import { ESP, F_BITS, FL_IF, FL_TF, readEflags, STATE_SIZE, writeEflags } from './cpu/alu.ts';
// generated:begin imports (emulator/cpu/gen-isa.ts from isa/table.ts: npm run gen)
import { PARITY, adc, add, dec, divSigned, divUnsigned, ea, imul2, inc, logic, mulSigned, mulUnsigned, rol, ror, sar, sbb, shl, shr, sub } from './cpu/alu.ts';
// generated:end imports
import { compileBlock, HOT_THRESHOLD } from './cpu/blocks.ts';
import { CodeCache } from './cpu/code-cache.ts';
import { wasmBlock } from './cpu/wasm-tier.ts';
import * as sys from './cpu/system.ts';
import { FAULT, LinearAccess, WIDE_ZERO } from './cpu/access.ts';
import { STOP_BREAKPOINT, STOP_DEAD, STOP_HALTED, STOP_NONE, STOP_REQUESTED, VEC_DB, VEC_DF, VEC_PF, VEC_UD } from './cpu/vectors.ts';

export interface InterruptController {
  /** Highest-priority pending unmasked IRQ vector, or -1. */
  pendingVector(): number;
  /** The CPU is delivering `vector` now. */
  acknowledge(vector: number): void;
}

export {
  STOP_NONE, STOP_HALTED, STOP_DEAD, STOP_BREAKPOINT, STOP_REQUESTED, VEC_DE, VEC_DB, VEC_BP, VEC_UD, VEC_DF, VEC_GP, VEC_PF,
  VEC_IRQ_BASE, VEC_SYSCALL,
} from './cpu/vectors.ts';

export interface CpuCounters {
  /** Memory accesses and fetch-page changes served by the TLB. */
  readonly tlbHits: number;
  /** Page walks done for the CPU. */
  readonly tlbMisses: number;
  /** Traps delivered, by vector (faults, int n, int3, #DF); IRQs are not counted here. */
  readonly exceptions: Float64Array;
  /** IRQs delivered, by vector. */
  readonly irqs: Float64Array;
}

export { FAULT } from './cpu/access.ts';

/** The CPU's part of a machine snapshot (Cpu.saveState). */
export interface CpuState {
  st: Int32Array; eip: number; cr0: number; cpl: number; cr2: number; vtb: number; ksp: number; tp: number;
  instret: number; halted: boolean; dead: boolean; deadReason: string; stopReason: number; attention: number;
  irqFlag: boolean; stopFlag: boolean; stepArmed: boolean; excVector: number; excCode: number;
  exceptions: Float64Array; irqs: Float64Array; mmu: MmuState;
}


/** A frame whose decoded code was dropped this often is left to the interpreter. */
const MAX_DROPS_TO_COMPILE = 32;

export class Cpu extends LinearAccess {
  readonly code: CodeCache;
  readonly st: Int32Array;
  readonly reg: Int32Array;
  intc: InterruptController | null = null;

  instret = WIDE_ZERO;
  stopReason = STOP_NONE;
  deadReason = '';
  /** Vector-table base (linear), set by `lvt`. */
  vtb = WIDE_ZERO;
  /** Kernel stack pointer for traps from ring 3, set by `lksp`. */
  ksp = WIDE_ZERO;
  /** Thread pointer (TLS base): read by `rdtp` in any ring, written by `wrtp` in ring 0 only. */
  tp = WIDE_ZERO;
  halted = false;
  dead = false;
  readonly counters: CpuCounters;
  /** counters.exceptions, held here too so delivering a trap does not go through the counters object. */
  private readonly exceptionCounts = new Float64Array(256);

  // ---- internals shared with emulator/cpu/system.ts ----
  eipValue = WIDE_ZERO;
  cr0Value = WIDE_ZERO;
  attention = 0;
  irqFlag = false;
  stopFlag = false;
  fetchLin = -1;
  fetchBase = 0;
  fetchPhys = 0;
  /** The other ring's code page (fetchLin/Base/Phys while it ran): a trap or iret swaps it back in. */
  otherFetchLin = -1;
  otherFetchBase = 0;
  otherFetchPhys = 0;
  /** Iterations a rep instruction retired beyond the one the loop counts. */
  extraRetired = 0;
  /** Compile hot code into blocks (tests turn it off to compare against the pure interpreter). */
  compileBlocks = true;
  /** Give loops the loop tier (emulator/cpu/blocks.ts); off, every block is plain (benchmarks compare). */
  loopTier = true;
  /** Hot loops the wasm translator supports run as wasm (needs RAM in a WebAssembly.Memory: emulator/cpu/wasm-memory.ts). */
  wasmTier = false;
  /** Interpreted executions of an entry before it is compiled (tests lower it to exercise blocks). */
  hotThreshold = HOT_THRESHOLD;
  /** Set by a compiled block on every exit: instructions it completed. */
  blockRetired = 0;
  /** Set by a compiled block when an instruction in it faults. */
  blockFaultEip = WIDE_ZERO;
  readonly breakpoints = new Set<number>();
  readonly bpPages = new Uint16Array(1 << 20);
  bpSkip = -1;
  /** An instruction that started with TF set is running: #DB follows it. */
  stepArmed = false;

  constructor(mem: PhysicalMemory, readonly bus: PortBus) {
    super(mem);
    this.st = mem.backing ? mem.backing.state : new Int32Array(STATE_SIZE);
    this.code = new CodeCache(mem);
    this.code.onDrop = () => { this.dropFetch(); };
    this.reg = this.st.subarray(0, 8);
    const cpu = this;
    this.counters = {
      get tlbHits() { return cpu.hits[0]; },
      get tlbMisses() { return cpu.mmu.tlbMisses; },
      exceptions: this.exceptionCounts,
      irqs: new Float64Array(256),
    };
    this.reset();
  }

  // ---- architectural registers ----
  get eip(): number { return this.eipValue >>> 0; }
  set eip(v: number) { this.eipValue = v | 0; }
  get eflags(): number { return readEflags(this.st); }
  set eflags(v: number) { writeEflags(this.st, v); this.attention = 1; }
  get cpl(): number { return this.cplValue; }
  set cpl(v: number) { this.setCpl(v === 3 ? 3 : 0); }
  get cr0(): number { return this.cr0Value >>> 0; }
  set cr0(v: number) {
    this.cr0Value = v | 0;
    this.mmu.paging = (v & CR0_PG) !== 0;
    this.mmu.writeProtect = (v & CR0_WP) !== 0;
    this.flushTlb();
  }
  get cr3(): number { return this.mmu.cr3 >>> 0; }
  /** Like `mov cr3`: drops every non-global TLB entry. */
  set cr3(v: number) {
    this.mmu.cr3 = v >>> 0;
    this.mmu.flushNonGlobal();
    this.dropFetch();
  }
  get irqPending(): boolean { return this.irqFlag; }
  set irqPending(v: boolean) { this.irqFlag = v; if (v) this.attention = 1; }
  get stopRequested(): boolean { return this.stopFlag; }
  set stopRequested(v: boolean) { this.stopFlag = v; if (v) this.attention = 1; }

  setCpl(c: number): void {
    if (c === this.cplValue) return;
    this.cplValue = c;
    this.rmask = c === 3 ? TLB_UR : TLB_KR;
    this.wmask = c === 3 ? TLB_UW : TLB_KW;
    // Each ring keeps its own code page: it was checked against that ring's TLB permission, and
    // anything that could make it stale (TLB flushes, invlpg, dropped code, breakpoints) drops both.
    const lin = this.fetchLin, base = this.fetchBase, phys = this.fetchPhys;
    this.fetchLin = this.otherFetchLin; this.fetchBase = this.otherFetchBase; this.fetchPhys = this.otherFetchPhys;
    this.otherFetchLin = lin; this.otherFetchBase = base; this.otherFetchPhys = phys;
  }

  /** Forget the cached code pages of both rings (the next fetch looks the page up again). */
  dropFetch(): void {
    this.fetchLin = -1;
    this.otherFetchLin = -1;
  }

  reset(): void {
    this.st.fill(0);
    writeEflags(this.st, 2);
    this.eipValue = 0;
    this.setCpl(0);
    this.cr2 = 0; this.vtb = 0; this.ksp = 0; this.tp = 0;
    this.mmu.cr3 = 0;
    this.cr0 = 0;
    this.code.dropAll();
    this.instret = 0;
    this.stopReason = STOP_NONE;
    this.deadReason = '';
    this.halted = false;
    this.dead = false;
    this.stepArmed = false;
    this.attention = 1;
    this.hits[0] = 0;
    this.mmu.tlbMisses = 0;
    this.mmu.cr3Flushes = 0;
    this.mmu.invlpgs = 0;
    this.mmu.fullFlushes = 0;
    this.counters.exceptions.fill(0);
    this.counters.irqs.fill(0);
  }

  // ---- time travel (emulator/timetravel) ----
  /**
   * Everything that decides what the CPU does next, for a machine snapshot.
   * THE one place that lists the CPU's state: a field added to the CPU that
   * changes its behaviour must be added here and in loadState, or the
   * time-travel test (test/emulator/timetravel.test.ts), which compares a
   * rewound run with a fresh one, fails. Caches (decoded code, compiled
   * blocks, the fetch page) are not state: loadState drops them.
   */
  saveState(): CpuState {
    return {
      st: this.st.slice(), eip: this.eipValue, cr0: this.cr0Value, cpl: this.cplValue, cr2: this.cr2,
      vtb: this.vtb, ksp: this.ksp, tp: this.tp, instret: this.instret, halted: this.halted, dead: this.dead,
      deadReason: this.deadReason, stopReason: this.stopReason, attention: this.attention, irqFlag: this.irqFlag,
      stopFlag: this.stopFlag, stepArmed: this.stepArmed, excVector: this.excVector, excCode: this.excCode,
      exceptions: this.counters.exceptions.slice(), irqs: this.counters.irqs.slice(), mmu: this.mmu.saveState(),
    };
  }

  loadState(s: CpuState): void {
    this.code.dropAll();
    this.st.set(s.st);
    this.eipValue = s.eip;
    this.cr0Value = s.cr0;
    this.mmu.loadState(s.mmu);
    this.setCpl(s.cpl);
    this.cr2 = s.cr2; this.vtb = s.vtb; this.ksp = s.ksp; this.tp = s.tp;
    this.instret = s.instret;
    this.halted = s.halted; this.dead = s.dead; this.deadReason = s.deadReason;
    this.stopReason = s.stopReason;
    this.attention = s.attention; this.irqFlag = s.irqFlag; this.stopFlag = s.stopFlag;
    this.stepArmed = s.stepArmed;
    this.excVector = s.excVector; this.excCode = s.excCode;
    this.extraRetired = 0;
    this.counters.exceptions.set(s.exceptions);
    this.counters.irqs.set(s.irqs);
    this.dropFetch();   // both rings' code pages (setCpl above may have swapped a stale one in)
  }

  // ---- debugging ----
  addBreakpoint(linear: number): void {
    const l = linear >>> 0;
    if (this.breakpoints.has(l)) return;
    this.breakpoints.add(l);
    this.bpPages[l >>> PAGE_SHIFT]++;
    this.dropFetch();
  }
  removeBreakpoint(linear: number): void {
    const l = linear >>> 0;
    if (!this.breakpoints.delete(l)) return;
    this.bpPages[l >>> PAGE_SHIFT]--;
  }
  clearBreakpoints(): void {
    for (const l of [...this.breakpoints]) this.removeBreakpoint(l);
  }
  /** Physical address of `linear` (under `cr3` if given), or -1. No side effects. */
  translate(linear: number, cr3?: number, write = false, user = false): number {
    return this.mmu.translate(linear, cr3, write, user);
  }
  flushTlb(): void {
    this.mmu.flushAll();
    this.dropFetch();
  }

  // ---- running ----
  /** Retire up to `budget` instructions; returns how many. stopReason says why it returned early. */
  run(budget: number): number {
    return this.runFrom(budget, this.stopReason === STOP_BREAKPOINT ? this.eipValue : -1);
  }

  /** Execute one instruction (a breakpoint at the current eip is ignored). */
  step(): number {
    return this.runFrom(1, this.eipValue);
  }

  private runFrom(budget: number, skipBreakpointAt: number): number {
    this.stopReason = STOP_NONE;
    if (this.dead) { this.stopReason = STOP_DEAD; return 0; }
    if (this.stopFlag) { this.stopFlag = false; this.stopReason = STOP_REQUESTED; return 0; }
    if (this.halted) {
      if (!this.irqFlag || (this.st[F_BITS] & FL_IF) === 0 || !this.intc || this.intc.pendingVector() < 0) {
        this.stopReason = STOP_HALTED;
        return 0;
      }
      this.halted = false;
      this.attention = 1;
    }
    this.bpSkip = skipBreakpointAt;
    budget = budget > 0 ? Math.floor(budget) : 0;
    const done = this.loop(budget);
    this.instret += done;
    return done;
  }

  /** The interpreter. Returns instructions retired. */
  private loop(budget: number): number {
    const cpu = this; // the generated cases say cpu, as compiled blocks do
    const st = this.st;
    const word = this.code.word, disp = this.code.disp, imm = this.code.imm;
    const blocks = this.code.blocks, blockLen = this.code.blockLen, heat = this.code.heat;
    let eip = this.eipValue | 0; // an int32 from here on, though the field is a heap number (WIDE_ZERO)
    let cur = eip;
    let done = 0;
    let inBlock = false;
    outer: for (;;) {
      try {
        while (done < budget) {
          if (this.attention !== 0) {
            if (this.attention === 2) this.attention = 1;
            else {
              eip = this.attend(eip);
              if (this.stopReason !== STOP_NONE) break outer;
            }
          }
          cur = eip;
          let idx: number;
          if ((eip & ~0xfff) === this.fetchLin) idx = this.fetchBase + (eip & 0xfff);
          else {
            idx = this.fetchSlow(eip, done);
            if (idx < 0) break outer;
          }
          let w = word[idx];
          if (w === 0) { idx = this.decodeAt(eip, idx); w = word[idx]; }
          if ((eip & ~0xfff) === this.fetchLin) {
            // Compiled blocks run only from a cached, breakpoint-free code page.
            const block = blocks[idx];
            if (block !== undefined) {
              if (block !== null && blockLen[idx] <= budget - done) {
                inBlock = true;
                eip = block(this, st, eip & ~0xfff, budget - done);
                inBlock = false;
                done += this.blockRetired;
                if (this.stopReason !== STOP_NONE) break outer;   // a block ending in int met a triple fault
                continue;
              }
            } else if (++heat[idx] >= this.hotThreshold && this.compileBlocks) this.compileAt(idx, eip);
          }
          eip = (eip + ((w >>> 8) & 15)) | 0;
          // The register fields and the memory operand's address (base + index << scale + disp;
          // register 8 reads 0), computed once here instead of by a call at each use: V8's first
          // tiers, which run all of a cold boot's code, do not inline calls. No side effects, and
          // no handler changes a register before it would have computed the address (pop [mem]
          // computes its own, with esp already incremented).
          const r0 = (w >>> 12) & 15, r1 = (w >>> 16) & 15;
          const m = (st[(w >>> 20) & 15] + (st[(w >>> 24) & 15] << ((w >>> 28) & 3)) + disp[idx]) | 0;
          switch (w & 0xff) {
            // generated:begin cases (emulator/cpu/gen-isa.ts from isa/table.ts: npm run gen)
            case 0x02: eip = sys.hlt(cpu, w, idx, cur, eip, budget - done, done); break; // hlt
            case 0x03: eip = sys.cli(cpu, w, idx, cur, eip, budget - done, done); break; // cli
            case 0x04: eip = sys.sti(cpu, w, idx, cur, eip, budget - done, done); break; // sti
            case 0x05: eip = sys.iret(cpu, w, idx, cur, eip, budget - done, done); break; // iret
            case 0x06: eip = sys.pushf(cpu, w, idx, cur, eip, budget - done, done); break; // pushf
            case 0x07: eip = sys.popf(cpu, w, idx, cur, eip, budget - done, done); break; // popf
            case 0x08: { const v = cpu.rd32(st[4 /* ESP */]); st[4 /* ESP */] = (st[4 /* ESP */] + 4) | 0; eip = v; } done++; continue; // ret
            case 0x09: { const v = cpu.rd32(st[5 /* EBP */]); st[4 /* ESP */] = (st[5 /* EBP */] + 4) | 0; st[5 /* EBP */] = v; } done++; continue; // leave
            case 0x0a: st[2 /* EDX */] = st[0 /* EAX */] >> 31; done++; continue; // cdq
            case 0x0b: eip = sys.ud2(cpu, w, idx, cur, eip, budget - done, done); break; // ud2
            case 0x0e: st[13 /* F_BITS */] &= ~1024 /* FL_DF */; done++; continue; // cld
            case 0x14: eip = sys.repMovsb(cpu, w, idx, cur, eip, budget - done, done); break; // rep movsb
            case 0x15: eip = sys.repMovsd(cpu, w, idx, cur, eip, budget - done, done); break; // rep movsd
            case 0x16: eip = sys.repStosb(cpu, w, idx, cur, eip, budget - done, done); break; // rep stosb
            case 0x17: eip = sys.repStosd(cpu, w, idx, cur, eip, budget - done, done); break; // rep stosd
            case 0x18: eip = sys.softInterrupt(cpu, w, idx, cur, eip, budget - done, done); break; // int i8
            case 0x1b: eip = sys.lksp(cpu, w, idx, cur, eip, budget - done, done); break; // lksp r
            case 0x1c: eip = sys.movToCr(cpu, w, idx, cur, eip, budget - done, done); break; // mov cr, r
            case 0x1d: eip = sys.movFromCr(cpu, w, idx, cur, eip, budget - done, done); break; // mov r, cr
            case 0x20: eip = sys.inb(cpu, w, idx, cur, eip, budget - done, done); break; // inb r, r
            case 0x22: eip = sys.inl(cpu, w, idx, cur, eip, budget - done, done); break; // inl r, r
            case 0x23: eip = sys.outb(cpu, w, idx, cur, eip, budget - done, done); break; // outb r, r
            case 0x25: eip = sys.outl(cpu, w, idx, cur, eip, budget - done, done); break; // outl r, r
            case 0x28: st[r0] = st[r1]; done++; continue; // mov r, r
            case 0x29: st[r0] = imm[idx]; done++; continue; // mov r, i32
            case 0x2a: st[r0] = cpu.rd32(m); done++; continue; // mov r, m32
            case 0x2b: cpu.wr32(m, st[r0]); done++; continue; // mov m32, r
            case 0x2c: cpu.wr32(m, imm[idx]); done++; continue; // mov m32, i32
            case 0x2d: cpu.wr16(m, st[r0]); done++; continue; // mov m16, r
            case 0x2e: cpu.wr8(m, st[r0]); done++; continue; // mov m8, r
            case 0x30: cpu.wr8(m, imm[idx]); done++; continue; // mov m8, i8
            case 0x31: st[r0] = cpu.rd8(m); done++; continue; // movzx r, m8
            case 0x32: st[r0] = cpu.rd16(m); done++; continue; // movzx r, m16
            case 0x33: st[r0] = (cpu.rd8(m) << 24) >> 24; done++; continue; // movsx r, m8
            case 0x36: st[r0] = st[r1] & 0xffff; done++; continue; // movzxw r, r
            case 0x37: st[r0] = (st[r1] << 24) >> 24; done++; continue; // movsxb r, r
            case 0x39: st[r0] = m; done++; continue; // lea r, m
            case 0x3c: { const v = st[r0]; const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, v); st[4 /* ESP */] = sp; } done++; continue; // push r
            case 0x3d: { const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, imm[idx]); st[4 /* ESP */] = sp; } done++; continue; // push i32
            case 0x3e: { const v = cpu.rd32(m); const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, v); st[4 /* ESP */] = sp; } done++; continue; // push m32
            case 0x3f: { const v = cpu.rd32(st[4 /* ESP */]); st[4 /* ESP */] = (st[4 /* ESP */] + 4) | 0; st[r0] = v; } done++; continue; // pop r
            case 0x41: eip = ((eip + imm[idx]) | 0); done++; continue; // jmp rel
            case 0x43: { const t = cpu.rd32(m); eip = t; } done++; continue; // jmp m32
            case 0x44: { const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, eip); st[4 /* ESP */] = sp; eip = ((eip + imm[idx]) | 0); } done++; continue; // call rel
            case 0x45: { const t = st[r0]; const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, eip); st[4 /* ESP */] = sp; eip = t; } done++; continue; // call r
            case 0x46: { const t = cpu.rd32(m); const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, eip); st[4 /* ESP */] = sp; eip = t; } done++; continue; // call m32
            case 0x50: st[r0] = add(st, st[r0], st[r1]); done++; continue; // add r, r
            case 0x51: st[r0] = add(st, st[r0], imm[idx]); done++; continue; // add r, i32
            case 0x52: st[r0] = add(st, st[r0], cpu.rd32(m)); done++; continue; // add r, m32
            case 0x53: { const a = m; cpu.wr32(a, add(st, cpu.rd32w(a), st[r0])); } done++; continue; // add m32, r
            case 0x54: { const a = m; cpu.wr32(a, add(st, cpu.rd32w(a), imm[idx])); } done++; continue; // add m32, i32
            case 0x55: st[r0] = logic(st, st[r0] | st[r1]); done++; continue; // or r, r
            case 0x56: st[r0] = logic(st, st[r0] | imm[idx]); done++; continue; // or r, i32
            case 0x57: st[r0] = logic(st, st[r0] | cpu.rd32(m)); done++; continue; // or r, m32
            case 0x59: { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) | imm[idx])); } done++; continue; // or m32, i32
            case 0x64: st[r0] = logic(st, st[r0] & st[r1]); done++; continue; // and r, r
            case 0x65: st[r0] = logic(st, st[r0] & imm[idx]); done++; continue; // and r, i32
            case 0x66: st[r0] = logic(st, st[r0] & cpu.rd32(m)); done++; continue; // and r, m32
            case 0x68: { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) & imm[idx])); } done++; continue; // and m32, i32
            case 0x69: st[r0] = sub(st, st[r0], st[r1]); done++; continue; // sub r, r
            case 0x6a: st[r0] = sub(st, st[r0], imm[idx]); done++; continue; // sub r, i32
            case 0x6b: st[r0] = sub(st, st[r0], cpu.rd32(m)); done++; continue; // sub r, m32
            case 0x6c: { const a = m; cpu.wr32(a, sub(st, cpu.rd32w(a), st[r0])); } done++; continue; // sub m32, r
            case 0x6d: { const a = m; cpu.wr32(a, sub(st, cpu.rd32w(a), imm[idx])); } done++; continue; // sub m32, i32
            case 0x6e: st[r0] = logic(st, st[r0] ^ st[r1]); done++; continue; // xor r, r
            case 0x73: sub(st, st[r0], st[r1]); done++; continue; // cmp r, r
            case 0x74: sub(st, st[r0], imm[idx]); done++; continue; // cmp r, i32
            case 0x75: sub(st, st[r0], cpu.rd32(m)); done++; continue; // cmp r, m32
            case 0x77: sub(st, cpu.rd32(m), imm[idx]); done++; continue; // cmp m32, i32
            case 0x78: logic(st, st[r0] & st[r1]); done++; continue; // test r, r
            case 0x79: logic(st, st[r0] & imm[idx]); done++; continue; // test r, i32
            case 0x7c: logic(st, cpu.rd32(m) & imm[idx]); done++; continue; // test m32, i32
            case 0x80: st[r0] = inc(st, st[r0]); done++; continue; // inc r
            case 0x81: { const a = m; cpu.wr32(a, inc(st, cpu.rd32w(a))); } done++; continue; // inc m32
            case 0x82: st[r0] = dec(st, st[r0]); done++; continue; // dec r
            case 0x83: { const a = m; cpu.wr32(a, dec(st, cpu.rd32w(a))); } done++; continue; // dec m32
            case 0x86: st[r0] = ~st[r0]; done++; continue; // not r
            case 0x88: st[r0] = shl(st, st[r0], imm[idx] & 31); done++; continue; // shl r, i8
            case 0x89: st[r0] = shl(st, st[r0], st[r1] & 31); done++; continue; // shl r, r
            case 0x8a: st[r0] = shr(st, st[r0], imm[idx] & 31); done++; continue; // shr r, i8
            case 0x8d: st[r0] = sar(st, st[r0], st[r1] & 31); done++; continue; // sar r, r
            case 0x96: st[r0] = imul2(st, st[r0], st[r1]); done++; continue; // imul r, r
            case 0x97: st[r0] = imul2(st, st[r0], cpu.rd32(m)); done++; continue; // imul r, m32
            case 0x98: st[r0] = imul2(st, st[r1], imm[idx]); done++; continue; // imul r, r, i32
            case 0x99: divUnsigned(cpu, st, st[r0]); done++; continue; // div r
            case 0x9a: divUnsigned(cpu, st, cpu.rd32(m)); done++; continue; // div m32
            case 0x9c: divSigned(cpu, st, cpu.rd32(m)); done++; continue; // idiv m32
            case 0xa2: if (st[11 /* F_CF */] !== 0) eip = ((eip + imm[idx]) | 0); done++; continue; // jb rel
            case 0xa3: if (st[11 /* F_CF */] === 0) eip = ((eip + imm[idx]) | 0); done++; continue; // jae rel
            case 0xa4: if (st[9 /* F_Z */] === 0) eip = ((eip + imm[idx]) | 0); done++; continue; // je rel
            case 0xa5: if (st[9 /* F_Z */] !== 0) eip = ((eip + imm[idx]) | 0); done++; continue; // jne rel
            case 0xa6: if ((st[11 /* F_CF */] !== 0 || st[9 /* F_Z */] === 0)) eip = ((eip + imm[idx]) | 0); done++; continue; // jbe rel
            case 0xa7: if ((st[11 /* F_CF */] === 0 && st[9 /* F_Z */] !== 0)) eip = ((eip + imm[idx]) | 0); done++; continue; // ja rel
            case 0xac: if ((st[10 /* F_SP */] >>> 31) !== st[12 /* F_OF */]) eip = ((eip + imm[idx]) | 0); done++; continue; // jl rel
            case 0xad: if ((st[10 /* F_SP */] >>> 31) === st[12 /* F_OF */]) eip = ((eip + imm[idx]) | 0); done++; continue; // jge rel
            case 0xae: if ((st[9 /* F_Z */] === 0 || (st[10 /* F_SP */] >>> 31) !== st[12 /* F_OF */])) eip = ((eip + imm[idx]) | 0); done++; continue; // jle rel
            case 0xaf: if ((st[9 /* F_Z */] !== 0 && (st[10 /* F_SP */] >>> 31) === st[12 /* F_OF */])) eip = ((eip + imm[idx]) | 0); done++; continue; // jg rel
            case 0xb4: st[r0] = st[9 /* F_Z */] === 0 ? 1 : 0; done++; continue; // sete r
            case 0xb5: st[r0] = st[9 /* F_Z */] !== 0 ? 1 : 0; done++; continue; // setne r
            case 0xbc: st[r0] = (st[10 /* F_SP */] >>> 31) !== st[12 /* F_OF */] ? 1 : 0; done++; continue; // setl r
            case 0xbf: st[r0] = (st[9 /* F_Z */] !== 0 && (st[10 /* F_SP */] >>> 31) === st[12 /* F_OF */]) ? 1 : 0; done++; continue; // setg r
            // generated:end cases
            default: eip = cpu.coldInstruction(w, idx, cur, eip, r0, r1, m, budget, done); break;
          }
          // Only system rows (emulator/cpu/system.ts) and cold ones get here: rep's extra iterations, hlt's stop.
          if (cpu.extraRetired !== 0) { done += cpu.extraRetired; cpu.extraRetired = 0; }
          if (cpu.stopReason !== STOP_NONE) { done++; break outer; }
          done++;
        }
        break;
      } catch (e) {
        if (this.extraRetired !== 0) { done += this.extraRetired; this.extraRetired = 0; }
        if (inBlock) {
          inBlock = false;
          cur = this.blockFaultEip;
          done += this.blockRetired;
        }
        if (e !== FAULT) {
          this.die(`internal error at eip 0x${(cur >>> 0).toString(16)}: ${(e as Error)?.stack ?? e}`);
          eip = cur;
          break;
        }
        eip = this.deliver(this.excVector, this.excCode, cur, false);
        if (this.stopReason !== STOP_NONE) break;
        // A delivered fault retires nothing but still uses up budget, so a
        // guest stuck faulting forever (a handler that faults itself) cannot hang run().
        budget--;
      }
    }
    this.eipValue = eip;
    return done;
  }

  /**
   * The rarely run instructions (gen-isa.ts `isCold`), kept out of `loop` so
   * that V8 compiles that function sooner and smaller; too large to be
   * inlined back into it. Same arguments as its switch sees; returns the eip
   * to continue at (the caller counts the instruction retired).
   */
  private coldInstruction(w: number, idx: number, cur: number, eip: number, r0: number, r1: number, m: number,
    budget: number, done: number): number {
    const cpu = this; // the generated cases say cpu, as compiled blocks do
    const st = this.st;
    const disp = this.code.disp, imm = this.code.imm;
    switch (w & 0xff) {
      // generated:begin cold-cases (emulator/cpu/gen-isa.ts from isa/table.ts: npm run gen)
      case 0x01: break; // nop
      case 0x0c: eip = sys.int3(cpu, w, idx, cur, eip, budget - done, done); break; // int3
      case 0x0d: eip = sys.rdtsc(cpu, w, idx, cur, eip, budget - done, done); break; // rdtsc
      case 0x0f: st[13 /* F_BITS */] |= 1024 /* FL_DF */; break; // std
      case 0x10: eip = sys.movsb(cpu, w, idx, cur, eip, budget - done, done); break; // movsb
      case 0x11: eip = sys.movsd(cpu, w, idx, cur, eip, budget - done, done); break; // movsd
      case 0x12: eip = sys.stosb(cpu, w, idx, cur, eip, budget - done, done); break; // stosb
      case 0x13: eip = sys.stosd(cpu, w, idx, cur, eip, budget - done, done); break; // stosd
      case 0x19: eip = sys.invlpg(cpu, w, idx, cur, eip, budget - done, done); break; // invlpg m
      case 0x1a: eip = sys.lvt(cpu, w, idx, cur, eip, budget - done, done); break; // lvt r
      case 0x1e: eip = sys.rdtp(cpu, w, idx, cur, eip, budget - done, done); break; // rdtp r
      case 0x1f: eip = sys.wrtp(cpu, w, idx, cur, eip, budget - done, done); break; // wrtp r
      case 0x21: eip = sys.inw(cpu, w, idx, cur, eip, budget - done, done); break; // inw r, r
      case 0x24: eip = sys.outw(cpu, w, idx, cur, eip, budget - done, done); break; // outw r, r
      case 0x2f: cpu.wr16(m, imm[idx]); break; // mov m16, i16
      case 0x34: st[r0] = (cpu.rd16(m) << 16) >> 16; break; // movsx r, m16
      case 0x35: st[r0] = st[r1] & 0xff; break; // movzxb r, r
      case 0x38: st[r0] = (st[r1] << 16) >> 16; break; // movsxw r, r
      case 0x3a: { const t = st[r0]; st[r0] = st[r1]; st[r1] = t; } break; // xchg r, r
      case 0x3b: { const a = m; const v = cpu.rd32w(a); cpu.wr32(a, st[r0]); st[r0] = v; } break; // xchg r, m32
      case 0x40: { const sp = st[4 /* ESP */]; const v = cpu.rd32(sp); st[4 /* ESP */] = (sp + 4) | 0; const a = ea(st, w, disp[idx]); st[4 /* ESP */] = sp; cpu.wr32(a, v); st[4 /* ESP */] = (sp + 4) | 0; } break; // pop m32
      case 0x42: eip = st[r0]; break; // jmp r
      case 0x58: { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) | st[r0])); } break; // or m32, r
      case 0x5a: st[r0] = adc(st, st[r0], st[r1]); break; // adc r, r
      case 0x5b: st[r0] = adc(st, st[r0], imm[idx]); break; // adc r, i32
      case 0x5c: st[r0] = adc(st, st[r0], cpu.rd32(m)); break; // adc r, m32
      case 0x5d: { const a = m; cpu.wr32(a, adc(st, cpu.rd32w(a), st[r0])); } break; // adc m32, r
      case 0x5e: { const a = m; cpu.wr32(a, adc(st, cpu.rd32w(a), imm[idx])); } break; // adc m32, i32
      case 0x5f: st[r0] = sbb(st, st[r0], st[r1]); break; // sbb r, r
      case 0x60: st[r0] = sbb(st, st[r0], imm[idx]); break; // sbb r, i32
      case 0x61: st[r0] = sbb(st, st[r0], cpu.rd32(m)); break; // sbb r, m32
      case 0x62: { const a = m; cpu.wr32(a, sbb(st, cpu.rd32w(a), st[r0])); } break; // sbb m32, r
      case 0x63: { const a = m; cpu.wr32(a, sbb(st, cpu.rd32w(a), imm[idx])); } break; // sbb m32, i32
      case 0x67: { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) & st[r0])); } break; // and m32, r
      case 0x6f: st[r0] = logic(st, st[r0] ^ imm[idx]); break; // xor r, i32
      case 0x70: st[r0] = logic(st, st[r0] ^ cpu.rd32(m)); break; // xor r, m32
      case 0x71: { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) ^ st[r0])); } break; // xor m32, r
      case 0x72: { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) ^ imm[idx])); } break; // xor m32, i32
      case 0x76: sub(st, cpu.rd32(m), st[r0]); break; // cmp m32, r
      case 0x7a: logic(st, st[r0] & cpu.rd32(m)); break; // test r, m32
      case 0x7b: logic(st, cpu.rd32(m) & st[r0]); break; // test m32, r
      case 0x84: st[r0] = sub(st, 0, st[r0]); break; // neg r
      case 0x85: { const a = m; cpu.wr32(a, sub(st, 0, cpu.rd32w(a))); } break; // neg m32
      case 0x87: { const a = m; cpu.wr32(a, ~cpu.rd32w(a)); } break; // not m32
      case 0x8b: st[r0] = shr(st, st[r0], st[r1] & 31); break; // shr r, r
      case 0x8c: st[r0] = sar(st, st[r0], imm[idx] & 31); break; // sar r, i8
      case 0x8e: st[r0] = rol(st, st[r0], imm[idx] & 31); break; // rol r, i8
      case 0x8f: st[r0] = rol(st, st[r0], st[r1] & 31); break; // rol r, r
      case 0x90: st[r0] = ror(st, st[r0], imm[idx] & 31); break; // ror r, i8
      case 0x91: st[r0] = ror(st, st[r0], st[r1] & 31); break; // ror r, r
      case 0x92: mulUnsigned(st, st[r0]); break; // mul r
      case 0x93: mulUnsigned(st, cpu.rd32(m)); break; // mul m32
      case 0x94: mulSigned(st, st[r0]); break; // imul r
      case 0x95: mulSigned(st, cpu.rd32(m)); break; // imul m32
      case 0x9b: divSigned(cpu, st, st[r0]); break; // idiv r
      case 0xa0: if (st[12 /* F_OF */] !== 0) eip = ((eip + imm[idx]) | 0); break; // jo rel
      case 0xa1: if (st[12 /* F_OF */] === 0) eip = ((eip + imm[idx]) | 0); break; // jno rel
      case 0xa8: if (st[10 /* F_SP */] < 0) eip = ((eip + imm[idx]) | 0); break; // js rel
      case 0xa9: if (st[10 /* F_SP */] >= 0) eip = ((eip + imm[idx]) | 0); break; // jns rel
      case 0xaa: if (PARITY[st[10 /* F_SP */] & 255] !== 0) eip = ((eip + imm[idx]) | 0); break; // jp rel
      case 0xab: if (PARITY[st[10 /* F_SP */] & 255] === 0) eip = ((eip + imm[idx]) | 0); break; // jnp rel
      case 0xb0: st[r0] = st[12 /* F_OF */] !== 0 ? 1 : 0; break; // seto r
      case 0xb1: st[r0] = st[12 /* F_OF */] === 0 ? 1 : 0; break; // setno r
      case 0xb2: st[r0] = st[11 /* F_CF */] !== 0 ? 1 : 0; break; // setb r
      case 0xb3: st[r0] = st[11 /* F_CF */] === 0 ? 1 : 0; break; // setae r
      case 0xb6: st[r0] = (st[11 /* F_CF */] !== 0 || st[9 /* F_Z */] === 0) ? 1 : 0; break; // setbe r
      case 0xb7: st[r0] = (st[11 /* F_CF */] === 0 && st[9 /* F_Z */] !== 0) ? 1 : 0; break; // seta r
      case 0xb8: st[r0] = st[10 /* F_SP */] < 0 ? 1 : 0; break; // sets r
      case 0xb9: st[r0] = st[10 /* F_SP */] >= 0 ? 1 : 0; break; // setns r
      case 0xba: st[r0] = PARITY[st[10 /* F_SP */] & 255] !== 0 ? 1 : 0; break; // setp r
      case 0xbb: st[r0] = PARITY[st[10 /* F_SP */] & 255] === 0 ? 1 : 0; break; // setnp r
      case 0xbd: st[r0] = (st[10 /* F_SP */] >>> 31) === st[12 /* F_OF */] ? 1 : 0; break; // setge r
      case 0xbe: st[r0] = (st[9 /* F_Z */] === 0 || (st[10 /* F_SP */] >>> 31) !== st[12 /* F_OF */]) ? 1 : 0; break; // setle r
      // generated:end cold-cases
      default: cpu.fault(VEC_UD, 0); // the decoder admits only the table's opcodes
    }
    return eip;
  }

  /** Between instructions: a stop request, or an IRQ when IF=1. Returns the eip to continue at. */
  private attend(eip: number): number {
    this.attention = 0;
    if (this.stopFlag) {
      this.stopFlag = false;
      this.stopReason = STOP_REQUESTED;
      return eip;
    }
    if ((this.st[F_BITS] & FL_TF) !== 0) {
      if (this.stepArmed) {
        this.stepArmed = false;
        return this.deliver(VEC_DB, 0, eip, false);
      }
      // The next instruction runs alone, interpreted; look again after it.
      this.stepArmed = true;
      this.attention = 1;
      this.fetchLin = -1;
    } else this.stepArmed = false;
    if (this.irqFlag && (this.st[F_BITS] & FL_IF) !== 0 && this.intc) {
      const v = this.intc.pendingVector();
      if (v >= 0) {
        this.intc.acknowledge(v);
        this.counters.irqs[v & 255]++;
        return this.deliver(v & 255, 0, eip, true);
      }
    }
    return eip;
  }

  /** Fetch through a code page not cached in fetchLin; -1 when a breakpoint stops the run. */
  private fetchSlow(eip: number, done: number): number {
    const e = this.tlb[eip >>> PAGE_SHIFT];
    let frameAddr: number;
    if ((e & this.rmask) !== 0) {
      this.hits[0]++;
      frameAddr = e & ~0xfff;
    } else {
      const p = this.mmu.access(eip, false, this.cplValue === 3);
      if (p < 0) this.pageFault(eip, -1 - p);
      if (p >= this.mem.size) this.fault(VEC_UD, 0);
      frameAddr = p - (eip & 0xfff);
    }
    const base = this.code.baseFor(frameAddr >>> PAGE_SHIFT);
    this.fetchPhys = frameAddr;
    this.fetchBase = base;
    if (this.bpPages[eip >>> PAGE_SHIFT] !== 0) {
      if (this.breakpoints.has(eip >>> 0) && !(done === 0 && eip === this.bpSkip)) {
        this.stopReason = STOP_BREAKPOINT;
        return -1;
      }
      this.fetchLin = -1;
    } else if (this.stepArmed) this.fetchLin = -1;   // a single step never enters a compiled block
    else this.fetchLin = eip & ~0xfff;
    return base + (eip & 0xfff);
  }

  /** Decode the instruction at eip into its cache entry (or the scratch entry if it crosses a page). */
  private decodeAt(eip: number, idx: number): number {
    const off = eip & 0xfff;
    const phys = this.fetchPhys;
    const bytes = this.bytes;
    const code = this.code;
    let crossed = false;
    const ok = code.decodeInto(code.scratch, (k) => {
      if (off + k < 4096) return bytes[phys + off + k];
      crossed = true;
      const lin = (eip + k) | 0;
      const p = this.mmu.access(lin, false, this.cplValue === 3);
      if (p < 0) this.pageFault(lin, -1 - p);
      return this.mem.read8(p);
    });
    if (!ok) this.fault(VEC_UD, 0);
    if (crossed) return code.scratch;
    code.word[idx] = code.word[code.scratch];
    code.disp[idx] = code.disp[code.scratch];
    code.imm[idx] = code.imm[code.scratch];
    return idx;
  }

  /** Compile the block starting at decoded entry `idx` (instruction at `eip`, on the current fetch page). */
  private compileAt(idx: number, eip: number): void {
    const code = this.code, word = code.word, bytes = this.bytes, phys = this.fetchPhys;
    if (code.dropCount[phys >>> PAGE_SHIFT] >= MAX_DROPS_TO_COMPILE) {
      // Code and data sharing a frame (or code rewritten in a loop): compiling would be thrown away again.
      code.blocks[idx] = null;
      return;
    }
    const slotBase = idx - (eip & 0xfff);
    const entryAt = (o: number): number => {
      const j = slotBase + o;
      if (word[j] !== 0) return j;
      // Decode ahead without faulting: an instruction that would leave the page ends the block.
      let inside = true;
      const ok = code.decodeInto(code.scratch, (k) => {
        if (o + k < 4096) return bytes[phys + o + k];
        inside = false;
        return 0;
      });
      if (!ok || !inside) return -1;
      word[j] = word[code.scratch];
      code.disp[j] = code.disp[code.scratch];
      code.imm[j] = code.imm[code.scratch];
      return j;
    };
    const r = compileBlock(word, code.disp, code.imm, eip & 0xfff, entryAt, this.loopTier);
    const wasm = r && this.wasmTier && this.loopTier ? wasmBlock(this.mem.backing, r.fn, word, code.disp, code.imm, eip & 0xfff, entryAt) : null;
    code.blocks[idx] = r ? wasm ?? r.fn : null;
    code.blockLen[idx] = r ? r.length : 0;
  }

  // ---- faults and traps ----
  die(reason: string): void {
    this.dead = true;
    this.deadReason = reason;
    this.stopReason = STOP_DEAD;
  }

  /**
   * Deliver a trap and return the handler's eip. A fault while delivering
   * becomes #DF; a fault while delivering #DF stops the machine (triple fault).
   */
  deliver(vector: number, code: number, retEip: number, irq: boolean): number {
    if (!irq) this.exceptionCounts[vector]++;
    try {
      return this.pushFrame(vector, code, retEip);
    } catch (e) {
      if (e !== FAULT) throw e;
    }
    const first = this.excVector;
    if (vector !== VEC_DF) {
      this.exceptionCounts[VEC_DF]++;
      try {
        return this.pushFrame(VEC_DF, 0, retEip);
      } catch (e) {
        if (e !== FAULT) throw e;
      }
    }
    this.die(`triple fault: vector ${vector} at eip 0x${(retEip >>> 0).toString(16)} could not be delivered ` +
      `(fault ${first}${this.excVector === VEC_PF || first === VEC_PF ? `, cr2 0x${this.cr2.toString(16)}` : ''}; ` +
      `vtb 0x${this.vtb.toString(16)}, esp 0x${(this.st[ESP] >>> 0).toString(16)}, ksp 0x${this.ksp.toString(16)})`);
    return retEip;
  }

  private pushFrame(vector: number, code: number, retEip: number): number {
    const st = this.st;
    const oldCpl = this.cplValue;
    const oldEsp = st[ESP];
    const sp = oldCpl === 3 ? this.ksp | 0 : oldEsp;
    const handler = this.supRead32((this.vtb + vector * 4) | 0);
    const top = (sp - 20) | 0;
    const flags = readEflags(st);
    const e = this.tlb[top >>> 12];
    if ((e & TLB_KW) !== 0 && (top & 3) === 0 && (top & 0xfff) <= 0xfec) {
      // The usual case: an aligned frame inside one page the TLB lets ring 0 write (so nothing can fault).
      const p = (e & ~0xfff) | (top & 0xfff);
      if (this.codeMark[p >>> 12] !== 0) this.mem.codeWritten(p >>> 12);
      const words = this.words, i = p >>> 2;
      words[i] = code; words[i + 1] = retEip; words[i + 2] = oldCpl; words[i + 3] = flags; words[i + 4] = oldEsp;
      this.hits[0]++;
    } else {
      // Check the whole frame before writing any of it.
      this.supWriteCheck(top);
      this.supWriteCheck((top + 19) | 0);
      this.supWrite32((top + 16) | 0, oldEsp);
      this.supWrite32((top + 12) | 0, flags);
      this.supWrite32((top + 8) | 0, oldCpl);
      this.supWrite32((top + 4) | 0, retEip);
      this.supWrite32(top, code);
    }
    st[ESP] = top;
    this.setCpl(0);
    st[F_BITS] &= ~(FL_IF | FL_TF);   // handlers run with interrupts off and without single-stepping
    this.stepArmed = false;
    this.halted = false;
    return handler;
  }
}

// Re-exported for convenience of tests and the machine.
export { TLB_KR, TLB_KW, TLB_UR, TLB_UW };
