// The boot loader: a good kernel checked byte by byte in RAM and in the boot
// info, and one refusal per malformation.
import { describe, it, expect } from 'vitest';
import { PhysicalMemory } from '../../emulator/memory.ts';
import { loadKernel, programSymbols, SymbolTable, BOOT_MAGIC, BOOT_STACK_TOP, ElfLoadError } from '../../emulator/loader.ts';
import { buildElf, type ElfSpec } from './machine-elf.ts';

const RAM = 4 << 20;
const KERNEL_V = 0xc0100000;
const KERNEL_P = 0x00100000;

function goodSpec(): ElfSpec {
  return {
    entry: KERNEL_V + 0x10,
    segments: [
      { vaddr: KERNEL_V, paddr: KERNEL_P, data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0x01, 0x02], flags: 5 },
      { vaddr: KERNEL_V + 0x1000, paddr: KERNEL_P + 0x1000, data: [0xaa, 0xbb, 0xcc], memsz: 0x2000, flags: 6 },
    ],
    symbols: [
      { name: '_start', value: KERNEL_V + 0x10, size: 2, type: 2 },
      { name: 'kmain', value: KERNEL_V, size: 0x10, type: 2 },
      { name: 'counter', value: KERNEL_V + 0x1000, size: 4, type: 1 },
    ],
  };
}

function refuse(bytes: Uint8Array, pattern: RegExp, ram = RAM) {
  const mem = new PhysicalMemory(ram);
  mem.bytes.fill(0x5a);
  let error: unknown;
  try { loadKernel(bytes, mem, {}); } catch (e) { error = e; }
  expect(error).toBeInstanceOf(ElfLoadError);
  expect((error as Error).message).toMatch(pattern);
  expect(mem.bytes.every((b) => b === 0x5a)).toBe(true); // nothing written
}

function mutate(edit: (b: Uint8Array, dv: DataView, elf: ReturnType<typeof buildElf>) => void, spec = goodSpec()) {
  const elf = buildElf(spec);
  const b = elf.bytes.slice();
  edit(b, new DataView(b.buffer), elf);
  return b;
}

describe('boot loader: a good kernel', () => {
  it('places segments at p_paddr, zero-fills bss, and starts at the physical entry', () => {
    const mem = new PhysicalMemory(RAM);
    mem.bytes.fill(0x77, KERNEL_P, KERNEL_P + 0x4000); // stale bytes where bss goes
    const elf = buildElf(goodSpec());
    const boot = loadKernel(elf.bytes, mem, { cmdline: 'root=/dev/hda quiet', diskBlocks: [1000, 256], bootTime: 1_700_000_000 });
    expect(Array.from(mem.bytes.slice(KERNEL_P, KERNEL_P + 18))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1, 2]);
    expect(mem.bytes[KERNEL_P + 18]).toBe(0x77); // between segments: not ours to touch
    expect(Array.from(mem.bytes.slice(KERNEL_P + 0x1000, KERNEL_P + 0x1003))).toEqual([0xaa, 0xbb, 0xcc]);
    expect(mem.bytes.slice(KERNEL_P + 0x1003, KERNEL_P + 0x3000).every((b) => b === 0)).toBe(true);
    expect(boot.eip).toBe(KERNEL_P + 0x10);
    expect(boot.esp).toBe(BOOT_STACK_TOP);
    expect(boot.eax).toBe(BOOT_MAGIC);
    expect(boot.kernelStart).toBe(KERNEL_P);
  });

  it('writes symbols, command line and the boot-info struct after the image', () => {
    const mem = new PhysicalMemory(RAM);
    const elf = buildElf(goodSpec());
    const boot = loadKernel(elf.bytes, mem, { cmdline: 'root=/dev/hda quiet', diskBlocks: [1000, 256], bootTime: 1_700_000_000 });
    const field = (i: number) => mem.read32(boot.ebx + 4 * i);
    const imageEnd = KERNEL_P + 0x3000;
    expect(field(0)).toBe(BOOT_MAGIC);
    expect(field(1)).toBe(RAM);
    expect(field(3)).toBe(KERNEL_P);
    expect(field(5)).toBe(imageEnd); // symtab right after the image
    expect(field(6)).toBe(elf.symtabSize);
    expect(mem.bytes.slice(field(5), field(5) + field(6))).toEqual(elf.bytes.slice(elf.symtabOffset, elf.symtabOffset + elf.symtabSize));
    expect(field(8)).toBe(elf.strtabSize);
    expect(field(7)).toBeGreaterThanOrEqual(field(5) + field(6));
    expect(mem.bytes.slice(field(7), field(7) + field(8))).toEqual(elf.bytes.slice(elf.strtabOffset, elf.strtabOffset + elf.strtabSize));
    const cmdline = field(2);
    expect(cmdline).toBeGreaterThanOrEqual(field(7) + field(8));
    const text = new TextDecoder().decode(mem.bytes.slice(cmdline, cmdline + 19));
    expect(text).toBe('root=/dev/hda quiet');
    expect(mem.bytes[cmdline + 19]).toBe(0);
    expect(boot.ebx).toBeGreaterThan(cmdline + 19);
    expect(boot.ebx % 4).toBe(0);
    expect(field(4)).toBe(boot.kernelEnd);
    expect(field(4) % 4096).toBe(0);
    expect(field(4)).toBeGreaterThanOrEqual(boot.ebx + 56);
    expect(field(4) - (boot.ebx + 56)).toBeLessThan(4096);
    expect([field(9), field(10), field(11), field(12), field(13)]).toEqual([2, 1000, 256, 1_700_000_000, 0]);
  });

  it('describes a third disk slot after boot_time, and an empty slot as size 0', () => {
    const mem = new PhysicalMemory(RAM);
    const boot = loadKernel(buildElf(goodSpec()).bytes, mem, { diskBlocks: [1000, 0, 512], bootTime: 5 });
    const field = (i: number) => mem.read32(boot.ebx + 4 * i);
    expect([field(9), field(10), field(11), field(12), field(13)]).toEqual([3, 1000, 0, 5, 512]);
    expect(() => loadKernel(buildElf(goodSpec()).bytes, new PhysicalMemory(RAM), { diskBlocks: [1, 1, 1, 1] })).toThrow(/room for 3/);
  });

  it('reads a program\'s symbols for the debugger, and answers undefined (never throws) for bytes that are not ELF', () => {
    const table = programSymbols(buildElf(goodSpec()).bytes);
    expect(table?.symbolize(KERNEL_V + 4)).toBe('kmain+0x4');
    expect(table?.byName('counter')?.value).toBe(KERNEL_V + 0x1000);
    expect(programSymbols(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 1]))).toBeUndefined();
    expect(programSymbols(new TextEncoder().encode('#!/bin/sh\necho hi\n'))).toBeUndefined();
  });

  it('keeps the symbols host-side for names', () => {
    const mem = new PhysicalMemory(RAM);
    const boot = loadKernel(buildElf(goodSpec()).bytes, mem);
    expect(boot.symbols.symbolize(KERNEL_V + 0x10)).toBe('_start');
    expect(boot.symbols.symbolize(KERNEL_V + 0x11)).toBe('_start+0x1');
    expect(boot.symbols.symbolize(KERNEL_V + 4)).toBe('kmain+0x4');
    expect(boot.symbols.symbolize(KERNEL_V + 0x1000)).toBe('counter');
    expect(boot.symbols.symbolize(KERNEL_V + 0x1004)).toBeUndefined(); // past counter's size
    expect(boot.symbols.symbolize(0x1000)).toBeUndefined();
    expect(boot.symbols.byName('kmain')?.value).toBe(KERNEL_V);
  });

  it('reads the kernel\'s symbols when first asked, from its own copy of the file', () => {
    const bytes = buildElf(goodSpec()).bytes;
    const boot = loadKernel(bytes, new PhysicalMemory(RAM));
    bytes.fill(0); // the caller reuses its buffer before the debugger asks
    expect(boot.symbols.symbols.map((s) => s.name)).toEqual(['kmain', '_start', 'counter']);
    let reads = 0;
    const lazy = new SymbolTable(() => { reads++; return [{ name: 'b', value: 8, size: 0, type: 'func' }, { name: 'a', value: 4, size: 0, type: 'func' }]; });
    expect(reads).toBe(0);
    expect(lazy.symbolize(9)).toBe('b+0x1');
    expect(lazy.byName('a')?.value).toBe(4);
    expect(lazy.symbols.map((s) => s.name)).toEqual(['a', 'b']);
    expect(reads).toBe(1);
  });

  it('boots a file without section headers (no symbols)', () => {
    const b = mutate((_b, dv) => { dv.setUint32(32, 0, true); dv.setUint16(48, 0, true); });
    const mem = new PhysicalMemory(RAM);
    const boot = loadKernel(b, mem);
    expect(boot.symbols.symbols.length).toBe(0);
    expect(mem.read32(boot.ebx + 24)).toBe(0);
  });
});

describe('boot loader: refusals', () => {
  it('refuses a file too short for a header', () => refuse(new Uint8Array(20), /too short/));
  it('refuses bad magic', () => refuse(mutate((b) => { b[1] = 0x46; }), /bad magic/));
  it('refuses ELF64', () => refuse(mutate((b) => { b[4] = 2; }), /not ELFCLASS32/));
  it('refuses big-endian', () => refuse(mutate((b) => { b[5] = 2; }), /not little-endian/));
  it('refuses another ELF version', () => refuse(mutate((_b, dv) => { dv.setUint32(20, 2, true); }), /version/));
  it('refuses a relocatable object', () => refuse(buildElf({ ...goodSpec(), type: 1 }).bytes, /not an executable \(ET_EXEC\)/));
  it('refuses another machine', () => refuse(buildElf({ ...goodSpec(), machine: 3 }).bytes, /machine 0x3: not EM_HAKO/));
  it('refuses a file with no program headers', () => refuse(mutate((_b, dv) => { dv.setUint16(44, 0, true); }), /no program headers/));
  it('refuses odd program header sizes', () => refuse(mutate((_b, dv) => { dv.setUint16(42, 56, true); }), /program header size 56/));
  it('refuses program headers past the end', () => refuse(mutate((_b, dv) => { dv.setUint32(28, 0xfff0, true); }), /program headers .* past the end/));
  it('refuses segment data past the end of the file', () =>
    refuse(mutate((_b, dv, e) => { dv.setUint32(e.phoff + 4, 0x100000, true); }), /segment 0: file bytes .* past the end/));
  it('refuses filesz > memsz', () =>
    refuse(mutate((_b, dv, e) => { dv.setUint32(e.phoff + 32 + 20, 1, true); }), /segment 1: file size 0x3 exceeds memory size 0x1/));
  it('refuses a segment outside RAM', () =>
    refuse(mutate((_b, dv, e) => { dv.setUint32(e.phoff + 32 + 12, RAM - 0x100, true); }), /segment 1: physical .* outside RAM/));
  it('refuses overlapping segments', () =>
    refuse(mutate((_b, dv, e) => { dv.setUint32(e.phoff + 32 + 12, KERNEL_P + 8, true); }), /segments 0 and 1 overlap/));
  it('refuses a file with no PT_LOAD', () =>
    refuse(mutate((_b, dv, e) => { dv.setUint32(e.phoff, 4, true); dv.setUint32(e.phoff + 32, 4, true); }), /no PT_LOAD/));
  it('refuses an entry outside the loaded segments', () =>
    refuse(buildElf({ ...goodSpec(), entry: 0x08048000 }).bytes, /entry point 0x8048000 is not inside a loaded segment/));
  it('refuses section headers past the end', () => refuse(mutate((_b, dv) => { dv.setUint32(32, 0xffff00, true); }), /section headers .* past the end/));
  it('refuses a symbol table past the end', () =>
    refuse(mutate((_b, dv, e) => { dv.setUint32(e.shoff + 40 + 20, 0x100000, true); }), /\.symtab\) extends past the end/));
  it('refuses a symbol table linked to a non-string section', () =>
    refuse(mutate((_b, dv, e) => { dv.setUint32(e.shoff + 40 + 24, 0, true); }), /links to 0, not a string table/));
  it('refuses an image whose boot data does not fit in RAM', () => {
    const spec = goodSpec();
    spec.segments = [{ vaddr: 0x100000, data: [0x01], memsz: (2 << 20) - 0x100000 }];
    spec.entry = 0x100000;
    refuse(buildElf(spec).bytes, /need 0x201000 bytes of RAM, there are 0x200000/, 2 << 20);
  });
});
