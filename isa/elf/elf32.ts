// ELF32 vocabulary shared by the assembler, the linker, the boot loader
// (emulator/loader.ts) and the tests: the
// constants we use (and only those), Hako's machine number and relocation
// types, and the byte-level records (Elf32_Sym, Elf32_Rela) with their
// encoders/decoders, plus a deduplicating string table builder.
//
// Invariants: everything is little-endian (ELFDATA2LSB); record sizes are the
// ELF32 ones (header 52, program header 32, section header 40, symbol 16,
// rela 12). EM_HAKO and the R_HAKO_* numbers are the contract of
// docs/architecture.md "Toolchain".

export const EM_HAKO = 0x4b48;

export const ELFCLASS32 = 1;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;

export const ET_REL = 1;
export const ET_EXEC = 2;

export const EHDR_SIZE = 52;
export const PHDR_SIZE = 32;
export const SHDR_SIZE = 40;
export const SYM_SIZE = 16;
export const RELA_SIZE = 12;

export const PT_LOAD = 1;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_NOBITS = 8;

export const SHF_WRITE = 1;
export const SHF_ALLOC = 2;
export const SHF_EXECINSTR = 4;
export const SHF_INFO_LINK = 0x40;

export const SHN_UNDEF = 0;
export const SHN_ABS = 0xfff1;

export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;

/** S + A, a 32-bit absolute address. */
export const R_HAKO_32 = 1;
/** S + A - P, a 32-bit PC-relative value (P is the address of the field). */
export const R_HAKO_PC32 = 2;

export interface Elf32Sym {
  name: number;
  value: number;
  size: number;
  bind: number;
  type: number;
  shndx: number;
}

export interface Elf32Rela {
  offset: number;
  sym: number;
  type: number;
  addend: number;
}

export function writeU16(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
}

export function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}

export function readU16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

export function readU32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

export function encodeSymbols(syms: readonly Elf32Sym[]): Uint8Array {
  const out = new Uint8Array(syms.length * SYM_SIZE);
  syms.forEach((s, i) => {
    const at = i * SYM_SIZE;
    writeU32(out, at, s.name);
    writeU32(out, at + 4, s.value);
    writeU32(out, at + 8, s.size);
    out[at + 12] = (s.bind << 4) | (s.type & 0xf);
    out[at + 13] = 0;
    writeU16(out, at + 14, s.shndx);
  });
  return out;
}

export function decodeSymbol(b: Uint8Array, at: number): Elf32Sym {
  const info = b[at + 12];
  return {
    name: readU32(b, at),
    value: readU32(b, at + 4),
    size: readU32(b, at + 8),
    bind: info >> 4,
    type: info & 0xf,
    shndx: readU16(b, at + 14),
  };
}

export function encodeRelas(relas: readonly Elf32Rela[]): Uint8Array {
  const out = new Uint8Array(relas.length * RELA_SIZE);
  relas.forEach((r, i) => {
    const at = i * RELA_SIZE;
    writeU32(out, at, r.offset);
    writeU32(out, at + 4, ((r.sym << 8) | (r.type & 0xff)) >>> 0);
    writeU32(out, at + 8, r.addend);
  });
  return out;
}

export function decodeRela(b: Uint8Array, at: number): Elf32Rela {
  const info = readU32(b, at + 4);
  return { offset: readU32(b, at), sym: info >>> 8, type: info & 0xff, addend: readU32(b, at + 8) | 0 };
}

/** A string table under construction: offset 0 is the empty string, equal strings share storage. */
export class StringTable {
  private readonly bytes: number[] = [0];
  private readonly offsets = new Map<string, number>([['', 0]]);

  add(s: string): number {
    const known = this.offsets.get(s);
    if (known !== undefined) return known;
    const at = this.bytes.length;
    for (const byte of new TextEncoder().encode(s)) this.bytes.push(byte);
    this.bytes.push(0);
    this.offsets.set(s, at);
    return at;
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

const utf8 = new TextDecoder();

/** The NUL-terminated string at `at` in a string table (empty when out of range). */
export function stringAt(table: Uint8Array, at: number): string {
  if (at >= table.length) return '';
  let end = at;
  while (end < table.length && table[end] !== 0) end++;
  return utf8.decode(table.subarray(at, end));
}
