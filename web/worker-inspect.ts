// What the debug pane sees, computed in the worker from emulator/inspect.ts:
// snapshots (registers, disassembly around EIP, counters), the page-table
// tree of one address space, the physical frame map and "who maps this
// frame". Reads only: nothing here changes what the guest sees.
//
// Address spaces: each process's page directory from the kernel's table,
// plus the CR3 values the snapshots find while paging is on (most recent
// first, at most MAX_CR3; the demo has no table). Region labels are the
// kinds of the memory areas the kernel publishes for the process that owns
// the walked page directory (kdebug_vmas), never guessed from addresses.
// What the kernel publishes (processes, memory areas, counters, log, trace,
// frame descriptors) is read by web/kernel-tables.ts; the frame map takes page-cache and kernel-allocation
// frames from the descriptors' flags, the rest from walking page tables.
// The lessons pane's expressions use the lesson engine's probes over the
// same machine (lessonView), which read the same tables the same way.

import type { Machine } from '../emulator/machine.ts';
import { backtrace, counters, disassemble, machineSnapshot, readVirtual, registers, tlbEntries, walkPageTables, type DisassembledLine } from '../emulator/inspect.ts';
import {
  FRAME_CACHE, FRAME_FREE, FRAME_KERNEL, FRAME_KERNEL_ALLOC, FRAME_MAX_PROCESSES, FRAME_PAGE_TABLE, FRAME_PROCESS, FRAME_SHARED, FRAME_USER,
  type FrameInfo, type FrameMap, type KernelLogChunk, type PageDirectoryView, type PageTableEntryView, type PageTableView,
  type MemoryArea, type ProcessInfo, type RegionLabel, type Snapshot, type SnapshotRequest, type TcpConnections, type TraceChunk,
} from './protocol.ts';
import type { RunnerStatus } from '../emulator/runner.ts';
import { MachineView } from '../lessons/engine/probes.ts';
import { blockFrames, KernelTables } from './kernel-tables.ts';
import { limits, page_flags, pte_bits } from './gen/kdebug-layout.ts';
import { readGoroRuntime, type GoroView } from './goro-table.ts';
import { EventBreaks, type EventBreakSpec } from './event-breaks.ts';

const MAX_CR3 = 8;
const { PG_CACHE, PG_FREE, PG_KERNEL, PG_PAGETABLE, PG_SLAB } = page_flags;
const P = 1, RW = 2, US = 4, A = 0x20, D = 0x40, PS = 0x80, G = 0x100;
/** The kernel's swap marker in a not-present PTE (slot in bits 12–31). */
const { PTE_SWAP } = pte_bits;
/** How far back from EIP (in bytes from the start of its function) the disassembly may begin. */
const LOOKBACK_BYTES = 128;
const LINES_BEFORE = 3;

/** The kernel's area holding `address` among `areas` (sorted by start, as the kernel keeps them), or null. */
function areaAt(areas: MemoryArea[], address: number): MemoryArea | null {
  const a = address >>> 0;
  if (a >= limits.KERNBASE) return null;
  for (const v of areas) if (a >= v.start && a < v.end) return v;
  return null;
}

function regionOf(address: number, area: MemoryArea | null): RegionLabel {
  if (address >>> 0 >= limits.KERNBASE) return 'kernel';
  return area ? area.kind as RegionLabel : 'none';
}

export class Inspector {
  private machine: Machine | null = null;
  private serial = 0;
  private cr3Seen: number[] = [];
  private kernel: KernelTables | null = null;
  private lessons: MachineView | null = null;
  private events: EventBreaks | null = null;

  attach(m: Machine): void {
    this.machine = m; this.cr3Seen = []; this.kernel = new KernelTables(m); this.lessons = new MachineView(m); this.events = new EventBreaks(m);
  }
  reset(): void { this.machine = null; this.cr3Seen = []; this.kernel = null; this.lessons = null; this.events = null; }

  /** Arm an event breakpoint (web/event-breaks.ts), or null to disarm; an error message or null. */
  eventBreak(spec: EventBreakSpec | null): string | null {
    if (!this.events) return 'no machine is running';
    if (spec === null) { this.events.disarm(); return null; }
    return this.events.arm(spec);
  }

  /** The lesson probes over the same machine (lessons/engine/probes.ts), for the lessons pane; null with no machine. */
  lessonView(): MachineView | null { return this.lessons; }

  snapshot(request: SnapshotRequest, runner: RunnerStatus | 'off', consoleSize: { cols: number; rows: number }): Snapshot | null {
    const m = this.machine;
    if (!m) return null;
    const regs = registers(m);
    if (regs.paging) this.noteCr3(regs.cr3);
    return {
      serial: ++this.serial, runner, machine: machineSnapshot(m), registers: regs,
      disassembly: request.disassembly > 0 ? this.aroundEip(m, regs.eip, request.disassembly) : [],
      counters: counters(m), takenAt: performance.now(), cr3Seen: [...this.cr3Seen],
      consoleSize, memory: this.kernel?.memory() ?? null,
      ...(request.tlb ? { tlb: tlbEntries(m, request.tlb) } : {}),
      ...(runner === 'paused' ? { backtrace: backtrace(m) } : {}),
      ...(request.memory ? { memoryView: { address: request.memory.address >>> 0, bytes: readVirtual(m, request.memory.address, Math.min(4096, request.memory.length)) } } : {}),
      breakpointNames: Object.fromEntries(m.listBreakpoints().map((a) => [a, m.symbolize(a) ?? ''])),
      eventBreak: { armed: this.events?.current() ?? null, last: this.events?.last ?? null },
    };
  }

  private noteCr3(cr3: number): void {
    const dir = (cr3 & 0xfffff000) >>> 0;
    if (this.cr3Seen[0] === dir) return;
    this.cr3Seen = [dir, ...this.cr3Seen.filter((c) => c !== dir)].slice(0, MAX_CR3);
  }

  /** Some lines before EIP when its function's start is near (decoding forward from there), then EIP onwards. */
  private aroundEip(m: Machine, eip: number, count: number): DisassembledLine[] {
    const found = m.lookupSymbol(eip);
    if (found && found.offset > 0 && found.offset <= LOOKBACK_BYTES) {
      const lead = disassemble(m, found.symbol.value, LOOKBACK_BYTES);
      const at = lead.findIndex((l) => l.address === eip);
      if (at >= 0) {
        const before = lead.slice(Math.max(0, at - LINES_BEFORE), at);
        return [...before, ...disassemble(m, eip, count - before.length)];
      }
    }
    return disassemble(m, eip, count);
  }

  pageTables(cr3: number | null, maxLeaves: number): PageTableView {
    const m = this.machine;
    if (!m) return { cr3: 0, paging: false, directories: [] };
    const paging = (m.cpu.cr0 & 0x80000000) !== 0;
    const root = ((cr3 ?? m.cpu.cr3) & 0xfffff000) >>> 0;
    const mem = m.memory;
    const directories: PageDirectoryView[] = [];
    if (root + 4096 > mem.size) return { cr3: root, paging, directories };
    const owner = this.processes()?.find((p) => p.cr3 !== 0 && ((p.cr3 & 0xfffff000) >>> 0) === root);
    const areas = (owner && this.kernel?.memoryAreas()?.get(owner.pid)) || [];
    for (let i = 0; i < 1024; i++) {
      const pde = mem.read32(root + i * 4) >>> 0;
      if (pde === 0) continue;
      const start = (i << 22) >>> 0;
      const present = (pde & P) !== 0;
      const large = present && (pde & PS) !== 0;
      const view: PageDirectoryView = {
        index: i, entry: pde, start, table: present && !large ? (pde & 0xfffff000) >>> 0 : -1, present, large,
        user: (pde & US) !== 0, writable: (pde & RW) !== 0, accessed: (pde & A) !== 0, leaves: [], truncated: false,
      };
      if (present && !large) this.leaves(view, pde, maxLeaves, areas);
      directories.push(view);
    }
    return { cr3: root, paging, directories };
  }

  /** The PTEs under one PDE, neighbours with consecutive frames and equal flags merged into runs. */
  private leaves(view: PageDirectoryView, pde: number, maxLeaves: number, areas: MemoryArea[]): void {
    const mem = this.machine!.memory;
    const table = view.table;
    if (table + 4096 > mem.size) return;
    let last: PageTableEntryView | null = null;
    for (let j = 0; j < 1024; j++) {
      const pte = mem.read32(table + j * 4) >>> 0;
      if (pte === 0) { last = null; continue; }
      const start = (view.start + (j << 12)) >>> 0;
      const present = (pte & P) !== 0;
      const flags = present
        ? { P: true, RW: (pde & pte & RW) !== 0, US: (pde & pte & US) !== 0, A: (pte & A) !== 0, D: (pte & D) !== 0, G: (pte & G) !== 0, PS: false }
        : { P: false, RW: false, US: false, A: false, D: false, G: false, PS: false };
      const frame = present ? (pte & 0xfffff000) >>> 0 : -1;
      const area = areaAt(areas, start);
      if (last && present && last.present && last.region === regionOf(start, area) && last.areaName === (area?.name ?? '') && last.start + last.size === start && last.frame + last.size === frame
        && last.flags.RW === flags.RW && last.flags.US === flags.US && last.flags.A === flags.A
        && last.flags.D === flags.D && last.flags.G === flags.G) {
        last.size += 4096;
        continue;
      }
      if (view.leaves.length >= maxLeaves) { view.truncated = true; return; }
      const swapSlot = !present && (pte & PTE_SWAP) !== 0 ? pte >>> 12 : null;
      last = { start, size: 4096, frame, flags, present, entry: pte, level: 'pte', region: regionOf(start, area), areaName: area?.name ?? '', swapSlot };
      view.leaves.push(last);
      if (!present) last = null;
    }
  }

  /** The CR3s to walk: every process's in `table`, those seen, the current one. */
  private spaces(m: Machine, table: ProcessInfo[]): number[] {
    const all = new Set<number>();
    for (const p of table) if (p.cr3) all.add((p.cr3 & 0xfffff000) >>> 0);
    for (const c of this.cr3Seen) all.add(c);
    if ((m.cpu.cr0 & 0x80000000) !== 0) all.add((m.cpu.cr3 & 0xfffff000) >>> 0);
    return [...all];
  }

  /** The kernel's process table (null for the demo or before the kernel publishes it). */
  processes(): ProcessInfo[] | null { return this.kernel?.processes() ?? null; }
  tcpConnections(): TcpConnections | null { return this.kernel?.tcpConnections() ?? null; }

  kernelLog(since: number): KernelLogChunk | null { return this.kernel?.log(since) ?? null; }

  /** The goroutine runtime of process `pid` (web/goro-table.ts), read through its page tables. */
  goroutines(pid: number): GoroView {
    const p = this.processes()?.find((row) => row.pid === pid);
    if (!this.machine || !p) return { pid, ok: false, reason: `pid ${pid} is not in the kernel's table` };
    return readGoroRuntime(this.machine, pid, p.cr3);
  }

  /** Trace events since `since` (the kernel's trace ring); null for the demo. */
  trace(since: number): TraceChunk | null { return this.kernel?.trace(since) ?? null; }

  /** The kernel's system call names by number; empty for the demo. */
  syscallNames(): string[] { return this.kernel?.syscallNames() ?? []; }

  frameMap(): FrameMap {
    const m = this.machine;
    if (!m) return { frames: 0, owners: new Uint8Array(0), walked: [], processes: [], cgroups: new Uint8Array(0), cgroupPaths: [] };
    const frames = Math.floor(m.memory.size / 4096);
    const owners = new Uint8Array(frames);
    const boot = m.boot;
    if (boot) for (let f = boot.kernelStart >>> 12; f < Math.min(frames, (boot.kernelEnd + 4095) >>> 12); f++) owners[f] = FRAME_KERNEL;
    const mem = m.memory;
    // Each process's private pages get its own owner code; a page two of them map is shared.
    const table = this.processes() ?? []; // read once: the walk below and the owner codes see the same table
    const processes = table.filter((p) => p.cr3 !== 0).slice(0, FRAME_MAX_PROCESSES);
    const spaces = [
      ...processes.map((p, i) => ({ cr3: (p.cr3 & 0xfffff000) >>> 0, owner: FRAME_PROCESS + i })),
      ...this.spaces(m, table).filter((c) => !processes.some((p) => ((p.cr3 & 0xfffff000) >>> 0) === c)).map((cr3) => ({ cr3, owner: FRAME_USER })),
    ];
    const markUser = (address: number, owner: number) => {
      const f = address >>> 12;
      if (f >= frames) return;
      const now = owners[f];
      if (now === FRAME_FREE) owners[f] = owner;
      else if (now >= FRAME_PROCESS && now !== owner && owner >= FRAME_PROCESS) owners[f] = FRAME_SHARED;
    };
    const markTable = (address: number) => { const f = address >>> 12; if (f < frames) owners[f] = FRAME_PAGE_TABLE; };
    for (const { cr3, owner } of spaces) {
      if (cr3 + 4096 > mem.size) continue;
      markTable(cr3);
      for (let i = 0; i < 1024; i++) {
        const pde = mem.read32(cr3 + i * 4);
        if ((pde & P) === 0 || (pde & PS) !== 0) continue;
        const table = (pde & 0xfffff000) >>> 0;
        markTable(table);
        if ((pde & US) === 0 || table + 4096 > mem.size) continue;
        for (let j = 0; j < 1024; j++) {
          const pte = mem.read32(table + j * 4);
          if ((pte & (P | US)) === (P | US)) markUser((pte & 0xfffff000) >>> 0, owner);
        }
      }
    }
    // The kernel's frame descriptors: file data is page cache even where a process maps it; kernel
    // allocations and page tables fill in frames no walk reached. A block of 2^order frames (a free
    // buddy block, or a kmalloc allocation with PG_HEAD; not a slab) is described by its head alone: the other frames'
    // flags are left over from earlier use and mean nothing.
    const flags = this.kernel?.pageFlags();
    if (flags) {
      const n = Math.min(frames, flags.length);
      for (let f = 0; f < n;) {
        const fl = flags[f];
        const run = blockFrames(fl);
        const owner = fl & PG_FREE ? -1 : fl & PG_CACHE ? FRAME_CACHE : fl & PG_PAGETABLE ? FRAME_PAGE_TABLE
          : fl & (PG_SLAB | PG_KERNEL) ? FRAME_KERNEL_ALLOC : -1;
        for (let k = f; k < Math.min(n, f + run); k++) {
          if (owner === FRAME_CACHE || (owner >= 0 && owners[k] === FRAME_FREE)) owners[k] = owner;
        }
        f += run;
      }
    }
    const cgroups = new Uint8Array(frames);
    const charged = this.kernel?.pageCgroups();
    if (charged) cgroups.set(charged.subarray(0, frames));
    const cgroupPaths = [...new Map(table.map((p) => [p.cgroupId, p.cgroup] as const)).entries()]
      .map(([id, path]) => ({ id, path })).sort((a, b) => a.id - b.id);
    return {
      frames, owners, walked: spaces.map((s) => s.cr3), processes: processes.map((p) => ({ pid: p.pid, command: p.command })), cgroups, cgroupPaths,
    };
  }

  frameInfo(frame: number): FrameInfo {
    const m = this.machine;
    const info: FrameInfo = { frame, owner: FRAME_FREE, mappedBy: [] };
    if (!m) return info;
    const map = this.frameMap();
    info.owner = map.owners[frame] ?? FRAME_FREE;
    const address = frame * 4096;
    const boot = m.boot;
    if (boot && address >= boot.kernelStart && address < boot.kernelEnd) info.mappedBy.push('loaded by the boot loader (kernel image, symbols, boot info)');
    const owners = new Map<number, string>();
    for (const p of this.processes() ?? []) if (p.cr3) owners.set((p.cr3 & 0xfffff000) >>> 0, `pid ${p.pid} (${p.command})`);
    for (const cr3 of map.walked) {
      const who = owners.get(cr3) ?? `cr3 0x${hex(cr3)}`;
      if ((cr3 & 0xfffff000) === address) info.mappedBy.push(`page directory of cr3 0x${hex(cr3)}`);
      for (let i = 0; i < 1024 && cr3 + 4096 <= m.memory.size; i++) {
        const pde = m.memory.read32(cr3 + i * 4);
        if ((pde & P) !== 0 && (pde & PS) === 0 && ((pde & 0xfffff000) >>> 0) === address) {
          info.mappedBy.push(`page table for 0x${hex(i << 22)}–0x${hex(((i + 1) << 22) - 1)} in cr3 0x${hex(cr3)}`);
        }
      }
      const walk = walkPageTables(m.memory, cr3, { maxMappings: 4096 });
      for (const mapping of walk.mappings) {
        if (!mapping.present || address < mapping.frame || address >= mapping.frame + mapping.size) continue;
        const virt = mapping.start + (address - mapping.frame);
        info.mappedBy.push(`${who} maps it at 0x${hex(virt)} (${mapping.flags.US ? 'user' : 'kernel'}, ${mapping.flags.RW ? 'rw' : 'ro'})`);
        if (info.mappedBy.length >= 6) return info;
      }
    }
    return info;
  }
}

function hex(n: number): string { return (n >>> 0).toString(16).padStart(8, '0'); }
