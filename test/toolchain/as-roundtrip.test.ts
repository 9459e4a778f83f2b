// Property test of the assembler and disassembler together: for every row of
// the ISA table, random valid operands are assembled, linked, disassembled,
// and the disassembly text is assembled and linked again; the machine code
// must be identical and the disassembly must consume exactly those bytes.

import { describe, it, expect } from 'vitest';
import { ISA, REGISTERS, type IsaRow, type OperandKind } from '../../isa/table.ts';
import { disassemble } from '../../emulator/disasm.ts';
import { assemble, formatDiagnostic } from '../../toolchain/as/assemble.ts';
import { link } from '../../toolchain/ld/link.ts';
import { parseElf } from '../../isa/elf/reader.ts';

const BASE = 0x00400000;
const CASES_PER_ROW = 24;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function immediate(r: () => number, bits: number): string {
  const edge = [0, 1, 2 ** bits - 1, 2 ** (bits - 1), 2 ** (bits - 1) - 1, -1, -(2 ** (bits - 1))];
  const v = r() < 0.4 ? pick(r, edge) : Math.floor(r() * 2 ** bits) - (r() < 0.3 ? 2 ** (bits - 1) : 0);
  return r() < 0.5 ? String(v) : v < 0 ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

function memory(r: () => number): string {
  const parts: string[] = [];
  const hasBase = r() < 0.75;
  const hasIndex = r() < 0.5;
  if (hasBase) parts.push(pick(r, REGISTERS));
  if (hasIndex) parts.push(`${pick(r, REGISTERS)}*${pick(r, [1, 2, 4, 8])}`);
  const disp = pick(r, [0, 1, -1, 127, -128, 128, -129, 0x7fffffff, -0x80000000, Math.floor(r() * 0x10000) - 0x8000]);
  if (parts.length === 0 || disp !== 0 || r() < 0.2) parts.push(disp < 0 ? `-${-disp}` : String(disp));
  return `[${parts.join(' + ').replace('+ -', '- ')}]`;
}

function operand(r: () => number, kind: OperandKind): string {
  switch (kind) {
    case 'r': return pick(r, REGISTERS);
    case 'cr': return pick(r, ['cr0', 'cr2', 'cr3']);
    case 'i8': return immediate(r, 8);
    case 'i16': return immediate(r, 16);
    case 'i32': return immediate(r, 32);
    case 'm': return memory(r);
    case 'm8': return `byte ${memory(r)}`;
    case 'm16': return `word ${memory(r)}`;
    case 'm32': return `dword ${memory(r)}`;
    case 'rel':
      // Either relative to this line (resolved by the assembler) or an
      // absolute address (a PC-relative relocation resolved by the linker).
      return r() < 0.5 ? `$ + ${Math.floor(r() * 0x20000) - 0x10000}` : `0x${(BASE + Math.floor(r() * 0x100000)).toString(16)}`;
  }
}

function machineCode(line: string): Uint8Array {
  const asm = assemble(`global _start\n_start: ${line}\n`, 'case.s');
  if (!asm.ok) throw new Error(`${line}\n${asm.diagnostics.map(formatDiagnostic).join('\n')}`);
  const linked = link([{ name: 'case.o', data: asm.object }], { base: BASE });
  if (!linked.ok) throw new Error(`${line}: ${linked.errors.join('; ')}`);
  return parseElf(linked.elf).sections.find((s) => s.name === '.text')!.data.slice();
}

function formText(row: IsaRow): string {
  return `${row.mnemonic} ${row.operands.join(', ')}`.trim();
}

describe('assemble → disassemble → assemble gives identical bytes', () => {
  for (const row of ISA) {
    it(`0x${row.op.toString(16).padStart(2, '0')} ${formText(row)}`, () => {
      const r = rng(row.op * 7919 + 1);
      for (let n = 0; n < CASES_PER_ROW; n++) {
        const line = `${row.mnemonic} ${row.operands.map((k) => operand(r, k)).join(', ')}`.trim();
        const first = machineCode(line);
        expect(first[0], line).toBe(row.op);
        // Every address gets a name, so symbol comments appear wherever they can and must reassemble too.
        const dis = disassemble((a) => first[a - BASE] ?? 0, BASE, (a) => `place+0x${a.toString(16)}`);
        expect(dis.length, `${line} → ${dis.text}`).toBe(first.length);
        const second = machineCode(dis.text);
        expect([...second], `${line} → ${dis.text}`).toEqual([...first]);
      }
    });
  }
});
