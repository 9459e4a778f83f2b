// The machine as a lesson sees it: the functions a check, a predict card or
// a `let` may call, reading the machine exactly as the debug pane does —
// the kernel's published tables (kdebug_procs, kdebug_mem, the log ring)
// through web/kernel-tables.ts, page tables by walking guest memory from a
// process's CR3 (emulator/inspect.ts), frame owners through the pane's
// Inspector. Pure TypeScript, so the page's worker can offer the same
// functions to its lessons pane.
//
// Invariants: nothing here writes guest memory or asks the kernel anything;
// a probe about a process or address that is not there returns none (null)
// rather than throwing; the kernel tables are read afresh on every call (a
// lesson step sees the machine as it is now, not as it was at the last step).
// The kernel refreshes its tables every 50 ms of emulated time (kdebugd), so
// a caller lets that much time pass after a command before it probes.

import type { Machine } from '../../emulator/machine.ts';
import { walkOne, walkPageTables } from '../../emulator/inspect.ts';
import { blockFrames, KernelTables } from '../../web/kernel-tables.ts';
import { limits, page_flags, pte_bits } from '../../web/gen/kdebug-layout.ts';
import type { MemoryStats, ProcessInfo } from '../../web/protocol.ts';
import { G_STATES, GORO_LAYOUT, readGoroRuntime, type GoroView } from '../../web/goro-table.ts';
import type { Functions, Value } from './expr.ts';

const PAGE = limits.PAGE_SIZE;
const USER_TOP = limits.KERNBASE;
/** The kernel's swap marker in a not-present PTE and its copy-on-write marker in a present one (kernel/kdebug.tbl). */
const { PTE_SWAP, PTE_COW } = pte_bits;
const P = 1;
const US = 4;
const PS = 0x80;

/** Counter names as /proc/vmstat and /proc/meminfo spell them → the kdebug_mem field. */
export const COUNTERS: Record<string, keyof MemoryStats> = {
  pgfault: 'pgfault', pgmajfault: 'pgmajfault', pswpin: 'pswpin', pswpout: 'pswpout', oom_kill: 'oomKill',
  nr_free_pages: 'freeFrames', total_frames: 'totalFrames', nr_file_pages: 'cachedPages',
  swap_total: 'swapTotalPages', swap_free: 'swapFreePages', context_switches: 'contextSwitches',
};

/** Every probe with its arguments, for the README and for checking lessons. */
export const PROBE_SIGNATURES: Record<string, string> = {
  pid: 'pid(NAME): the newest live process running NAME (the newest zombie if all are), or none',
  find: 'find(NAME, STATE): the newest process running NAME in that state, or none',
  count_state: 'count_state(STATE): how many processes are in that state',
  page_tables: 'page_tables(PID): user page tables (4 KiB each) its page directory points to',
  count: 'count(NAME): how many processes run NAME',
  exists: 'exists(PID): the process is in the kernel table (a zombie too)',
  state: 'state(PID): "running", "runnable", "sleeping", "stopped" or "zombie"',
  ppid: 'ppid(PID)', command: 'command(PID)', nice: 'nice(PID)',
  vpid: 'vpid(PID): its pid inside its own pid namespace (1 for a container\'s init; PID itself outside any)',
  pidns: 'pidns(PID): the inode number of its pid namespace (what /proc/PID/ns/pid shows)',
  utsns: 'utsns(PID): the inode number of its UTS namespace', mntns: 'mntns(PID): the inode number of its mount namespace',
  cpu: 'cpu(PID): CPU seconds (user + system) the kernel charged it, in timer ticks of 1/100 s',
  rss: 'rss(PID): resident pages (4 KiB) the kernel counts for it',
  swap: 'swap(PID): its pages in swap',
  children: 'children(PID): how many processes have it as parent',
  frame: 'frame(PID, ADDR): the physical frame number behind ADDR, or none when not present',
  present: 'present(PID, ADDR): ADDR is mapped to a frame now',
  writable: 'writable(PID, ADDR): present, user and writable',
  table: 'table(PID, ADDR): the frame of the page table its directory entry for ADDR points to, or none',
  cow: 'cow(PID, ADDR): present and marked copy-on-write (read-only until a write copies it)',
  in_swap: 'in_swap(PID, ADDR): not present, and the entry holds a swap slot',
  faults: 'faults(PID, ADDR, "read"|"write"): a user access there would page-fault now',
  user_pages: 'user_pages(PID): present user pages in its page tables',
  shared: 'shared(PID, PID): user frames mapped by both',
  mappers: 'mappers(FRAME): how many processes map that frame',
  counter: `counter(NAME): a kernel counter (${Object.keys(COUNTERS).join(', ')})`,
  log: 'log(REGEX): group 1 (or the match) of the last kernel log line matching, or none',
  log_count: 'log_count(REGEX): kernel log lines matching',
  free_blocks: 'free_blocks(ORDER): free buddy blocks of 2^ORDER frames, from the frame descriptors (as /proc/buddyinfo counts them)',
  free_in_blocks: 'free_in_blocks(ORDER): free frames in blocks of at least 2^ORDER frames',
  traps: 'traps(VECTOR): exceptions and software interrupts the CPU delivered on VECTOR since power-on (0x80 system calls, 14 page faults)',
  interrupts: 'interrupts(VECTOR): hardware interrupts delivered on VECTOR (32 + IRQ line: 32 the timer, 36 the UART, 46 the disk)',
  instructions: 'instructions(): instructions the CPU retired since power-on',
  tlb_hits: 'tlb_hits(): translations the MMU found in its TLB since power-on (the activity pane\'s counter)',
  tlb_misses: 'tlb_misses(): translations that needed a page-table walk',
  cc: 'cc(TEXT, FLAGS): what Hako\'s C compiler prints for the program TEXT (a file the guest printed) with FLAGS ("-fescape" or ""): its warnings and escape lines, or its error',
  goro: `goro(PID, WHAT): its goroutine runtime as the G/M/P pane reads it, or none without one; WHAT: gomaxprocs, ms, ` +
    `ms_syscall, ms_idle, global_runq, runq (all Ps' local queues), Gs in a state (${G_STATES.join(', ')}), stack_pages ` +
    `(resident stack pages of the listed Gs), or a counter (${GORO_LAYOUT.stats.join(', ')})`,
};

/** One number out of a G/M/P view (the goro probe); null for an unknown WHAT. */
export function goroValue(v: GoroView, what: string): number | null {
  if (!v.ok) return null;
  switch (what) {
    case 'gomaxprocs': return v.gomaxprocs!;
    case 'ms': return v.ms!.length;
    case 'ms_syscall': return v.ms!.filter((m) => m.state === 'syscall').length;
    case 'ms_idle': return v.ms!.filter((m) => m.state === 'idle').length;
    case 'global_runq': return v.globalRunq!;
    case 'runq': return v.ps!.reduce((n, p) => n + p.runq + (p.runnext !== null ? 1 : 0), 0);
    case 'stack_pages': return v.gs!.reduce((n, g) => n + g.residentPages, 0);
  }
  if ((G_STATES as readonly string[]).includes(what)) return v.gCounts![what as keyof typeof v.gCounts];
  if ((GORO_LAYOUT.stats as readonly string[]).includes(what)) return v.stats![what as keyof typeof v.stats];
  return null;
}

/** The `cc` lesson function (lessons/engine/cc-probe.ts), loaded by whoever hosts the lesson. */
export type CcFunction = (text: Value, flags: Value) => Value;

export class MachineView {
  readonly tables: KernelTables;
  /** Set by the host: the headless host at once, the page's worker when a lesson calls cc. */
  cc: CcFunction | null = null;

  /** Strict tables: a probe never answers from an older read (see KernelTables). */
  constructor(private readonly m: Machine) { this.tables = new KernelTables(m, false); }

  processes(): ProcessInfo[] { return this.tables.processes() ?? []; }

  process(pid: Value): ProcessInfo | null {
    return typeof pid === 'number' ? this.processes().find((p) => p.pid === pid) ?? null : null;
  }

  private cr3(pid: Value): number | null {
    const p = this.process(pid);
    return p && p.cr3 ? (p.cr3 & 0xfffff000) >>> 0 : null;
  }

  /** The leaf entry for an address (0 when the directory or table has none), or null without an address space. */
  private entry(pid: Value, address: Value): { pte: number; present: boolean; writable: boolean; user: boolean; physical: number } | null {
    const cr3 = this.cr3(pid);
    if (cr3 === null || typeof address !== 'number' || address < 0 || address > 0xffffffff) return null;
    const t = walkOne(this.m.memory, address, cr3);
    const pte = t.pte === -1 ? 0 : t.pte >>> 0;
    return { pte, present: t.physical >= 0, writable: t.writable, user: t.user, physical: t.physical };
  }

  /** The frames behind every present user page of a process. */
  userFrames(pid: Value): Set<number> {
    const cr3 = this.cr3(pid);
    const frames = new Set<number>();
    if (cr3 === null) return frames;
    for (const m of walkPageTables(this.m.memory, cr3).mappings) {
      if (!m.present || !m.flags.US || m.start >= USER_TOP) continue;
      for (let off = 0; off < m.size; off += PAGE) frames.add((m.frame + off) / PAGE);
    }
    return frames;
  }

  memory(): MemoryStats | null { return this.tables.memory(); }

  /** Free buddy blocks by order (index 0–10), from the frame descriptors' PG_FREE heads; null before the kernel has them. */
  freeBlocks(): number[] | null {
    const flags = this.tables.pageFlags();
    if (!flags) return null;
    const blocks = new Array<number>(11).fill(0);
    for (let f = 0; f < flags.length;) {
      const fl = flags[f];
      const order = Math.min(10, (fl >>> 16) & 0xff);
      if (fl & page_flags.PG_FREE) blocks[order]++;
      f += blockFrames(fl);
    }
    return blocks;
  }

  logLines(): string[] { return this.tables.log(0)?.lines ?? []; }

  functions(): Functions {
    const num = (v: Value): number | null => (typeof v === 'number' ? v : null);
    return {
      pid: (name) => {
        // A zombie has no address space left: a link or probe on "the shell" must not land on a
        // subshell that exited a moment ago (newer, not yet reaped). Zombies only when nothing else runs NAME.
        const found = this.processes().filter((p) => p.command === name);
        const live = found.filter((p) => p.state !== 'zombie');
        const pick = live.length ? live : found;
        return pick.length ? Math.max(...pick.map((p) => p.pid)) : null;
      },
      find: (name, state) => {
        const found = this.processes().filter((p) => p.command === name && p.state === state);
        return found.length ? Math.max(...found.map((p) => p.pid)) : null;
      },
      count_state: (state) => this.processes().filter((p) => p.state === state).length,
      page_tables: (pid) => {
        const cr3 = this.cr3(pid);
        if (cr3 === null) return null;
        let n = 0;
        for (let i = 0; i < USER_TOP >>> 22; i++) {
          const pde = this.m.memory.read32(cr3 + i * 4);
          if ((pde & (P | US)) === (P | US)) n++;
        }
        return n;
      },
      count: (name) => this.processes().filter((p) => p.command === name).length,
      exists: (pid) => this.process(pid) !== null,
      state: (pid) => this.process(pid)?.state ?? null,
      ppid: (pid) => this.process(pid)?.ppid ?? null,
      command: (pid) => this.process(pid)?.command ?? null,
      nice: (pid) => this.process(pid)?.nice ?? null,
      vpid: (pid) => this.process(pid)?.namespaces.vpid ?? null,
      pidns: (pid) => this.process(pid)?.namespaces.pid ?? null,
      utsns: (pid) => this.process(pid)?.namespaces.uts ?? null,
      mntns: (pid) => this.process(pid)?.namespaces.mnt ?? null,
      cpu: (pid) => this.process(pid)?.cpuSeconds ?? null,
      threads: (pid) => this.process(pid)?.threads ?? null,
      rss: (pid) => { const p = this.process(pid); return p ? p.rssKiB / 4 : null; },
      swap: (pid) => { const p = this.process(pid); return p ? p.swapKiB / (PAGE / 1024) : null; },
      children: (pid) => this.processes().filter((p) => p.ppid === pid).length,
      frame: (pid, address) => {
        const e = this.entry(pid, address);
        return e && e.present ? Math.floor(e.physical / PAGE) : null;
      },
      present: (pid, address) => { const e = this.entry(pid, address); return e ? e.present : null; },
      writable: (pid, address) => { const e = this.entry(pid, address); return e ? e.present && e.user && e.writable : null; },
      table: (pid, address) => {
        const cr3 = this.cr3(pid);
        if (cr3 === null || typeof address !== 'number' || address < 0 || address > 0xffffffff) return null;
        const pde = this.m.memory.read32(cr3 + (address >>> 22) * 4);
        return (pde & P) !== 0 && (pde & PS) === 0 ? Math.floor((pde >>> 0) / PAGE) : null;
      },
      cow: (pid, address) => {
        const e = this.entry(pid, address);
        return e ? e.present && (e.pte & PTE_COW) !== 0 : null;
      },
      in_swap: (pid, address) => {
        const e = this.entry(pid, address);
        return e ? !e.present && (e.pte & P) === 0 && (e.pte & PTE_SWAP) !== 0 : null;
      },
      faults: (pid, address, access) => {
        const e = this.entry(pid, address);
        if (!e) return null;
        if (access !== 'read' && access !== 'write') return null;
        return !e.present || !e.user || (access === 'write' && !e.writable);
      },
      user_pages: (pid) => (this.cr3(pid) === null ? null : this.userFrames(pid).size),
      shared: (a, b) => {
        if (this.cr3(a) === null || this.cr3(b) === null) return null;
        const fb = this.userFrames(b);
        let n = 0;
        for (const f of this.userFrames(a)) if (fb.has(f)) n++;
        return n;
      },
      mappers: (frame) => {
        const f = num(frame);
        if (f === null) return null;
        return this.processes().filter((p) => p.cr3 && this.userFrames(p.pid).has(f)).length;
      },
      counter: (name) => {
        const field = COUNTERS[String(name)];
        if (!field) return null;
        return this.memory()?.[field] ?? null;
      },
      log: (re) => {
        const r = new RegExp(String(re));
        const lines = this.logLines();
        for (let i = lines.length - 1; i >= 0; i--) {
          const m = r.exec(lines[i]);
          if (m) { const v = m[1] ?? m[0]; return /^\d+$/.test(v) ? Number(v) : v; }
        }
        return null;
      },
      free_blocks: (order) => (typeof order === 'number' ? this.freeBlocks()?.[order] ?? 0 : null),
      free_in_blocks: (order) => {
        const blocks = this.freeBlocks();
        if (!blocks || typeof order !== 'number') return null;
        return blocks.reduce((sum, n, k) => (k >= order ? sum + n * (1 << k) : sum), 0);
      },
      traps: (vector) => (typeof vector === 'number' ? this.m.cpu.counters.exceptions[vector & 255] ?? null : null),
      interrupts: (vector) => (typeof vector === 'number' ? this.m.cpu.counters.irqs[vector & 255] ?? null : null),
      instructions: () => this.m.cpu.instret,
      tlb_hits: () => this.m.cpu.counters.tlbHits,
      tlb_misses: () => this.m.cpu.counters.tlbMisses,
      cc: (text, flags) => (this.cc ? this.cc(text, flags) : null),
      goro: (pid, what) => {
        const p = this.process(pid);
        if (!p || !p.cr3) return null;
        return goroValue(readGoroRuntime(this.m, p.pid, p.cr3), String(what));
      },
      log_count: (re) => { const r = new RegExp(String(re)); return this.logLines().filter((l) => r.test(l)).length; },
    };
  }
}
