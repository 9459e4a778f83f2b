// The assembler: encodings come from the ISA table, labels/sections/data
// directives place bytes where docs/asm.md says, relocations and symbols are
// written as docs/architecture.md says, and bad input gives positioned
// diagnostics (and never an exception).

import { describe, it, expect } from 'vitest';
import { encode, rowsFor, NO_REG, type Operand } from '../../isa/encoding.ts';
import type { OperandKind } from '../../isa/table.ts';
import { assemble, formatDiagnostic, type Diagnostic } from '../../toolchain/as/assemble.ts';
import {
  EM_HAKO, ET_REL, R_HAKO_32, R_HAKO_PC32, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHN_UNDEF, SHT_NOBITS, SHT_RELA, SHT_SYMTAB,
  STB_GLOBAL, STB_LOCAL, STT_FUNC, STT_OBJECT, STT_SECTION,
} from '../../isa/elf/elf32.ts';
import { parseElf, readRelas, readSymbols, symbolName, type ElfFile } from '../../isa/elf/reader.ts';

function obj(source: string): ElfFile {
  const r = assemble(source, 'test.s');
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return parseElf(r.object);
}

function section(f: ElfFile, name: string) {
  const s = f.sections.find((x) => x.name === name);
  if (!s) throw new Error(`no section ${name}`);
  return s;
}

function bytes(f: ElfFile, name = '.text'): number[] {
  return [...section(f, name).data];
}

function symbols(f: ElfFile) {
  const symtab = f.sections.find((s) => s.type === SHT_SYMTAB)!;
  return readSymbols(symtab).map((s) => ({ ...s, label: symbolName(f, symtab, s) }));
}

function relocs(f: ElfFile, name: string) {
  const rela = f.sections.find((s) => s.type === SHT_RELA && s.name === `.rela${name}`);
  if (!rela) return [];
  const syms = symbols(f);
  return readRelas(rela).map((r) => ({ ...r, target: syms[r.sym].type === STT_SECTION ? f.sections[syms[r.sym].shndx].name : syms[r.sym].label }));
}

function row(mnemonic: string, kinds: OperandKind[]) {
  const r = rowsFor(mnemonic).find((x) => x.operands.join() === kinds.join());
  if (!r) throw new Error(`no row ${mnemonic} ${kinds}`);
  return r;
}

const mem = (base: number, index = NO_REG, scale = 1, disp = 0) => ({ base, index, scale, disp });
const EAX = 0, ECX = 1, EBX = 3, ESP = 4, EBP = 5, ESI = 6;

function errors(source: string): Diagnostic[] {
  const r = assemble(source, 'bad.s');
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(source)}`);
  return r.diagnostics;
}

describe('object file', () => {
  it('is ELF32 ET_REL for EM_HAKO', () => {
    const f = obj('nop');
    expect(f.type).toBe(ET_REL);
    expect(f.machine).toBe(EM_HAKO);
    expect(section(f, '.text').flags).toBe(SHF_ALLOC | SHF_EXECINSTR);
  });

  it('gives each standard section its type and flags', () => {
    const f = obj('section .data\ndb 1\nsection .rodata\ndb 2\nsection .bss\nresb 8\nsection .text.boot\nnop');
    expect(section(f, '.data').flags).toBe(SHF_ALLOC | SHF_WRITE);
    expect(section(f, '.rodata').flags).toBe(SHF_ALLOC);
    expect(section(f, '.bss').type).toBe(SHT_NOBITS);
    expect(section(f, '.bss').size).toBe(8);
    expect(section(f, '.text.boot').flags).toBe(SHF_ALLOC | SHF_EXECINSTR);
  });
});

describe('instruction encoding follows the ISA table', () => {
  const cases: [string, string, OperandKind[], Operand[], boolean?][] = [
    ['mov eax, ebx', 'mov', ['r', 'r'], [EAX, EBX]],
    ['MOV EAX, EBX', 'mov', ['r', 'r'], [EAX, EBX]],
    ['mov eax, [ebx+8]', 'mov', ['r', 'm32'], [EAX, mem(EBX, NO_REG, 1, 8)]],
    ['mov eax, [ebx + esi*4 - 300]', 'mov', ['r', 'm32'], [EAX, mem(EBX, ESI, 4, -300)]],
    ['mov eax, [4*esi + ebx]', 'mov', ['r', 'm32'], [EAX, mem(EBX, ESI, 4, 0)]],
    ['mov eax, [ebx + esi]', 'mov', ['r', 'm32'], [EAX, mem(EBX, ESI, 1, 0)]],
    ['mov dword [ebp-4], 0x12345678', 'mov', ['m32', 'i32'], [mem(EBP, NO_REG, 1, -4), 0x12345678]],
    ['mov word [ecx], 0xbeef', 'mov', ['m16', 'i16'], [mem(ECX), 0xbeef]],
    ['mov byte [0x1000], -1', 'mov', ['m8', 'i8'], [mem(NO_REG, NO_REG, 1, 0x1000), 0xff]],
    ['mov [ebx+4], ecx', 'mov', ['m32', 'r'], [mem(EBX, NO_REG, 1, 4), ECX]],
    ['xchg eax, [esi]', 'xchg', ['r', 'm32'], [EAX, mem(ESI)]],
    ['movzx eax, byte [esi]', 'movzx', ['r', 'm8'], [EAX, mem(ESI)]],
    ['movsx ecx, word [esi+2]', 'movsx', ['r', 'm16'], [ECX, mem(ESI, NO_REG, 1, 2)]],
    ['movzxb eax, ebx', 'movzxb', ['r', 'r'], [EAX, EBX]],
    ['lea esp, [esp+16]', 'lea', ['r', 'm'], [ESP, mem(ESP, NO_REG, 1, 16)]],
    ['imul eax, ecx, 10', 'imul', ['r', 'r', 'i32'], [EAX, ECX, 10]],
    ['shl eax, 3', 'shl', ['r', 'i8'], [EAX, 3]],
    ['int 0x80', 'int', ['i8'], [0x80]],
    ['mov cr3, eax', 'mov', ['cr', 'r'], [3, EAX]],
    ['mov eax, cr2', 'mov', ['r', 'cr'], [EAX, 2]],
    ['inb eax, edx', 'inb', ['r', 'r'], [EAX, 2]],
    ['push dword [eax]', 'push', ['m32'], [mem(EAX)]],
    ['push -2', 'push', ['i32'], [-2]],
    ['add eax, 2 + 3 * 4 << 1', 'add', ['r', 'i32'], [EAX, (2 + 3 * 4) << 1]],
    ['and eax, ~0xff | (1 << 4) ^ 3', 'and', ['r', 'i32'], [EAX, ~0xff | ((1 << 4) ^ 3)]],
    ["cmp eax, 'A' + '\\n'", 'cmp', ['r', 'i32'], [EAX, 65 + 10]],
    ['sub eax, 0b1010 % 4 - -7 / 2', 'sub', ['r', 'i32'], [EAX, (10 % 4) - Math.trunc(-7 / 2)]],
    ['rep movsb', 'rep movsb', [], []],
    ['rep stosd', 'rep stosd', [], []],
    ['iret', 'iret', [], []],
  ];
  for (const [source, mnemonic, kinds, operands] of cases) {
    it(source, () => {
      expect(bytes(obj(source))).toEqual(encode(row(mnemonic, kinds), operands));
    });
  }

  it('accepts every condition alias as the condition it names', () => {
    const pairs = [['jz', 'je'], ['jnz', 'jne'], ['jc', 'jb'], ['jnae', 'jb'], ['jnc', 'jae'], ['jnb', 'jae'], ['jna', 'jbe'],
      ['jnbe', 'ja'], ['jpe', 'jp'], ['jpo', 'jnp'], ['jnge', 'jl'], ['jnl', 'jge'], ['jng', 'jle'], ['jnle', 'jg']];
    for (const [alias, name] of pairs) {
      expect(bytes(obj(`x: ${alias} x`)), alias).toEqual(bytes(obj(`x: ${name} x`)));
      const set = `set${alias.slice(1)}`;
      expect(bytes(obj(`${set} eax`)), set).toEqual(encode(row(`set${name.slice(1)}`, ['r']), [EAX]));
    }
  });

  it('uses disp8 for small constant displacements and disp32 whenever a symbol is named', () => {
    expect(bytes(obj('mov eax, [ebx+8]')).length).toBe(4);
    expect(bytes(obj('mov eax, [ebx+200]')).length).toBe(7);
    const f = obj('mov eax, [ebx + table + 8]\nsection .data\ndd 0\ntable: dd 1, 2, 3');
    expect(bytes(f).length).toBe(7);
    expect(relocs(f, '.text')).toMatchObject([{ offset: 3, type: R_HAKO_32, target: '.data', addend: 4 + 8 }]);
  });

  it('wraps constant displacements modulo 2^32, as address arithmetic does', () => {
    expect(bytes(obj('K equ 0xC0000000\nmov eax, [ebx - K]'))).toEqual(encode(row('mov', ['r', 'm32']), [EAX, mem(EBX, NO_REG, 1, 0x40000000)]));
  });

  it('keeps constant displacements from later equ definitions small', () => {
    expect(bytes(obj('mov eax, [ebp + OFF]\nOFF equ 12'))).toEqual(encode(row('mov', ['r', 'm32']), [EAX, mem(EBP, NO_REG, 1, 12)]));
  });
});

describe('labels and branches', () => {
  it('resolves branches inside a section without relocations, backwards and forwards', () => {
    const f = obj('start: nop\njmp done\njne start\ndone: ret');
    const jmp = row('jmp', ['rel']);
    const jne = row('jne', ['rel']);
    // nop at 0 (1 byte), jmp at 1 (5), jne at 6 (5), ret at 11
    expect(bytes(f)).toEqual([...encode(row('nop', []), []), ...encode(jmp, [11 - 6]), ...encode(jne, [0 - 11]), ...encode(row('ret', []), [])]);
    expect(relocs(f, '.text')).toEqual([]);
  });

  it('scopes local labels to the last non-local label', () => {
    const f = obj('f:\n.loop: dec ecx\njnz .loop\nret\ng:\n.loop: nop\nnop\njmp .loop\njmp f.loop');
    const b = bytes(f);
    const relAt = (at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));
    // f.loop at 0: dec(2) jnz(5) ret(1) → g.loop at 8: nop nop jmp(at 10) jmp(at 15)
    expect(relAt(3)).toBe(0 - 7);
    expect(relAt(11)).toBe(8 - 15);
    expect(relAt(16)).toBe(0 - 20);
    expect(symbols(f).map((s) => s.label)).not.toContain('f.loop');
  });

  it('makes `$` the address of the current line', () => {
    expect(bytes(obj('nop\njmp $'))).toEqual([...encode(row('nop', []), []), ...encode(row('jmp', ['rel']), [-5])]);
  });

  it('relocates calls to external symbols with R_HAKO_PC32 and addend -4', () => {
    const f = obj('nop\ncall puts\njmp exit + 8');
    expect(relocs(f, '.text')).toMatchObject([
      { offset: 2, type: R_HAKO_PC32, target: 'puts', addend: -4 },
      { offset: 7, type: R_HAKO_PC32, target: 'exit', addend: 4 },
    ]);
    const puts = symbols(f).find((s) => s.label === 'puts')!;
    expect(puts.shndx).toBe(SHN_UNDEF);
    expect(puts.bind).toBe(STB_GLOBAL);
  });

  it('relocates branches into another section of the same object through the section symbol', () => {
    const f = obj('section .text.boot\nentry: jmp main\nsection .text\nnop\nmain: ret');
    expect(relocs(f, '.text.boot')).toMatchObject([{ offset: 1, type: R_HAKO_PC32, target: '.text', addend: 1 - 4 }]);
  });

  it('relocates addresses used as immediates and data', () => {
    const f = obj('mov eax, msg + 2\nmov dword [ptr], msg\nsection .data\nptr: dd msg, ext - 4\nmsg: db "hi", 0');
    expect(relocs(f, '.text')).toMatchObject([
      { offset: 2, type: R_HAKO_32, target: '.data', addend: 8 + 2 },
      { offset: 6 + 3, type: R_HAKO_32, target: '.data', addend: 0 },
      { offset: 6 + 7, type: R_HAKO_32, target: '.data', addend: 8 },
    ]);
    expect(relocs(f, '.data')).toMatchObject([
      { offset: 0, type: R_HAKO_32, target: '.data', addend: 8 },
      { offset: 4, type: R_HAKO_32, target: 'ext', addend: -4 },
    ]);
  });

  it('turns the difference of two places in one section into a constant', () => {
    const f = obj('section .rodata\nmsg: db "hello"\nlen equ $ - msg\nsection .text\nmov ecx, len\nmov edx, end - start\nstart: nop\nnop\nend:');
    expect(bytes(f)).toEqual([...encode(row('mov', ['r', 'i32']), [ECX, 5]), ...encode(row('mov', ['r', 'i32']), [2, 2]), 1, 1]);
    expect(relocs(f, '.text')).toEqual([]);
  });
});

describe('symbols', () => {
  it('exports globals, keeps non-dot locals, types text labels as functions and data labels as objects', () => {
    const f = obj('global main, table\nmain: nop\n.l: ret\nhelper: ret\nsection .data\ntable: dd 1, 2\ncount: dd 3');
    const syms = symbols(f);
    const get = (n: string) => syms.find((s) => s.label === n)!;
    expect(get('main')).toMatchObject({ bind: STB_GLOBAL, type: STT_FUNC, value: 0, size: 2 });
    expect(get('helper')).toMatchObject({ bind: STB_LOCAL, type: STT_FUNC, value: 2, size: 1 });
    expect(get('table')).toMatchObject({ bind: STB_GLOBAL, type: STT_OBJECT, value: 0, size: 8 });
    expect(get('count')).toMatchObject({ bind: STB_LOCAL, type: STT_OBJECT, value: 8, size: 4 });
    expect(syms.find((s) => s.label === 'main.l')).toBeUndefined();
    // Locals come before globals, as ELF requires.
    const symtab = f.sections.find((s) => s.type === SHT_SYMTAB)!;
    expect(syms.slice(0, symtab.info).every((s) => s.bind === STB_LOCAL)).toBe(true);
    expect(syms.slice(symtab.info).every((s) => s.bind === STB_GLOBAL)).toBe(true);
  });
});

describe('data directives', () => {
  it('writes db/dw/dd little-endian with strings and C escapes', () => {
    const f = obj('section .data\ndb "a\\n\\x41\\0", 7, -1\ndw 0x1234, -2\ndd 0xdeadbeef');
    expect(bytes(f, '.data')).toEqual([0x61, 10, 0x41, 0, 7, 0xff, 0x34, 0x12, 0xfe, 0xff, 0xef, 0xbe, 0xad, 0xde]);
  });

  it('repeats lines with times and reserves with resb/resw/resd', () => {
    const f = obj('section .data\ntimes 3 db 1, 2\nresw 2\nsection .bss\nresb 3\nresd 2\ntimes 2 resw 1');
    expect(bytes(f, '.data')).toEqual([1, 2, 1, 2, 1, 2, 0, 0, 0, 0]);
    expect(section(f, '.bss').size).toBe(3 + 8 + 4);
  });

  it('pads with nop in code and zeros elsewhere on align, and raises the section alignment', () => {
    const f = obj('ret\nalign 4\nret\nsection .data\ndb 9\nalign 16\ndb 8');
    const nop = encode(row('nop', []), [])[0];
    expect(bytes(f)).toEqual([encode(row('ret', []), [])[0], nop, nop, nop, encode(row('ret', []), [])[0]]);
    expect(bytes(f, '.data')).toEqual([9, ...new Array(15).fill(0), 8]);
    expect(section(f, '.data').align).toBe(16);
  });

  it('settles sizes that depend on labels further down', () => {
    const f = obj('section .data\ntimes size db 0xaa\na: db 1, 2, 3\nb:\nsize equ b - a\nmov_target: dd a');
    expect(bytes(f, '.data')).toEqual([0xaa, 0xaa, 0xaa, 1, 2, 3, 0, 0, 0, 0]);
    expect(relocs(f, '.data')).toMatchObject([{ offset: 6, type: R_HAKO_32, target: '.data', addend: 3 }]);
    const [d] = errors('x: times (y - x) + 1 db 0\ny: db 0');
    expect(d.message).toMatch(/layout does not settle/);
  });

  it('lets times count depend on labels (padding to a size)', () => {
    const f = obj('section .data\nstart: db 1, 2, 3\ntimes 8 - ($ - start) db 0xaa\nafter: db 5');
    expect(bytes(f, '.data')).toEqual([1, 2, 3, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 5]);
  });
});

describe('diagnostics', () => {
  const cases: [string, number, number, RegExp][] = [
    ['frob eax', 1, 1, /unknown mnemonic 'frob'/],
    ['mov eax, byte [ebx]', 1, 1, /no form of 'mov' takes \(register, byte memory\).*mov r, m32/],
    ['nop\nmov al, 1', 2, 5, /bad register 'al'/],
    ['mov eax, cr4', 1, 10, /bad register 'cr4'/],
    ['add eax, (1 + ', 1, 15, /expected an expression/],
    ['add eax, 1 ) ', 1, 12, /unexpected '\)'/],
    ['f:\njmp .missing', 2, 5, /undefined local label '\.missing' in 'f'/],
    ['a: nop\nb: nop\na: nop', 3, 1, /duplicate label 'a' \(first defined at line 1\)/],
    ['int 256', 1, 5, /out of range for an 8-bit field/],
    ['mov word [eax], 70000', 1, 17, /out of range for a 16-bit field/],
    ['mov eax, 0x1_0000_0000', 1, 10, /out of range for a 32-bit field/],
    ['mov [ebx], 1', 1, 5, /missing size/],
    ['movsx eax, [esi]', 1, 12, /missing size/],
    ['mov eax, [ebx*3]', 1, 15, /scale must be 1, 2, 4 or 8/],
    ['mov eax, [eax+ebx+ecx]', 1, 19, /at most two registers/],
    ['mov eax, [ebx - esi]', 1, 17, /cannot be subtracted/],
    ['mov eax, x * 2', 1, 12, /cannot apply to an address/],
    ['db 1 / 0', 1, 6, /division by zero/],
    ['dw label', 1, 4, /address does not fit in a 16-bit field/],
    ['int label', 1, 5, /address does not fit in an 8-bit immediate/],
    ['section .bss\nnop', 2, 1, /instruction in \.bss/],
    ['section .bss\ndd 1', 2, 1, /initialised data in \.bss/],
    ['global ghost', 1, 8, /'ghost' is declared global but never defined/],
    ['db "open', 1, 4, /missing closing "/],
    ['db 0x', 1, 4, /bad number '0x'/],
    ['mov eax, #1', 1, 10, /unexpected character '#'/],
    ['align 6', 1, 7, /power of two/],
    ['eax: nop', 1, 1, /is a register/],
    ['.bogus 1', 1, 1, /unknown directive '\.bogus'/],
    ['x equ a - b\na: nop\nsection .data\nb: db 0\nmov eax, x', 1, 9, /not a relocatable expression/],
    ['.file "k.c"\n.loc 42\nfrob', 3, 1, /unknown mnemonic 'frob' \(from k\.c:42\)/],
    ['section .data\nresb 1 << 30', 2, 6, /grows beyond 16 MiB/],
    ['times 2 section .data', 1, 9, /times can repeat only/],
    ['times 3 frob eax', 1, 9, /unknown mnemonic 'frob'/],
    ['times x nop\nx equ -1', 1, 7, /times count -1 out of range/],
    ['section .bss\nresb 0x80000000\nresb 0x80000000', 3, 6, /grows beyond 4 GiB/],
  ];
  for (const [source, line, col, message] of cases) {
    it(`${JSON.stringify(source)} → ${line}:${col} ${message.source}`, () => {
      const [d] = errors(source);
      expect(d.message).toMatch(message);
      expect([d.line, d.col]).toEqual([line, col]);
      expect(d.file).toBe('bad.s');
      expect(d.source).toBe(source.split('\n')[line - 1]);
    });
  }

  it('reports every bad line, not just the first', () => {
    const ds = errors('frob\nnop\nmov al, 1\nbork eax');
    expect(ds.map((d) => d.line)).toEqual([1, 3, 4]);
  });

  it('formats as file:line:col: error: message, the source line and a caret', () => {
    const [d] = errors('nop\n\tmov eax, al ; comment');
    expect(formatDiagnostic(d)).toBe("bad.s:2:11: error: bad register 'al': Hako has only the 32-bit registers eax ecx edx ebx esp ebp esi edi\n\tmov eax, al ; comment\n\t         ^");
  });

  it('never throws, whatever the input', () => {
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pieces = ['mov', 'eax', ',', '[', ']', '+', '*', '4', 'byte', 'dword', 'x:', '.l', '$', '(', ')', '"s"', "'c'", 'db', 'times',
      'equ', 'section', '.data', 'jmp', '-', '0x', '\\', ';', 'global', 'rep', 'movsb', 'align', 'resb', '<<', 'cr0', 'al', 'ebx'];
    for (let i = 0; i < 2000; i++) {
      const lines: string[] = [];
      for (let l = 0; l < 4; l++) {
        const n = Math.floor(rand() * 7);
        lines.push(Array.from({ length: n }, () => pieces[Math.floor(rand() * pieces.length)]).join(rand() < 0.5 ? ' ' : ''));
      }
      const r = assemble(lines.join('\n'), 'fuzz.s');
      if (!r.ok) {
        for (const d of r.diagnostics) {
          expect(d.message).not.toMatch(/internal/);
          expect(d.line).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('size words', () => {
  it('are sizes before an operand and ordinary symbols otherwise', () => {
    expect(bytes(obj('push dword -1'))).toEqual(encode(row('push', ['i32']), [-1]));
    expect(bytes(obj('push dword 5'))).toEqual(encode(row('push', ['i32']), [5]));
    const f = obj('mov eax, word\nmov ecx, [byte + 4]\nsection .data\nword: dd 1\nbyte: dd 2');
    expect(relocs(f, '.text')).toMatchObject([
      { offset: 2, type: R_HAKO_32, target: '.data', addend: 0 },
      { offset: 6 + 3, type: R_HAKO_32, target: '.data', addend: 8 },
    ]);
  });
});

describe('$name: a symbol even when the name is a register or keyword', () => {
  it('defines, exports, loads, stores, calls and relocates symbols called eax, sp, cr0, dword and equ', () => {
    const f = obj([
      'global $eax, $sp, $cr0',
      '$cr0: mov eax, [$eax]', '        mov dword [$sp + 4], ecx', '        call $cr0', '        mov ecx, $dword',
      '        lea edx, [ebx + $equ]',
      'section .data', '$eax: dd 7', '$sp: dd $eax, 0', '$dword: dd $sp', '$equ: dd 0',
    ].join('\n'));
    const syms = symbols(f);
    const get = (n: string) => syms.find((s) => s.label === n)!;
    expect(get('cr0')).toMatchObject({ bind: STB_GLOBAL, type: STT_FUNC, value: 0 });
    expect(get('eax')).toMatchObject({ bind: STB_GLOBAL, type: STT_OBJECT, value: 0 });
    expect(get('sp')).toMatchObject({ bind: STB_GLOBAL, type: STT_OBJECT, value: 4 });
    expect(syms.some((s) => s.label.startsWith('$'))).toBe(false);
    // [$eax] is an absolute address (a relocation), not the register eax: it encodes as [disp32].
    expect(bytes(f).slice(0, 7)).toEqual(encode(row('mov', ['r', 'm32']), [EAX, mem(NO_REG, NO_REG, 1, 0)]));
    expect(relocs(f, '.data')).toMatchObject([
      { offset: 4, type: R_HAKO_32, target: '.data', addend: 0 },
      { offset: 12, type: R_HAKO_32, target: '.data', addend: 4 },
    ]);
  });

  it('leaves plain names registers, keeps `$` alone as the current address, and is no mnemonic', () => {
    expect(errors('eax: nop')[0].message).toMatch(/'eax' is a register and cannot be a label/);
    expect(bytes(obj('jmp $'))).toEqual(encode(row('jmp', ['rel']), [-5]));
    expect(errors('$nop')[0].message).toMatch(/expected a mnemonic or directive, found '\$nop'/);
  });
});

describe('binutils agrees', () => {
  it('readelf -a reads an object with every kind of relocation and no warnings', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const r = assemble('global _start\n_start: call ext\nmov eax, [msg]\njmp 0x1000\nsection .data\nmsg: dd msg, ext\nsection .bss\nbuf: resb 64', 'o.s');
    if (!r.ok) throw new Error('assembly failed');
    const path = join(mkdtempSync(join(tmpdir(), 'hako-as-')), 'o.o');
    writeFileSync(path, r.object);
    const out = spawnSync('readelf', ['-a', '-W', path], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/Type:\s+REL/);
    expect(out.stdout).toMatch(/Relocation section '\.rela\.text' at offset 0x[0-9a-f]+ contains 3 entries/);
    expect(out.stdout).toMatch(/Relocation section '\.rela\.data' at offset 0x[0-9a-f]+ contains 2 entries/);
    expect(out.stdout).toMatch(/NOTYPE\s+GLOBAL\s+DEFAULT\s+UND ext/);
  });
});
