// Checks the CPU's ALU results and CF PF ZF SF OF against vectors recorded on
// real x86 hardware by vectors/gen-flags.c (see there for how to regenerate).
// Flags x86 leaves undefined are masked per vector; AF is never compared
// (Hako never sets it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VEC_DE } from '../../emulator/cpu.ts';
import { encode, type Operand } from '../../isa/encoding.ts';
import { EAX, ECX, EDX, makeCpu, mem, rowOf } from './cpu-harness.ts';

interface Vector { op: string; a: number; b: number; h?: number; fin: number; r: number; d: number; fout: number; mask: number; de: number }
const vectors: Vector[] = JSON.parse(readFileSync(new URL('./vectors/flags.json', import.meta.url), 'utf8'));

const CODE = 0x1000, DATA = 0x3000;
const { cpu, mem: ram } = makeCpu(1 << 20);

/** Run one instruction with eax=a, ecx=b, edx=d, eflags=fin; returns the state after. */
function exec(bytes: number[], v: Vector, memValue?: number) {
  ram.dmaWrite(CODE, Uint8Array.from(bytes));
  if (memValue !== undefined) ram.write32(DATA, memValue);
  cpu.reg.fill(0);
  cpu.reg[EAX] = v.a;
  cpu.reg[ECX] = v.b;
  cpu.reg[EDX] = v.h ?? 0;
  cpu.eflags = v.fin | 2;
  cpu.eip = CODE;
  const before = cpu.counters.exceptions[VEC_DE];
  cpu.step();
  return {
    eax: cpu.reg[EAX] >>> 0, edx: cpu.reg[EDX] >>> 0, mem: ram.read32(DATA), flags: cpu.eflags & 0x8c5,
    de: cpu.counters.exceptions[VEC_DE] > before, eip: cpu.eip,
  };
}

const BINARY: Record<string, string> = { add: 'add', adc: 'adc', sub: 'sub', sbb: 'sbb', and: 'and', or: 'or', xor: 'xor', cmp: 'cmp', test: 'test' };
const hex = (x: number) => '0x' + (x >>> 0).toString(16);

function describeVector(v: Vector, form: string) {
  return `${v.op} ${form} a=${hex(v.a)} b=${hex(v.b)}${v.h !== undefined ? ` edx=${hex(v.h)}` : ''} fin=${hex(v.fin)}`;
}

function checkFlags(got: number, v: Vector, what: string) {
  if ((got & v.mask) !== (v.fout & v.mask)) {
    expect.fail(`${what}: flags ${hex(got & v.mask)} expected ${hex(v.fout & v.mask)} (mask ${hex(v.mask)})`);
  }
}

describe('ALU results and flags match real x86 (vectors/flags.json)', () => {
  it('has vectors for every operation', () => {
    const ops = new Set(vectors.map((v) => v.op));
    for (const op of ['add', 'adc', 'sub', 'sbb', 'and', 'or', 'xor', 'cmp', 'test', 'inc', 'dec', 'neg', 'shl', 'shr', 'sar',
      'rol', 'ror', 'mul', 'imul', 'imul2', 'div', 'idiv']) expect(ops.has(op), op).toBe(true);
  });

  for (const op of Object.keys(BINARY)) {
    it(`${op} in all five operand forms`, () => {
      const writes = op !== 'cmp' && op !== 'test';
      for (const v of vectors.filter((x) => x.op === op)) {
        const forms: [string, Operand[], 'reg' | 'mem'][] = [
          ['r, r', [EAX, ECX], 'reg'],
          ['r, i32', [EAX, v.b | 0], 'reg'],
          ['r, m32', [EAX, mem(8, DATA)], 'reg'],
          ['m32, r', [mem(8, DATA), ECX], 'mem'],
          ['m32, i32', [mem(8, DATA), v.b | 0], 'mem'],
        ];
        for (const [form, ops, where] of forms) {
          const inMem = where === 'mem';
          const s = exec(encode(rowOf(BINARY[op], form), ops), v, inMem ? v.a : v.b);
          const what = describeVector(v, form);
          const expected = writes ? v.r : v.a;
          expect(inMem ? s.mem : s.eax, what).toBe(expected);
          checkFlags(s.flags, v, what);
        }
      }
    });
  }

  for (const op of ['inc', 'dec', 'neg']) {
    it(`${op} on a register and in memory`, () => {
      for (const v of vectors.filter((x) => x.op === op)) {
        const r = exec(encode(rowOf(op, 'r'), [EAX]), v);
        expect(r.eax, describeVector(v, 'r')).toBe(v.r);
        checkFlags(r.flags, v, describeVector(v, 'r'));
        const m = exec(encode(rowOf(op, 'm32'), [mem(8, DATA)]), v, v.a);
        expect(m.mem, describeVector(v, 'm32')).toBe(v.r);
        checkFlags(m.flags, v, describeVector(v, 'm32'));
      }
    });
  }

  for (const op of ['shl', 'shr', 'sar', 'rol', 'ror']) {
    it(`${op} by register and by immediate (count masked to 5 bits)`, () => {
      for (const v of vectors.filter((x) => x.op === op)) {
        const r = exec(encode(rowOf(op, 'r, r'), [EAX, ECX]), v);
        expect(r.eax, describeVector(v, 'r, r')).toBe(v.r);
        checkFlags(r.flags, v, describeVector(v, 'r, r'));
        const i = exec(encode(rowOf(op, 'r, i8'), [EAX, v.b & 0xff]), v);
        expect(i.eax, describeVector(v, 'r, i8')).toBe(v.r);
        checkFlags(i.flags, v, describeVector(v, 'r, i8'));
      }
    });
  }

  it('mul and one-operand imul: edx:eax and CF/OF', () => {
    for (const v of vectors.filter((x) => x.op === 'mul' || x.op === 'imul')) {
      for (const [form, ops] of [['r', [ECX]], ['m32', [mem(8, DATA)]]] as [string, Operand[]][]) {
        const s = exec(encode(rowOf(v.op, form), ops), v, v.b);
        const what = describeVector(v, form);
        expect(s.eax, what).toBe(v.r);
        expect(s.edx, what).toBe(v.d);
        checkFlags(s.flags, v, what);
      }
    }
  });

  it('two- and three-operand imul: truncated product and CF/OF', () => {
    for (const v of vectors.filter((x) => x.op === 'imul2')) {
      const forms: [string, Operand[]][] = [['r, r', [EAX, ECX]], ['r, m32', [EAX, mem(8, DATA)]]];
      for (const [form, ops] of forms) {
        const s = exec(encode(rowOf('imul', form), ops), v, v.b);
        expect(s.eax, describeVector(v, form)).toBe(v.r);
        checkFlags(s.flags, v, describeVector(v, form));
      }
      // imul eax, ecx, imm: dst = src * imm (src ecx holds b, imm = a).
      const s3 = exec(encode(rowOf('imul', 'r, r, i32'), [EAX, ECX, v.a | 0]), v);
      expect(s3.eax, describeVector(v, 'r, r, i32')).toBe(v.r);
      checkFlags(s3.flags, v, describeVector(v, 'r, r, i32'));
    }
  });

  it('div and idiv: quotient, remainder, and #DE exactly when x86 faults', () => {
    for (const v of vectors.filter((x) => x.op === 'div' || x.op === 'idiv')) {
      for (const [form, ops] of [['r', [ECX]], ['m32', [mem(8, DATA)]]] as [string, Operand[]][]) {
        const s = exec(encode(rowOf(v.op, form), ops), v, v.b);
        const what = describeVector(v, form);
        expect(s.de, what).toBe(v.de === 1);
        if (v.de) {
          expect(s.eax, `${what}: a faulting divide changes nothing`).toBe(v.a);
          expect(s.edx, what).toBe(v.h);
        } else {
          expect(s.eax, what).toBe(v.r);
          expect(s.edx, what).toBe(v.d);
        }
      }
    }
  });
});
