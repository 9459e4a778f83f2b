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

import type { DmaMemory } from './devices/block.ts';

export const BOOT_MAGIC = 0x48414b4f; // 'HAKO'
export const BOOT_STACK_TOP = 0x00090000;
export const EM_HAKO = 0x4b48;
export const BOOT_INFO_SIZE = 14 * 4;
export const MAX_DISKS = 3;

const ET_EXEC = 2;
const PT_LOAD = 1;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const ELF_HEADER_SIZE = 52;
const PHDR_SIZE = 32;
const SHDR_SIZE = 40;
const SYM_SIZE = 16;
const STT_OBJECT = 1;
const STT_FUNC = 2;
const STT_NOTYPE = 0;

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

/** The kernel's symbols, sorted by address, for turning addresses into names. */
export class SymbolTable {
  readonly symbols: readonly ElfSymbol[];

  constructor(symbols: ElfSymbol[]) {
    this.symbols = symbols.slice().sort((a, b) => a.value - b.value || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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

  if (elf.length < ELF_HEADER_SIZE) throw new ElfLoadError(`file is ${elf.length} bytes, too short for an ELF header (52)`);
  if (u8(0) !== 0x7f || u8(1) !== 0x45 || u8(2) !== 0x4c || u8(3) !== 0x46) throw new ElfLoadError('bad magic: not an ELF file');
  if (u8(4) !== 1) throw new ElfLoadError(`class ${u8(4)}: not ELFCLASS32`);
  if (u8(5) !== 1) throw new ElfLoadError(`data encoding ${u8(5)}: not little-endian`);
  if (u8(6) !== 1 || u32(20) !== 1) throw new ElfLoadError('ELF version is not 1 (EV_CURRENT)');
  if (u16(16) !== ET_EXEC) throw new ElfLoadError(`type ${u16(16)}: not an executable (ET_EXEC)`);
  if (u16(18) !== EM_HAKO) throw new ElfLoadError(`machine ${hex(u16(18))}: not EM_HAKO (0x4b48)`);

  const entry = u32(24);
  const phoff = u32(28);
  const shoff = u32(32);
  const phentsize = u16(42);
  const phnum = u16(44);
  const shentsize = u16(46);
  const shnum = u16(48);

  // Program headers and PT_LOAD segments.
  if (phnum === 0) throw new ElfLoadError('no program headers');
  if (phentsize !== PHDR_SIZE) throw new ElfLoadError(`program header size ${phentsize}, expected 32`);
  if (phoff + phnum * PHDR_SIZE > elf.length) throw new ElfLoadError(`program headers (offset ${hex(phoff)}, ${phnum} entries) extend past the end of the file`);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const h = phoff + i * PHDR_SIZE;
    if (u32(h) !== PT_LOAD) continue;
    const s: Segment = { index: i, offset: u32(h + 4), vaddr: u32(h + 8), paddr: u32(h + 12), filesz: u32(h + 16), memsz: u32(h + 20) };
    if (s.filesz > s.memsz) throw new ElfLoadError(`segment ${i}: file size ${hex(s.filesz)} exceeds memory size ${hex(s.memsz)}`);
    if (s.offset + s.filesz > elf.length) throw new ElfLoadError(`segment ${i}: file bytes ${hex(s.offset)}+${hex(s.filesz)} extend past the end of the file`);
    if (s.paddr + s.memsz > ram) throw new ElfLoadError(`segment ${i}: physical ${hex(s.paddr)}+${hex(s.memsz)} lies outside RAM (${hex(ram)} bytes)`);
    if (s.memsz > 0) segments.push(s);
  }
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

  // Section headers: only the symbol table and its strings matter to us.
  let symtab: Uint8Array = new Uint8Array(0);
  let strtab: Uint8Array = new Uint8Array(0);
  if (shnum > 0) {
    if (shentsize !== SHDR_SIZE) throw new ElfLoadError(`section header size ${shentsize}, expected 40`);
    if (shoff + shnum * SHDR_SIZE > elf.length) throw new ElfLoadError(`section headers (offset ${hex(shoff)}, ${shnum} entries) extend past the end of the file`);
    const section = (i: number) => {
      const h = shoff + i * SHDR_SIZE;
      return { type: u32(h + 4), offset: u32(h + 16), size: u32(h + 20), link: u32(h + 24) };
    };
    for (let i = 0; i < shnum; i++) {
      const s = section(i);
      if (s.type !== SHT_SYMTAB) continue;
      if (s.offset + s.size > elf.length) throw new ElfLoadError(`section ${i} (.symtab) extends past the end of the file`);
      if (s.size % SYM_SIZE !== 0) throw new ElfLoadError(`section ${i} (.symtab) size ${s.size} is not a multiple of 16`);
      if (s.link >= shnum || section(s.link).type !== SHT_STRTAB) throw new ElfLoadError(`section ${i} (.symtab) links to ${s.link}, not a string table`);
      const str = section(s.link);
      if (str.offset + str.size > elf.length) throw new ElfLoadError(`section ${s.link} (.strtab) extends past the end of the file`);
      symtab = elf.subarray(s.offset, s.offset + s.size);
      strtab = elf.subarray(str.offset, str.offset + str.size);
      break;
    }
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
  const symbols = parseSymbols(symtab, strtab);

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

function parseSymbols(symtab: Uint8Array, strtab: Uint8Array): SymbolTable {
  const view = new DataView(symtab.buffer, symtab.byteOffset, symtab.byteLength);
  const decoder = new TextDecoder();
  const out: ElfSymbol[] = [];
  for (let o = SYM_SIZE; o + SYM_SIZE <= symtab.length; o += SYM_SIZE) { // entry 0 is the null symbol
    const nameOff = view.getUint32(o, true);
    const info = view.getUint8(o + 12);
    const shndx = view.getUint16(o + 14, true);
    const type = info & 15;
    if (shndx === 0 || (type !== STT_FUNC && type !== STT_OBJECT && type !== STT_NOTYPE)) continue;
    if (nameOff >= strtab.length) continue;
    let end = nameOff;
    while (end < strtab.length && strtab[end] !== 0) end++;
    const name = decoder.decode(strtab.subarray(nameOff, end));
    if (!name || name.startsWith('.')) continue;
    out.push({
      name, value: view.getUint32(o + 4, true), size: view.getUint32(o + 8, true),
      type: type === STT_FUNC ? 'func' : type === STT_OBJECT ? 'object' : 'notype',
    });
  }
  return new SymbolTable(out);
}
