// The interpreter's dispatch and the block compiler's per-instruction source
// are generated from the ISA table (emulator/cpu/gen-isa.ts): the committed
// code must be what the table gives, and every row must say how it runs.
import { describe, expect, it } from 'vitest';
import { ISA } from '../../isa/table.ts';
import { expand, GEN_COMMAND, staleGenerated } from '../../emulator/cpu/gen-isa.ts';
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
