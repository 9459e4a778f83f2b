// Static archives (.a) in the common System V / GNU `ar` format, so that
// binutils' `ar t` and `nm -s` read what we write and we read what they
// write: "!<arch>\n", 60-byte member headers, a "/" symbol index (armap) of
// the global symbols each ELF member defines, and a "//" table for member
// names longer than 15 characters.
//
// Invariants: members start at even offsets (odd sizes are padded with
// '\n'); the armap offsets point at member headers; reading checks every
// header and size and throws ArchiveError with a clear message.

import { SHN_UNDEF, SHT_SYMTAB, STB_GLOBAL, STB_WEAK } from '../../isa/elf/elf32.ts';
import { isElf, parseElf, readSymbols, symbolName } from '../../isa/elf/reader.ts';

export const ARCHIVE_MAGIC = '!<arch>\n';
const HEADER_SIZE = 60;

export class ArchiveError extends Error {}

export function isArchive(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && new TextDecoder().decode(bytes.subarray(0, 8)) === ARCHIVE_MAGIC;
}

/** The global symbols an ELF object defines (empty for anything that is not a readable ELF object). */
export function definedGlobals(data: Uint8Array): string[] {
  if (!isElf(data)) return [];
  try {
    const file = parseElf(data);
    const names: string[] = [];
    for (const sec of file.sections) {
      if (sec.type !== SHT_SYMTAB) continue;
      for (const s of readSymbols(sec)) {
        if ((s.bind === STB_GLOBAL || s.bind === STB_WEAK) && s.shndx !== SHN_UNDEF) names.push(symbolName(file, sec, s));
      }
    }
    return names;
  } catch {
    return [];
  }
}

function header(name: string, size: number): Uint8Array {
  const field = (s: string, width: number): string => s.padEnd(width, ' ').slice(0, width);
  const text = field(name, 16) + field('0', 12) + field('0', 6) + field('0', 6) + field('644', 8) + field(String(size), 10) + '`\n';
  return new TextEncoder().encode(text);
}

export function createArchive(members: { name: string; data: Uint8Array }[]): Uint8Array {
  const enc = new TextEncoder();
  // Long names go to the "//" table as "name/\n"; the member header then says "/<offset>".
  let longNames = '';
  const headerNames = members.map((m) => {
    const base = m.name.split('/').pop() ?? m.name;
    if (enc.encode(base).length <= 15) return `${base}/`;
    const at = enc.encode(longNames).length;
    longNames += `${base}/\n`;
    return `/${at}`;
  });
  const longTable = enc.encode(longNames);
  const symbols = members.map((m) => definedGlobals(m.data));
  const symbolCount = symbols.reduce((n, s) => n + s.length, 0);
  const nameBytes = symbols.flat().reduce((n, s) => n + enc.encode(s).length + 1, 0);
  const armapSize = 4 + 4 * symbolCount + nameBytes;
  const padded = (n: number): number => n + (n & 1);

  let pos = 8 + HEADER_SIZE + padded(armapSize);
  if (longTable.length) pos += HEADER_SIZE + padded(longTable.length);
  const memberOffsets = members.map((m) => {
    const at = pos;
    pos += HEADER_SIZE + padded(m.data.length);
    return at;
  });

  const out = new Uint8Array(pos);
  let w = 0;
  const put = (bytes: Uint8Array): void => { out.set(bytes, w); w += bytes.length; };
  const pad = (): void => { if (w & 1) out[w++] = 0x0a; };
  put(enc.encode(ARCHIVE_MAGIC));
  put(header('/', armapSize));
  const armap = new Uint8Array(armapSize);
  const view = new DataView(armap.buffer);
  view.setUint32(0, symbolCount);
  let k = 0;
  let names = 4 + 4 * symbolCount;
  symbols.forEach((list, i) => {
    for (const s of list) {
      view.setUint32(4 + 4 * k++, memberOffsets[i]);
      const b = enc.encode(s);
      armap.set(b, names);
      names += b.length + 1;
    }
  });
  put(armap);
  pad();
  if (longTable.length) {
    put(header('//', longTable.length));
    put(longTable);
    pad();
  }
  members.forEach((m, i) => {
    put(header(headerNames[i], m.data.length));
    put(m.data);
    pad();
  });
  return out;
}

export function readArchive(bytes: Uint8Array): { name: string; data: Uint8Array }[] {
  if (!isArchive(bytes)) throw new ArchiveError('not an archive (missing "!<arch>" magic)');
  const dec = new TextDecoder();
  const members: { name: string; data: Uint8Array }[] = [];
  let longNames = '';
  let pos = 8;
  while (pos < bytes.length) {
    if (bytes.length - pos === 1 && bytes[pos] === 0x0a) break;
    if (pos + HEADER_SIZE > bytes.length) throw new ArchiveError(`truncated member header at offset ${pos}`);
    const h = dec.decode(bytes.subarray(pos, pos + HEADER_SIZE));
    if (h.slice(58, 60) !== '`\n') throw new ArchiveError(`bad member header at offset ${pos}`);
    const rawName = h.slice(0, 16).trimEnd();
    const sizeText = h.slice(48, 58).trim();
    if (!/^[0-9]+$/.test(sizeText)) throw new ArchiveError(`bad member size at offset ${pos}`);
    const size = Number(sizeText);
    const start = pos + HEADER_SIZE;
    if (start + size > bytes.length) throw new ArchiveError(`member at offset ${pos} runs past the end of the archive`);
    const data = bytes.subarray(start, start + size);
    pos = start + size + (size & 1);
    if (rawName === '/' || rawName === '/SYM64/') continue;
    if (rawName === '//') { longNames = dec.decode(data); continue; }
    let name: string;
    if (/^\/[0-9]+$/.test(rawName)) {
      const at = Number(rawName.slice(1));
      const end = longNames.indexOf('\n', at);
      if (at >= longNames.length) throw new ArchiveError(`bad long member name reference ${rawName}`);
      name = longNames.slice(at, end < 0 ? undefined : end).replace(/\/$/, '');
    } else {
      name = rawName.replace(/\/$/, '');
    }
    members.push({ name, data });
  }
  return members;
}
