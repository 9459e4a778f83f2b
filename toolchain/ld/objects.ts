// Reads one relocatable input object for the linker and checks that it is
// something we can link: ELF32 little-endian ET_REL for EM_HAKO, with at most
// one symbol table, sane symbol section indices and relocation tables that
// point at real sections. Anything else becomes a LinkInputError naming the
// object and what is wrong.
//
// Invariants: `symbols[i]` corresponds to symbol index i of the file (names
// resolved); `relocations` maps a target section index to its RELA entries.

import {
  EM_HAKO, ET_REL, SHN_ABS, SHN_UNDEF, SHT_RELA, SHT_SYMTAB, type Elf32Rela, type Elf32Sym,
} from '../../isa/elf/elf32.ts';
import { ElfError, parseElf, readRelas, readSymbols, symbolName, type ElfSection } from '../../isa/elf/reader.ts';

export class LinkInputError extends Error {}

export interface NamedSymbol extends Elf32Sym {
  label: string;
}

export interface InputObject {
  /** For messages: "a.o" or "libc.a(printf.o)". */
  name: string;
  sections: ElfSection[];
  symbols: NamedSymbol[];
  relocations: Map<number, Elf32Rela[]>;
}

export function loadObject(name: string, bytes: Uint8Array): InputObject {
  try {
    const file = parseElf(bytes);
    if (file.type !== ET_REL) throw new LinkInputError(`${name}: not a relocatable object (ELF type ${file.type})`);
    if (file.machine !== EM_HAKO) {
      throw new LinkInputError(`${name}: built for machine 0x${file.machine.toString(16)}, not Hako (0x${EM_HAKO.toString(16)})`);
    }
    const symtabs = file.sections.filter((s) => s.type === SHT_SYMTAB);
    if (symtabs.length > 1) throw new LinkInputError(`${name}: more than one symbol table`);
    const symbols: NamedSymbol[] = [];
    if (symtabs.length === 1) {
      const symtab = symtabs[0];
      if (symtab.link >= file.sections.length) throw new LinkInputError(`${name}: symbol table has a bad string table index`);
      for (const s of readSymbols(symtab)) {
        if (s.shndx !== SHN_UNDEF && s.shndx !== SHN_ABS && s.shndx >= file.sections.length) {
          throw new LinkInputError(`${name}: symbol '${symbolName(file, symtab, s)}' has section index ${s.shndx}, which is not supported`);
        }
        symbols.push({ ...s, label: symbolName(file, symtab, s) });
      }
    }
    const relocations = new Map<number, Elf32Rela[]>();
    for (const sec of file.sections) {
      if (sec.type !== SHT_RELA) continue;
      if (sec.info === 0 || sec.info >= file.sections.length) throw new LinkInputError(`${name}: ${sec.name} applies to a missing section`);
      const relas = readRelas(sec);
      for (const r of relas) {
        if (r.sym >= symbols.length) throw new LinkInputError(`${name}: ${sec.name} names symbol ${r.sym}, which does not exist`);
      }
      relocations.set(sec.info, [...(relocations.get(sec.info) ?? []), ...relas]);
    }
    return { name, sections: file.sections, symbols, relocations };
  } catch (e) {
    if (e instanceof ElfError) throw new LinkInputError(`${name}: ${e.message}`);
    throw e;
  }
}
