// The block compiler's loop tier: a block follows a call or jump into the
// same page, a loop's backward jcc and the ret of a call it followed, so a
// hot call/return loop is one block that loops inside itself. And plain
// blocks that end in int or iret: each side of a system call is one block.
import { describe, expect, it } from 'vitest';
import { STOP_DEAD, STOP_HALTED } from '../../emulator/cpu.ts';
import {
  Asm, EAX, EBX, ECX, EDX, ESI, ESP, makeCpu, mem as memOp, pagedMachine, ring0MachineAt, runToStop, stoppedInVector, trapFrame, UCODE, UDATA, UDATA_PHYS,
  USTACK_TOP,
} from './cpu-harness.ts';

const CODE = 0x1000;

function callLoop(iterations: number) {
  const { cpu, mem } = makeCpu(1 << 20);
  const a = new Asm(CODE);
  a.op('mov', 'r, i32', ECX, iterations)
    .label('top').op('call', 'rel', 'f').label('back').op('dec', 'r', ECX).op('jne', 'rel', 'top').label('end').op('ud2')
    .label('f').op('push', 'r', EBX).op('mov', 'r, r', EBX, ECX).op('add', 'r, r', EAX, EBX).op('pop', 'r', EBX).op('ret');
  mem.dmaWrite(CODE, a.build());
  cpu.eip = CODE;
  cpu.reg[ESP] = 0x8000;
  return { cpu, a };
}

describe('compiled blocks', () => {
  it('follow a call, its ret and a backward jcc: the whole loop is one block', () => {
    const { cpu, a } = callLoop(5000);
    cpu.hotThreshold = 4;
    const steps = 1 + 5000 * 8; // mov, then call + five in f + dec + jne per turn
    expect(cpu.run(steps)).toBe(steps);
    expect(cpu.eip).toBe(a.addr('end'));
    const at = (label: string) => cpu.code.baseFor(CODE >>> 12) + ((a.addr(label) - CODE) & 0xfff);
    // From `top`: call, push, mov, add, pop, ret (predicted: back after the call), dec, jne back to top.
    expect(cpu.code.blockLen[at('top')]).toBe(8);
    // The loop runs inside that block: the last call of it ran every turn after it was compiled.
    expect(cpu.blockRetired).toBeGreaterThan(4900 * 8);
    // Same result as without blocks.
    const plain = callLoop(5000).cpu;
    plain.compileBlocks = false;
    plain.run(steps);
    expect(Array.from(cpu.reg)).toEqual(Array.from(plain.reg));
    expect(cpu.instret).toBe(plain.instret);
  });

  it('loop inside the function when the trace comes back round to its start', () => {
    // Entered in the middle of a loop: the block from there follows jne back to the top and reaches its own start again.
    const { cpu, mem } = makeCpu(1 << 20);
    const a = new Asm(CODE);
    a.label('top').op('mov', 'r, m32', EAX, memOp(ESI)).label('second').op('add', 'r, r', EAX, ECX)
      .op('mov', 'm32, r', memOp(ESI), EAX).op('sub', 'r, r', EBX, EAX).op('dec', 'r', ECX).op('jne', 'rel', 'top').label('end').op('ud2');
    mem.dmaWrite(CODE, a.build());
    cpu.eip = a.addr('second');
    cpu.reg[ECX] = 1000;
    cpu.reg[ESI] = 0x8000;
    cpu.hotThreshold = 4;
    const steps = 5 + 999 * 6; // add..jne once, then 999 whole turns
    expect(cpu.run(steps)).toBe(steps);
    expect(cpu.eip).toBe(a.addr('end'));
    // The last block call ran every turn after the block was compiled, not one turn per call.
    expect(cpu.blockRetired).toBeGreaterThan(900 * 6);
  });
});

describe('TLB hit counting in compiled blocks', () => {
  // A block counts its inlined accesses' TLB hits in a local and adds them to cpu.hits at every exit;
  // the debugger's counters must read the same as the interpreter's.
  for (const loopTier of [true, false]) {
    it(`${loopTier ? 'the loop tier' : 'plain blocks'} count the same TLB hits as the interpreter`, () => {
      const run = (blocks: boolean) => {
        const { cpu } = callLoop(3000);
        cpu.hotThreshold = 4;
        cpu.compileBlocks = blocks;
        cpu.loopTier = loopTier;
        // Several batches, so blocks exit and are entered again between them.
        for (let i = 0; i < 12; i++) cpu.run(2000);
        return cpu;
      };
      const compiled = run(true), interpreted = run(false);
      expect(compiled.instret).toBe(interpreted.instret);
      expect(compiled.counters.tlbHits).toBe(interpreted.counters.tlbHits);
      expect(compiled.counters.tlbHits).toBeGreaterThan(2900 * 4); // call, push, pop, ret per turn
    });
  }

  it('a division that faults in a loop-tier block does not count the hits before it twice', () => {
    // The loop stores, then divides by ecx - 1: the last turn divides by zero (#DE) inside the block,
    // after the write-back that division needs.
    const run = (blocks: boolean) => {
      const a = new Asm(UCODE);
      a.label('top').op('mov', 'r, m32', EAX, memOp(ESI)).op('add', 'r, r', EAX, ECX).op('mov', 'm32, r', memOp(ESI), EAX)
        .op('mov', 'r, r', EBX, ECX).op('dec', 'r', EBX).op('mov', 'r, i32', EDX, 0).op('div', 'r', EBX)
        .op('dec', 'r', ECX).op('jne', 'rel', 'top').op('ud2');
      const { cpu } = pagedMachine(a);
      cpu.reg[ECX] = 500;
      cpu.reg[ESI] = UDATA;
      cpu.hotThreshold = 4;
      cpu.compileBlocks = blocks;
      expect(runToStop(cpu)).toBe(0); // #DE
      return cpu;
    };
    const compiled = run(true), interpreted = run(false);
    expect(compiled.instret).toBe(interpreted.instret);
    expect(Array.from(compiled.reg)).toEqual(Array.from(interpreted.reg));
    expect(compiled.counters.tlbHits).toBe(interpreted.counters.tlbHits);
  });
});

describe('blocks that end in int or iret', () => {
  const HANDLER = 0x20000 + 0x80 * 0x100; // where installTrapStubs puts the 0x80 handler (identity-mapped)
  const syscallLoop = (iterations: number, blocks: boolean) => {
    const h = new Asm(HANDLER);
    h.op('add', 'r, i32', ESP, 4).op('add', 'r, i32', EAX, 1).op('iret');
    const a = new Asm(UCODE);
    a.op('mov', 'r, i32', ECX, iterations)
      .label('top').op('int', 'i8', 0x80).label('back').op('dec', 'r', ECX).op('jne', 'rel', 'top').label('end').op('ud2');
    const { cpu } = pagedMachine(a, { handlers: { 0x80: h.build() } });
    cpu.hotThreshold = 4;
    cpu.compileBlocks = blocks;
    return { cpu, a };
  };

  it('a syscall loop: the caller\'s dec; jne; int and the handler\'s add; add; iret are one block each', () => {
    const run = (blocks: boolean) => {
      const m = syscallLoop(2000, blocks);
      // Uneven batches: each must stop at the same instruction with or without blocks.
      const stops: string[] = [];
      for (let k = 0; k < 400 && m.cpu.stopReason !== STOP_HALTED; k++) stops.push(`${m.cpu.run(1 + (k * 53) % 211)}@${m.cpu.eip.toString(16)}`);
      return { ...m, stops };
    };
    const compiled = run(true), interpreted = run(false);
    const { cpu, a } = compiled;
    expect(stoppedInVector(cpu)).toBe(6);   // the ud2 after the loop
    expect(trapFrame(cpu).eip).toBe(a.addr('end'));
    expect(cpu.reg[EAX]).toBe(2000);
    const at = (lin: number) => cpu.code.baseFor((lin & ~0xfff) >>> 12 === UCODE >>> 12 ? 0x200000 >>> 12 : lin >>> 12) + (lin & 0xfff);
    // After the int returns: dec, jne taken into the int, the int itself.
    expect(cpu.code.blockLen[at(a.addr('back'))]).toBe(3);
    expect(cpu.code.blockLen[at(HANDLER)]).toBe(3);
    expect(compiled.stops).toEqual(interpreted.stops);
    expect(cpu.instret).toBe(interpreted.cpu.instret);
    expect(Array.from(cpu.reg)).toEqual(Array.from(interpreted.cpu.reg));
    expect(cpu.eflags).toBe(interpreted.cpu.eflags);
    expect(cpu.counters.exceptions[0x80]).toBe(2000);
    expect(cpu.counters.tlbHits).toBe(interpreted.cpu.counters.tlbHits);
  });

  it('int to another vector from ring 3 at the end of a compiled block is a precise #GP', () => {
    // Compiled while ring 0 runs it (any vector is allowed there), then run from ring 3.
    const run = (blocks: boolean) => {
      const h = new Asm(0x20000 + 0x81 * 0x100);
      h.op('add', 'r, i32', ESP, 4).op('iret');
      const a = new Asm(UCODE);
      a.label('top').op('add', 'r, i32', EBX, 1).op('add', 'r, r', EAX, EBX).label('int').op('int', 'i8', 0x81)
        .op('dec', 'r', ECX).op('jne', 'rel', 'top').label('end').op('ud2');
      const { cpu } = pagedMachine(a, { cpl: 0, handlers: { 0x81: h.build() } });
      cpu.hotThreshold = 4;
      cpu.compileBlocks = blocks;
      cpu.reg[ECX] = 50;
      cpu.reg[ESP] = 0x8000;
      cpu.run(50 * 7);
      expect(cpu.eip).toBe(a.addr('end'));
      if (blocks) expect(cpu.code.blockLen[cpu.code.baseFor(0x200000 >>> 12)]).toBe(3); // add, add, int at `top`
      cpu.cpl = 3;
      cpu.reg[ESP] = USTACK_TOP;
      cpu.reg[ECX] = 10;
      cpu.eip = a.addr('top');
      const vector = runToStop(cpu);
      return { cpu, a, vector, frame: trapFrame(cpu) };
    };
    const compiled = run(true), interpreted = run(false);
    expect(compiled.vector).toBe(13);
    expect(compiled.frame.eip).toBe(compiled.a.addr('int'));   // the faulting int, not the next instruction
    expect(compiled.frame.err).toBe(0x81 * 8 + 2);
    expect(compiled.frame).toEqual(interpreted.frame);
    expect(compiled.cpu.instret).toBe(interpreted.cpu.instret);
    expect(Array.from(compiled.cpu.reg)).toEqual(Array.from(interpreted.cpu.reg));
  });

  it('a triple fault in a block\'s int stops the run there, as in the interpreter', () => {
    const run = (blocks: boolean) => {
      const m = syscallLoop(1000, blocks);
      m.cpu.run(1 + 300 * 6 + 4);   // compiled by now; stopped after an iret, at dec
      expect(m.cpu.eip).toBe(m.a.addr('back'));
      if (blocks) expect(m.cpu.code.blockLen[m.cpu.code.baseFor(0x200) + (m.a.addr('back') & 0xfff)]).toBe(3);
      m.cpu.ksp = 0x00800000;   // unmapped: the trap frame cannot be pushed, nor the #DF frame
      const n = m.cpu.run(100_000);
      return { cpu: m.cpu, n };
    };
    const compiled = run(true), interpreted = run(false);
    expect(compiled.cpu.stopReason).toBe(STOP_DEAD);
    expect(compiled.cpu.deadReason).toMatch(/triple fault/);
    expect(compiled.n).toBe(3);   // dec, jne, and the int that could not be delivered
    expect(compiled.n).toBe(interpreted.n);
    expect(compiled.cpu.eip).toBe(interpreted.cpu.eip);
    expect(compiled.cpu.instret).toBe(interpreted.cpu.instret);
  });
});

describe('loop-invariant memory operands in the loop tier', () => {
  // A loop whose operand addresses use only registers it never writes runs a copy that translates
  // them once at entry (emulator/cpu/blocks.ts invariantLoop); it must behave as the interpreter.
  const loop = (a: Asm) => a.label('top').op('mov', 'r, m32', EAX, memOp(ESI)).op('add', 'r, r', EAX, ECX)
    .op('mov', 'm32, r', memOp(ESI), EAX).op('add', 'm32, r', memOp(EDX, 4), ECX).op('sub', 'r, r', EBX, EAX)
    .op('dec', 'r', ECX).op('jne', 'rel', 'top').op('int3');
  const run = (esi: number, blocks: boolean) => {
    const { cpu, mem } = pagedMachine(loop(new Asm(UCODE)));
    cpu.reg[ECX] = 3000;
    cpu.reg[ESI] = esi;
    cpu.reg[EDX] = UDATA + 0x100;
    cpu.hotThreshold = 4;
    cpu.compileBlocks = blocks;
    // Uneven batches: the block is entered again and again, each time translating at entry.
    for (let k = 0; k < 60 && cpu.stopReason === 0; k++) cpu.run(500 + 37 * k);
    return { cpu, words: Array.from(mem.bytes.subarray(UDATA_PHYS, UDATA_PHYS + 0x200)) };
  };
  for (const [what, esi] of [['aligned', UDATA + 8], ['misaligned', UDATA + 2]] as const) {
    it(`agree with the interpreter, ${what} (registers, memory, TLB hits)`, () => {
      const compiled = run(esi, true), interpreted = run(esi, false);
      expect(compiled.cpu.stopReason).toBe(interpreted.cpu.stopReason);
      expect(compiled.cpu.instret).toBe(interpreted.cpu.instret);
      expect(Array.from(compiled.cpu.reg)).toEqual(Array.from(interpreted.cpu.reg));
      expect(compiled.words).toEqual(interpreted.words);
      expect(compiled.cpu.counters.tlbHits).toBe(interpreted.cpu.counters.tlbHits);
    });
  }

  it('the aligned loop runs the copy without the dropped-code check after its stores', () => {
    const { cpu } = run(UDATA + 8, true);
    const sources = cpu.code.blocks.filter((b) => typeof b === 'function').map(String);
    const looping = sources.filter((s) => s.includes('!== 4) for (;;)'));
    expect(looping.length).toBeGreaterThan(0);
    // The entry-checked copy comes first and stores only through translations taken at entry.
    for (const s of looping) {
      const [, fast, general] = s.split('for (;;)');
      expect(fast).not.toContain('cpu.fetchLin');
      expect(general).toContain('cpu.fetchLin');
    }
  });

  it('a store through an invariant address into a page of decoded code drops that code', () => {
    // Each outer turn calls f (on the next page: decoding it marks that page as code), whose
    // `mov eax, imm` adds the imm to ebx, then a hot inner loop stores edx over that imm through esi.
    // The first inner store must drop f's decoded code: the next call sees the new imm.
    const base = 0x30000, turns = 200;
    // f's imm must be dword-aligned, or the store never takes the inline path at all.
    const immOffset = new Asm(0).op('mov', 'r, i32', EAX, 7).here - 4;
    const a = new Asm(base);
    a.label('outer').op('call', 'rel', 'f').op('mov', 'r, i32', ECX, 20)
      .label('inner').op('mov', 'm32, r', memOp(ESI), EDX).op('dec', 'r', ECX).op('jne', 'rel', 'inner')
      .op('dec', 'r', EDX).op('jne', 'rel', 'outer').op('int3');
    a.data(...new Array(base + 0x1000 + ((4 - immOffset) & 3) - a.here).fill(0));
    a.label('f').op('mov', 'r, i32', EAX, 7).label('after').op('add', 'r, r', EBX, EAX).op('ret');
    const code = a.build();
    expect((a.addr('after') - 4) & 3).toBe(0);
    for (const compile of [true, false]) {
      const m = ring0MachineAt(base, code, compile);
      m.cpu.reg[EDX] = turns;
      m.cpu.reg[EBX] = 0;
      m.cpu.reg[ESI] = a.addr('after') - 4;
      m.cpu.reg[ESP] = 0x8000;
      expect(runToStop(m.cpu)).toBe(3);
      // Turn 1 adds 7, turn k > 1 the edx of turn k - 1: turns - k + 2.
      expect(m.cpu.reg[EBX], `blocks ${compile}`).toBe(7 + (turns * (turns + 1)) / 2 - 1);
      if (compile) expect(m.cpu.code.blocks.some((b) => typeof b === 'function')).toBe(true);
    }
  });

  // esp-relative operands are invariant when the loop's pushes, pops, calls and rets cancel out over a turn.
  const stackLoop = (balanced: boolean) => {
    const a = new Asm(UCODE);
    a.label('top').op('push', 'r', ECX).op('call', 'rel', 'f').op('mov', 'r, m32', EBX, memOp(ESP));
    if (balanced) a.op('pop', 'r', EDX);
    a.op('dec', 'r', ECX).op('jne', 'rel', 'top').op('int3')
      .label('f').op('mov', 'r, m32', EAX, memOp(ESP, 4)).op('add', 'm32, r', memOp(ESP, 4), EAX).op('ret');
    return a;
  };
  for (const balanced of [true, false]) {
    it(`esp-relative operands in a loop whose stack operations ${balanced ? 'cancel out' : 'do not cancel out'} agree with the interpreter`, () => {
      const run = (blocks: boolean) => {
        const { cpu, mem } = pagedMachine(stackLoop(balanced));
        cpu.reg[ECX] = 3000; // unbalanced: 4 bytes a turn, until a push faults below the stack's one page
        cpu.hotThreshold = 4;
        cpu.compileBlocks = blocks;
        for (let k = 0; k < 60 && cpu.stopReason === 0; k++) cpu.run(500 + 37 * k);
        return { cpu, stack: Array.from(mem.bytes.subarray(0x21f000, 0x220000)) };
      };
      const compiled = run(true), interpreted = run(false);
      expect(compiled.cpu.stopReason).toBe(interpreted.cpu.stopReason);
      expect(compiled.cpu.instret).toBe(interpreted.cpu.instret);
      expect(Array.from(compiled.cpu.reg)).toEqual(Array.from(interpreted.cpu.reg));
      expect(compiled.stack).toEqual(interpreted.stack);
      expect(compiled.cpu.counters.tlbHits).toBe(interpreted.cpu.counters.tlbHits);
      // The page is all the entry-checked copy takes as invariant: leaving it must fault, not wrap.
      expect(compiled.cpu.cr2).toBe(balanced ? 0 : USTACK_TOP - 4096 - 4);
      const looping = compiled.cpu.code.blocks.filter((b) => typeof b === 'function').map(String).filter((s) => s.includes('!== 4) for (;;)'));
      if (balanced) expect(looping.length).toBeGreaterThan(0);
    });
  }
});
