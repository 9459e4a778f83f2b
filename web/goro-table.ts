// The G/M/P pane's reader (worker side): what a process's goroutine runtime
// publishes (libc's goro_debug table, docs/abi.md "G/M/P runtime table"),
// read from guest RAM through that process's own page tables, as a
// debugger without the program's symbols would. The worker has no ELF of
// guest programs (the page never parses the disk), so the table is found
// through the locator page the runtime maps at a fixed address: magic
// "GMPL", then the table's address.
//
// Invariants: nothing here writes guest memory or throws on any bytes. Every
// virtual read goes through the process's page directory and fails (null)
// when the page is not present; every count and chain is bounded, so a
// garbled or half-written table gives "no runtime" or a short list, never a
// hang. The runtime updates its queues without a reader's lock: a view is a
// snapshot, consistent only as far as the guest was between two writes.

import type { Machine } from '../emulator/machine.ts';
import { walkOne } from '../emulator/inspect.ts';

export const GORO_LOCATOR_ADDR = 0x3ffff000;
export const GORO_LOCATOR_MAGIC = 0x4c504d47; // "GMPL"
export const GORO_DEBUG_MAGIC = 0x31504d47; // "GMP1"

/** Offsets of the runtime's structures (docs/abi.md; userland/lib/sys/hako/goro_impl.h). */
export const GORO_LAYOUT = {
  table: { magic: 0, gomaxprocs: 4, procs: 8, sizeofP: 12, allg: 16, stats: 20, globalRunq: 24, idleM: 28, allm: 32, stackSize: 36, guardSize: 40, size: 44 },
  p: { id: 0, runnext: 4, runq: 8, head: 1032, tail: 1036, schedtick: 1040, status: 1048, m: 1052, syscalltick: 1056, size: 1068 },
  g: { id: 0, status: 4, alllink: 8, esp: 28, stack: 36, stackPages: 60 },
  m: { id: 0, tid: 4, curg: 32, p: 36, link: 48, alllink: 68, insyscall: 72 },
  stats: ['gomaxprocs', 'threads', 'goroutinesMade', 'goroutinesLive', 'steals', 'handoffs', 'preemptions', 'globalTakes', 'switches', 'syscalls'] as const,
} as const;

export const G_STATES = ['runnable', 'running', 'waiting', 'dead', 'syscall'] as const;
export type GState = (typeof G_STATES)[number] | 'unknown';
export const P_STATES = ['idle', 'running', 'syscall'] as const;

const MAX_PROCS = 64;
const MAX_MS = 256;
/** Gs walked on the all-Gs chain at most (the demo makes 10,000). */
export const MAX_GS = 20000;
/** Gs described one by one (the rest only counted). */
export const MAX_LISTED_GS = 64;

export interface GoroP { id: number; status: string; runq: number; runnext: number | null; m: number | null }
export interface GoroM { id: number; tid: number; state: 'running' | 'idle' | 'syscall' | 'spinning'; g: number | null; p: number | null }
export interface GoroG {
  id: number;
  state: GState;
  /** Resident pages of its stack, counted in the page tables now. */
  residentPages: number;
  /** Bytes between its saved esp and its stack's top (0 while it runs: its esp is in the CPU). */
  inUseBytes: number;
}
export type GoroStats = Record<(typeof GORO_LAYOUT.stats)[number], number>;

export interface GoroView {
  pid: number;
  /** False: `reason` says why there is nothing to show. */
  ok: boolean;
  reason?: string;
  gomaxprocs?: number;
  ps?: GoroP[];
  ms?: GoroM[];
  /** Gs on the chain by state (every G struct: dead ones wait for reuse). */
  gCounts?: Record<GState, number>;
  /** The first MAX_LISTED_GS Gs that are not dead. */
  gs?: GoroG[];
  gsTruncated?: boolean;
  globalRunq?: number;
  stats?: GoroStats;
  stackSize?: number;
}

export const NO_RUNTIME = 'no Go-style runtime in this process';

/** Reads 32-bit words of one process's memory through its page directory. */
class UserMemory {
  constructor(private readonly m: Machine, private readonly cr3: number) {}

  word(virt: number): number | null {
    const v = virt >>> 0;
    if (v % 4 !== 0 || v >= 0xc0000000) return null;
    const t = walkOne(this.m.memory, v, this.cr3);
    if (t.physical < 0 || !t.user || t.physical + 4 > this.m.memory.size) return null;
    return this.m.memory.read32(t.physical) >>> 0;
  }

  present(virt: number): boolean {
    const t = walkOne(this.m.memory, virt >>> 0, this.cr3);
    return t.physical >= 0 && t.user;
  }
}

function stateName(status: number | null): GState {
  return status !== null && status < G_STATES.length ? G_STATES[status] : 'unknown';
}

/** The G/M/P view of process `pid` whose page directory is `cr3`. */
export function readGoroRuntime(m: Machine, pid: number, cr3: number): GoroView {
  const none = (reason = NO_RUNTIME): GoroView => ({ pid, ok: false, reason });
  if (!cr3) return none('a kernel thread has no user memory');
  if (((cr3 & 0xfffff000) >>> 0) + 4096 > m.memory.size) return none('its page directory is outside RAM');
  const mem = new UserMemory(m, (cr3 & 0xfffff000) >>> 0);
  if (mem.word(GORO_LOCATOR_ADDR) !== GORO_LOCATOR_MAGIC) return none();
  const at = mem.word(GORO_LOCATOR_ADDR + 4);
  const T = GORO_LAYOUT.table;
  const w = (base: number | null, off: number): number | null => (base === null ? null : mem.word(base + off));
  if (at === null || w(at, T.magic) !== GORO_DEBUG_MAGIC) return none();
  const gomaxprocs = w(at, T.gomaxprocs), procs = w(at, T.procs), sizeofP = w(at, T.sizeofP);
  if (gomaxprocs === null || gomaxprocs < 1 || gomaxprocs > MAX_PROCS || procs === null || sizeofP === null || sizeofP < GORO_LAYOUT.p.size || sizeofP > 4096) {
    return none('the runtime table is not one this page can read');
  }

  // Ms first: Ps and Gs are shown by their M's id.
  const M = GORO_LAYOUT.m;
  const idle = new Set<number>();
  for (let a = w(w(at, T.idleM), 0), n = 0; a && n < MAX_MS; a = w(a, M.link), n++) idle.add(a);
  const mIds = new Map<number, number>();
  const ms: GoroM[] = [];
  const gAtM: { m: number; g: number | null; p: number | null }[] = [];
  for (let a = w(w(at, T.allm), 0), n = 0; a && n < MAX_MS; a = w(a, M.alllink), n++) {
    const id = w(a, M.id) ?? -1;
    mIds.set(a, id);
    const curg = w(a, M.curg), p = w(a, M.p);
    const state = w(a, M.insyscall) ? 'syscall' : idle.has(a) ? 'idle' : curg ? 'running' : 'spinning';
    ms.push({ id, tid: w(a, M.tid) ?? 0, state, g: null, p: null });
    gAtM.push({ m: a, g: curg || null, p: p || null });
  }

  const G = GORO_LAYOUT.g;
  const gId = (g: number | null): number | null => (g ? w(g, G.id) : null);
  const P = GORO_LAYOUT.p;
  const ps: GoroP[] = [];
  const pIds = new Map<number, number>();
  for (let i = 0; i < gomaxprocs; i++) {
    const base = (procs + i * sizeofP) >>> 0;
    const id = w(base, P.id), head = w(base, P.head), tail = w(base, P.tail), status = w(base, P.status);
    if (id === null || head === null || tail === null || status === null) return none('the runtime table is not one this page can read');
    pIds.set(base, id);
    const owner = w(base, P.m);
    const runq = (tail - head) >>> 0;
    ps.push({
      id, status: P_STATES[status] ?? 'unknown', runq: runq <= 256 ? runq : 0, runnext: gId(w(base, P.runnext)),
      m: owner ? mIds.get(owner) ?? null : null,
    });
  }
  gAtM.forEach((x, i) => { ms[i].g = gId(x.g); ms[i].p = x.p !== null ? pIds.get(x.p) ?? null : null; });
  // An M that has handed its P over keeps a stale pointer while it sleeps: the P's own word decides.
  for (const mm of ms) if (mm.p !== null && ps.find((x) => x.id === mm.p)?.m !== mm.id) mm.p = null;

  const gCounts = Object.fromEntries([...G_STATES, 'unknown'].map((s) => [s, 0])) as Record<GState, number>;
  const gs: GoroG[] = [];
  const stackSize = w(at, T.stackSize) ?? 0;
  const pages = Math.min(Math.floor(stackSize / 4096), 1024);
  let truncated = false;
  for (let a = w(w(at, T.allg), 0), n = 0; a; a = w(a, G.alllink), n++) {
    if (n >= MAX_GS) { truncated = true; break; }
    const state = stateName(w(a, G.status));
    gCounts[state]++;
    if (state === 'dead') continue;
    if (gs.length >= MAX_LISTED_GS) { truncated = true; continue; }
    const base = w(a, G.stack) ?? 0;
    let resident = 0;
    for (let k = 0; k < pages; k++) if (mem.present(base + k * 4096)) resident++;
    const esp = w(a, G.esp) ?? 0;
    const top = base + stackSize;
    gs.push({ id: w(a, G.id) ?? 0, state, residentPages: resident, inUseBytes: state !== 'running' && esp > base && esp <= top ? top - esp : 0 });
  }

  const statsAt = w(at, T.stats);
  const stats = Object.fromEntries(GORO_LAYOUT.stats.map((k, i) => [k, w(statsAt, i * 4) ?? 0])) as GoroStats;
  return {
    pid, ok: true, gomaxprocs, ps, ms, gCounts, gs, gsTruncated: truncated, globalRunq: w(w(at, T.globalRunq), 0) ?? 0, stats, stackSize,
  };
}
