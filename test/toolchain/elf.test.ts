// The shared ELF32 writer and reader: what the writer lays out the reader
// reads back field for field, binutils agrees, and damaged files give an
// ElfError rather than a crash or an out-of-bounds read.

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EM_HAKO, ET_EXEC, PF_R, PF_X, PT_LOAD, SHF_ALLOC, SHF_EXECINSTR, SHT_NOBITS, SHT_PROGBITS, SHT_RELA, SHT_STRTAB, SHT_SYMTAB,
  STB_GLOBAL, STB_LOCAL, STT_FUNC, STT_OBJECT, StringTable, encodeRelas, encodeSymbols, stringAt, R_HAKO_PC32,
} from '../../isa/elf/elf32.ts';
import { writeElf } from '../../toolchain/elf/writer.ts';
import { ElfError, parseElf, readRelas, readSymbols, symbolName } from '../../isa/elf/reader.ts';

function sample(): Uint8Array {
  const strings = new StringTable();
  const syms = encodeSymbols([
    { name: 0, value: 0, size: 0, bind: 0, type: 0, shndx: 0 },
    { name: strings.add('local_thing'), value: 0x1010, size: 4, bind: STB_LOCAL, type: STT_OBJECT, shndx: 2 },
    { name: strings.add('main'), value: 0x1000, size: 16, bind: STB_GLOBAL, type: STT_FUNC, shndx: 1 },
  ]);
  return writeElf({
    type: ET_EXEC, machine: EM_HAKO, entry: 0x1000,
    programHeaders: [{ type: PT_LOAD, offset: 0x1000, vaddr: 0x1000, paddr: 0x1000, filesz: 16, memsz: 16, flags: PF_R | PF_X, align: 4096 }],
    sections: [
      { name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, addr: 0x1000, data: Uint8Array.from({ length: 16 }, (_, i) => i), align: 4, fileOffset: 0x1000 },
      { name: '.bss', type: SHT_NOBITS, flags: SHF_ALLOC, addr: 0x1010, size: 64, align: 4 },
      { name: '.symtab', type: SHT_SYMTAB, flags: 0, data: syms, link: 4, info: 2, align: 4, entsize: 16 },
      { name: '.strtab', type: SHT_STRTAB, flags: 0, data: strings.toBytes(), align: 1 },
      { name: '.rela.text', type: SHT_RELA, flags: 0, data: encodeRelas([{ offset: 4, sym: 2, type: R_HAKO_PC32, addend: -4 }]), link: 3, info: 1, align: 4, entsize: 12 },
    ],
  });
}

describe('ELF32 writer and reader', () => {
  it('read back what was written', () => {
    const f = parseElf(sample());
    expect(f).toMatchObject({ type: ET_EXEC, machine: EM_HAKO, entry: 0x1000 });
    expect(f.programHeaders).toEqual([{ type: PT_LOAD, offset: 0x1000, vaddr: 0x1000, paddr: 0x1000, filesz: 16, memsz: 16, flags: PF_R | PF_X, align: 4096 }]);
    expect(f.sections.map((s) => s.name)).toEqual(['', '.text', '.bss', '.symtab', '.strtab', '.rela.text', '.shstrtab']);
    const text = f.sections[1];
    expect(text).toMatchObject({ offset: 0x1000, addr: 0x1000, size: 16, align: 4 });
    expect([...text.data]).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(f.sections[2]).toMatchObject({ type: SHT_NOBITS, size: 64 });
    expect(f.sections[2].data.length).toBe(0);
    const syms = readSymbols(f.sections[3]);
    expect(syms.map((s) => symbolName(f, f.sections[3], s))).toEqual(['', 'local_thing', 'main']);
    expect(syms[2]).toMatchObject({ value: 0x1000, size: 16, bind: STB_GLOBAL, type: STT_FUNC, shndx: 1 });
    expect(readRelas(f.sections[5])).toEqual([{ offset: 4, sym: 2, type: R_HAKO_PC32, addend: -4 }]);
  });

  it('shares equal strings in a string table', () => {
    const t = new StringTable();
    const a = t.add('puts');
    expect(t.add('puts')).toBe(a);
    expect(t.add('')).toBe(0);
    const m = t.add('main');
    expect(stringAt(t.toBytes(), m)).toBe('main');
    expect(stringAt(t.toBytes(), a)).toBe('puts');
  });

  it('refuses to place a section over earlier data', () => {
    expect(() => writeElf({ type: ET_EXEC, machine: EM_HAKO, entry: 0, programHeaders: [], sections: [
      { name: '.a', type: SHT_PROGBITS, flags: 0, data: new Uint8Array(100) },
      { name: '.b', type: SHT_PROGBITS, flags: 0, data: new Uint8Array(4), fileOffset: 60 },
    ] })).toThrow(/overlaps/);
  });

  it('is accepted by binutils readelf without warnings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hako-elf-'));
    writeFileSync(join(dir, 'sample'), sample());
    const r = spawnSync('readelf', ['-a', '-W', join(dir, 'sample')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/main/);
    expect(r.stdout).toMatch(/local_thing/);
  });

  it('reports damaged files with ElfError', () => {
    const good = sample();
    expect(() => parseElf(good.slice(0, 40))).toThrow(ElfError);
    expect(() => parseElf(new Uint8Array([1, 2, 3, 4]))).toThrow(/bad magic/);
    const wrongClass = good.slice();
    wrongClass[4] = 2;
    expect(() => parseElf(wrongClass)).toThrow(/not a 32-bit/);
    const bigEndian = good.slice();
    bigEndian[5] = 2;
    expect(() => parseElf(bigEndian)).toThrow(/not a little-endian/);
    expect(() => parseElf(good.slice(0, good.length - 10))).toThrow(/section headers .* extend past the end/);
  });

  it('never reads out of bounds on random damage', () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const good = sample();
    for (let i = 0; i < 2000; i++) {
      const bad = good.slice();
      for (let k = 0; k < 3; k++) bad[Math.floor(rand() * bad.length)] = Math.floor(rand() * 256);
      try {
        const f = parseElf(bad);
        for (const s of f.sections) {
          expect(s.data.length).toBe(s.type === SHT_NOBITS || s.type === 0 ? 0 : s.size);
          if (s.type === SHT_SYMTAB) readSymbols(s);
          if (s.type === SHT_RELA) readRelas(s);
        }
      } catch (e) {
        expect(e).toBeInstanceOf(ElfError);
      }
    }
  });
});
