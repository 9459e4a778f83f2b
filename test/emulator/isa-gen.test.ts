// The interpreter's dispatch and the block compiler's per-instruction source
// are generated from the ISA table (emulator/cpu/gen-isa.ts): the committed
// code must be what the table gives, and every row must say how it runs.
import { describe, expect, it } from 'vitest';
import { ISA } from '../../isa/table.ts';
import { readFileSync } from 'node:fs';
import { expand, GEN_COMMAND, isCold, staleGenerated } from '../../emulator/cpu/gen-isa.ts';
import { VEC_PF, VEC_UD } from '../../emulator/cpu.ts';
import { Asm, EAX, EBX, ECX, EDX, mem, pagedMachine, rowOf, runToStop, trapFrame, UCODE } from './cpu-harness.ts';
import { compilable } from '../../emulator/cpu/blocks.ts';
import * as sys from '../../emulator/cpu/system.ts';

describe('generated CPU code', () => {
  it(`is current (else run ${GEN_COMMAND})`, () => {
    expect(staleGenerated()).toEqual([]);
  });

  it('comes from a template or a system function for every row, never both', () => {
    for (const r of ISA) {
      const name = `0x${r.op.toString(16)} ${r.mnemonic}`;
      expect((r.sem === undefined) !== (r.system === undefined), name).toBe(true);
      if (r.system !== undefined) expect(typeof (sys as Record<string, unknown>)[r.system], name).toBe('function');
      // Templated rows compile into blocks; system rows stay in the interpreter.
      expect(compilable(r.op), name).toBe(r.sem !== undefined);
    }
  });

  it('derives what a block needs from the template', () => {
    const by = (m: string, ops: string) => ISA.find((r) => r.mnemonic === m && r.operands.join(', ') === ops)!;
    expect(by('mov', 'm32, r')).toMatchObject({ faults: true, stores: true, ends: false });
    expect(by('mov', 'r, m32')).toMatchObject({ faults: true, stores: false, ends: false });
    expect(by('add', 'r, r')).toMatchObject({ faults: false, stores: false, ends: false });
    expect(by('call', 'rel')).toMatchObject({ faults: true, stores: true, ends: true });
    expect(by('jne', 'rel')).toMatchObject({ faults: false, stores: false, ends: true });
    expect(by('div', 'r')).toMatchObject({ faults: true, stores: false, ends: false });
  });

  it('names flag slots in the table and inlines them as numbers in the generated code', () => {
    const je = ISA.find((r) => r.mnemonic === 'je')!;
    expect(expand(je, 'interp')).toBe('if (st[9 /* F_Z */] === 0) eip = ((eip + imm[idx]) | 0);');
    // In a block the slots are locals (s9 is F_Z); the block compiler decides what the jump becomes.
    expect(expand(je, 'block')).toBe('if (s9 === 0) ${jump(`${rel}`)};');
  });

  it('inlines the flag operations into blocks, over locals', () => {
    const add = ISA.find((r) => r.mnemonic === 'add' && r.operands.join(', ') === 'r, r')!;
    const src = expand(add, 'block');
    expect(src).not.toMatch(/\bst\b|\badd\(/);
    expect(src).toContain('s11 = (add_r >>> 0) < (add_a >>> 0) ? 1 : 0'); // CF into the local of F_CF
  });

  it('refuses a template with an unknown placeholder', () => {
    expect(() => expand({ ...ISA[0], sem: '$r0 = $bogus;' }, 'interp')).toThrow(/unknown placeholder/);
  });
});

// The rarely run rows live in the interpreter's cold function (gen-isa.ts isCold), reached from
// the default of `loop`'s switch; the two must together run every row, each exactly as before.
describe('the interpreter\'s cold function', () => {
  const region = (name: string) => {
    const text = readFileSync(new URL('../../emulator/cpu.ts', import.meta.url), 'utf8');
    const body = text.slice(text.indexOf(`// generated:begin ${name} `), text.indexOf(`// generated:end ${name}`));
    return new Set([...body.matchAll(/case (0x[0-9a-f]{2}):/g)].map((m) => Number(m[1])));
  };

  it('holds the cold rows and loop\'s switch the others, each row in exactly one', () => {
    const hot = region('cases'), cold = region('cold-cases');
    expect(cold.size).toBeGreaterThan(0);
    for (const r of ISA) {
      const name = `0x${r.op.toString(16)} ${r.mnemonic}`;
      expect(cold.has(r.op), name).toBe(isCold(r));
      expect(hot.has(r.op), name).toBe(!isCold(r));
    }
    expect(isCold(rowOf('adc', 'r, r'))).toBe(true);
    expect(isCold(rowOf('mov', 'r, m32'))).toBe(false);
  });

  it('runs cold rows between hot ones, counting each once', () => {
    const a = new Asm(UCODE)
      .op('mov', 'r, i32', EAX, 5).op('mov', 'r, i32', ECX, 7)
      .op('mov', 'r, i32', EBX, 0).op('sub', 'r, i32', EBX, 1)   // CF = 1
      .op('adc', 'r, r', EAX, ECX)                                // cold: 5 + 7 + 1
      .op('setb', 'r', EDX)                                       // cold: adc left CF = 0
      .op('nop')                                                  // cold
      .op('xchg', 'r, r', EAX, ECX)                               // cold
      .op('add', 'r, i32', EAX, 100)
      .label('end').op('ud2');
    const { cpu } = pagedMachine(a, { cpl: 0 });
    cpu.compileBlocks = false;
    expect(runToStop(cpu)).toBe(VEC_UD);
    expect([cpu.reg[EAX], cpu.reg[ECX], cpu.reg[EBX], cpu.reg[EDX]]).toEqual([107, 13, -1, 0]);
    expect(trapFrame(cpu).eip).toBe(a.addr('end'));
    expect(cpu.instret).toBe(9 + 2); // the nine before ud2, then the stub's sti and hlt
  });

  it('restarts a faulting cold row precisely', () => {
    // xchg writes the read-only user code page from ring 3: #PF at the xchg, eax unchanged.
    const a = new Asm(UCODE).op('mov', 'r, i32', EBX, UCODE).op('mov', 'r, i32', EAX, 1)
      .label('xchg').op('xchg', 'r, m32', EAX, mem(EBX)).op('ud2');
    const { cpu } = pagedMachine(a);
    expect(runToStop(cpu)).toBe(VEC_PF);
    expect(trapFrame(cpu).eip).toBe(a.addr('xchg'));
    expect(cpu.reg[EAX]).toBe(1);
    expect(cpu.instret).toBe(2 + 2);
  });
});
