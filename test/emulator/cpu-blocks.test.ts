// The block compiler's loop tier: a block follows a call or jump into the
// same page, a loop's backward jcc and the ret of a call it followed, so a
// hot call/return loop is one block that loops inside itself.
import { describe, expect, it } from 'vitest';
import { Asm, EAX, EBX, ECX, ESI, ESP, makeCpu, mem as memOp } from './cpu-harness.ts';

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
