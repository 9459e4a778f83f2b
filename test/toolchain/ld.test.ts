// The linker: a two-object program is relocated byte for byte, archives
// contribute only the members that are needed, the executable layout obeys
// the ELF rules (page congruence, p_paddr, entry, symbols), errors name the
// symbol and the objects, and binutils' readelf/ar accept what we write.

import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble, formatDiagnostic } from '../../toolchain/as/assemble.ts';
import { link, type LinkOptions } from '../../toolchain/ld/link.ts';
import { createArchive, readArchive } from '../../toolchain/ld/archive.ts';
import { parseElf, readSymbols, symbolName, type ElfFile } from '../../isa/elf/reader.ts';
import { EM_HAKO, ET_EXEC, PF_R, PF_W, PF_X, PT_LOAD, SHT_SYMTAB, STB_GLOBAL, STT_FUNC, STT_OBJECT, writeU16 } from '../../isa/elf/elf32.ts';
import { disassemble } from '../../emulator/disasm.ts';

function asm(source: string, name = 'x.s'): Uint8Array {
  const r = assemble(source, name);
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.object;
}

function linked(inputs: { name: string; data: Uint8Array }[], opts: LinkOptions = {}): Uint8Array {
  const r = link(inputs, opts);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.elf;
}

function symbolMap(f: ElfFile): Map<string, { value: number; type: number; bind: number; size: number }> {
  const symtab = f.sections.find((s) => s.type === SHT_SYMTAB)!;
  return new Map(readSymbols(symtab).map((s) => [symbolName(f, symtab, s), s]));
}

/** What the loader would place in memory: vaddr → byte, from the PT_LOAD segments only. */
function memoryImage(elf: Uint8Array): (addr: number) => number | undefined {
  const f = parseElf(elf);
  return (addr) => {
    for (const p of f.programHeaders) {
      if (p.type !== PT_LOAD || addr < p.vaddr || addr >= p.vaddr + p.memsz) continue;
      const off = addr - p.vaddr;
      return off < p.filesz ? elf[p.offset + off] : 0;
    }
    return undefined;
  };
}

function u32(mem: (a: number) => number | undefined, addr: number): number {
  let v = 0;
  for (let i = 0; i < 4; i++) {
    const b = mem(addr + i);
    if (b === undefined) throw new Error(`0x${(addr + i).toString(16)} is not loaded`);
    v += b * 2 ** (8 * i);
  }
  return v;
}

function textSize(object: Uint8Array): number {
  return parseElf(object).sections.find((s) => s.name === '.text')!.size;
}

const MAIN = `
global _start
extern add2, counter
_start:
    mov eax, [counter]        ; disp32 relocated to b's .data
    push eax
    call add2                 ; PC32 across objects
    add esp, 4
    mov dword [result], eax
    mov ebx, table + 4
    jmp $
section .rodata
greeting: db "hi", 0
section .data
result: dd 0
table: dd greeting, add2, 7
`;

const LIB = `
global add2, counter
extern greeting_ptr
add2:
    mov eax, [esp+4]
    add eax, 2
    ret
section .data
counter: dd 40
self: dd self, add2 + 1
`;

describe('linking two objects', () => {
  const a = asm(MAIN, 'main.s');
  const b = asm(LIB, 'lib.s');
  const BASE = 0x08048000;
  const elf = linked([{ name: 'main.o', data: a }, { name: 'lib.o', data: b }], { base: BASE });
  const f = parseElf(elf);
  const mem = memoryImage(elf);
  const syms = symbolMap(f);

  // Expected places, derived from the layout rules rather than read back from the linker:
  // .text = main's text, then lib's text at the next multiple of 4; .data starts on the next page.
  const add2 = BASE + Math.ceil(textSize(a) / 4) * 4;
  const textEnd = add2 + textSize(b);
  const greeting = Math.ceil(textEnd / 4) * 4;
  const dataStart = Math.ceil((greeting + 3) / 4096) * 4096;
  const result = dataStart;
  const table = dataStart + 4;
  const counter = dataStart + 16;
  const self = counter + 4;

  it('produces an ET_EXEC for EM_HAKO entered at _start', () => {
    expect(f.type).toBe(ET_EXEC);
    expect(f.machine).toBe(EM_HAKO);
    expect(f.entry).toBe(BASE);
    expect(syms.get('_start')!.value).toBe(BASE);
    expect(syms.get('add2')!.value).toBe(add2);
    expect(syms.get('counter')!.value).toBe(counter);
  });

  it('relocates absolute references in code', () => {
    // mov eax, [counter]: op MOD BI disp32 → disp at +3
    expect(u32(mem, BASE + 3)).toBe(counter);
    // mov dword [result], eax: after mov(7) push(2) call(5) add(6)
    expect(u32(mem, BASE + 20 + 3)).toBe(result);
    // mov ebx, table + 4: op REG imm32 → imm at +2
    expect(u32(mem, BASE + 27 + 2)).toBe(table + 4);
  });

  it('relocates the call across objects PC-relatively', () => {
    const callAt = BASE + 9;
    expect(mem(callAt)).toBe(0x44);
    expect((callAt + 5 + (u32(mem, callAt + 1) | 0)) >>> 0).toBe(add2);
    const text = disassemble((x) => mem(x) ?? 0, callAt, (x) => [...syms].find(([, s]) => s.value === x && s.type === STT_FUNC)?.[0]);
    expect(text.text).toBe(`call 0x${add2.toString(16)} ; <add2>`);
  });

  it('keeps a same-section branch as assembled', () => {
    const jmpAt = BASE + 33;
    expect(mem(jmpAt)).toBe(0x41);
    expect(u32(mem, jmpAt + 1) | 0).toBe(-5);
  });

  it('relocates data words, including references into other objects', () => {
    expect(u32(mem, table)).toBe(greeting);
    expect(u32(mem, table + 4)).toBe(add2);
    expect(u32(mem, table + 8)).toBe(7);
    expect(u32(mem, counter)).toBe(40);
    expect(u32(mem, self)).toBe(self);
    expect(u32(mem, self + 4)).toBe(add2 + 1);
    expect([mem(greeting), mem(greeting + 1), mem(greeting + 2)]).toEqual([0x68, 0x69, 0]);
  });

  it('lays out an R+X text segment at the base and an RW data segment on the next page', () => {
    const [rx, rw] = f.programHeaders;
    expect(f.programHeaders.length).toBe(2);
    expect(rx).toMatchObject({ type: PT_LOAD, vaddr: BASE, paddr: BASE, flags: PF_R | PF_X, align: 4096, filesz: greeting + 3 - BASE });
    expect(rw).toMatchObject({ type: PT_LOAD, vaddr: dataStart, flags: PF_R | PF_W, filesz: self + 8 - dataStart });
    for (const p of f.programHeaders) expect(p.offset % 4096).toBe(p.vaddr % 4096);
    expect(f.sections.map((s) => s.name)).toEqual(['', '.text', '.rodata', '.data', '.bss', '.symtab', '.strtab', '.shstrtab']);
    expect(f.sections.some((s) => s.name.startsWith('.rela'))).toBe(false);
  });

  it('keeps local and global symbols with types for the debugger', () => {
    expect(syms.get('greeting')).toMatchObject({ value: greeting, type: STT_OBJECT });
    expect(syms.get('self')).toMatchObject({ value: self, type: STT_OBJECT });
    expect(syms.get('add2')).toMatchObject({ bind: STB_GLOBAL, type: STT_FUNC, size: textSize(b) });
  });

  it('defines _etext, _edata, __bss_start and _end', () => {
    expect(syms.get('_etext')!.value).toBe(textEnd);
    expect(syms.get('_edata')!.value).toBe(self + 8);
    expect(syms.get('__bss_start')!.value).toBe(self + 8);
    expect(syms.get('_end')!.value).toBe(self + 8);
  });

  it('satisfies readelf -a with no warnings and shows the entry and symbols', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hako-ld-'));
    const path = join(dir, 'prog');
    writeFileSync(path, elf);
    const r = spawnSync('readelf', ['-a', '-W', path], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Type:\s+EXEC/);
    expect(r.stdout).toMatch(/Machine:\s+<unknown>: 0x4b48/);
    expect(r.stdout).toMatch(new RegExp(`Entry point address:\\s+0x${BASE.toString(16)}`));
    expect(r.stdout).toMatch(/FUNC\s+GLOBAL\s+DEFAULT\s+1 add2/);
    expect(r.stdout).toMatch(/FUNC\s+GLOBAL\s+DEFAULT\s+1 _start/);
    expect(r.stdout).toMatch(/There are no relocations in this file/);
  });
});

describe('layout options', () => {
  const kernel = asm('global _start\n_start: jmp $\nsection .data\nx: dd x\nsection .bss\nbuf: resb 8192');

  it('sets p_paddr = p_vaddr - physOffset (a kernel linked high, loaded low)', () => {
    const f = parseElf(linked([{ name: 'k.o', data: kernel }], { base: 0xc0100000, physOffset: 0xc0000000 }));
    expect(f.programHeaders.map((p) => [p.vaddr, p.paddr])).toEqual([[0xc0100000, 0x00100000], [0xc0101000, 0x00101000]]);
    const bss = f.sections.find((s) => s.name === '.bss')!;
    expect(bss.addr).toBe(0xc0101004);
    expect(f.programHeaders[1]).toMatchObject({ filesz: 4, memsz: 4 + 8192 });
    expect(symbolMap(f).get('_end')!.value).toBe(0xc0101004 + 8192);
  });

  it('relocates `symbol - KERNBASE` to the physical address (addends wrap modulo 2^32)', () => {
    const o = asm('KERNBASE equ 0xC0000000\nglobal _start\n_start: mov esp, stack_top - KERNBASE\njmp high - KERNBASE + KERNBASE\nhigh: ret\nsection .bss\nresb 64\nstack_top:');
    const elf = linked([{ name: 'k.o', data: o }], { base: 0xc0100000, physOffset: 0xc0000000 });
    const syms = symbolMap(parseElf(elf));
    const mem = memoryImage(elf);
    expect(u32(mem, 0xc0100002)).toBe(syms.get('stack_top')!.value - 0xc0000000);
    expect((0xc0100006 + 5 + (u32(mem, 0xc0100007) | 0)) >>> 0).toBe(syms.get('high')!.value);
  });

  it('branches to a physical alias of a label (rel32 wraps like eip)', () => {
    const o = asm('KERNBASE equ 0xC0000000\nglobal _start\n_start: jmp low - KERNBASE\nlow: ret');
    const mem = memoryImage(linked([{ name: 'k.o', data: o }], { base: 0xc0100000 }));
    expect((0xc0100000 + 5 + (u32(mem, 0xc0100001) | 0)) >>> 0).toBe(0x00100005);
  });

  it('keeps page congruence for a base that is not page-aligned', () => {
    const f = parseElf(linked([{ name: 'k.o', data: kernel }], { base: 0x00100123 }));
    expect(f.programHeaders[0].vaddr).toBe(0x00100123);
    for (const p of f.programHeaders) expect(p.offset % 4096).toBe(p.vaddr % 4096);
  });

  it('enters at another symbol with entry', () => {
    const o = asm('global main\nnop\nmain: ret');
    expect(parseElf(linked([{ name: 'm.o', data: o }], { entry: 'main' })).entry).toBe(0x08048001);
  });
});

describe('archives', () => {
  const x = asm('global foo\nfoo: ret', 'x.s');
  const y = asm('global bar\nbar: ret', 'y.s');
  const z = asm('global baz\nbaz: call bar\nret', 'z.s');
  const lib = createArchive([
    { name: 'x.o', data: x }, { name: 'a_rather_long_member_name.o', data: y }, { name: 'z.o', data: z },
  ]);
  const main = asm('global _start\n_start: call baz', 'main.s');

  it('pulls only the members that define needed symbols, transitively, wherever the archive is listed', () => {
    for (const order of [[0, 1], [1, 0]]) {
      const inputs = [{ name: 'main.o', data: main }, { name: 'libt.a', data: lib }];
      const syms = symbolMap(parseElf(linked(order.map((i) => inputs[i]))));
      expect(syms.has('baz')).toBe(true);
      expect(syms.has('bar')).toBe(true);
      expect(syms.has('foo')).toBe(false);
    }
  });

  it('reads back what it writes, long names included', () => {
    expect(readArchive(lib).map((m) => m.name)).toEqual(['x.o', 'a_rather_long_member_name.o', 'z.o']);
    expect([...readArchive(lib)[2].data]).toEqual([...z]);
  });

  it('is listed by binutils ar t and indexed for nm -s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hako-ar-'));
    const path = join(dir, 'libt.a');
    writeFileSync(path, lib);
    expect(execFileSync('ar', ['t', path], { encoding: 'utf8' }).split('\n').filter(Boolean)).toEqual(['x.o', 'a_rather_long_member_name.o', 'z.o']);
    const index = spawnSync('nm', ['-s', path], { encoding: 'utf8' }).stdout;
    expect(index).toMatch(/foo in x\.o/);
    expect(index).toMatch(/bar in a_rather_long_member_name\.o/);
    expect(index).toMatch(/baz in z\.o/);
  });

  it('reads archives made by binutils ar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hako-ar-'));
    writeFileSync(join(dir, 'y.o'), y);
    writeFileSync(join(dir, 'z.o'), z);
    execFileSync('ar', ['rcs', join(dir, 'libgnu.a'), join(dir, 'y.o'), join(dir, 'z.o')]);
    const syms = symbolMap(parseElf(linked([{ name: 'main.o', data: main }, { name: 'libgnu.a', data: new Uint8Array(readFileSync(join(dir, 'libgnu.a'))) }])));
    expect(syms.has('bar') && syms.has('baz')).toBe(true);
  });
});

describe('errors', () => {
  const start = asm('global _start\n_start: call missing\ncall other\nret', 's.s');

  function errorsOf(inputs: { name: string; data: Uint8Array }[], opts: LinkOptions = {}): string[] {
    const r = link(inputs, opts);
    if (r.ok) throw new Error('expected the link to fail');
    return r.errors;
  }

  it('names an undefined symbol and every object that uses it', () => {
    const other = asm('global other\nother: jmp missing', 'o.s');
    expect(errorsOf([{ name: 's.o', data: start }, { name: 'o.o', data: other }])).toEqual([
      "undefined symbol 'missing', referenced by s.o, o.o",
    ]);
  });

  it('names a duplicate symbol and both objects', () => {
    const one = asm('global _start, dup\n_start: ret\ndup: ret', 'one.s');
    const two = asm('global dup\ndup: ret', 'two.s');
    expect(errorsOf([{ name: 'one.o', data: one }, { name: 'two.o', data: two }])).toEqual([
      "duplicate symbol 'dup': defined in one.o and in two.o",
    ]);
  });

  it('reports a missing entry symbol', () => {
    expect(errorsOf([{ name: 'n.o', data: asm('nop') }])).toEqual(["entry symbol '_start' is not defined"]);
  });

  it('refuses files that are not Hako relocatable objects, without throwing', () => {
    const foreign = start.slice();
    writeU16(foreign, 18, 3); // EM_386
    expect(errorsOf([{ name: 'f.o', data: foreign }])[0]).toMatch(/^f\.o: built for machine 0x3, not Hako/);
    expect(errorsOf([{ name: 't.o', data: start.slice(0, 100) }])[0]).toMatch(/^t\.o: .*past the end of the file/);
    expect(errorsOf([{ name: 'text.o', data: new TextEncoder().encode('hello') }])[0]).toMatch(/^text\.o: not an ELF file/);
    const exe = linked([{ name: 'm.o', data: asm('global _start\n_start: ret') }]);
    expect(errorsOf([{ name: 'a.out', data: exe }])[0]).toMatch(/^a\.out: not a relocatable object/);
  });

  it('survives random corruption of its input', () => {
    let seed = 99;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const good = asm(MAIN, 'main.s');
    for (let i = 0; i < 500; i++) {
      const bad = good.slice();
      for (let k = 0; k < 4; k++) bad[Math.floor(rand() * bad.length)] = Math.floor(rand() * 256);
      const r = link([{ name: 'main.o', data: bad }, { name: 'lib.o', data: asm(LIB, 'lib.s') }]);
      if (!r.ok) for (const e of r.errors) expect(e).not.toMatch(/internal/);
    }
  });
});

describe('symbol kinds and sections', () => {
  it('resolves absolute (equ) globals across objects', () => {
    const consts = asm('global PAGE_SIZE\nPAGE_SIZE equ 0x1000', 'c.s');
    const user = asm('global _start\n_start: mov eax, PAGE_SIZE + 8', 'u.s');
    const elf = linked([{ name: 'u.o', data: user }, { name: 'c.o', data: consts }]);
    expect(u32(memoryImage(elf), 0x08048000 + 2)).toBe(0x1008);
    expect(symbolMap(parseElf(elf)).get('PAGE_SIZE')!.value).toBe(0x1000);
  });

  it('merges named code and data sections into .text and .data, in input order', () => {
    const o = asm('section .text.boot\nglobal _start\n_start: jmp main\nsection .text\nmain: ret\nsection .data.once\nflag: dd 5', 'b.s');
    const f = parseElf(linked([{ name: 'b.o', data: o }]));
    const syms = symbolMap(f);
    // .text.boot comes after .text of the same object: main at base, _start after it (4-aligned)
    expect(syms.get('main')!.value).toBe(0x08048000);
    expect(syms.get('_start')!.value).toBe(0x08048004);
    expect(f.entry).toBe(0x08048004);
    expect(syms.get('flag')!.value).toBe(f.sections.find((s) => s.name === '.data')!.addr);
    const mem = memoryImage(linked([{ name: 'b.o', data: o }]));
    expect((0x08048004 + 5 + (u32(mem, 0x08048005) | 0)) >>> 0).toBe(0x08048000);
  });
});

describe('alignment', () => {
  it('honours page alignment requested in .bss and ends the text segment at the last byte of code', () => {
    const code = asm('global _start\n_start: ret', 'm.s');
    const tables = asm('section .bss\nalign 4096\npd: resb 4096\nsection .data\nx: db 1', 't.s');
    const f = parseElf(linked([{ name: 'm.o', data: code }, { name: 't.o', data: tables }]));
    const syms = symbolMap(f);
    expect(syms.get('pd')!.value % 4096).toBe(0);
    expect(syms.get('pd')!.value).toBeGreaterThan(syms.get('x')!.value);
    expect(f.programHeaders[0].filesz).toBe(1);
    expect(f.programHeaders[1]).toMatchObject({ filesz: 1, memsz: syms.get('pd')!.value + 4096 - f.programHeaders[1].vaddr });
  });
});
