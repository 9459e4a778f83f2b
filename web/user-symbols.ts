// User-program symbols for the debugger: names for the addresses of the
// process whose address space the CPU is in, next to the kernel's own.
//
// Owns: finding the current process (the kdebug process row whose cr3 is
// the CPU's), its program (the path the kernel gives its text area: the
// exec'd file, as /proc/PID/maps shows it), reading that file from the root
// disk image and parsing its .symtab, once per path.
//
// Invariants: an address gets a user name only inside the program's own
// areas (text and data, named by its path), so a kernel address, a shared
// mapping or another process's address is never named from the wrong
// table; a path the kernel cut (longer than a VMA name: it does not start
// with '/'), a file missing from the image, or bytes that are not an ELF
// file give no names, never an error; the tables are re-read only when
// emulated time has moved (a pause answers many look-ups at one instant).

import type { Machine } from '../emulator/machine.ts';
import { programSymbols, type ElfSymbol, type SymbolTable } from '../emulator/loader.ts';
import { KernelTables } from './kernel-tables.ts';
import type { MemoryArea } from './protocol.ts';

/** A file's bytes by absolute path in the guest's root file system, or null when it has none. */
export type ProgramReader = (path: string) => Uint8Array | null;

interface CurrentProgram { path: string; areas: MemoryArea[]; symbols: SymbolTable }

export class UserSymbols {
  private readonly tables: KernelTables;
  private readonly byPath = new Map<string, SymbolTable | null>();
  private cachedAt = -1;
  private cachedCr3 = -1;
  private current: CurrentProgram | null = null;

  constructor(private readonly m: Machine, private readonly readProgram: ProgramReader) {
    this.tables = new KernelTables(m);
  }

  /** The current program's symbol covering `address`, when it is inside one of the program's areas. */
  lookup(address: number): { symbol: ElfSymbol; offset: number } | undefined {
    const program = this.currentProgram();
    if (!program || !program.areas.some((a) => address >= a.start && address < a.end)) return undefined;
    return program.symbols.lookup(address);
  }

  /** The current program's symbol of that name (a breakpoint by a user function's name). */
  byName(name: string): ElfSymbol | undefined {
    return this.currentProgram()?.symbols.byName(name);
  }

  /** The path of the program the CPU's address space belongs to, or null (a kernel thread, no tables). */
  currentPath(): string | null {
    return this.currentProgram()?.path ?? null;
  }

  private currentProgram(): CurrentProgram | null {
    const now = this.m.now();
    const cr3 = this.m.cpu.cr3 >>> 0;
    if (now === this.cachedAt && cr3 === this.cachedCr3) return this.current;
    this.cachedAt = now;
    this.cachedCr3 = cr3;
    this.current = this.find(cr3);
    return this.current;
  }

  private find(cr3: number): CurrentProgram | null {
    if (cr3 === 0) return null;
    const proc = this.tables.processes()?.find((p) => p.cr3 >>> 0 === cr3);
    if (!proc) return null;
    const areas = this.tables.memoryAreas()?.get(proc.pid) ?? [];
    const text = areas.find((a) => a.kind === 'text');
    if (!text || !text.name.startsWith('/')) return null;
    const symbols = this.load(text.name);
    if (!symbols) return null;
    return { path: text.name, areas: areas.filter((a) => a.name === text.name && (a.kind === 'text' || a.kind === 'data')), symbols };
  }

  private load(path: string): SymbolTable | null {
    if (!this.byPath.has(path)) {
      let bytes: Uint8Array | null = null;
      try { bytes = this.readProgram(path); } catch { bytes = null; }
      this.byPath.set(path, bytes ? programSymbols(bytes) ?? null : null);
    }
    return this.byPath.get(path) ?? null;
  }
}

/** Give `m`'s debugger the current program's names, read with `readProgram`; returns the table for byName. */
export function attachUserSymbols(m: Machine, readProgram: ProgramReader): UserSymbols {
  const user = new UserSymbols(m, readProgram);
  m.userSymbols = (address) => user.lookup(address);
  return user;
}
