// Event breakpoints: pause the machine at the next kernel event of a kind —
// a page fault (optionally of one process, or in an address range), fork,
// exec, exit, a signal, an OOM kill, a swap-out, a context switch, or system
// call N — and say why it stopped.
//
// Mechanism (host side only; the kernel is not changed and pays nothing
// while no event breakpoint is set): arming one
//   - switches the kernel's trace ring on (trace_buf.enabled, written while
//     the machine is paused, as `echo 1 > /dev/trace` would; disarming puts
//     back what was there), so the tracepoints record;
//   - sets CPU breakpoints on every `ret` of trace_emit, where the event
//     just written is the newest in the ring (head - 1), and, for faults, on
//     the entry of trace_fault_classify, which the kernel calls before it
//     handles a user fault: the PDE and PTE there are the ones that caused it;
//   - installs Machine.breakFilter, so a hit whose event does not match is
//     resumed inside the same run() call (no trip through the runner).
// So the guest pays the tracepoints' cost only while one is armed, and the
// host a stack or ring read per event. A match leaves the machine stopped
// at trace_emit's `ret` (faults: after the kernel handled the fault, with
// the PTE before and after) and `last` says what it was. An event
// breakpoint is one-shot: it disarms itself when it fires.
//
// Invariants: the breakpoints this module sets are only those it added
// (a user breakpoint at the same address is left alone and still stops);
// nothing here runs unless a breakpoint hit calls the filter.

import type { Machine } from '../emulator/machine.ts';
import { disassemble, walkOne, type Translation } from '../emulator/inspect.ts';
import { KernelTables } from './kernel-tables.ts';
import {
  fault_result_names, kdebug_limits, kdebug_trace, kdebug_trace_event, readKdebugTraceEvent, trace_kind, trace_kind_names,
  type KdebugTraceEvent,
} from './gen/kdebug-layout.ts';

/** The PTE of a walk, or null when there is no page table (PDE not present, or a 4 MiB page). */
function pteOf(t: Translation): number | null {
  return (t.pde & 1) === 0 || t.large ? null : t.pte >>> 0;
}
const EVENTS = kdebug_limits.TRACE_RING_EVENTS;

/** What an event breakpoint waits for (trace kinds by their kdebug.tbl display names, plus `syscall`). */
export type EventBreakKind = 'fault' | 'fork' | 'exec' | 'exit' | 'signal' | 'deliver' | 'oom_kill' | 'swap_out' | 'switch' | 'syscall';

export const EVENT_BREAK_KINDS: readonly EventBreakKind[] = [
  'fault', 'fork', 'exec', 'exit', 'signal', 'deliver', 'oom_kill', 'swap_out', 'switch', 'syscall',
];

export interface EventBreakSpec {
  kind: EventBreakKind;
  /** Only events of this process (the event's pid: the one current when it happened). */
  pid?: number;
  /** Faults only: the faulting address in [from, to). */
  from?: number;
  to?: number;
  /** `syscall`: the system call number (entry). */
  syscall?: number;
}

/** A page-fault error code, decoded (x86: P, W/R, U/S, RSVD, I/D; this CPU sets only the first three). */
export interface FaultErrorBits {
  present: boolean; write: boolean; user: boolean; reserved: boolean; fetch: boolean;
}

export interface FaultWhy {
  address: number;
  error: number;
  bits: FaultErrorBits;
  /** eip of the faulting instruction. */
  eip: number;
  /** The kernel's verdict (fault_result: minor, major, cow, swap_in, sigsegv, sigbus). */
  result: string;
  /** The page directory it faulted under, and its PDE and PTE before the kernel handled it (pte null: no table). */
  cr3: number;
  pdeBefore: number;
  pteBefore: number | null;
  /** And after the kernel's handler ran. */
  pdeAfter: number;
  pteAfter: number | null;
}

export interface EventStop {
  spec: EventBreakSpec;
  event: KdebugTraceEvent;
  kind: string;
  /** Set for a fault. */
  fault?: FaultWhy;
}

const KIND_OF: Record<EventBreakKind, number> = {
  fault: trace_kind.TR_FAULT, fork: trace_kind.TR_FORK, exec: trace_kind.TR_EXEC, exit: trace_kind.TR_EXIT,
  signal: trace_kind.TR_SIGNAL, deliver: trace_kind.TR_DELIVER, oom_kill: trace_kind.TR_OOM_KILL,
  swap_out: trace_kind.TR_SWAP_OUT, switch: trace_kind.TR_SWITCH, syscall: trace_kind.TR_SYS_ENTER,
};

/** Decode a #PF error code. */
export function decodeFaultError(error: number): FaultErrorBits {
  return { present: (error & 1) !== 0, write: (error & 2) !== 0, user: (error & 4) !== 0, reserved: (error & 8) !== 0, fetch: (error & 16) !== 0 };
}

/** "present, write, user" style words for an error code (not-present / read / kernel when clear). */
export function describeFaultError(error: number): string {
  const b = decodeFaultError(error);
  const words = [b.present ? 'protection (P=1)' : 'not present (P=0)', b.write ? 'write (W=1)' : 'read (W=0)', b.user ? 'user (U=1)' : 'kernel (U=0)'];
  if (b.reserved) words.push('reserved bit (RSVD=1)');
  if (b.fetch) words.push('instruction fetch (I/D=1)');
  return words.join(', ');
}

/** A spec checked: an error message, or null when it can be armed. */
export function specProblem(spec: EventBreakSpec): string | null {
  if (!EVENT_BREAK_KINDS.includes(spec.kind)) return `no event kind "${String(spec.kind)}" (one of ${EVENT_BREAK_KINDS.join(', ')})`;
  if (spec.kind === 'syscall' && (spec.syscall === undefined || !Number.isInteger(spec.syscall) || spec.syscall < 0)) return 'a system call breakpoint needs its number';
  if (spec.pid !== undefined && (!Number.isInteger(spec.pid) || spec.pid < 0)) return `bad pid ${spec.pid}`;
  if ((spec.from !== undefined || spec.to !== undefined) && spec.kind !== 'fault') return 'an address range only applies to page faults';
  if (spec.from !== undefined && spec.to !== undefined && (spec.to >>> 0) <= (spec.from >>> 0)) return 'the address range is empty';
  return null;
}

export class EventBreaks {
  private readonly tables: KernelTables;
  private armed: EventBreakSpec | null = null;
  /** Breakpoints this module added (not the user's), by address. */
  private readonly added = new Set<number>();
  private emitReturns: number[] = [];
  private classifyAt = -1;
  /** trace_buf.enabled before arming, put back when disarmed. */
  private tracingBefore = 0;
  /** The PDE/PTE seen at trace_fault_classify, for the TR_FAULT event that follows. */
  private pendingFault: { address: number; cr3: number; pde: number; pte: number | null } | null = null;
  /** The last event breakpoint that fired (cleared by arm). */
  last: EventStop | null = null;

  constructor(private readonly m: Machine) {
    this.tables = new KernelTables(m);
  }

  current(): EventBreakSpec | null { return this.armed; }

  /** Arm (replacing any armed one). Call while the machine is paused. Returns an error message or null. */
  arm(spec: EventBreakSpec): string | null {
    const problem = specProblem(spec);
    if (problem) return problem;
    const ring = this.tables.traceRingAt();
    const emit = this.m.symbols.byName('trace_emit');
    const classify = this.m.symbols.byName('trace_fault_classify');
    if (ring === null || !emit || !classify) return 'this kernel has no trace ring to break on';
    const returns = this.returnsOf(emit.value, emit.size);
    if (returns.length === 0) return 'trace_emit has no ret the debugger can find';
    this.disarm();
    this.armed = { ...spec };
    this.last = null;
    this.tracingBefore = this.m.memory.read32(ring + kdebug_trace.offsets.enabled);
    this.m.memory.write32(ring + kdebug_trace.offsets.enabled, 1);
    this.emitReturns = returns;
    for (const a of returns) this.addOwn(a);
    if (spec.kind === 'fault') { this.classifyAt = classify.value >>> 0; this.addOwn(this.classifyAt); }
    this.m.breakFilter = (eip) => this.filter(eip);
    return null;
  }

  /** Take the breakpoints away and put tracing back as it was. */
  disarm(): void {
    if (!this.armed) return;
    for (const a of this.added) this.m.removeBreakpoint(a);
    this.added.clear();
    this.emitReturns = [];
    this.classifyAt = -1;
    this.pendingFault = null;
    const ring = this.tables.traceRingAt();
    if (ring !== null) this.m.memory.write32(ring + kdebug_trace.offsets.enabled, this.tracingBefore);
    this.m.breakFilter = null;
    this.armed = null;
  }

  private addOwn(address: number): void {
    if (this.m.listBreakpoints().includes(address)) return; // the user's: it stops anyway, and stays
    this.m.addBreakpoint(address);
    this.added.add(address);
  }

  /** Addresses of the `ret` instructions of the function at `start` (size bytes; scanned to the first ret without a size). */
  private returnsOf(start: number, size: number): number[] {
    const lines = disassemble(this.m, start, size > 0 ? size : 256);
    const out: number[] = [];
    for (const l of lines) {
      if (size > 0 && l.address >= start + size) break;
      if (/^ret\b/.test(l.text)) { out.push(l.address); if (size <= 0) break; }
    }
    return out;
  }

  /** Machine.breakFilter: true stops the machine. */
  private filter(eip: number): boolean {
    const spec = this.armed;
    const at = eip >>> 0;
    const own = this.added.has(at);
    if (!spec) return true;
    if (at === this.classifyAt) { this.noteFault(); return !own; }
    if (!this.emitReturns.includes(at)) return true;
    const event = this.newest();
    if (event && this.matches(spec, event)) {
      this.last = { spec, event, kind: trace_kind_names[event.kind] ?? String(event.kind), ...(spec.kind === 'fault' ? { fault: this.faultWhy(event) } : {}) };
      this.disarm();
      return true;
    }
    if (event?.kind === trace_kind.TR_FAULT) this.pendingFault = null;
    return !own;
  }

  /** At trace_fault_classify(mm, addr, err): remember the entries as the fault found them. */
  private noteFault(): void {
    const cpu = this.m.cpu;
    const esp = cpu.reg[4] >>> 0;
    const address = this.readVirtual(esp + 8);
    if (address === null) { this.pendingFault = null; return; }
    const cr3 = (cpu.cr3 & 0xfffff000) >>> 0;
    const t = walkOne(this.m.memory, address, cr3);
    this.pendingFault = { address, cr3, pde: t.pde >>> 0, pte: pteOf(t) };
  }

  private faultWhy(e: KdebugTraceEvent): FaultWhy {
    const [address, error, result, eip] = e.args;
    const before = this.pendingFault && this.pendingFault.address === address >>> 0 ? this.pendingFault : null;
    const cr3 = before?.cr3 ?? ((this.m.cpu.cr3 & 0xfffff000) >>> 0);
    const now = walkOne(this.m.memory, address, cr3);
    const pdeAfter = now.pde >>> 0;
    const pteAfter = pteOf(now);
    return {
      address: address >>> 0, error, bits: decodeFaultError(error), eip: eip >>> 0, result: fault_result_names[result] ?? String(result),
      cr3, pdeBefore: before?.pde ?? pdeAfter, pteBefore: before ? before.pte : pteAfter, pdeAfter, pteAfter,
    };
  }

  private matches(spec: EventBreakSpec, e: KdebugTraceEvent): boolean {
    if (e.kind !== KIND_OF[spec.kind]) return false;
    if (spec.pid !== undefined && e.pid !== spec.pid) return false;
    if (spec.kind === 'syscall' && e.args[0] !== spec.syscall) return false;
    if (spec.kind === 'fault') {
      const a = e.args[0] >>> 0;
      if (spec.from !== undefined && a < (spec.from >>> 0)) return false;
      if (spec.to !== undefined && a >= (spec.to >>> 0)) return false;
    }
    return true;
  }

  /** The event trace_emit just wrote: the ring's newest (its seq checked). */
  private newest(): KdebugTraceEvent | null {
    const ring = this.tables.traceRingAt();
    if (ring === null) return null;
    const head = this.m.memory.read32(ring + kdebug_trace.offsets.head) >>> 0;
    if (head === 0) return null;
    const seq = (head - 1) >>> 0;
    const e = readKdebugTraceEvent(this.m.memory, ring + kdebug_trace.offsets.events + (seq % EVENTS) * kdebug_trace_event.size);
    return e.seq >>> 0 === seq ? e : null;
  }

  /** A u32 at a virtual address of the current address space (the kernel's stack), or null. */
  private readVirtual(address: number): number | null {
    const phys = this.m.cpu.translate(address >>> 0);
    if (phys < 0 || phys + 4 > this.m.memory.size) return null;
    return this.m.memory.read32(phys) >>> 0;
  }
}
