// Parses ELF32 little-endian files into plain records, checking every offset
// and size against the file so that a truncated or hostile file produces an
// ElfError with a clear message, never an out-of-bounds read or a crash.
// Shared by the toolchain (assembler, linker, tests) and the boot loader
// (emulator/loader.ts), which adds the checks booting needs.
//
// Invariants: `data` of a section is a view of the file bytes (empty for
// NOBITS); names are resolved through e_shstrndx; symbol and relocation
// tables are decoded on request from a section of the right type.

import {
  EHDR_SIZE, ELFCLASS32, ELFDATA2LSB, RELA_SIZE, SHDR_SIZE, SHT_NOBITS, SYM_SIZE, PHDR_SIZE,
  decodeRela, decodeSymbol, readU16, readU32, stringAt, type Elf32Rela, type Elf32Sym,
} from './elf32.ts';

export class ElfError extends Error {}

const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;

export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  align: number;
  entsize: number;
  data: Uint8Array;
}

export interface ElfProgramHeader {
  type: number;
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  flags: number;
  align: number;
}

export interface ElfFile {
  type: number;
  machine: number;
  entry: number;
  programHeaders: ElfProgramHeader[];
  sections: ElfSection[];
}

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

export function parseElf(bytes: Uint8Array): ElfFile {
  if (!isElf(bytes)) throw new ElfError('not an ELF file (bad magic)');
  if (bytes.length < EHDR_SIZE) throw new ElfError('truncated ELF header');
  if (bytes[4] !== ELFCLASS32) throw new ElfError('not a 32-bit ELF file');
  if (bytes[5] !== ELFDATA2LSB) throw new ElfError('not a little-endian ELF file');
  const type = readU16(bytes, 16);
  const machine = readU16(bytes, 18);
  const entry = readU32(bytes, 24);
  const phoff = readU32(bytes, 28);
  const shoff = readU32(bytes, 32);
  const phentsize = readU16(bytes, 42);
  const phnum = readU16(bytes, 44);
  const shentsize = readU16(bytes, 46);
  const shnum = readU16(bytes, 48);
  const shstrndx = readU16(bytes, 50);

  const programHeaders: ElfProgramHeader[] = [];
  if (phnum > 0) {
    if (phentsize !== PHDR_SIZE) throw new ElfError(`program header size ${phentsize}, expected ${PHDR_SIZE}`);
    if (phoff + phnum * PHDR_SIZE > bytes.length) {
      throw new ElfError(`program headers (offset ${hex(phoff)}, ${phnum} entries) extend past the end of the file`);
    }
    for (let i = 0; i < phnum; i++) {
      const at = phoff + i * PHDR_SIZE;
      programHeaders.push({
        type: readU32(bytes, at), offset: readU32(bytes, at + 4), vaddr: readU32(bytes, at + 8),
        paddr: readU32(bytes, at + 12), filesz: readU32(bytes, at + 16), memsz: readU32(bytes, at + 20),
        flags: readU32(bytes, at + 24), align: readU32(bytes, at + 28),
      });
    }
  }

  const sections: ElfSection[] = [];
  if (shnum > 0) {
    if (shentsize !== SHDR_SIZE) throw new ElfError(`section header size ${shentsize}, expected ${SHDR_SIZE}`);
    if (shoff + shnum * SHDR_SIZE > bytes.length) {
      throw new ElfError(`section headers (offset ${hex(shoff)}, ${shnum} entries) extend past the end of the file`);
    }
    for (let i = 0; i < shnum; i++) {
      const at = shoff + i * SHDR_SIZE;
      sections.push({
        index: i, name: '', type: readU32(bytes, at + 4), flags: readU32(bytes, at + 8), addr: readU32(bytes, at + 12),
        offset: readU32(bytes, at + 16), size: readU32(bytes, at + 20), link: readU32(bytes, at + 24),
        info: readU32(bytes, at + 28), align: readU32(bytes, at + 32), entsize: readU32(bytes, at + 36),
        data: new Uint8Array(0),
      });
    }
    if (shstrndx >= shnum) throw new ElfError('bad section name table index');
    const hasData = (s: ElfSection) => s.type !== SHT_NOBITS && s.type !== 0;
    const inFile = (s: ElfSection) => s.offset + s.size <= bytes.length;
    const names = sections[shstrndx];
    if (hasData(names) && !inFile(names)) throw new ElfError(`section ${shstrndx} (names) extends past the end of the file`);
    const nameBytes = hasData(names) ? bytes.subarray(names.offset, names.offset + names.size) : new Uint8Array(0);
    for (const s of sections) {
      s.name = stringAt(nameBytes, readU32(bytes, shoff + s.index * SHDR_SIZE));
      if (!hasData(s)) continue;
      if (!inFile(s)) throw new ElfError(`section ${s.index} (${s.name || 'unnamed'}) extends past the end of the file`);
      s.data = bytes.subarray(s.offset, s.offset + s.size);
    }
  }
  return { type, machine, entry, programHeaders, sections };
}

export function readSymbols(section: ElfSection): Elf32Sym[] {
  if (section.size % SYM_SIZE !== 0) throw new ElfError(`symbol table ${section.name} has a partial entry`);
  const out: Elf32Sym[] = [];
  for (let at = 0; at < section.size; at += SYM_SIZE) out.push(decodeSymbol(section.data, at));
  return out;
}

export function readRelas(section: ElfSection): Elf32Rela[] {
  if (section.size % RELA_SIZE !== 0) throw new ElfError(`relocation table ${section.name} has a partial entry`);
  const out: Elf32Rela[] = [];
  for (let at = 0; at < section.size; at += RELA_SIZE) out.push(decodeRela(section.data, at));
  return out;
}

export function symbolName(file: ElfFile, symtab: ElfSection, sym: Elf32Sym): string {
  const strtab = file.sections[symtab.link];
  return strtab ? stringAt(strtab.data, sym.name) : '';
}
