// The linker: relocatable objects and archives in, one ELF32 ET_EXEC out.
//
// What it owns: symbol resolution (objects always, archive members only when
// they define a symbol still undefined, repeated until nothing changes),
// merging input sections into .text/.rodata (one R+X PT_LOAD) and
// .data/.bss (one RW PT_LOAD, starting on the next page), applying
// R_HAKO_32 (S + A) and R_HAKO_PC32 (S + A − P), and writing section headers
// and a symbol table (locals and globals, for the debugger).
//
// Invariants: a segment's file offset ≡ its vaddr (mod 4096) because the file
// mirrors memory from 0x1000 on (the headers sit before it, outside any
// segment); p_paddr = p_vaddr − physOffset; the first segment starts exactly
// at `base`; no relocation survives in the output; _etext (end of .text),
// __bss_start, _edata (end of .data) and _end (end of .bss) exist unless an
// input defines them. Every problem is returned as an error string; link()
// never throws.

import {
  EM_HAKO, ET_EXEC, PF_R, PF_W, PF_X, PT_LOAD, R_HAKO_32, R_HAKO_PC32, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHN_ABS,
  SHN_UNDEF, SHT_NOBITS, SHT_PROGBITS, SHT_STRTAB, SHT_SYMTAB, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_NOTYPE,
  STT_SECTION, StringTable, SYM_SIZE, encodeSymbols, writeU32, type Elf32Sym,
} from '../../isa/elf/elf32.ts';
import { writeElf } from '../elf/writer.ts';
import { ArchiveError, definedGlobals, isArchive, readArchive } from './archive.ts';
import { LinkInputError, loadObject, type InputObject } from './objects.ts';

export interface LinkOptions {
  /** Virtual address of the first segment; default 0x08048000. */
  base?: number;
  /** p_paddr = p_vaddr − physOffset; default 0. */
  physOffset?: number;
  /** Entry symbol; default _start. */
  entry?: string;
}

export type LinkResult = { ok: true; elf: Uint8Array } | { ok: false; errors: string[] };

const PAGE = 4096;
/** Where the first segment starts in the file; the ELF and program headers fit before it. */
const FIRST_SEGMENT_FILE_PAGE = 0x1000;
const OUT = { text: 0, rodata: 1, data: 2, bss: 3 } as const;
const OUT_NAMES = ['.text', '.rodata', '.data', '.bss'];
const LINKER_SYMBOLS = ['_etext', '__bss_start', '_edata', '_end'];

const alignUp = (v: number, a: number): number => (a > 1 ? Math.ceil(v / a) * a : v);

class LinkError extends Error {}

interface Placement {
  out: number;
  /** Offset of the input section inside its output section. */
  offset: number;
}

interface GlobalDef {
  obj: InputObject;
  sym: number;
  weak: boolean;
}

interface OutSection {
  size: number;
  align: number;
  addr: number;
  data: Uint8Array;
}

function classify(name: string, flags: number, type: number): number {
  const is = (p: string): boolean => name === p || name.startsWith(p + '.');
  if (type === SHT_NOBITS) return OUT.bss;
  if (is('.text') || flags & SHF_EXECINSTR) return OUT.text;
  if (is('.rodata') || !(flags & SHF_WRITE)) return OUT.rodata;
  return OUT.data;
}

class Linker {
  readonly errors: string[] = [];
  readonly objects: InputObject[] = [];
  readonly globals = new Map<string, GlobalDef>();
  readonly placements = new Map<InputObject, Map<number, Placement>>();
  readonly out: OutSection[] = OUT_NAMES.map(() => ({ size: 0, align: 4, addr: 0, data: new Uint8Array(0) }));
  readonly linkerSymbols = new Map<string, number>();

  constructor(readonly opts: Required<LinkOptions>) {}

  add(obj: InputObject): void {
    this.objects.push(obj);
    obj.symbols.forEach((s, i) => {
      if (s.bind === STB_LOCAL || s.shndx === SHN_UNDEF) return;
      const weak = s.bind === STB_WEAK;
      const known = this.globals.get(s.label);
      if (!known || (known.weak && !weak)) this.globals.set(s.label, { obj, sym: i, weak });
      else if (!weak && !known.weak) {
        this.errors.push(`duplicate symbol '${s.label}': defined in ${known.obj.name} and in ${obj.name}`);
      }
    });
  }

  undefinedNames(): Set<string> {
    const names = new Set<string>();
    for (const obj of this.objects) {
      for (const s of obj.symbols) {
        if (s.shndx === SHN_UNDEF && s.bind !== STB_LOCAL && s.label && !this.globals.has(s.label)) names.add(s.label);
      }
    }
    return names;
  }

  load(inputs: { name: string; data: Uint8Array }[]): void {
    const archives: { name: string; members: { name: string; data: Uint8Array; defines: string[]; used: boolean }[] }[] = [];
    for (const input of inputs) {
      try {
        if (isArchive(input.data)) {
          const members = readArchive(input.data).map((m) => ({ ...m, defines: definedGlobals(m.data), used: false }));
          archives.push({ name: input.name, members });
        } else {
          this.add(loadObject(input.name, input.data));
        }
      } catch (e) {
        if (e instanceof LinkInputError) this.errors.push(e.message);
        else if (e instanceof ArchiveError) this.errors.push(`${input.name}: ${e.message}`);
        else throw e;
      }
    }
    // Pull members that define a still-undefined symbol until nothing changes
    // (so archives may depend on each other in any order).
    for (let changed = true; changed;) {
      changed = false;
      const wanted = this.undefinedNames();
      wanted.add(this.opts.entry);
      for (const ar of archives) {
        for (const m of ar.members) {
          if (m.used || !m.defines.some((n) => wanted.has(n) && !this.globals.has(n))) continue;
          m.used = true;
          changed = true;
          try {
            this.add(loadObject(`${ar.name}(${m.name})`, m.data));
          } catch (e) {
            if (e instanceof LinkInputError) this.errors.push(e.message);
            else throw e;
          }
        }
      }
    }
  }

  checkUndefined(): void {
    const users = new Map<string, string[]>();
    for (const obj of this.objects) {
      for (const s of obj.symbols) {
        if (s.shndx !== SHN_UNDEF || s.bind !== STB_GLOBAL || !s.label) continue;
        if (this.globals.has(s.label) || LINKER_SYMBOLS.includes(s.label)) continue;
        const list = users.get(s.label) ?? [];
        if (!list.includes(obj.name)) list.push(obj.name);
        users.set(s.label, list);
      }
    }
    for (const [name, list] of users) this.errors.push(`undefined symbol '${name}', referenced by ${list.join(', ')}`);
    if (!this.globals.has(this.opts.entry)) this.errors.push(`entry symbol '${this.opts.entry}' is not defined`);
  }

  layout(): void {
    for (const obj of this.objects) {
      const map = new Map<number, Placement>();
      this.placements.set(obj, map);
      for (const sec of obj.sections) {
        if (!(sec.flags & SHF_ALLOC) || (sec.type !== SHT_PROGBITS && sec.type !== SHT_NOBITS)) continue;
        const out = this.out[classify(sec.name, sec.flags, sec.type)];
        const align = Math.max(1, sec.align);
        if ((align & (align - 1)) !== 0) throw new LinkError(`${obj.name}: section ${sec.name} has alignment ${align}, not a power of two`);
        // Empty sections (every object has a .text) neither pad nor raise alignment.
        if (sec.size > 0) {
          out.align = Math.max(out.align, align);
          out.size = alignUp(out.size, align);
        }
        map.set(sec.index, { out: this.out.indexOf(out), offset: out.size });
        out.size += sec.size;
      }
    }
    const [text, rodata, data, bss] = this.out;
    text.addr = this.opts.base >>> 0;
    rodata.addr = alignUp(text.addr + text.size, rodata.align);
    const rxEnd = rodata.addr + rodata.size;
    data.addr = alignUp(alignUp(rxEnd, PAGE), data.align);
    bss.addr = alignUp(data.addr + data.size, bss.align);
    if (bss.addr + bss.size > 0x100000000) throw new LinkError(`the program does not fit below 4 GiB when linked at 0x${text.addr.toString(16)}`);
    for (const o of [text, rodata, data]) o.data = new Uint8Array(o.size);
    for (const obj of this.objects) {
      for (const [index, p] of this.placements.get(obj)!) {
        const sec = obj.sections[index];
        if (sec.type !== SHT_NOBITS) this.out[p.out].data.set(sec.data, p.offset);
      }
    }
    const defaults: Record<string, number> = {
      _etext: text.addr + text.size, __bss_start: bss.addr, _edata: data.addr + data.size, _end: bss.addr + bss.size,
    };
    for (const name of LINKER_SYMBOLS) if (!this.globals.has(name)) this.linkerSymbols.set(name, defaults[name]);
  }

  /** Final address of symbol `i` of `obj` (undefined ones through the global table). */
  symbolAddress(obj: InputObject, i: number): number {
    const s = obj.symbols[i];
    if (i === 0) return 0;
    if (s.shndx === SHN_ABS) return s.value;
    if (s.shndx === SHN_UNDEF) {
      const def = this.globals.get(s.label);
      if (def) return this.symbolAddress(def.obj, def.sym);
      const fixed = this.linkerSymbols.get(s.label);
      if (fixed !== undefined) return fixed;
      return 0; // undefined weak, or already reported
    }
    const p = this.placements.get(obj)!.get(s.shndx);
    if (!p) return s.value; // a symbol in a section we do not load (e.g. debug info)
    return (this.out[p.out].addr + p.offset + (s.type === STT_SECTION ? 0 : s.value)) >>> 0;
  }

  relocate(): void {
    for (const obj of this.objects) {
      const placements = this.placements.get(obj)!;
      for (const [target, relas] of obj.relocations) {
        const p = placements.get(target);
        if (!p) continue; // relocations of sections we do not load
        const sec = obj.sections[target];
        if (sec.type === SHT_NOBITS) {
          if (relas.length) this.errors.push(`${obj.name}: relocation in ${sec.name}, which has no contents`);
          continue;
        }
        const out = this.out[p.out];
        for (const r of relas) {
          if (r.offset + 4 > sec.size) {
            this.errors.push(`${obj.name}: relocation at 0x${r.offset.toString(16)} lies outside ${sec.name}`);
            continue;
          }
          const S = this.symbolAddress(obj, r.sym);
          const P = out.addr + p.offset + r.offset;
          let value: number;
          if (r.type === R_HAKO_32) value = S + r.addend;
          else if (r.type === R_HAKO_PC32) value = S + r.addend - P;
          else {
            this.errors.push(`${obj.name}: unknown relocation type ${r.type} at ${sec.name}+0x${r.offset.toString(16)}`);
            continue;
          }
          writeU32(out.data, p.offset + r.offset, value >>> 0);
        }
      }
    }
  }

  write(): Uint8Array {
    const [text, rodata, data, bss] = this.out;
    const { base, physOffset } = this.opts;
    const fileOf = (addr: number): number => FIRST_SEGMENT_FILE_PAGE + (addr - (base >>> 0) + (base & (PAGE - 1)));
    const programHeaders = [];
    const rxSize = (rodata.size ? rodata.addr + rodata.size : text.addr + text.size) - text.addr;
    if (rxSize > 0) {
      programHeaders.push({
        type: PT_LOAD, offset: fileOf(text.addr), vaddr: text.addr, paddr: (text.addr - physOffset) >>> 0,
        filesz: rxSize, memsz: rxSize, flags: PF_R | PF_X, align: PAGE,
      });
    }
    const rwMem = bss.addr + bss.size - data.addr;
    if (rwMem > 0) {
      programHeaders.push({
        type: PT_LOAD, offset: fileOf(data.addr), vaddr: data.addr, paddr: (data.addr - physOffset) >>> 0,
        filesz: data.size, memsz: rwMem, flags: PF_R | PF_W, align: PAGE,
      });
    }
    const { symbols, strtab, firstGlobal } = this.symbolTable();
    const entryDef = this.globals.get(this.opts.entry)!;
    return writeElf({
      type: ET_EXEC, machine: EM_HAKO, entry: this.symbolAddress(entryDef.obj, entryDef.sym), programHeaders,
      sections: [
        { name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, addr: text.addr, data: text.data, align: text.align, fileOffset: fileOf(text.addr) },
        { name: '.rodata', type: SHT_PROGBITS, flags: SHF_ALLOC, addr: rodata.addr, data: rodata.data, align: rodata.align, fileOffset: fileOf(rodata.addr) },
        { name: '.data', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, addr: data.addr, data: data.data, align: data.align, fileOffset: fileOf(data.addr) },
        { name: '.bss', type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, addr: bss.addr, size: bss.size, align: bss.align, fileOffset: fileOf(data.addr) + data.size },
        { name: '.symtab', type: SHT_SYMTAB, flags: 0, data: encodeSymbols(symbols), link: 6, info: firstGlobal, align: 4, entsize: SYM_SIZE },
        { name: '.strtab', type: SHT_STRTAB, flags: 0, data: strtab, align: 1 },
      ],
    });
  }

  symbolTable(): { symbols: Elf32Sym[]; strtab: Uint8Array; firstGlobal: number } {
    const strings = new StringTable();
    const symbols: Elf32Sym[] = [{ name: 0, value: 0, size: 0, bind: 0, type: 0, shndx: 0 }];
    const outIndex = (obj: InputObject, shndx: number): number => {
      if (shndx === SHN_ABS) return SHN_ABS;
      const p = this.placements.get(obj)!.get(shndx);
      return p ? p.out + 1 : -1;
    };
    for (const obj of this.objects) {
      obj.symbols.forEach((s, i) => {
        if (s.bind !== STB_LOCAL || !s.label || s.type === STT_SECTION) return;
        if (s.type === STT_FILE) {
          symbols.push({ name: strings.add(s.label), value: 0, size: 0, bind: STB_LOCAL, type: STT_FILE, shndx: SHN_ABS });
          return;
        }
        if (s.shndx === SHN_UNDEF) return;
        const shndx = outIndex(obj, s.shndx);
        if (shndx < 0) return;
        symbols.push({ name: strings.add(s.label), value: this.symbolAddress(obj, i), size: s.size, bind: STB_LOCAL, type: s.type, shndx });
      });
    }
    const firstGlobal = symbols.length;
    for (const [name, def] of this.globals) {
      const s = def.obj.symbols[def.sym];
      const shndx = outIndex(def.obj, s.shndx);
      symbols.push({
        name: strings.add(name), value: this.symbolAddress(def.obj, def.sym), size: s.size, bind: s.bind, type: s.type,
        shndx: shndx < 0 ? SHN_ABS : shndx,
      });
    }
    for (const [name, value] of this.linkerSymbols) {
      symbols.push({ name: strings.add(name), value: value >>> 0, size: 0, bind: STB_GLOBAL, type: STT_NOTYPE, shndx: SHN_ABS });
    }
    return { symbols, strtab: strings.toBytes(), firstGlobal };
  }

  run(inputs: { name: string; data: Uint8Array }[]): LinkResult {
    this.load(inputs);
    if (this.errors.length) return { ok: false, errors: this.errors };
    this.checkUndefined();
    if (this.errors.length) return { ok: false, errors: this.errors };
    this.layout();
    this.relocate();
    if (this.errors.length) return { ok: false, errors: this.errors };
    return { ok: true, elf: this.write() };
  }
}

export function link(inputs: { name: string; data: Uint8Array }[], opts: LinkOptions = {}): LinkResult {
  const full: Required<LinkOptions> = { base: opts.base ?? 0x08048000, physOffset: opts.physOffset ?? 0, entry: opts.entry ?? '_start' };
  if (inputs.length === 0) return { ok: false, errors: ['no input files'] };
  try {
    return new Linker(full).run(inputs);
  } catch (e) {
    if (e instanceof LinkError) return { ok: false, errors: [e.message] };
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [`internal linker error: ${message}`] };
  }
}
