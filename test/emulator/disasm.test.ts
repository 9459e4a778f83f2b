// The disassembler: text for each operand kind, absolute branch targets with
// a symbol comment, "(bad)" of length 1 for undefined or invalid encodings,
// and no exception whatever the bytes.

import { describe, it, expect } from 'vitest';
import { encode, rowsFor, NO_REG, type Operand } from '../../isa/encoding.ts';
import type { OperandKind } from '../../isa/table.ts';
import { disassemble } from '../../emulator/disasm.ts';

function row(mnemonic: string, kinds: OperandKind[]) {
  return rowsFor(mnemonic).find((x) => x.operands.join() === kinds.join())!;
}

function dis(bytes: number[], addr = 0x1000, symbolize?: (a: number) => string | undefined) {
  return disassemble((a) => bytes[a - addr] ?? 0, addr, symbolize);
}

function text(mnemonic: string, kinds: OperandKind[], operands: Operand[], addr = 0x1000): string {
  return dis(encode(row(mnemonic, kinds), operands), addr).text;
}

const mem = (base: number, index = NO_REG, scale = 1, disp = 0) => ({ base, index, scale, disp });

describe('disassemble', () => {
  it('writes registers, control registers and immediates', () => {
    expect(text('mov', ['r', 'r'], [0, 3])).toBe('mov eax, ebx');
    expect(text('mov', ['cr', 'r'], [3, 7])).toBe('mov cr3, edi');
    expect(text('mov', ['r', 'i32'], [1, 0x12345678])).toBe('mov ecx, 0x12345678');
    expect(text('mov', ['r', 'i32'], [1, -8])).toBe('mov ecx, -8');
    expect(text('mov', ['r', 'i32'], [1, 7])).toBe('mov ecx, 7');
    expect(text('int', ['i8'], [0x80])).toBe('int 0x80');
    expect(text('imul', ['r', 'r', 'i32'], [0, 1, 100])).toBe('imul eax, ecx, 0x64');
    expect(text('rep movsb', [], [])).toBe('rep movsb');
  });

  it('writes memory operands with their size, and lea/invlpg without one', () => {
    expect(text('mov', ['r', 'm32'], [0, mem(5, NO_REG, 1, -8)])).toBe('mov eax, dword [ebp-8]');
    expect(text('mov', ['m8', 'i8'], [mem(3, 6, 4, 0x10), 0xff])).toBe('mov byte [ebx+esi*4+0x10], 0xff');
    expect(text('movzx', ['r', 'm16'], [0, mem(6, 1, 1, 0)])).toBe('movzx eax, word [esi+ecx]');
    expect(text('mov', ['r', 'm32'], [0, mem(NO_REG, NO_REG, 1, 0xc0001000)])).toBe('mov eax, dword [0xc0001000]');
    expect(text('mov', ['r', 'm32'], [0, mem(NO_REG, 4, 1, 0)])).toBe('mov eax, dword [esp*1]');
    expect(text('lea', ['r', 'm'], [0, mem(4, NO_REG, 1, 4)])).toBe('lea eax, [esp+4]');
    expect(text('invlpg', ['m'], [mem(0)])).toBe('invlpg [eax]');
  });

  it('prints branch targets as absolute addresses, with the symbol as a comment when known', () => {
    const call = encode(row('call', ['rel']), [0x100]);
    expect(dis(call, 0x1000).text).toBe('call 0x1105');
    expect(dis(call, 0x1000, (a) => (a === 0x1105 ? 'puts' : undefined)).text).toBe('call 0x1105 ; <puts>');
    expect(dis(call, 0x1000, () => undefined).text).toBe('call 0x1105');
    const back = encode(row('jne', ['rel']), [-5]);
    expect(dis(back, 0x2000, (a) => (a === 0x2000 ? 'loop+0x10' : undefined)).text).toBe('jne 0x2000 ; <loop+0x10>');
    expect(dis(encode(row('jmp', ['rel']), [0x10]), 0xfffffff0).text).toBe('jmp 0x5');
  });

  it('names absolute memory addresses in a comment, but not register-relative ones', () => {
    const names = (a: number) => (a === 0xc0123400 ? 'ticks' : a === 8 ? 'wrong' : undefined);
    expect(dis(encode(row('inc', ['m32']), [mem(NO_REG, NO_REG, 1, 0xc0123400 | 0)]), 0x1000, names).text).toBe('inc dword [0xc0123400] ; <ticks>');
    expect(dis(encode(row('mov', ['r', 'm32']), [0, mem(3, NO_REG, 1, 8)]), 0x1000, names).text).toBe('mov eax, dword [ebx+8]');
  });

  it('gives (bad) of length 1 for undefined opcodes and invalid encodings', () => {
    expect(dis([0x00])).toEqual({ text: '(bad)', length: 1 });
    expect(dis([0xff, 1, 2])).toEqual({ text: '(bad)', length: 1 });
    const movRR = encode(row('mov', ['r', 'r']), [0, 0])[0];
    expect(dis([movRR, 0x09])).toEqual({ text: '(bad)', length: 1 }); // register nibble 9
    const load = encode(row('mov', ['r', 'm32']), [0, mem(0)])[0];
    expect(dis([load, 0x60, 0x00])).toEqual({ text: '(bad)', length: 1 }); // displacement size 3
    const crMove = encode(row('mov', ['cr', 'r']), [0, 0])[0];
    expect(dis([crMove, 0x01])).toEqual({ text: '(bad)', length: 1 }); // cr1 does not exist
  });

  it('reports the full length of valid instructions', () => {
    const bytes = encode(row('mov', ['m32', 'i32']), [mem(3, NO_REG, 1, 0x1234), 5]);
    expect(dis(bytes).length).toBe(bytes.length);
    expect(bytes.length).toBe(11);
  });

  it('never throws, whatever the bytes or the memory callback do', () => {
    let seed = 3;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24);
    for (let op = 0; op < 256; op++) {
      for (let k = 0; k < 50; k++) {
        const bytes = [op, ...Array.from({ length: 12 }, rand)];
        const d = dis(bytes);
        expect(d.length).toBeGreaterThanOrEqual(1);
        expect(d.length).toBeLessThanOrEqual(15);
        expect(d.text.length).toBeGreaterThan(0);
      }
    }
    expect(disassemble(() => { throw new Error('unmapped'); }, 0)).toEqual({ text: '(bad)', length: 1 });
    expect(dis([0x41], 0x1000).text).toMatch(/^jmp 0x/); // bytes past the end read as 0
  });
});
