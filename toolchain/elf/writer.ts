// Serialises an ELF32 little-endian file from a description of its program
// headers and sections. It owns the file layout: ELF header, then program
// headers, then section contents, then the section header table.
//
// Invariants: a section with a `fileOffset` is placed exactly there (the
// linker uses this to keep p_offset ≡ p_vaddr mod 4096); other sections follow
// in order, aligned to their sh_addralign; NOBITS sections take no file bytes;
// section 0 is the null section and is added here, so indices given by the
// caller (link, info, shstrndx) count from 1 for the first described section.

import {
  EHDR_SIZE, ELFCLASS32, ELFDATA2LSB, EV_CURRENT, PHDR_SIZE, SHDR_SIZE, SHT_NOBITS, StringTable, writeU16, writeU32,
} from '../../isa/elf/elf32.ts';

export interface SectionSpec {
  name: string;
  type: number;
  flags: number;
  addr?: number;
  /** Contents; for NOBITS only `size` matters. */
  data?: Uint8Array;
  size?: number;
  link?: number;
  info?: number;
  align?: number;
  entsize?: number;
  /** Exact file offset (must not overlap what precedes it). */
  fileOffset?: number;
}

export interface ProgramHeaderSpec {
  type: number;
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  flags: number;
  align: number;
}

export interface ElfSpec {
  type: number;
  machine: number;
  entry: number;
  programHeaders: ProgramHeaderSpec[];
  /** Sections after the null section; a `.shstrtab` is appended automatically. */
  sections: SectionSpec[];
}

function alignUp(v: number, a: number): number {
  return a > 1 ? Math.ceil(v / a) * a : v;
}

/** The file offset each section of `spec` will get, without writing anything (index 0 = first given section). */
export function planOffsets(spec: ElfSpec): number[] {
  return layout(spec, new StringTable()).offsets;
}

function layout(spec: ElfSpec, names: StringTable): { offsets: number[]; shstrtab: Uint8Array; shoff: number; end: number } {
  for (const s of spec.sections) names.add(s.name);
  names.add('.shstrtab');
  const shstrtab = names.toBytes();
  let pos = EHDR_SIZE + spec.programHeaders.length * PHDR_SIZE;
  const offsets: number[] = [];
  for (const s of spec.sections) {
    if (s.fileOffset !== undefined) {
      if (s.fileOffset < pos) throw new Error(`section ${s.name}: file offset 0x${s.fileOffset.toString(16)} overlaps earlier data`);
      pos = s.fileOffset;
    } else {
      pos = alignUp(pos, s.align ?? 1);
    }
    offsets.push(pos);
    if (s.type !== SHT_NOBITS) pos += s.data?.length ?? 0;
  }
  offsets.push(pos); // .shstrtab
  pos += shstrtab.length;
  const shoff = alignUp(pos, 4);
  return { offsets, shstrtab, shoff, end: shoff + (spec.sections.length + 2) * SHDR_SIZE };
}

export function writeElf(spec: ElfSpec): Uint8Array {
  const names = new StringTable();
  const { offsets, shstrtab, shoff, end } = layout(spec, names);
  const out = new Uint8Array(end);
  out.set([0x7f, 0x45, 0x4c, 0x46, ELFCLASS32, ELFDATA2LSB, EV_CURRENT], 0);
  writeU16(out, 16, spec.type);
  writeU16(out, 18, spec.machine);
  writeU32(out, 20, EV_CURRENT);
  writeU32(out, 24, spec.entry);
  writeU32(out, 28, spec.programHeaders.length ? EHDR_SIZE : 0);
  writeU32(out, 32, shoff);
  writeU32(out, 36, 0);
  writeU16(out, 40, EHDR_SIZE);
  writeU16(out, 42, spec.programHeaders.length ? PHDR_SIZE : 0);
  writeU16(out, 44, spec.programHeaders.length);
  writeU16(out, 46, SHDR_SIZE);
  writeU16(out, 48, spec.sections.length + 2);
  writeU16(out, 50, spec.sections.length + 1);

  spec.programHeaders.forEach((p, i) => {
    const at = EHDR_SIZE + i * PHDR_SIZE;
    writeU32(out, at, p.type);
    writeU32(out, at + 4, p.offset);
    writeU32(out, at + 8, p.vaddr);
    writeU32(out, at + 12, p.paddr);
    writeU32(out, at + 16, p.filesz);
    writeU32(out, at + 20, p.memsz);
    writeU32(out, at + 24, p.flags);
    writeU32(out, at + 28, p.align);
  });

  const all: SectionSpec[] = [...spec.sections, { name: '.shstrtab', type: 3, flags: 0, data: shstrtab, align: 1 }];
  all.forEach((s, i) => {
    const offset = offsets[i];
    if (s.type !== SHT_NOBITS && s.data) out.set(s.data, offset);
    const at = shoff + (i + 1) * SHDR_SIZE;
    writeU32(out, at, names.add(s.name));
    writeU32(out, at + 4, s.type);
    writeU32(out, at + 8, s.flags);
    writeU32(out, at + 12, s.addr ?? 0);
    writeU32(out, at + 16, offset);
    writeU32(out, at + 20, s.type === SHT_NOBITS ? (s.size ?? 0) : (s.data?.length ?? 0));
    writeU32(out, at + 24, s.link ?? 0);
    writeU32(out, at + 28, s.info ?? 0);
    writeU32(out, at + 32, s.align ?? 1);
    writeU32(out, at + 36, s.entsize ?? 0);
  });
  return out;
}
