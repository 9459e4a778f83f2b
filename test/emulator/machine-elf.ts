// Test helper (not a test): builds ELF32 executables byte by byte, so loader
// and machine tests do not depend on the toolchain. Sections: null, .symtab,
// .strtab, .shstrtab. Fields can be overridden to make malformed files.

export interface TestSegment { vaddr: number; paddr?: number; data: Uint8Array | number[]; memsz?: number; flags?: number }
export interface TestSymbol { name: string; value: number; size?: number; type?: number; shndx?: number }

export interface ElfSpec {
  entry: number;
  segments: TestSegment[];
  symbols?: TestSymbol[];
  machine?: number;
  type?: number;
}

export interface BuiltElf {
  bytes: Uint8Array;
  /** File offsets of interesting parts, to corrupt them in tests. */
  phoff: number;
  shoff: number;
  segmentOffsets: number[];
  symtabOffset: number;
  symtabSize: number;
  strtabOffset: number;
  strtabSize: number;
}

export function buildElf(spec: ElfSpec): BuiltElf {
  const out: number[] = [];
  const u8 = (v: number) => out.push(v & 0xff);
  const u16 = (v: number) => { u8(v); u8(v >>> 8); };
  const u32 = (v: number) => { u16(v); u16(v >>> 16); };
  const pad = (align: number) => { while (out.length % align) out.push(0); };
  const patch32 = (at: number, v: number) => { for (let i = 0; i < 4; i++) out[at + i] = (v >>> (8 * i)) & 0xff; };

  // ELF header
  out.push(0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  u16(spec.type ?? 2); u16(spec.machine ?? 0x4b48); u32(1); u32(spec.entry);
  const phoffAt = out.length; u32(0);
  const shoffAt = out.length; u32(0);
  u32(0); u16(52); u16(32); u16(spec.segments.length); u16(40); u16(4); u16(3);

  const phoff = out.length;
  patch32(phoffAt, phoff);
  const phdrAt: number[] = [];
  for (const s of spec.segments) {
    phdrAt.push(out.length);
    u32(1); u32(0); u32(s.vaddr); u32(s.paddr ?? s.vaddr);
    u32(s.data.length); u32(s.memsz ?? s.data.length); u32(s.flags ?? 7); u32(0x1000);
  }
  const segmentOffsets: number[] = [];
  spec.segments.forEach((s, i) => {
    pad(16);
    segmentOffsets.push(out.length);
    patch32(phdrAt[i] + 4, out.length);
    for (const b of s.data) out.push(b & 0xff);
  });

  // .strtab and .symtab
  const strtab: number[] = [0];
  const nameOf = (n: string) => { const at = strtab.length; for (const c of new TextEncoder().encode(n)) strtab.push(c); strtab.push(0); return at; };
  pad(4);
  const symtabOffset = out.length;
  for (let i = 0; i < 16; i++) out.push(0); // the null symbol
  for (const s of spec.symbols ?? []) {
    u32(nameOf(s.name)); u32(s.value); u32(s.size ?? 0); u8((1 << 4) | (s.type ?? 2)); u8(0); u16(s.shndx ?? 1);
  }
  const symtabSize = out.length - symtabOffset;
  const strtabOffset = out.length;
  out.push(...strtab);
  const strtabSize = strtab.length;
  const shstrtabOffset = out.length;
  const shstr = '\0.symtab\0.strtab\0.shstrtab\0';
  for (const c of shstr) out.push(c.charCodeAt(0));

  pad(4);
  const shoff = out.length;
  patch32(shoffAt, shoff);
  const section = (name: number, type: number, offset: number, size: number, link: number, entsize: number) => {
    u32(name); u32(type); u32(0); u32(0); u32(offset); u32(size); u32(link); u32(0); u32(4); u32(entsize);
  };
  section(0, 0, 0, 0, 0, 0);
  section(1, 2, symtabOffset, symtabSize, 2, 16);
  section(9, 3, strtabOffset, strtabSize, 0, 0);
  section(17, 3, shstrtabOffset, shstr.length, 0, 0);
  return { bytes: new Uint8Array(out), phoff, shoff, segmentOffsets, symtabOffset, symtabSize, strtabOffset, strtabSize };
}
