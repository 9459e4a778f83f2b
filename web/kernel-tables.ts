// What the worker reads from the kernel's own memory, the way a debugger
// with the kernel's symbols would: it finds `kdebug_root` and from there the
// process table, every process's memory areas, the memory counters, the
// trace ring, the printk ring, the frame descriptors and the TCP
// connections. Every offset, size,
// magic and constant comes from web/gen/kdebug-layout.ts, generated from
// kernel/kdebug.tbl (docs/kernel.md "The debugger ABI"); nothing here is
// written down by hand. The kernel is never asked anything and nothing here
// writes guest memory.
//
// Invariants: every read is bounds-checked against RAM and returns null (or
// an empty result) when the root is missing, has another layout version, a
// table's magic is wrong or the table was being rewritten twice in a row
// (odd or changed generation), so the demo, a half-booted kernel or an
// image of another layout never makes the worker throw. The root's address
// is looked up once per machine.

import type { Machine } from '../emulator/machine.ts';
import {
  KDEBUG_LAYOUT_VERSION, kdebug_limits, kdebug_mem, kdebug_proc_table, kdebug_root, kdebug_thread_table, kdebug_trace, kdebug_trace_event,
  kdebug_tcp_table, kdebug_vma_table, limits, page, page_flags, proc_state_names, readKdebugMem, readKdebugRoot, readKdebugTraceEvent,
  tcp_state_names, vma_kind_names, type GuestMemory, type KdebugRoot, type KdebugTraceEvent,
} from './gen/kdebug-layout.ts';
import type { KernelLogChunk, MemoryArea, MemoryStats, ProcessInfo, TcpConnection, TcpConnections, ThreadInfo, TraceChunk } from './protocol.ts';

const { KERNBASE, HZ, LOG_BUF_SIZE, PAGE_SIZE } = limits;
const { PG_FREE, PG_HEAD, PG_SLAB } = page_flags;
const EVENTS = kdebug_limits.TRACE_RING_EVENTS;

/**
 * How many frames the descriptor `flags` (as pageFlags gives them) speaks for:
 * 2^order at the head of a free buddy block or of a multi-frame allocation
 * (kmalloc large), 1 otherwise. A multi-frame slab's head has PG_HEAD too, but
 * its `private` counts the objects in use, not an order, and each of its frames
 * carries PG_SLAB itself (kernel/include/mm.h), so it speaks for one frame.
 */
export function blockFrames(flags: number): number {
  const order = Math.min(10, (flags >>> 16) & 0xff);
  return flags & PG_FREE || (flags & PG_HEAD && !(flags & PG_SLAB)) ? 1 << order : 1;
}

/** "a.b.c.d:port" from an address and port in host order. */
export function endpoint(addr: number, port: number): string {
  return `${addr >>> 24}.${(addr >>> 16) & 0xff}.${(addr >>> 8) & 0xff}.${addr & 0xff}:${port & 0xffff}`;
}

/** What a table of rows' generated layout gives (web/gen/kdebug-layout.ts `rows`). */
interface RowTable<Row> {
  size: number;
  magic: number;
  offsets: { count: number; generation: number };
  rows: { at: number; max: number; stride: number; read(mem: GuestMemory, at: number): Row };
}

export class KernelTables {
  private rootAt: number | null | undefined;
  private syscallNameList: string[] | null = null;

  /**
   * `keepLastGood` (the panes): a torn table gives the last consistent read.
   * Without it (the lesson probes) a torn table is null, so the caller lets
   * the machine run on and asks again: a lesson's `let` must never bind an
   * answer read seconds earlier (a process started since would be missing).
   */
  constructor(private readonly m: Machine, private readonly keepLastGood = true) {}

  /** Physical address of a kernel virtual address, or null outside RAM (with `bytes` after it). */
  private phys(virt: number, bytes: number): number | null {
    const p = (virt >>> 0) - KERNBASE;
    return virt >>> 0 >= KERNBASE && p + bytes <= this.m.memory.size ? p : null;
  }

  /** The root, when the image publishes one of this layout version; else null (the demo, another build). */
  root(): KdebugRoot | null {
    if (this.rootAt === undefined) {
      const sym = this.m.symbols.byName('kdebug_root');
      this.rootAt = sym ? this.phys(sym.value, kdebug_root.size) : null;
    }
    if (this.rootAt === null) return null;
    const root = readKdebugRoot(this.m.memory, this.rootAt);
    return root.magic === kdebug_root.magic && root.version === KDEBUG_LAYOUT_VERSION ? root : null;
  }

  /**
   * The kernel's name for each system call number ("" where it has none),
   * from its own `syscall_names` table; read once (it never changes). Empty
   * without a root.
   */
  syscallNames(): string[] {
    if (this.syscallNameList) return this.syscallNameList;
    const root = this.root();
    const count = root ? Math.min(root.nr_syscalls, 1024) : 0;
    const table = root ? this.phys(root.syscall_names, count * 4) : null;
    if (table === null) return [];
    const mem = this.m.memory;
    const names: string[] = [];
    for (let nr = 0; nr < count; nr++) {
      const at = this.phys(mem.read32(table + 4 * nr), 1);
      let name = '';
      for (let k = 0; at !== null && k < 32 && at + k < mem.size; k++) { const c = mem.read8(at + k); if (!c) break; name += String.fromCharCode(c); }
      names.push(name);
    }
    this.syscallNameList = names;
    return names;
  }

  /** A table the root points at: its physical address when it is in RAM and has its magic. */
  private table(pick: (r: KdebugRoot) => number, layout: { size: number; magic: number }): number | null {
    const root = this.root();
    const at = root ? this.phys(pick(root), layout.size) : null;
    return at !== null && this.m.memory.read32(at) >>> 0 === layout.magic ? at : null;
  }

  /**
   * A table of rows the root points at (kdebug.tbl: a count, a generation and
   * one array of rows, as its generated layout's `rows` describes): the
   * first `count` rows (no more than the array holds), read consistently,
   * made into the caller's answer by `shape` (given the table's physical
   * address for its other fields).
   */
  private rows<Row, T>(pick: (r: KdebugRoot) => number, layout: RowTable<Row>, shape: (rows: Row[], base: number) => T): T | null {
    const base = this.table(pick, layout);
    if (base === null) return null;
    const mem = this.m.memory;
    const { at, max, stride, read } = layout.rows;
    return this.consistent(base + layout.offsets.generation, () => {
      const count = Math.min(mem.read32(base + layout.offsets.count), max);
      const rows: Row[] = [];
      for (let i = 0; i < count; i++) rows.push(read(mem, base + at + i * stride));
      return shape(rows, base);
    });
  }

  /** The last consistent read of each table (by its generation's address). */
  private readonly lastGood = new Map<number, unknown>();

  /**
   * Reads a table whose generation sits at `generationAt`, retrying once if
   * the kernel was rewriting it. The machine stops between batches wherever
   * it is, so kdebugd may be caught in the middle of a refresh: then the
   * last consistent read stands rather than nothing, which would blank the
   * panes' process names and choices for a moment. That read is as old as
   * the previous call, which for a pane polling several times a second is
   * one refresh; a reader asking rarely must not use it (keepLastGood off).
   */
  private consistent<T>(generationAt: number, read: () => T): T | null {
    const mem = this.m.memory;
    for (let attempt = 0; attempt < 2; attempt++) {
      const generation = mem.read32(generationAt);
      const value = read();
      if (generation % 2 === 0 && mem.read32(generationAt) === generation) {
        this.lastGood.set(generationAt, value);
        return value;
      }
    }
    return this.keepLastGood ? (this.lastGood.get(generationAt) as T | undefined) ?? null : null;
  }

  /**
   * The process table's generation as it is now (odd while kdebugd rewrites
   * it), or null without the table: a reader that must see a refresh begun
   * after some moment compares it with tableRefreshedSince.
   */
  processGeneration(): number | null {
    const base = this.table((r) => r.procs, kdebug_proc_table);
    return base === null ? null : this.m.memory.read32(base + kdebug_proc_table.offsets.generation) >>> 0;
  }

  /**
   * The processes, one row per thread group, each with its other threads
   * (threadRows, from kdebug_threads) attached. A torn thread table leaves
   * them as its last consistent read (or none), never the rows of a refresh
   * half done; threads of a group not in the process table are dropped.
   */
  processes(): ProcessInfo[] | null {
    const rows = this.processRows();
    if (rows === null) return null;
    const threads = this.threads() ?? [];
    return rows.map((p) => ({ ...p, threadRows: threads.filter((t) => t.tgid === p.pid) }));
  }

  /** Every non-leader thread the kernel publishes, in its order; null without the table (or torn, for a strict reader). */
  threads(): ThreadInfo[] | null {
    return this.rows((r) => r.threads, kdebug_thread_table, (rows) => rows.map((t) => (
      { tid: t.tid, tgid: t.tgid, state: proc_state_names[t.state] ?? `state ${t.state}`, cpuSeconds: t.cpu_ticks / HZ, command: t.name })));
  }

  private processRows(): ProcessInfo[] | null {
    return this.rows((r) => r.procs, kdebug_proc_table, (rows) => rows.map((k) => ({
      pid: k.pid, ppid: k.ppid, state: proc_state_names[k.state] ?? `state ${k.state}`, nice: k.nice, uid: k.uid,
      cr3: k.cr3, rssKiB: k.rss_pages * (PAGE_SIZE / 1024), swapKiB: k.swap_pages * (PAGE_SIZE / 1024),
      cpuSeconds: (k.utime + k.stime) / HZ, command: k.name, threads: k.nr_threads, threadRows: [],
      signals: { pending: k.sig_pending, blocked: k.sig_blocked, caught: k.sig_caught, ignored: k.sig_ignored },
      cgroupId: k.cgroup_id, cgroup: k.cgroup_path,
      namespaces: { pid: k.ns_pid, vpid: k.ns_vpid, mnt: k.ns_mnt, uts: k.ns_uts, ipc: k.ns_ipc, net: k.ns_net },
    })));
  }

  /** Every process's memory areas as the kernel has them (what /proc/PID/maps lists), by pid; null without the table. */
  memoryAreas(): Map<number, MemoryArea[]> | null {
    return this.rows((r) => r.vmas, kdebug_vma_table, (rows) => {
      const byPid = new Map<number, MemoryArea[]>();
      for (const v of rows) {
        const area: MemoryArea = { start: v.start, end: v.end, prot: v.prot, flags: v.flags, kind: vma_kind_names[v.kind] ?? 'mmap', name: v.name };
        const list = byPid.get(v.pid) ?? [];
        list.push(area);
        byPid.set(v.pid, list);
      }
      return byPid;
    });
  }

  memory(): MemoryStats | null {
    const base = this.table((r) => r.mem, kdebug_mem);
    if (base === null) return null;
    return this.consistent(base + kdebug_mem.offsets.generation, () => {
      const k = readKdebugMem(this.m.memory, base);
      return {
        totalFrames: k.total_frames, freeFrames: k.free_frames, cachedPages: k.pagecache_pages, swapTotalPages: k.swap_total_pages,
        swapFreePages: k.swap_free_pages, pgfault: k.pgfault, pgmajfault: k.pgmajfault, pswpin: k.pswpin, pswpout: k.pswpout,
        oomKill: k.oom_kill, contextSwitches: k.context_switches,
      };
    });
  }

  /** The kernel's TCP sockets (listeners, connections, orphans finishing), in its list's order; null without the table. */
  tcpConnections(): TcpConnections | null {
    return this.rows((r) => r.tcp, kdebug_tcp_table, (rows, base) => ({
      connections: rows.map((k): TcpConnection => ({
        local: endpoint(k.laddr, k.lport), remote: endpoint(k.raddr, k.rport), state: tcp_state_names[k.state] ?? `state ${k.state}`,
        sendQueue: k.send_queue, recvQueue: k.recv_queue, retransmits: k.retransmits, uid: k.uid, inode: k.ino,
      })),
      truncated: this.m.memory.read32(base + kdebug_tcp_table.offsets.truncated) !== 0,
    }));
  }

  /** Physical address of the trace ring (struct kdebug_trace), or null without one: the event breakpoints read and switch it. */
  traceRingAt(): number | null { return this.table((r) => r.trace, kdebug_trace); }

  /**
   * Trace events with seq ≥ `since`, oldest first, and whether tracing is on.
   * Events the ring overwrote before they were read are counted in `lost`;
   * `since` beyond the head (a new boot) starts over. The slot the kernel may
   * be rewriting (the oldest) is never read, and an event whose seq is not
   * the one expected at its slot is dropped as lost.
   */
  trace(since: number): TraceChunk | null {
    const base = this.table((r) => r.trace, kdebug_trace);
    if (base === null) return null;
    const mem = this.m.memory;
    const head = mem.read32(base + kdebug_trace.offsets.head) >>> 0;
    const enabled = mem.read32(base + kdebug_trace.offsets.enabled) !== 0;
    const oldest = Math.max(0, head - (EVENTS - 1));
    let from = since > head ? 0 : Math.max(0, since);
    let lost = 0;
    if (from < oldest) { lost = oldest - from; from = oldest; }
    const events: KdebugTraceEvent[] = [];
    for (let seq = from; seq < head; seq++) {
      const e = readKdebugTraceEvent(mem, base + kdebug_trace.offsets.events + (seq % EVENTS) * kdebug_trace_event.size);
      if (e.seq === seq >>> 0) events.push(e); else lost++;
    }
    return { next: head, enabled, lost, events };
  }

  /**
   * Whole log lines written since byte `since` of the log (log_head counts
   * every byte ever written). A reader that fell behind by more than the
   * ring gets what is left, from the first whole line, with `lost` set.
   */
  log(since: number): KernelLogChunk | null {
    const root = this.root();
    const buf = root ? this.phys(root.log_buf, LOG_BUF_SIZE) : null;
    const headAt = root ? this.phys(root.log_head, 4) : null;
    if (buf === null || headAt === null) return null;
    const mem = this.m.memory;
    const head = mem.read32(headAt) >>> 0;
    let from = since > head ? 0 : Math.max(0, since); // beyond the head: a new boot, start over
    let lost = false;
    if (head - from > LOG_BUF_SIZE) { from = head - LOG_BUF_SIZE; lost = true; }
    const bytes: number[] = [];
    for (let i = from; i < head; i++) bytes.push(mem.read8(buf + (i % LOG_BUF_SIZE)));
    let start = 0;
    if (lost) { const nl = bytes.indexOf(10); start = nl < 0 ? bytes.length : nl + 1; }
    // A record still being written (the run slice ended inside printk) waits for its newline.
    const end = bytes.lastIndexOf(10) + 1;
    if (end <= start) return { next: lost ? from + start : from, lines: [], lost };
    const text = new TextDecoder().decode(new Uint8Array(bytes.slice(start, end)));
    return { next: from + end, lines: text.split('\n').slice(0, -1), lost };
  }

  /** The frame descriptors (struct page[total_frames]): their physical address and count, or null before the kernel has them. */
  private pageArray(): { at: number; count: number } | null {
    const root = this.root();
    if (!root) return null;
    const count = root.total_frames;
    if (count === 0 || count > this.m.memory.size / PAGE_SIZE) return null;
    const at = this.phys(root.page_array, count * page.size);
    return at === null ? null : { at, count };
  }

  /**
   * Every frame's struct page flags (low 16 bits) and `private` (bits 16–23:
   * the buddy order of a PG_HEAD block), or null when the kernel has no
   * frame descriptors yet.
   */
  pageFlags(): Uint32Array | null {
    const pages = this.pageArray();
    if (pages === null) return null;
    const { at, count } = pages;
    const mem = this.m.memory;
    const flags = new Uint32Array(count);
    for (let f = 0; f < count; f++) {
      const p = at + f * page.size;
      flags[f] = ((mem.read32(p + page.offsets.flags) & 0xffff) | ((mem.read32(p + page.offsets.private) & 0xff) << 16)) >>> 0;
    }
    return flags;
  }

  /** Every frame's control group (struct page's memcg: 0 for the root, i.e. uncharged), or null as pageFlags. */
  pageCgroups(): Uint8Array | null {
    const pages = this.pageArray();
    if (pages === null) return null;
    const { at, count } = pages;
    const ids = new Uint8Array(count);
    for (let f = 0; f < count; f++) ids[f] = this.m.memory.read32(at + f * page.size + page.offsets.memcg) & 0xff;
    return ids;
  }
}

/**
 * Whether the table whose generation was `then` has since been rewritten
 * whole by a refresh that began at or after that moment: from an even
 * (settled) value, one full refresh later (+2); from an odd one (a refresh
 * under way, which reads the kernel's state atomically with interrupts off),
 * once it is done (+1). Generations wrap at 2^32.
 */
export function tableRefreshedSince(then: number, now: number | null): boolean {
  if (now === null || now % 2 !== 0) return false;
  return ((now - then) >>> 0) >= (then % 2 === 0 ? 2 : 1);
}
