// Writes the assembler's result as an ELF32 relocatable object (ET_REL,
// EM_HAKO): the sections with their bytes, one .rela.<name> per section that
// has relocations, and .symtab/.strtab.
//
// Invariants: the symbol table is null, FILE, one STT_SECTION symbol per
// section, the local symbols, then the globals (defined, then undefined), and
// sh_info of .symtab is the index of the first global, as ELF requires.
// Relocations against places in this object refer to the section symbol with
// the offset in the addend; relocation fields hold zero (RELA keeps the
// addend in the entry).

import {
  EM_HAKO, ET_REL, R_HAKO_32, SHF_ALLOC, SHF_EXECINSTR, SHF_INFO_LINK, SHF_WRITE, SHN_ABS, SHN_UNDEF, SHT_NOBITS,
  SHT_PROGBITS, SHT_RELA, SHT_STRTAB, SHT_SYMTAB, STB_GLOBAL, STB_LOCAL, STT_FILE, STT_SECTION, StringTable,
  encodeRelas, encodeSymbols, type Elf32Sym, RELA_SIZE, SYM_SIZE,
} from '../../isa/elf/elf32.ts';
import { writeElf, type SectionSpec } from '../elf/writer.ts';
import type { Base } from './expr.ts';

export { R_HAKO_32 };

export interface ObjectReloc {
  offset: number;
  type: number;
  /** null: relative to address 0 (an absolute target). */
  target: Base | null;
  addend: number;
}

export interface ObjectSection {
  name: string;
  type: number;
  flags: number;
  align: number;
  /** Contents (empty for NOBITS). */
  data: Uint8Array;
  size: number;
  relocs: ObjectReloc[];
}

export interface ObjectSymbol {
  name: string;
  /** Index into the sections list, or -1 for an absolute value. */
  sec: number;
  value: number;
  size: number;
  global: boolean;
  type: number;
}

/** Section type and flags from the name: .text*, .data*, .rodata*, .bss*; anything else is code, as in NASM. */
export function sectionKind(name: string): { type: number; flags: number } {
  const is = (p: string): boolean => name === p || name.startsWith(p + '.');
  if (is('.bss')) return { type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE };
  if (is('.data')) return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE };
  if (is('.rodata')) return { type: SHT_PROGBITS, flags: SHF_ALLOC };
  return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR };
}

export function writeObject(fileName: string, sections: ObjectSection[], symbols: ObjectSymbol[], externs: string[]): Uint8Array {
  const strtab = new StringTable();
  const syms: Elf32Sym[] = [{ name: 0, value: 0, size: 0, bind: 0, type: 0, shndx: 0 }];
  syms.push({ name: strtab.add(fileName), value: 0, size: 0, bind: STB_LOCAL, type: STT_FILE, shndx: SHN_ABS });
  const sectionSym = sections.map((_, i) => {
    syms.push({ name: 0, value: 0, size: 0, bind: STB_LOCAL, type: STT_SECTION, shndx: i + 1 });
    return syms.length - 1;
  });
  const shndx = (s: ObjectSymbol): number => (s.sec < 0 ? SHN_ABS : s.sec + 1);
  for (const s of symbols.filter((x) => !x.global)) {
    syms.push({ name: strtab.add(s.name), value: s.value >>> 0, size: s.size, bind: STB_LOCAL, type: s.type, shndx: shndx(s) });
  }
  const firstGlobal = syms.length;
  for (const s of symbols.filter((x) => x.global)) {
    syms.push({ name: strtab.add(s.name), value: s.value >>> 0, size: s.size, bind: STB_GLOBAL, type: s.type, shndx: shndx(s) });
  }
  const externIndex = new Map<string, number>();
  for (const name of externs) {
    externIndex.set(name, syms.length);
    syms.push({ name: strtab.add(name), value: 0, size: 0, bind: STB_GLOBAL, type: 0, shndx: SHN_UNDEF });
  }

  const withRelocs = sections.map((s, i) => ({ s, i })).filter(({ s }) => s.relocs.length > 0);
  const symtabIndex = sections.length + withRelocs.length + 1;
  const specs: SectionSpec[] = sections.map((s) => ({
    name: s.name, type: s.type, flags: s.flags, align: s.align, data: s.type === SHT_NOBITS ? undefined : s.data, size: s.size,
  }));
  for (const { s, i } of withRelocs) {
    const relas = s.relocs.map((r) => ({
      offset: r.offset,
      type: r.type,
      addend: r.addend,
      sym: r.target === null ? 0 : 'sec' in r.target ? sectionSym[r.target.sec] : externIndex.get(r.target.ext)!,
    }));
    specs.push({
      name: `.rela${s.name}`, type: SHT_RELA, flags: SHF_INFO_LINK, data: encodeRelas(relas),
      link: symtabIndex, info: i + 1, align: 4, entsize: RELA_SIZE,
    });
  }
  specs.push({
    name: '.symtab', type: SHT_SYMTAB, flags: 0, data: encodeSymbols(syms), link: symtabIndex + 1, info: firstGlobal,
    align: 4, entsize: SYM_SIZE,
  });
  specs.push({ name: '.strtab', type: SHT_STRTAB, flags: 0, data: strtab.toBytes(), align: 1 });
  return writeElf({ type: ET_REL, machine: EM_HAKO, entry: 0, programHeaders: [], sections: specs });
}
