// Test and benchmark harness for the CPU: a tiny in-memory assembler driven
// by the ISA table (rows picked by mnemonic and operand form), page-table
// builders, and a machine with a vector table whose handlers record traps.
//
// It is deliberately separate from toolchain/as: CPU tests must not depend on
// the assembler being right.

import { PortBus } from '../../emulator/bus.ts';
import { Cpu } from '../../emulator/cpu.ts';
import { encode, NO_REG, type MemOperand, type Operand } from '../../isa/encoding.ts';
import { ISA, type IsaRow } from '../../isa/table.ts';
import { PhysicalMemory } from '../../emulator/memory.ts';
import { createWasmBacking } from '../../emulator/cpu/wasm-memory.ts';

export const EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;

export function mem(base: number = NO_REG, disp = 0, index: number = NO_REG, scale = 1): MemOperand {
  return { base, index, scale, disp };
}

export function rowOf(mnemonic: string, form: string): IsaRow {
  const r = ISA.find((x) => x.mnemonic === mnemonic && x.operands.join(', ') === form);
  if (!r) throw new Error(`no ISA row ${mnemonic} ${form}`);
  return r;
}

/** Assembles into a byte array at `origin`; `rel` operands may name labels. */
export class Asm {
  readonly bytes: number[] = [];
  private readonly labels = new Map<string, number>();
  private readonly fixups: { at: number; end: number; label: string }[] = [];

  constructor(readonly origin: number) {}

  get here(): number { return this.origin + this.bytes.length; }

  label(name: string): this {
    this.labels.set(name, this.here);
    return this;
  }

  /** `form` is the row's operand list, e.g. 'r, m32'; operands in row order. */
  op(mnemonic: string, form = '', ...operands: (Operand | string)[]): this {
    const row = rowOf(mnemonic, form);
    const ops = operands.map((o) => (typeof o === 'string' ? 0 : o));
    const bytes = encode(row, ops);
    const start = this.bytes.length;
    this.bytes.push(...bytes);
    operands.forEach((o) => {
      if (typeof o === 'string') this.fixups.push({ at: start + bytes.length - 4, end: this.origin + start + bytes.length, label: o });
    });
    return this;
  }

  /** The address of a label defined so far. */
  addr(name: string): number {
    const v = this.labels.get(name);
    if (v === undefined) throw new Error(`undefined label ${name}`);
    return v;
  }

  data(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  build(): Uint8Array {
    for (const f of this.fixups) {
      const target = this.labels.get(f.label);
      if (target === undefined) throw new Error(`undefined label ${f.label}`);
      const rel = (target - f.end) | 0;
      for (let i = 0; i < 4; i++) this.bytes[f.at + i] = (rel >>> (8 * i)) & 0xff;
    }
    return Uint8Array.from(this.bytes);
  }
}

/** `wasm`: RAM, TLB and state in one WebAssembly.Memory and the wasm tier on (emulator/cpu/wasm-tier.ts). */
export function makeCpu(ramBytes = 4 << 20, opts: { wasm?: boolean } = {}): { cpu: Cpu; mem: PhysicalMemory; bus: PortBus } {
  const mem = new PhysicalMemory(ramBytes, opts.wasm ? createWasmBacking(ramBytes) : null);
  const bus = new PortBus();
  const cpu = new Cpu(mem, bus);
  cpu.wasmTier = opts.wasm === true;
  return { cpu, mem, bus };
}

export function load(mem: PhysicalMemory, phys: number, code: Uint8Array): void {
  if (!mem.dmaWrite(phys, code)) throw new Error('load out of range');
}

/** Page-table builder writing x86 PDEs/PTEs into physical memory. */
export class PageTables {
  private nextTable: number;
  constructor(readonly mem: PhysicalMemory, readonly cr3: number, tablePool: number) {
    this.nextTable = tablePool;
    for (let i = 0; i < 1024; i++) mem.write32(cr3 + i * 4, 0);
  }

  /** Map one 4 KiB page. `flags` are the PTE low bits (P is added); the PDE gets P|RW|US unless pdeFlags given. */
  map(lin: number, phys: number, flags: number, pdeFlags = 7): void {
    const pdeAddr = this.cr3 + (lin >>> 22) * 4;
    let pde = this.mem.read32(pdeAddr);
    if ((pde & 1) === 0 || (pde & 0x80) !== 0) {
      const t = this.nextTable;
      this.nextTable += 4096;
      for (let i = 0; i < 1024; i++) this.mem.write32(t + i * 4, 0);
      pde = t;
    }
    this.mem.write32(pdeAddr, ((pde & ~0xfff) | pdeFlags | 1) >>> 0);
    this.mem.write32((pde & ~0xfff) + ((lin >>> 12) & 0x3ff) * 4, ((phys & ~0xfff) | flags | 1) >>> 0);
  }

  mapRange(lin: number, phys: number, bytes: number, flags: number): void {
    for (let o = 0; o < bytes; o += 4096) this.map(lin + o, phys + o, flags);
  }

  pteAddr(lin: number): number {
    const pde = this.mem.read32(this.cr3 + (lin >>> 22) * 4);
    return (pde & ~0xfff) + ((lin >>> 12) & 0x3ff) * 4;
  }

  pte(lin: number): number { return this.mem.read32(this.pteAddr(lin)); }
  setPte(lin: number, v: number): void { this.mem.write32(this.pteAddr(lin), v >>> 0); }
  pde(lin: number): number { return this.mem.read32(this.cr3 + (lin >>> 22) * 4); }
}

/**
 * A kernel fixture: paging on, identity-mapped low 4 MiB for the kernel
 * (supervisor), a vector table whose every handler records the trap in a
 * log and `hlt`s — so the test can inspect exactly what was delivered.
 * Layout (physical = linear for kernel pages):
 *   0x1000 vector table, 0x2000 handler stubs (one per vector, 16 bytes apart),
 *   0x8000 kernel stack top, 0x10000 page directory, 0x11000.. page tables.
 */
export const VTB = 0x1000, STUBS = 0x2000, KSTACK = 0x9000, PGDIR = 0x10000, TABLES = 0x11000;

export function installTrapStubs(cpu: Cpu, mem: PhysicalMemory, handlers: Record<number, Uint8Array> = {}): void {
  for (let v = 0; v < 256; v++) {
    const at = STUBS + v * 16;
    mem.write32(VTB + v * 4, at);
    // Default stub: sti; hlt parks the CPU (STOP_HALTED) inside the stub, which tests detect.
    mem.write8(at, 0x04); // sti
    mem.write8(at + 1, 0x02); // hlt
  }
  for (const [v, code] of Object.entries(handlers)) {
    const at = 0x20000 + Number(v) * 0x100;
    mem.write32(VTB + Number(v) * 4, at);
    load(mem, at, code);
  }
  cpu.vtb = VTB;
  cpu.ksp = KSTACK;
}

export function trapFrame(cpu: Cpu): { err: number; eip: number; cpl: number; eflags: number; esp: number } {
  const sp = cpu.reg[ESP] >>> 0;
  const rd = (o: number) => cpu.mem.read32(cpu.translate(sp + o));
  return { err: rd(0), eip: rd(4), cpl: rd(8), eflags: rd(12), esp: rd(16) };
}

/** The vector whose default stub the CPU stopped in, from eip (stub + 2 after hlt), or -1. */
export function stoppedInVector(cpu: Cpu): number {
  const e = cpu.eip - STUBS - 2;
  if (e < 0 || e % 16 !== 0 || e / 16 > 255) return -1;
  return e / 16;
}

/** User code page and a user data area used by the ring-3 fixtures. */
export const UCODE = 0x00400000, UCODE_PHYS = 0x200000, UDATA = 0x00410000, UDATA_PHYS = 0x210000;
export const USTACK_TOP = 0x00420000, USTACK_PHYS = 0x21f000;

/**
 * A machine with paging on (CR0.PG|WP): the first MiB identity-mapped for the
 * kernel (supervisor, read/write), `code` at UCODE (user, read-only), one user
 * read/write data page at UDATA and a user stack page below USTACK_TOP. Starts
 * in ring `cpl` at UCODE with IF=1.
 */
/**
 * A ring-0 paged machine running `code` placed at `base` (identity-mapped), with blocks compiled
 * after 8 runs or not at all: for comparing the block compiler with the interpreter on one program.
 */
export function ring0MachineAt(base: number, code: Uint8Array, compileBlocks: boolean) {
  const m = pagedMachine(new Asm(UCODE).op('nop'), { cpl: 0 });
  m.cpu.compileBlocks = compileBlocks;
  m.cpu.hotThreshold = 8;
  m.mem.dmaWrite(base, code);
  m.cpu.eip = base;
  return m;
}

export function pagedMachine(code: Asm, opts: { cpl?: number; handlers?: Record<number, Uint8Array>; ram?: number; wasm?: boolean } = {}) {
  const { cpu, mem: m, bus } = makeCpu(opts.ram ?? (8 << 20), { wasm: opts.wasm });
  installTrapStubs(cpu, m, opts.handlers);
  const pt = new PageTables(m, PGDIR, TABLES);
  pt.mapRange(0, 0, 1 << 20, 3);
  const bytes = code.build();
  for (let o = 0; o < bytes.length + 1; o += 4096) pt.map(UCODE + o, UCODE_PHYS + o, 5);
  pt.map(UDATA, UDATA_PHYS, 7);
  pt.map(USTACK_TOP - 4096, USTACK_PHYS, 7);
  load(m, UCODE_PHYS, bytes);
  cpu.cr3 = PGDIR;
  cpu.cr0 = 0x80010001;
  cpu.cpl = opts.cpl ?? 3;
  cpu.eflags = 0x202;
  cpu.eip = UCODE;
  cpu.reg[ESP] = USTACK_TOP;
  return { cpu, mem: m, bus, pt };
}

/** Run until the CPU stops (a default trap stub stops it dead); returns the vector it stopped in, or -1. */
export function runToStop(cpu: Cpu, budget = 1_000_000): number {
  cpu.halted = false;
  cpu.run(budget);
  return stoppedInVector(cpu);
}
