// The CPU: registers, the interpreter loop, memory access through the TLB,
// and trap delivery (docs/architecture.md "CPU" and "Traps").
//
// What it owns and the invariants it keeps:
// - Hot state lives in `st` (emulator/cpu/alu.ts explains the layout: the
//   eight registers, an always-zero register 8, and the flags). `reg` is a
//   view of st[0..7]: signed int32 values (use `>>> 0` for unsigned).
// - Instructions come from the decoded-code cache (emulator/cpu/code-cache.ts),
//   looked up by physical frame; the loop remembers the current code page so
//   a fetch is one compare and one typed-array load. `fetchLin` is reset to -1
//   whenever that memory could be stale: TLB flushes, CPL changes, a dropped
//   code slot, breakpoints on the page.
// - Precise exceptions: a handler performs every access that can fault before
//   it changes any register or memory; a fault throws the preallocated FAULT,
//   the loop catches it with `cur` still the instruction's address and
//   delivers the exception. Read-modify-write instructions read with a write
//   check (`rd32w`), so their final store cannot fault.
// - `attention` is nonzero when something must be looked at between
//   instructions (IRQ may be deliverable, stop requested); the loop checks
//   only that one field. sti sets it to 2: interrupts wait one instruction
//   (the x86 sti shadow, which makes `sti; hlt` race-free).
// - Nothing the guest does makes the host throw: guest faults become traps,
//   #DF, or a triple fault (STOP_DEAD); a host-side bug is reported as
//   STOP_DEAD with "internal error" instead of escaping.
// - The instructions themselves are not written here: the switch's cases are
//   generated from the ISA table's templates (isa/table.ts, by
//   emulator/cpu/gen-isa.ts: `npm run gen`; a test fails when they are stale).
//   This file keeps the loop around them: fetch, interrupts, faults, block
//   entry. System rows call their function in emulator/cpu/system.ts.
// Memory access by linear address is in emulator/cpu/access.ts (the base
// class), the block compiler in emulator/cpu/blocks.ts.

import type { PortBus } from './bus.ts';
import { PAGE_SHIFT, type PhysicalMemory } from './memory.ts';
import { CR0_PG, CR0_WP, TLB_KR, TLB_KW, TLB_UR, TLB_UW } from './mmu.ts';
import { F_BITS, FL_IF, readEflags, STATE_SIZE, writeEflags } from './cpu/alu.ts';
// generated:begin imports (emulator/cpu/gen-isa.ts from isa/table.ts: npm run gen)
import { PARITY, adc, add, dec, divSigned, divUnsigned, ea, imul2, inc, logic, mulSigned, mulUnsigned, rol, ror, sar, sbb, shl, shr, sub } from './cpu/alu.ts';
// generated:end imports
import { compileBlock, HOT_THRESHOLD } from './cpu/blocks.ts';
import { CodeCache } from './cpu/code-cache.ts';
import * as sys from './cpu/system.ts';
import { FAULT, LinearAccess, WIDE_ZERO } from './cpu/access.ts';
import { STOP_BREAKPOINT, STOP_DEAD, STOP_HALTED, STOP_NONE, STOP_REQUESTED, VEC_DF, VEC_PF, VEC_UD } from './cpu/vectors.ts';

export interface InterruptController {
  /** Highest-priority pending unmasked IRQ vector, or -1. */
  pendingVector(): number;
  /** The CPU is delivering `vector` now. */
  acknowledge(vector: number): void;
}

export {
  STOP_NONE, STOP_HALTED, STOP_DEAD, STOP_BREAKPOINT, STOP_REQUESTED, VEC_DE, VEC_BP, VEC_UD, VEC_DF, VEC_GP, VEC_PF,
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


/** A frame whose decoded code was dropped this often is left to the interpreter. */
const MAX_DROPS_TO_COMPILE = 32;

export class Cpu extends LinearAccess {
  readonly code: CodeCache;
  readonly st = new Int32Array(STATE_SIZE);
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

  // ---- internals shared with emulator/cpu/system.ts ----
  eipValue = WIDE_ZERO;
  cr0Value = WIDE_ZERO;
  attention = 0;
  irqFlag = false;
  stopFlag = false;
  fetchLin = -1;
  fetchBase = 0;
  fetchPhys = 0;
  /** Iterations a rep instruction retired beyond the one the loop counts. */
  extraRetired = 0;
  /** Compile hot code into blocks (tests turn it off to compare against the pure interpreter). */
  compileBlocks = true;
  /** Interpreted executions of an entry before it is compiled (tests lower it to exercise blocks). */
  hotThreshold = HOT_THRESHOLD;
  /** Set by a compiled block on every exit: instructions it completed. */
  blockRetired = 0;
  /** Set by a compiled block when an instruction in it faults. */
  blockFaultEip = WIDE_ZERO;
  readonly breakpoints = new Set<number>();
  readonly bpPages = new Uint16Array(1 << 20);
  bpSkip = -1;

  constructor(mem: PhysicalMemory, readonly bus: PortBus) {
    super(mem);
    this.code = new CodeCache(mem);
    this.code.onDrop = () => { this.fetchLin = -1; };
    this.reg = this.st.subarray(0, 8);
    const cpu = this;
    this.counters = {
      get tlbHits() { return cpu.hits[0]; },
      get tlbMisses() { return cpu.mmu.tlbMisses; },
      exceptions: new Float64Array(256),
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
    this.fetchLin = -1;
  }
  get irqPending(): boolean { return this.irqFlag; }
  set irqPending(v: boolean) { this.irqFlag = v; if (v) this.attention = 1; }
  get stopRequested(): boolean { return this.stopFlag; }
  set stopRequested(v: boolean) { this.stopFlag = v; if (v) this.attention = 1; }

  setCpl(c: number): void {
    this.cplValue = c;
    this.rmask = c === 3 ? TLB_UR : TLB_KR;
    this.wmask = c === 3 ? TLB_UW : TLB_KW;
    this.fetchLin = -1;
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
    this.attention = 1;
    this.hits[0] = 0;
    this.mmu.tlbMisses = 0;
    this.counters.exceptions.fill(0);
    this.counters.irqs.fill(0);
  }

  // ---- debugging ----
  addBreakpoint(linear: number): void {
    const l = linear >>> 0;
    if (this.breakpoints.has(l)) return;
    this.breakpoints.add(l);
    this.bpPages[l >>> PAGE_SHIFT]++;
    this.fetchLin = -1;
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
    this.fetchLin = -1;
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
            case 0x01: // nop
              done++; continue;
            case 0x02: // hlt
              eip = sys.hlt(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x03: // cli
              eip = sys.cli(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x04: // sti
              eip = sys.sti(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x05: // iret
              eip = sys.iret(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x06: // pushf
              eip = sys.pushf(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x07: // popf
              eip = sys.popf(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x08: // ret
              { const v = cpu.rd32(st[4 /* ESP */]); st[4 /* ESP */] = (st[4 /* ESP */] + 4) | 0; eip = v; } done++; continue;
            case 0x09: // leave
              { const v = cpu.rd32(st[5 /* EBP */]); st[4 /* ESP */] = (st[5 /* EBP */] + 4) | 0; st[5 /* EBP */] = v; } done++; continue;
            case 0x0a: // cdq
              st[2 /* EDX */] = st[0 /* EAX */] >> 31; done++; continue;
            case 0x0b: // ud2
              eip = sys.ud2(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x0c: // int3
              eip = sys.int3(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x0d: // rdtsc
              eip = sys.rdtsc(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x0e: // cld
              st[13 /* F_BITS */] &= ~1024 /* FL_DF */; done++; continue;
            case 0x0f: // std
              st[13 /* F_BITS */] |= 1024 /* FL_DF */; done++; continue;
            case 0x10: // movsb
              eip = sys.movsb(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x11: // movsd
              eip = sys.movsd(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x12: // stosb
              eip = sys.stosb(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x13: // stosd
              eip = sys.stosd(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x14: // rep movsb
              eip = sys.repMovsb(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x15: // rep movsd
              eip = sys.repMovsd(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x16: // rep stosb
              eip = sys.repStosb(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x17: // rep stosd
              eip = sys.repStosd(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x18: // int i8
              eip = sys.softInterrupt(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x19: // invlpg m
              eip = sys.invlpg(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x1a: // lvt r
              eip = sys.lvt(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x1b: // lksp r
              eip = sys.lksp(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x1c: // mov cr, r
              eip = sys.movToCr(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x1d: // mov r, cr
              eip = sys.movFromCr(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x1e: // rdtp r
              eip = sys.rdtp(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x1f: // wrtp r
              eip = sys.wrtp(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x20: // inb r, r
              eip = sys.inb(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x21: // inw r, r
              eip = sys.inw(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x22: // inl r, r
              eip = sys.inl(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x23: // outb r, r
              eip = sys.outb(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x24: // outw r, r
              eip = sys.outw(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x25: // outl r, r
              eip = sys.outl(cpu, w, idx, cur, eip, budget - done, done); break;
            case 0x28: // mov r, r
              st[r0] = st[r1]; done++; continue;
            case 0x29: // mov r, i32
              st[r0] = imm[idx]; done++; continue;
            case 0x2a: // mov r, m32
              st[r0] = cpu.rd32(m); done++; continue;
            case 0x2b: // mov m32, r
              cpu.wr32(m, st[r0]); done++; continue;
            case 0x2c: // mov m32, i32
              cpu.wr32(m, imm[idx]); done++; continue;
            case 0x2d: // mov m16, r
              cpu.wr16(m, st[r0]); done++; continue;
            case 0x2e: // mov m8, r
              cpu.wr8(m, st[r0]); done++; continue;
            case 0x2f: // mov m16, i16
              cpu.wr16(m, imm[idx]); done++; continue;
            case 0x30: // mov m8, i8
              cpu.wr8(m, imm[idx]); done++; continue;
            case 0x31: // movzx r, m8
              st[r0] = cpu.rd8(m); done++; continue;
            case 0x32: // movzx r, m16
              st[r0] = cpu.rd16(m); done++; continue;
            case 0x33: // movsx r, m8
              st[r0] = (cpu.rd8(m) << 24) >> 24; done++; continue;
            case 0x34: // movsx r, m16
              st[r0] = (cpu.rd16(m) << 16) >> 16; done++; continue;
            case 0x35: // movzxb r, r
              st[r0] = st[r1] & 0xff; done++; continue;
            case 0x36: // movzxw r, r
              st[r0] = st[r1] & 0xffff; done++; continue;
            case 0x37: // movsxb r, r
              st[r0] = (st[r1] << 24) >> 24; done++; continue;
            case 0x38: // movsxw r, r
              st[r0] = (st[r1] << 16) >> 16; done++; continue;
            case 0x39: // lea r, m
              st[r0] = m; done++; continue;
            case 0x3a: // xchg r, r
              { const t = st[r0]; st[r0] = st[r1]; st[r1] = t; } done++; continue;
            case 0x3b: // xchg r, m32
              { const a = m; const v = cpu.rd32w(a); cpu.wr32(a, st[r0]); st[r0] = v; } done++; continue;
            case 0x3c: // push r
              { const v = st[r0]; const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, v); st[4 /* ESP */] = sp; } done++; continue;
            case 0x3d: // push i32
              { const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, imm[idx]); st[4 /* ESP */] = sp; } done++; continue;
            case 0x3e: // push m32
              { const v = cpu.rd32(m); const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, v); st[4 /* ESP */] = sp; } done++; continue;
            case 0x3f: // pop r
              { const v = cpu.rd32(st[4 /* ESP */]); st[4 /* ESP */] = (st[4 /* ESP */] + 4) | 0; st[r0] = v; } done++; continue;
            case 0x40: // pop m32
              { const sp = st[4 /* ESP */]; const v = cpu.rd32(sp); st[4 /* ESP */] = (sp + 4) | 0; const a = ea(st, w, disp[idx]); st[4 /* ESP */] = sp; cpu.wr32(a, v); st[4 /* ESP */] = (sp + 4) | 0; } done++; continue;
            case 0x41: // jmp rel
              eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0x42: // jmp r
              eip = st[r0]; done++; continue;
            case 0x43: // jmp m32
              { const t = cpu.rd32(m); eip = t; } done++; continue;
            case 0x44: // call rel
              { const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, eip); st[4 /* ESP */] = sp; eip = ((eip + imm[idx]) | 0); } done++; continue;
            case 0x45: // call r
              { const t = st[r0]; const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, eip); st[4 /* ESP */] = sp; eip = t; } done++; continue;
            case 0x46: // call m32
              { const t = cpu.rd32(m); const sp = (st[4 /* ESP */] - 4) | 0; cpu.wr32(sp, eip); st[4 /* ESP */] = sp; eip = t; } done++; continue;
            case 0x50: // add r, r
              st[r0] = add(st, st[r0], st[r1]); done++; continue;
            case 0x51: // add r, i32
              st[r0] = add(st, st[r0], imm[idx]); done++; continue;
            case 0x52: // add r, m32
              st[r0] = add(st, st[r0], cpu.rd32(m)); done++; continue;
            case 0x53: // add m32, r
              { const a = m; cpu.wr32(a, add(st, cpu.rd32w(a), st[r0])); } done++; continue;
            case 0x54: // add m32, i32
              { const a = m; cpu.wr32(a, add(st, cpu.rd32w(a), imm[idx])); } done++; continue;
            case 0x55: // or r, r
              st[r0] = logic(st, st[r0] | st[r1]); done++; continue;
            case 0x56: // or r, i32
              st[r0] = logic(st, st[r0] | imm[idx]); done++; continue;
            case 0x57: // or r, m32
              st[r0] = logic(st, st[r0] | cpu.rd32(m)); done++; continue;
            case 0x58: // or m32, r
              { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) | st[r0])); } done++; continue;
            case 0x59: // or m32, i32
              { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) | imm[idx])); } done++; continue;
            case 0x5a: // adc r, r
              st[r0] = adc(st, st[r0], st[r1]); done++; continue;
            case 0x5b: // adc r, i32
              st[r0] = adc(st, st[r0], imm[idx]); done++; continue;
            case 0x5c: // adc r, m32
              st[r0] = adc(st, st[r0], cpu.rd32(m)); done++; continue;
            case 0x5d: // adc m32, r
              { const a = m; cpu.wr32(a, adc(st, cpu.rd32w(a), st[r0])); } done++; continue;
            case 0x5e: // adc m32, i32
              { const a = m; cpu.wr32(a, adc(st, cpu.rd32w(a), imm[idx])); } done++; continue;
            case 0x5f: // sbb r, r
              st[r0] = sbb(st, st[r0], st[r1]); done++; continue;
            case 0x60: // sbb r, i32
              st[r0] = sbb(st, st[r0], imm[idx]); done++; continue;
            case 0x61: // sbb r, m32
              st[r0] = sbb(st, st[r0], cpu.rd32(m)); done++; continue;
            case 0x62: // sbb m32, r
              { const a = m; cpu.wr32(a, sbb(st, cpu.rd32w(a), st[r0])); } done++; continue;
            case 0x63: // sbb m32, i32
              { const a = m; cpu.wr32(a, sbb(st, cpu.rd32w(a), imm[idx])); } done++; continue;
            case 0x64: // and r, r
              st[r0] = logic(st, st[r0] & st[r1]); done++; continue;
            case 0x65: // and r, i32
              st[r0] = logic(st, st[r0] & imm[idx]); done++; continue;
            case 0x66: // and r, m32
              st[r0] = logic(st, st[r0] & cpu.rd32(m)); done++; continue;
            case 0x67: // and m32, r
              { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) & st[r0])); } done++; continue;
            case 0x68: // and m32, i32
              { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) & imm[idx])); } done++; continue;
            case 0x69: // sub r, r
              st[r0] = sub(st, st[r0], st[r1]); done++; continue;
            case 0x6a: // sub r, i32
              st[r0] = sub(st, st[r0], imm[idx]); done++; continue;
            case 0x6b: // sub r, m32
              st[r0] = sub(st, st[r0], cpu.rd32(m)); done++; continue;
            case 0x6c: // sub m32, r
              { const a = m; cpu.wr32(a, sub(st, cpu.rd32w(a), st[r0])); } done++; continue;
            case 0x6d: // sub m32, i32
              { const a = m; cpu.wr32(a, sub(st, cpu.rd32w(a), imm[idx])); } done++; continue;
            case 0x6e: // xor r, r
              st[r0] = logic(st, st[r0] ^ st[r1]); done++; continue;
            case 0x6f: // xor r, i32
              st[r0] = logic(st, st[r0] ^ imm[idx]); done++; continue;
            case 0x70: // xor r, m32
              st[r0] = logic(st, st[r0] ^ cpu.rd32(m)); done++; continue;
            case 0x71: // xor m32, r
              { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) ^ st[r0])); } done++; continue;
            case 0x72: // xor m32, i32
              { const a = m; cpu.wr32(a, logic(st, cpu.rd32w(a) ^ imm[idx])); } done++; continue;
            case 0x73: // cmp r, r
              sub(st, st[r0], st[r1]); done++; continue;
            case 0x74: // cmp r, i32
              sub(st, st[r0], imm[idx]); done++; continue;
            case 0x75: // cmp r, m32
              sub(st, st[r0], cpu.rd32(m)); done++; continue;
            case 0x76: // cmp m32, r
              sub(st, cpu.rd32(m), st[r0]); done++; continue;
            case 0x77: // cmp m32, i32
              sub(st, cpu.rd32(m), imm[idx]); done++; continue;
            case 0x78: // test r, r
              logic(st, st[r0] & st[r1]); done++; continue;
            case 0x79: // test r, i32
              logic(st, st[r0] & imm[idx]); done++; continue;
            case 0x7a: // test r, m32
              logic(st, st[r0] & cpu.rd32(m)); done++; continue;
            case 0x7b: // test m32, r
              logic(st, cpu.rd32(m) & st[r0]); done++; continue;
            case 0x7c: // test m32, i32
              logic(st, cpu.rd32(m) & imm[idx]); done++; continue;
            case 0x80: // inc r
              st[r0] = inc(st, st[r0]); done++; continue;
            case 0x81: // inc m32
              { const a = m; cpu.wr32(a, inc(st, cpu.rd32w(a))); } done++; continue;
            case 0x82: // dec r
              st[r0] = dec(st, st[r0]); done++; continue;
            case 0x83: // dec m32
              { const a = m; cpu.wr32(a, dec(st, cpu.rd32w(a))); } done++; continue;
            case 0x84: // neg r
              st[r0] = sub(st, 0, st[r0]); done++; continue;
            case 0x85: // neg m32
              { const a = m; cpu.wr32(a, sub(st, 0, cpu.rd32w(a))); } done++; continue;
            case 0x86: // not r
              st[r0] = ~st[r0]; done++; continue;
            case 0x87: // not m32
              { const a = m; cpu.wr32(a, ~cpu.rd32w(a)); } done++; continue;
            case 0x88: // shl r, i8
              st[r0] = shl(st, st[r0], imm[idx] & 31); done++; continue;
            case 0x89: // shl r, r
              st[r0] = shl(st, st[r0], st[r1] & 31); done++; continue;
            case 0x8a: // shr r, i8
              st[r0] = shr(st, st[r0], imm[idx] & 31); done++; continue;
            case 0x8b: // shr r, r
              st[r0] = shr(st, st[r0], st[r1] & 31); done++; continue;
            case 0x8c: // sar r, i8
              st[r0] = sar(st, st[r0], imm[idx] & 31); done++; continue;
            case 0x8d: // sar r, r
              st[r0] = sar(st, st[r0], st[r1] & 31); done++; continue;
            case 0x8e: // rol r, i8
              st[r0] = rol(st, st[r0], imm[idx] & 31); done++; continue;
            case 0x8f: // rol r, r
              st[r0] = rol(st, st[r0], st[r1] & 31); done++; continue;
            case 0x90: // ror r, i8
              st[r0] = ror(st, st[r0], imm[idx] & 31); done++; continue;
            case 0x91: // ror r, r
              st[r0] = ror(st, st[r0], st[r1] & 31); done++; continue;
            case 0x92: // mul r
              mulUnsigned(st, st[r0]); done++; continue;
            case 0x93: // mul m32
              mulUnsigned(st, cpu.rd32(m)); done++; continue;
            case 0x94: // imul r
              mulSigned(st, st[r0]); done++; continue;
            case 0x95: // imul m32
              mulSigned(st, cpu.rd32(m)); done++; continue;
            case 0x96: // imul r, r
              st[r0] = imul2(st, st[r0], st[r1]); done++; continue;
            case 0x97: // imul r, m32
              st[r0] = imul2(st, st[r0], cpu.rd32(m)); done++; continue;
            case 0x98: // imul r, r, i32
              st[r0] = imul2(st, st[r1], imm[idx]); done++; continue;
            case 0x99: // div r
              divUnsigned(cpu, st, st[r0]); done++; continue;
            case 0x9a: // div m32
              divUnsigned(cpu, st, cpu.rd32(m)); done++; continue;
            case 0x9b: // idiv r
              divSigned(cpu, st, st[r0]); done++; continue;
            case 0x9c: // idiv m32
              divSigned(cpu, st, cpu.rd32(m)); done++; continue;
            case 0xa0: // jo rel
              if (st[12 /* F_OF */] !== 0) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xa1: // jno rel
              if (st[12 /* F_OF */] === 0) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xa2: // jb rel
              if (st[11 /* F_CF */] !== 0) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xa3: // jae rel
              if (st[11 /* F_CF */] === 0) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xa4: // je rel
              if (st[9 /* F_Z */] === 0) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xa5: // jne rel
              if (st[9 /* F_Z */] !== 0) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xa6: // jbe rel
              if ((st[11 /* F_CF */] !== 0 || st[9 /* F_Z */] === 0)) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xa7: // ja rel
              if ((st[11 /* F_CF */] === 0 && st[9 /* F_Z */] !== 0)) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xa8: // js rel
              if (st[10 /* F_SP */] < 0) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xa9: // jns rel
              if (st[10 /* F_SP */] >= 0) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xaa: // jp rel
              if (PARITY[st[10 /* F_SP */] & 255] !== 0) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xab: // jnp rel
              if (PARITY[st[10 /* F_SP */] & 255] === 0) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xac: // jl rel
              if ((st[10 /* F_SP */] >>> 31) !== st[12 /* F_OF */]) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xad: // jge rel
              if ((st[10 /* F_SP */] >>> 31) === st[12 /* F_OF */]) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xae: // jle rel
              if ((st[9 /* F_Z */] === 0 || (st[10 /* F_SP */] >>> 31) !== st[12 /* F_OF */])) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xaf: // jg rel
              if ((st[9 /* F_Z */] !== 0 && (st[10 /* F_SP */] >>> 31) === st[12 /* F_OF */])) eip = ((eip + imm[idx]) | 0); done++; continue;
            case 0xb0: // seto r
              st[r0] = st[12 /* F_OF */] !== 0 ? 1 : 0; done++; continue;
            case 0xb1: // setno r
              st[r0] = st[12 /* F_OF */] === 0 ? 1 : 0; done++; continue;
            case 0xb2: // setb r
              st[r0] = st[11 /* F_CF */] !== 0 ? 1 : 0; done++; continue;
            case 0xb3: // setae r
              st[r0] = st[11 /* F_CF */] === 0 ? 1 : 0; done++; continue;
            case 0xb4: // sete r
              st[r0] = st[9 /* F_Z */] === 0 ? 1 : 0; done++; continue;
            case 0xb5: // setne r
              st[r0] = st[9 /* F_Z */] !== 0 ? 1 : 0; done++; continue;
            case 0xb6: // setbe r
              st[r0] = (st[11 /* F_CF */] !== 0 || st[9 /* F_Z */] === 0) ? 1 : 0; done++; continue;
            case 0xb7: // seta r
              st[r0] = (st[11 /* F_CF */] === 0 && st[9 /* F_Z */] !== 0) ? 1 : 0; done++; continue;
            case 0xb8: // sets r
              st[r0] = st[10 /* F_SP */] < 0 ? 1 : 0; done++; continue;
            case 0xb9: // setns r
              st[r0] = st[10 /* F_SP */] >= 0 ? 1 : 0; done++; continue;
            case 0xba: // setp r
              st[r0] = PARITY[st[10 /* F_SP */] & 255] !== 0 ? 1 : 0; done++; continue;
            case 0xbb: // setnp r
              st[r0] = PARITY[st[10 /* F_SP */] & 255] === 0 ? 1 : 0; done++; continue;
            case 0xbc: // setl r
              st[r0] = (st[10 /* F_SP */] >>> 31) !== st[12 /* F_OF */] ? 1 : 0; done++; continue;
            case 0xbd: // setge r
              st[r0] = (st[10 /* F_SP */] >>> 31) === st[12 /* F_OF */] ? 1 : 0; done++; continue;
            case 0xbe: // setle r
              st[r0] = (st[9 /* F_Z */] === 0 || (st[10 /* F_SP */] >>> 31) !== st[12 /* F_OF */]) ? 1 : 0; done++; continue;
            case 0xbf: // setg r
              st[r0] = (st[9 /* F_Z */] !== 0 && (st[10 /* F_SP */] >>> 31) === st[12 /* F_OF */]) ? 1 : 0; done++; continue;
            // generated:end cases
            default: cpu.fault(VEC_UD, 0); // the decoder admits only the table's opcodes
          }
          // Only system rows (emulator/cpu/system.ts) get here: rep's extra iterations, hlt's stop.
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

  /** Between instructions: a stop request, or an IRQ when IF=1. Returns the eip to continue at. */
  private attend(eip: number): number {
    this.attention = 0;
    if (this.stopFlag) {
      this.stopFlag = false;
      this.stopReason = STOP_REQUESTED;
      return eip;
    }
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
    } else this.fetchLin = eip & ~0xfff;
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
    const r = compileBlock(word, code.disp, code.imm, eip & 0xfff, entryAt);
    code.blocks[idx] = r ? r.fn : null;
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
    if (!irq) this.counters.exceptions[vector]++;
    try {
      return this.pushFrame(vector, code, retEip);
    } catch (e) {
      if (e !== FAULT) throw e;
    }
    const first = this.excVector;
    if (vector !== VEC_DF) {
      this.counters.exceptions[VEC_DF]++;
      try {
        return this.pushFrame(VEC_DF, 0, retEip);
      } catch (e) {
        if (e !== FAULT) throw e;
      }
    }
    this.die(`triple fault: vector ${vector} at eip 0x${(retEip >>> 0).toString(16)} could not be delivered ` +
      `(fault ${first}${this.excVector === VEC_PF || first === VEC_PF ? `, cr2 0x${this.cr2.toString(16)}` : ''}; ` +
      `vtb 0x${this.vtb.toString(16)}, esp 0x${(this.st[4] >>> 0).toString(16)}, ksp 0x${this.ksp.toString(16)})`);
    return retEip;
  }

  private pushFrame(vector: number, code: number, retEip: number): number {
    const st = this.st;
    const oldCpl = this.cplValue;
    const oldEsp = st[4];
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
    st[4] = top;
    this.setCpl(0);
    st[F_BITS] &= ~FL_IF;
    this.halted = false;
    return handler;
  }
}

// Re-exported for convenience of tests and the machine.
export { TLB_KR, TLB_KW, TLB_UR, TLB_UW };
