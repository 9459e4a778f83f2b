// Fuzz: over a million seeded random instructions in ring 3 under random page
// tables. Every step either retires or raises a defined exception (#DE #DB
// #BP #UD #GP #PF, or the int 0x80 syscall gate; #DB when a random popf set
// the trap flag: it comes after the next instruction, at the following step), the host never throws, and a
// step that traps changed no register (the frame holds the old esp and eip).
import { describe, expect, it } from 'vitest';
import { STOP_HALTED, STOP_NONE } from '../../emulator/cpu.ts';
import { encode, NO_REG, type Operand } from '../../isa/encoding.ts';
import { ISA, type IsaRow } from '../../isa/table.ts';
import { compilable } from '../../emulator/cpu/blocks.ts';
import { ESP, installTrapStubs, makeCpu, PageTables, PGDIR, stoppedInVector, TABLES, trapFrame } from './cpu-harness.ts';
import { mulberry32 } from '../seeded-random.ts';

const ALLOWED = new Set([0, 1, 3, 6, 13, 14, 0x80]);
const FAULTS = new Set([0, 6, 13, 14]);
const USER_BASE = 0x08000000, USER_PAGES = 16, USER_PHYS = 0x200000;
const TARGET_STEPS = 1_000_000;


describe('fuzz', () => {
  it(`runs ${TARGET_STEPS} random ring-3 steps: each retires or raises a defined exception, precisely`, () => {
    const rnd = mulberry32(0x4841_4b4f);
    const int = (n: number) => Math.floor(rnd() * n);
    const { cpu, mem } = makeCpu(4 << 20);
    installTrapStubs(cpu, mem);
    const userAddr = () => (USER_BASE + int(USER_PAGES * 4096) - (rnd() < 0.05 ? 2 : 0)) | 0;
    const randomValue = (): number => {
      switch (int(6)) {
        case 0: return userAddr();
        case 1: return [0, 1, 0x7fffffff, 0x80000000, 0xffffffff][int(5)] | 0;
        case 2: return int(64);
        default: return (rnd() * 4294967296) | 0;
      }
    };
    const randomOperand = (row: IsaRow, k: number): Operand => {
      switch (row.operands[k]) {
        case 'r': return int(8);
        case 'cr': return [0, 2, 3][int(3)];
        case 'i8': return int(256);
        case 'i16': return int(65536);
        case 'i32': return randomValue();
        case 'rel': return int(64) - 32;
        default: {
          const useBase = rnd() < 0.85, useIndex = rnd() < 0.3;
          return { base: useBase ? int(8) : NO_REG, index: useIndex ? int(8) : NO_REG, scale: 1 << int(4),
            disp: useBase ? int(64) - 16 : userAddr() };
        }
      }
    };
    /** Fill the user code area: mostly valid instructions with random operands, some random bytes. */
    const newCode = () => {
      const bytes: number[] = [];
      while (bytes.length < 2 * 4096) {
        if (rnd() < 0.08) { bytes.push(int(256)); continue; }
        const row = ISA[int(ISA.length)];
        bytes.push(...encode(row, row.operands.map((_, k) => randomOperand(row, k))));
      }
      mem.dmaWrite(USER_PHYS, Uint8Array.from(bytes.slice(0, 2 * 4096)));
    };
    const newPages = () => {
      const pt = new PageTables(mem, PGDIR, TABLES);
      pt.mapRange(0, 0, 1 << 20, 3);
      for (let i = 0; i < USER_PAGES; i++) {
        const r = rnd();
        const flags = i < 2 ? (r < 0.9 ? 5 : 7) : r < 0.15 ? -1 : r < 0.3 ? 3 : r < 0.6 ? 5 : 7;
        if (flags >= 0) pt.map(USER_BASE + i * 4096, USER_PHYS + i * 4096, flags | (rnd() < 0.2 ? 0x100 : 0));
      }
      cpu.cr3 = PGDIR;
      cpu.flushTlb();
    };
    const newContext = () => {
      cpu.halted = false;
      cpu.cpl = 3;
      cpu.eflags = 0x202 | (rnd() < 0.5 ? 0x8c5 : 0) | (rnd() < 0.1 ? 0x400 : 0);
      for (let r = 0; r < 8; r++) cpu.reg[r] = randomValue();
      if (rnd() < 0.7) cpu.reg[ESP] = (USER_BASE + 4096 * (2 + int(USER_PAGES - 2)) + int(4096)) & ~3;
      cpu.eip = USER_BASE + int(2 * 4096 - 16);
    };

    cpu.cr0 = 0x80010001;
    newCode();
    newPages();
    newContext();
    const before = new Int32Array(8);
    const seen = new Float64Array(256);
    let steps = 0, retired = 0, traps = 0, episodes = 0;
    while (steps < TARGET_STEPS) {
      before.set(cpu.reg);
      const eip = cpu.eip;
      const n = cpu.step();
      steps++;
      // Plain checks in the loop: vitest's expect costs more than a step.
      if (cpu.stopReason !== STOP_NONE) expect.fail(`stop ${cpu.stopReason} at 0x${eip.toString(16)}: ${cpu.deadReason}`);
      // Every step starts in ring 3, and only a trap enters ring 0.
      if (cpu.cpl === 3) {
        if (n !== 1) expect.fail(`step at 0x${eip.toString(16)} neither retired nor trapped`);
        retired++;
        if (steps % 4000 === 0 || rnd() < 0.002) newContext();
        continue;
      }
      // A trap: find its vector, check the frame and that no register changed.
      traps++;
      const vector = cpu.counters.exceptions.findIndex((x, v) => x > seen[v]);
      // Faults retire nothing; int n and int3 retire and then trap.
      if (n !== (FAULTS.has(vector) ? 0 : 1)) expect.fail(`vector ${vector} at 0x${eip.toString(16)} reported ${n} retired`);
      seen.set(cpu.counters.exceptions);
      if (!ALLOWED.has(vector)) expect.fail(`vector ${vector} at 0x${eip.toString(16)}`);
      const f = trapFrame(cpu);
      if (f.cpl !== 3 || f.esp !== before[ESP] >>> 0) expect.fail(`bad frame ${JSON.stringify(f)} for vector ${vector}`);
      if (FAULTS.has(vector) && f.eip !== eip) expect.fail(`fault ${vector} frame eip 0x${f.eip.toString(16)} != 0x${eip.toString(16)}`);
      if (vector === 14 && (f.err & 4) === 0) expect.fail('user #PF without the U bit');
      for (let r = 0; r < 8; r++) if (r !== ESP && cpu.reg[r] !== before[r]) expect.fail(`vector ${vector} at 0x${eip.toString(16)} changed register ${r}`);
      // The default stub parks the CPU; the host starts a new episode.
      cpu.run(10);
      if ((cpu.stopReason as number) !== STOP_HALTED || stoppedInVector(cpu) !== vector) expect.fail(`stub for ${vector} did not park`);
      episodes++;
      if (episodes % 2000 === 0) newCode();
      if (episodes % 500 === 0) newPages();
      newContext();
    }
    expect(retired).toBeGreaterThan(TARGET_STEPS * 0.3);
    for (const v of [0, 6, 13, 14, 0x80]) expect(seen[v], `vector ${v} seen`).toBeGreaterThan(0);
    console.log(`fuzz: ${steps} steps, ${retired} retired, ${traps} traps, ${episodes} episodes`);
  });
});

describe('compiled blocks', () => {
  it('agree with the pure interpreter on random looping ring-3 programs', () => {
    agreeOnRandomLoops(0x626c6f63, false);
  });

  it('agree with it when the loops branch forwards and call a subroutine (traces)', () => {
    agreeOnRandomLoops(0x74726163, true);
  });

  it('agree with it when the loops make system calls: blocks that end in int and in the handler\'s iret', () => {
    agreeOnRandomLoops(0x73797363, false, true);
  });
});

const le32 = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];

/**
 * Random loops run twice, blocks on and off, with uneven budgets: every batch must stop at the same
 * instruction with the same state. With `branches`, forward jcc/jmp over the next instruction and
 * calls of a subroutine after the loop are mixed in, so blocks follow jumps and leave at side exits.
 * With `syscalls`, int 0x80 is mixed in (sometimes first in the loop, so `jne top` jumps into it) and
 * its ring-0 handler runs a few random instructions before `add esp, 4; iret`: blocks end in the trap
 * and in the iret, and a handler's fault (a store to the read-only page) lands in a block ending in iret.
 */
function agreeOnRandomLoops(seed: number, branches: boolean, syscalls = false): void {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  // Block-compilable rows only in the loop body (no jumps, no esp = ebp, no divide, which would mostly
  // fault at once), so the loops get hot and compiled.
  const body = ISA.filter((r) => compilable(r.op) && !r.ends && r.mnemonic !== 'lea' && r.mnemonic !== 'leave' && r.flags !== 'div');
  expect(body.length).toBeGreaterThan(100);
  const randomInstruction = () => {
    const row = body[int(body.length)];
    return encode(row, row.operands.map((kind) => {
      switch (kind) {
        case 'r': { const r = int(8); return r === ESP || r === 1 ? 0 : r; } // keep esp and the loop counter ecx
        case 'i8': return int(256);
        case 'i16': return int(65536);
        case 'i32': return rnd() < 0.5 ? int(64) : (rnd() * 4294967296) | 0;
        default: return { base: rnd() < 0.5 ? 6 : 7, index: rnd() < 0.2 ? 3 : NO_REG, scale: 1 << int(3), disp: int(256) };
      }
    }));
  };
  const machines = [makeCpu(4 << 20), makeCpu(4 << 20)];
  machines[1].cpu.compileBlocks = false;
  machines[0].cpu.hotThreshold = 8; // compile early so the short random loops run as blocks
  const intRow = ISA.find((r) => r.mnemonic === 'int')!;
  const syscall = () => encode(intRow, [0x80]);
  let compared = 0, trapBlocks = 0, longRuns = 0;
  for (let program = 0; program < 300; program++) {
    const a: number[] = [];
    const calls: number[] = []; // where each call's rel32 goes
    const n = 1 + int(12);
    if (syscalls && rnd() < 0.5) a.push(...syscall());
    for (let i = 0; i < n; i++) {
      if (syscalls && rnd() < 0.2) a.push(...syscall());
      const ins = randomInstruction();
      const p = branches ? rnd() : 1; // the plain run keeps its original random stream
      if (branches && p < 0.2) a.push(0xa0 + int(16), ...le32(ins.length)); // jcc over it
      else if (branches && p < 0.25) a.push(0x41, ...le32(ins.length)); // jmp over it
      else if (branches && p < 0.35) { a.push(0x44); calls.push(a.length); a.push(0, 0, 0, 0); } // call sub
      a.push(...ins);
    }
    // add edi, 120 walks a pointer towards a read-only or missing page, so faults land inside compiled blocks.
    a.push(...encode(ISA.find((r) => r.mnemonic === 'add' && r.operands.join() === 'r,i32')!, [7, 120]));
    // dec ecx; jne top; ud2
    a.push(0x82, 0x01, 0xa5, ...le32(-(a.length + 2 + 5)), 0x0b);
    if (calls.length) {
      const sub = a.length;
      for (let i = 0, k = 1 + int(3); i < k; i++) a.push(...randomInstruction());
      a.push(0x08); // ret
      for (const at of calls) a.splice(at, 4, ...le32(sub - (at + 4)));
    }
    const regs = Array.from({ length: 8 }, () => (rnd() * 4294967296) | 0);
    const flags = 0x202 | (rnd() < 0.5 ? 0x8c5 : 0);
    const loops = 60 + int(140), esi = USER_BASE + 0x1000 + int(0x800), edi = USER_BASE + 0x1000 + int(0x1800);
    const thirdPage = rnd() < 0.5 ? 7 : 5;
    const handler: number[] = [];
    if (syscalls) {
      for (let i = 0, k = int(5); i < k; i++) handler.push(...randomInstruction());
      handler.push(...encode(ISA.find((r) => r.mnemonic === 'add' && r.operands.join() === 'r,i32')!, [ESP, 4]));
      handler.push(...encode(ISA.find((r) => r.mnemonic === 'iret')!, []));
    }
    const states = machines.map(({ cpu, mem }) => {
      cpu.reset();
      installTrapStubs(cpu, mem, syscalls ? { 0x80: Uint8Array.from(handler) } : {});
      const pt = new PageTables(mem, PGDIR, TABLES);
      pt.mapRange(0, 0, 1 << 20, 3);
      pt.map(USER_BASE, USER_PHYS, 5);
      pt.map(USER_BASE + 0x1000, USER_PHYS + 0x1000, 7);
      pt.map(USER_BASE + 0x2000, USER_PHYS + 0x2000, thirdPage);
      mem.dmaWrite(USER_PHYS, Uint8Array.from(a));
      mem.dmaWrite(USER_PHYS + 0x1000, new Uint8Array(0x2000).fill(program & 0xff));
      cpu.cr3 = PGDIR;
      cpu.cr0 = 0x80010001;
      cpu.cpl = 3;
      cpu.eip = USER_BASE;
      cpu.eflags = flags;
      cpu.reg.set(regs);
      cpu.reg[1] = loops;
      cpu.reg[6] = esi;
      cpu.reg[7] = edi;
      cpu.reg[ESP] = USER_BASE + 0x2000;
      // Uneven budgets: every batch must stop at exactly the same instruction in both.
      const batches: string[] = [];
      for (let k = 0; k < 40 && cpu.stopReason !== STOP_HALTED; k++) {
        const n = cpu.run(1 + (k * 37) % 300);
        batches.push(`${n}@${cpu.eip.toString(16)}`);
      }
      return { regs: Array.from(cpu.reg), eip: cpu.eip, eflags: cpu.eflags, cpl: cpu.cpl, cr2: cpu.cr2, batches,
        exceptions: Array.from(cpu.counters.exceptions).join(','), tlbHits: cpu.counters.tlbHits,
        instret: cpu.instret, stop: cpu.stopReason, data: Array.from(mem.bytes.subarray(USER_PHYS + 0x1000, USER_PHYS + 0x3000)).join(',') };
    });
    expect(states[0], `program ${program}`).toEqual(states[1]);
    compared++;
    if (states[0].instret >= 2000) longRuns++;
    if (syscalls) machines[0].cpu.code.blocks.forEach((b) => { if (b && /sys\.(trapGate|iret)/.test(String(b))) trapBlocks++; });
  }
  if (!syscalls) expect(machines[0].cpu.code.blocks.some((b) => typeof b === 'function')).toBe(true);
  expect(compared).toBe(300);
  if (syscalls) console.log(`syscall loops: ${trapBlocks} blocks ending in int or iret, ${longRuns} programs ran 2000+ instructions`);
  if (syscalls) {
    expect(machines[0].cpu.counters.exceptions[0x80], 'system calls made').toBeGreaterThan(0);
    expect(trapBlocks, 'blocks ending in int or iret').toBeGreaterThan(0);
  }
}
