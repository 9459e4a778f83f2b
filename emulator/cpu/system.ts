// The CPU's system instructions: privileged operations, traps, port I/O,
// eflags moves and the string instructions (rep movs/stos).
//
// Each ISA row whose `sem` is `{ system: NAME }` (isa/table.ts) runs the
// function NAME exported here; the interpreter's generated dispatch
// (emulator/cpu.ts) calls it. Such rows are never compiled into the middle of
// a block; a plain block may end in int or iret, which it performs by calling
// trapGate or iret here, the interpreter's own functions (emulator/cpu/blocks.ts).
// Every function has the same signature: (cpu, w, idx, cur, next, maxIter,
// done) with w/idx the decoded entry (emulator/cpu/code-cache.ts), cur the
// instruction's address, next the following one, maxIter the instructions the
// batch may still retire, done those it has retired; it returns the eip to
// continue at, and may set cpu.stopReason (hlt) and cpu.extraRetired (rep
// iterations beyond the one the loop counts). The precision rule holds:
// every access that can fault happens before any state changes.
//
// rep movs/stos: each iteration counts as one retired instruction (emulated
// time follows the work done) and they are restartable: registers always
// describe the completed iterations, so a fault mid-way, or the batch budget
// running out, leaves eip at the instruction and it resumes where it stopped.
// Forward copies within TLB-resident pages go a page-sized chunk at a time.

import type { Cpu } from '../cpu.ts';
import { ea, EAX, ECX, EDI, EDX, ESI, ESP, F_BITS, FL_DF, FL_IF, FL_TF, R0, R1, readEflags, writeEflags } from './alu.ts';
import { TLB_KR } from '../mmu.ts';
import { STOP_HALTED, VEC_BP, VEC_GP, VEC_SYSCALL, VEC_UD } from './vectors.ts';

const TWO32 = 4294967296;

/** The signature of every system instruction's function. */
export type SystemFn = (cpu: Cpu, w: number, idx: number, cur: number, next: number, maxIter: number, done: number) => number;

function privileged(cpu: Cpu): void {
  if (cpu.cplValue !== 0) cpu.fault(VEC_GP, 0);
}

export const hlt: SystemFn = (cpu, _w, _idx, cur, next) => {
  privileged(cpu);
  if ((cpu.st[F_BITS] & FL_IF) !== 0) {
    cpu.halted = true;
    cpu.stopReason = STOP_HALTED;
  } else cpu.die(`halted with interrupts off at eip 0x${(cur >>> 0).toString(16)}`);
  return next;
};

export const cli: SystemFn = (cpu, _w, _idx, _cur, next) => {
  privileged(cpu);
  cpu.st[F_BITS] &= ~FL_IF;
  return next;
};

/** Interrupts wait one more instruction (attention 2: the x86 sti shadow, so `sti; hlt` cannot miss a wakeup). */
export const sti: SystemFn = (cpu, _w, _idx, _cur, next) => {
  privileged(cpu);
  cpu.st[F_BITS] |= FL_IF;
  cpu.attention = 2;
  return next;
};

export const iret: SystemFn = (cpu) => {
  privileged(cpu);
  const st = cpu.st;
  const sp = st[ESP];
  let eip: number, cpl: number, flags: number, esp: number;
  const e = cpu.tlb[sp >>> 12];
  if ((e & TLB_KR) !== 0 && (sp & 3) === 0 && (sp & 0xfff) <= 0xff0) {
    // The usual frame: aligned, in one page ring 0 may read (iret is privileged), one TLB look-up for all four.
    const words = cpu.words, i = ((e & ~0xfff) | (sp & 0xfff)) >>> 2;
    eip = words[i]; cpl = words[i + 1]; flags = words[i + 2]; esp = words[i + 3];
    cpu.hits[0]++;
  } else {
    eip = cpu.rd32(sp);
    cpl = cpu.rd32((sp + 4) | 0);
    flags = cpu.rd32((sp + 8) | 0);
    esp = cpu.rd32((sp + 12) | 0);
  }
  if (cpl !== 0 && cpl !== 3) cpu.fault(VEC_GP, 0);
  writeEflags(st, flags);
  st[ESP] = esp;
  cpu.setCpl(cpl);
  // IF may be back on with an IRQ waiting (a new IRQ sets attention itself); TF arms single-stepping.
  if (cpu.irqFlag || (st[F_BITS] & FL_TF) !== 0) cpu.attention = 1;
  return eip;
};

export const pushf: SystemFn = (cpu, _w, _idx, _cur, next) => {
  const st = cpu.st;
  const sp = (st[ESP] - 4) | 0;
  cpu.wr32(sp, readEflags(st));
  st[ESP] = sp;
  return next;
};

export const popf: SystemFn = (cpu, _w, _idx, _cur, next) => {
  const st = cpu.st;
  let v = cpu.rd32(st[ESP]);
  if (cpu.cplValue !== 0) v = (v & ~FL_IF) | (st[F_BITS] & FL_IF);
  st[ESP] = (st[ESP] + 4) | 0;
  writeEflags(st, v);
  if (cpu.irqFlag || (st[F_BITS] & FL_TF) !== 0) cpu.attention = 1;
  return next;
};

export const ud2: SystemFn = (cpu) => {
  return cpu.fault(VEC_UD, 0);
};

export const int3: SystemFn = (cpu, _w, _idx, _cur, next) => {
  return cpu.deliver(VEC_BP, 0, next, false);
};

export const rdtsc: SystemFn = (cpu, _w, _idx, _cur, next, _maxIter, done) => {
  const v = cpu.instret + done;
  cpu.st[EAX] = v % TWO32 | 0;
  cpu.st[EDX] = Math.floor(v / TWO32) | 0;
  return next;
};

export const movsb: SystemFn = (cpu, _w, _idx, _cur, next) => { stringOnce(cpu, 1, true); return next; };
export const movsd: SystemFn = (cpu, _w, _idx, _cur, next) => { stringOnce(cpu, 4, true); return next; };
export const stosb: SystemFn = (cpu, _w, _idx, _cur, next) => { stringOnce(cpu, 1, false); return next; };
export const stosd: SystemFn = (cpu, _w, _idx, _cur, next) => { stringOnce(cpu, 4, false); return next; };
export const repMovsb: SystemFn = (cpu, _w, _idx, cur, next, maxIter) => {
  return rep(cpu, 1, true, cur, next, maxIter);
};
export const repMovsd: SystemFn = (cpu, _w, _idx, cur, next, maxIter) => {
  return rep(cpu, 4, true, cur, next, maxIter);
};
export const repStosb: SystemFn = (cpu, _w, _idx, cur, next, maxIter) => {
  return rep(cpu, 1, false, cur, next, maxIter);
};
export const repStosd: SystemFn = (cpu, _w, _idx, cur, next, maxIter) => {
  return rep(cpu, 4, false, cur, next, maxIter);
};

/** int n: ring 3 may only use the syscall gate. */
export const softInterrupt: SystemFn = (cpu, _w, idx, _cur, next) => {
  return trapGate(cpu, cpu.code.imm[idx] & 0xff, next);
};

/** int n with n known: the interpreter's case above and a compiled block ending in int (blocks.ts) both come here. */
export function trapGate(cpu: Cpu, n: number, next: number): number {
  if (cpu.cplValue !== 0 && n !== VEC_SYSCALL) cpu.fault(VEC_GP, n * 8 + 2);
  return cpu.deliver(n, 0, next, false);
}

export const invlpg: SystemFn = (cpu, w, idx, _cur, next) => {
  privileged(cpu);
  cpu.mmu.invalidatePage(ea(cpu.st, w, cpu.code.disp[idx]));
  cpu.dropFetch();
  return next;
};

export const lvt: SystemFn = (cpu, w, _idx, _cur, next) => {
  privileged(cpu);
  cpu.vtb = cpu.st[R0(w)] >>> 0;
  return next;
};

export const lksp: SystemFn = (cpu, w, _idx, _cur, next) => {
  privileged(cpu);
  cpu.ksp = cpu.st[R0(w)] >>> 0;
  return next;
};

/** rdtp: any ring reads the thread pointer (TLS base). */
export const rdtp: SystemFn = (cpu, w, _idx, _cur, next) => {
  cpu.st[R0(w)] = cpu.tp | 0;
  return next;
};

/** wrtp: only ring 0 sets it (the kernel, on every switch). */
export const wrtp: SystemFn = (cpu, w, _idx, _cur, next) => {
  privileged(cpu);
  cpu.tp = cpu.st[R0(w)] >>> 0;
  return next;
};

export const movToCr: SystemFn = (cpu, w, _idx, _cur, next) => {
  privileged(cpu);
  const v = cpu.st[R1(w)];
  const cr = R0(w);
  if (cr === 0) cpu.cr0 = v;
  else if (cr === 2) cpu.cr2 = v >>> 0;
  else cpu.cr3 = v;
  return next;
};

export const movFromCr: SystemFn = (cpu, w, _idx, _cur, next) => {
  privileged(cpu);
  const cr = R1(w);
  cpu.st[R0(w)] = cr === 0 ? cpu.cr0 | 0 : cr === 2 ? cpu.cr2 | 0 : cpu.cr3 | 0;
  return next;
};

/** in: a device may raise an IRQ or ask to stop, so the loop looks (attention). */
function portIn(cpu: Cpu, w: number, size: number): void {
  privileged(cpu);
  const v = cpu.bus.in(cpu.st[R1(w)] & 0xffff, size);
  cpu.st[R0(w)] = size === 1 ? v & 0xff : size === 2 ? v & 0xffff : v | 0;
  cpu.attention = 1;
}

function portOut(cpu: Cpu, w: number, size: number): void {
  privileged(cpu);
  const mask = size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
  cpu.bus.out(cpu.st[R0(w)] & 0xffff, size, (cpu.st[R1(w)] & mask) >>> 0);
  cpu.attention = 1;
}

export const inb: SystemFn = (cpu, w, _idx, _cur, next) => { portIn(cpu, w, 1); return next; };
export const inw: SystemFn = (cpu, w, _idx, _cur, next) => { portIn(cpu, w, 2); return next; };
export const inl: SystemFn = (cpu, w, _idx, _cur, next) => { portIn(cpu, w, 4); return next; };
export const outb: SystemFn = (cpu, w, _idx, _cur, next) => { portOut(cpu, w, 1); return next; };
export const outw: SystemFn = (cpu, w, _idx, _cur, next) => { portOut(cpu, w, 2); return next; };
export const outl: SystemFn = (cpu, w, _idx, _cur, next) => { portOut(cpu, w, 4); return next; };

/** One movsb/movsd/stosb/stosd. */
function stringOnce(cpu: Cpu, size: number, movs: boolean): void {
  const st = cpu.st;
  const step = (st[F_BITS] & FL_DF) !== 0 ? -size : size;
  if (movs) {
    const v = size === 4 ? cpu.rd32(st[ESI]) : cpu.rd8(st[ESI]);
    if (size === 4) cpu.wr32(st[EDI], v); else cpu.wr8(st[EDI], v);
    st[ESI] = (st[ESI] + step) | 0;
  } else if (size === 4) cpu.wr32(st[EDI], st[EAX]);
  else cpu.wr8(st[EDI], st[EAX]);
  st[EDI] = (st[EDI] + step) | 0;
}

function rep(cpu: Cpu, size: number, movs: boolean, cur: number, next: number, maxIter: number): number {
  const st = cpu.st;
  if (st[ECX] === 0) return next;
  const forward = (st[F_BITS] & FL_DF) === 0;
  let n = 0;
  while (st[ECX] !== 0 && n < maxIter) {
    const chunk = forward ? fastChunk(cpu, size, movs, maxIter - n) : 0;
    if (chunk > 0) n += chunk;
    else {
      stringOnce(cpu, size, movs);
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
