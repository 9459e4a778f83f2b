// The boot loader: the firmware's one job. It checks a kernel ELF, places it
// in physical memory and describes the machine to it, as in
// docs/architecture.md "Physical memory map and boot".
//
// It validates before it writes anything: a malformed file is refused with an
// ElfLoadError naming what is wrong (magic, class, endianness, version, type,
// machine, header and segment bounds, a segment outside RAM, an entry point
// outside the loaded segments, a broken symbol table, no room for the boot
// data), so RAM is untouched by a refused image.
//
// Placement: each PT_LOAD segment's file bytes go to p_paddr and the rest of
// p_memsz is zero-filled (bss). After the highest segment end come, each
// 4-byte aligned: the .symtab bytes, the .strtab bytes, the command line with
// its NUL, and the boot-info struct; kernel_end is the next page boundary.
// The CPU starts at the physical address of e_entry (e_entry translated
// through the segment that contains it, p_vaddr → p_paddr, because paging is
// off), esp = 0x00090000, eax = 'HAKO', ebx = the boot info.
//
// The loader also returns the symbols, parsed host-side, for the debugger.
// The ELF structure is read by the reader the toolchain uses
// (isa/elf/reader.ts, constants in isa/elf/elf32.ts); this file adds what
// booting needs on top (identity, segments in RAM, entry, symbol table).

import type { DmaMemory } from './devices/block.ts';
import {
  EHDR_SIZE, ELFCLASS32, ELFDATA2LSB, EM_HAKO, ET_EXEC, EV_CURRENT, PT_LOAD, SHT_STRTAB, SHT_SYMTAB, STT_FUNC, STT_NOTYPE,
  STT_OBJECT, SYM_SIZE, stringAt, type Elf32Sym,
} from '../isa/elf/elf32.ts';
import { ElfError, parseElf, readSymbols, type ElfFile } from '../isa/elf/reader.ts';

export const BOOT_MAGIC = 0x48414b4f; // 'HAKO'
export const BOOT_STACK_TOP = 0x00090000;
export { EM_HAKO };
export const BOOT_INFO_SIZE = 14 * 4;
export const MAX_DISKS = 3;

export class ElfLoadError extends Error {
  constructor(message: string) {
    super(`cannot boot: ${message}`);
    this.name = 'ElfLoadError';
  }
}

export interface BootOptions {
  cmdline?: string;
  /** Sizes of the disk slots in 4 KiB blocks (at most three; 0: an empty slot). */
  diskBlocks?: number[];
  /** Unix time at power-on. */
  bootTime?: number;
}

export interface ElfSymbol { name: string; value: number; size: number; type: 'func' | 'object' | 'notype' }

/**
 * The kernel's symbols, sorted by address, for turning addresses into names.
 * Made from a list, or from a function that reads them: then read and sorted
 * only when first asked (a kernel's ~2,700 symbols cost a page start
 * 5-20 ms, and only the debugger and tests ask).
 */
export class SymbolTable {
  private sorted: readonly ElfSymbol[] | undefined;
  private read: (() => ElfSymbol[]) | undefined;

  constructor(symbols: ElfSymbol[] | (() => ElfSymbol[])) {
    if (typeof symbols === 'function') this.read = symbols;
    else this.sorted = sortByAddress(symbols.slice());
  }

  get symbols(): readonly ElfSymbol[] {
    if (this.sorted === undefined) {
      this.sorted = sortByAddress(this.read!());
      this.read = undefined;
    }
    return this.sorted;
  }

  /** The symbol covering `address`: the nearest one at or below it (within its size when it has one). */
  lookup(address: number): { symbol: ElfSymbol; offset: number } | undefined {
    const s = this.symbols;
    let lo = 0;
    let hi = s.length - 1;
    let found = -1;
    address >>>= 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid].value <= address) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    // Prefer a function over a data label at the same address.
    let k = found;
    while (k > 0 && s[k - 1].value === s[found].value && s[k].type !== 'func') k--;
    const sym = s[k].type === 'func' ? s[k] : s[found];
    if (sym.size > 0 && address >= sym.value + sym.size) return undefined;
    return { symbol: sym, offset: address - sym.value };
  }

  /** `name` or `name+0x1c` for an address, or undefined. */
  symbolize(address: number): string | undefined {
    const hit = this.lookup(address);
    if (!hit) return undefined;
    return hit.offset ? `${hit.symbol.name}+0x${hit.offset.toString(16)}` : hit.symbol.name;
  }

  byName(name: string): ElfSymbol | undefined {
    return this.symbols.find((s) => s.name === name);
  }
}

function sortByAddress(symbols: ElfSymbol[]): ElfSymbol[] {
  return symbols.sort((a, b) => a.value - b.value || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface BootState {
  /** Physical entry point (eip). */
  eip: number;
  esp: number;
  eax: number;
  ebx: number;
  bootInfo: number;
  kernelStart: number;
  kernelEnd: number;
  symbols: SymbolTable;
  /** Where each loaded segment went (to name code running at its physical address before paging is on). */
  segments: { vaddr: number; paddr: number; size: number }[];
}

interface Segment { index: number; offset: number; vaddr: number; paddr: number; filesz: number; memsz: number }

/** Check `elf`, write it and the boot data into `memory`, and say how to start the CPU. */
export function loadKernel(elf: Uint8Array, memory: DmaMemory, options: BootOptions = {}): BootState {
  const view = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const u8 = (o: number) => view.getUint8(o);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;
  const ram = memory.size;

  if (elf.length < EHDR_SIZE) throw new ElfLoadError(`file is ${elf.length} bytes, too short for an ELF header (${EHDR_SIZE})`);
  if (u8(0) !== 0x7f || u8(1) !== 0x45 || u8(2) !== 0x4c || u8(3) !== 0x46) throw new ElfLoadError('bad magic: not an ELF file');
  if (u8(4) !== ELFCLASS32) throw new ElfLoadError(`class ${u8(4)}: not ELFCLASS32`);
  if (u8(5) !== ELFDATA2LSB) throw new ElfLoadError(`data encoding ${u8(5)}: not little-endian`);
  if (u8(6) !== EV_CURRENT || u32(20) !== EV_CURRENT) throw new ElfLoadError('ELF version is not 1 (EV_CURRENT)');
  if (u16(16) !== ET_EXEC) throw new ElfLoadError(`type ${u16(16)}: not an executable (ET_EXEC)`);
  if (u16(18) !== EM_HAKO) throw new ElfLoadError(`machine ${hex(u16(18))}: not EM_HAKO (${hex(EM_HAKO)})`);

  let file: ElfFile;
  try {
    file = parseElf(elf);
  } catch (e) {
    if (e instanceof ElfError) throw new ElfLoadError(e.message);
    throw e;
  }
  const entry = file.entry;

  // PT_LOAD segments.
  if (file.programHeaders.length === 0) throw new ElfLoadError('no program headers');
  const segments: Segment[] = [];
  file.programHeaders.forEach((h, i) => {
    if (h.type !== PT_LOAD) return;
    const s: Segment = { index: i, offset: h.offset, vaddr: h.vaddr, paddr: h.paddr, filesz: h.filesz, memsz: h.memsz };
    if (s.filesz > s.memsz) throw new ElfLoadError(`segment ${i}: file size ${hex(s.filesz)} exceeds memory size ${hex(s.memsz)}`);
    if (s.offset + s.filesz > elf.length) throw new ElfLoadError(`segment ${i}: file bytes ${hex(s.offset)}+${hex(s.filesz)} extend past the end of the file`);
    if (s.paddr + s.memsz > ram) throw new ElfLoadError(`segment ${i}: physical ${hex(s.paddr)}+${hex(s.memsz)} lies outside RAM (${hex(ram)} bytes)`);
    if (s.memsz > 0) segments.push(s);
  });
  if (segments.length === 0) throw new ElfLoadError('no PT_LOAD segments');
  for (const a of segments) {
    for (const b of segments) {
      if (a.index < b.index && a.paddr < b.paddr + b.memsz && b.paddr < a.paddr + a.memsz) {
        throw new ElfLoadError(`segments ${a.index} and ${b.index} overlap in physical memory`);
      }
    }
  }
  const home = segments.find((s) => entry >= s.vaddr && entry < s.vaddr + s.memsz);
  if (!home) throw new ElfLoadError(`entry point ${hex(entry)} is not inside a loaded segment`);
  const eip = (entry - home.vaddr + home.paddr) >>> 0;

  // Only the symbol table and its strings matter to us (the reader checked they lie inside the file).
  let symtab: Uint8Array = new Uint8Array(0);
  let strtab: Uint8Array = new Uint8Array(0);
  let readEntries = (): Elf32Sym[] => [];
  const symSection = file.sections.find((s) => s.type === SHT_SYMTAB);
  if (symSection) {
    const i = symSection.index;
    if (symSection.size % SYM_SIZE !== 0) throw new ElfLoadError(`section ${i} (.symtab) size ${symSection.size} is not a multiple of ${SYM_SIZE}`);
    const str = file.sections[symSection.link];
    if (!str || str.type !== SHT_STRTAB) throw new ElfLoadError(`section ${i} (.symtab) links to ${symSection.link}, not a string table`);
    symtab = symSection.data;
    strtab = str.data;
    // Copies: the symbols are read later, and the caller may reuse its buffer meanwhile.
    const table = { ...symSection, data: symSection.data.slice() };
    readEntries = () => readSymbols(table);
  }

  // Where everything after the image goes.
  const align4 = (v: number) => (v + 3) & ~3;
  const imageStart = Math.min(...segments.map((s) => s.paddr));
  const imageEnd = Math.max(...segments.map((s) => s.paddr + s.memsz));
  const cmdline = new TextEncoder().encode(options.cmdline ?? '');
  const symtabAt = align4(imageEnd);
  const strtabAt = align4(symtabAt + symtab.length);
  const cmdlineAt = align4(strtabAt + strtab.length);
  const bootInfoAt = align4(cmdlineAt + cmdline.length + 1);
  const kernelEnd = (bootInfoAt + BOOT_INFO_SIZE + 0xfff) & ~0xfff;
  if (kernelEnd > ram) throw new ElfLoadError(`image, symbols, command line and boot info need ${hex(kernelEnd)} bytes of RAM, there are ${hex(ram)}`);
  if (ram < BOOT_STACK_TOP) throw new ElfLoadError(`RAM (${hex(ram)} bytes) does not reach the boot stack at ${hex(BOOT_STACK_TOP)}`);
  const disks = options.diskBlocks ?? [];
  if (disks.length > MAX_DISKS) throw new ElfLoadError(`${disks.length} disks; the machine has room for ${MAX_DISKS}`);
  const symbolStrings = strtab.slice();
  const symbols = new SymbolTable(() => debuggerSymbols(readEntries(), symbolStrings));

  // Everything checked: write.
  for (const s of segments) {
    const bytes = new Uint8Array(s.memsz);
    bytes.set(elf.subarray(s.offset, s.offset + s.filesz));
    memory.dmaWrite(s.paddr, bytes);
  }
  memory.dmaWrite(symtabAt, symtab);
  memory.dmaWrite(strtabAt, strtab);
  const cmd = new Uint8Array(cmdline.length + 1);
  cmd.set(cmdline);
  memory.dmaWrite(cmdlineAt, cmd);
  const info = new DataView(new ArrayBuffer(BOOT_INFO_SIZE));
  const fields = [
    BOOT_MAGIC, ram, cmdlineAt, imageStart, kernelEnd,
    symtabAt, symtab.length, strtabAt, strtab.length,
    disks.length, disks[0] ?? 0, disks[1] ?? 0, (options.bootTime ?? 0) >>> 0, disks[2] ?? 0,
  ];
  fields.forEach((v, i) => info.setUint32(i * 4, v >>> 0, true));
  memory.dmaWrite(bootInfoAt, new Uint8Array(info.buffer));

  return {
    eip, esp: BOOT_STACK_TOP, eax: BOOT_MAGIC, ebx: bootInfoAt, bootInfo: bootInfoAt,
    kernelStart: imageStart, kernelEnd, symbols,
    segments: segments.map((s) => ({ vaddr: s.vaddr, paddr: s.paddr, size: s.memsz })),
  };
}

/**
 * A program's symbols from its ELF bytes (the debugger's names for a user
 * program); an empty table when it has no .symtab, undefined when the bytes
 * are not a well-formed ELF file.
 */
export function programSymbols(elf: Uint8Array): SymbolTable | undefined {
  try {
    const file = parseElf(elf);
    const symSection = file.sections.find((s) => s.type === SHT_SYMTAB);
    if (!symSection) return new SymbolTable([]);
    const str = file.sections[symSection.link];
    if (!str || str.type !== SHT_STRTAB) return undefined;
    return new SymbolTable(debuggerSymbols(readSymbols(symSection), str.data));
  } catch (e) {
    if (e instanceof ElfError) return undefined;
    throw e;
  }
}

/** The debugger's view of the symbols: named functions, objects and plain labels in some section. */
function debuggerSymbols(entries: readonly Elf32Sym[], strtab: Uint8Array): ElfSymbol[] {
  const out: ElfSymbol[] = [];
  for (const sym of entries.slice(1)) { // entry 0 is the null symbol
    const type = sym.type;
    if (sym.shndx === 0 || (type !== STT_FUNC && type !== STT_OBJECT && type !== STT_NOTYPE)) continue;
    if (sym.name >= strtab.length) continue;
    const name = stringAt(strtab, sym.name);
    if (!name || name.startsWith('.')) continue;
    out.push({ name, value: sym.value, size: sym.size, type: type === STT_FUNC ? 'func' : type === STT_OBJECT ? 'object' : 'notype' });
  }
  return out;
}
