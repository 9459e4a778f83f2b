// A machine whose RAM holds the kernel's debugger tables written by hand,
// at made-up addresses behind a `kdebug_root` symbol, through the writers
// generated from kernel/kdebug.tbl (web/gen/kdebug-layout.ts): the web and
// lesson tests read them back with the real readers, and no offset is
// written down here.
import { Machine } from '../../emulator/machine.ts';
import { SymbolTable } from '../../emulator/loader.ts';
import {
  KDEBUG_LAYOUT_VERSION, kdebug_limits, kdebug_mem, kdebug_proc, kdebug_proc_table, kdebug_root, kdebug_tcp, kdebug_tcp_table,
  kdebug_thread, kdebug_thread_table, kdebug_trace, kdebug_trace_event, kdebug_vma, kdebug_vma_table, limits, page, writeKdebugMem,
  writeKdebugProc, writeKdebugRoot, writeKdebugTcp, writeKdebugThread, writeKdebugTraceEvent, writeKdebugVma, type KdebugMem,
  type KdebugProc, type KdebugTcp, type KdebugThread, type KdebugVma,
} from '../../web/gen/kdebug-layout.ts';

const { KERNBASE, LOG_BUF_SIZE, PAGE_SIZE } = limits;
export const RAM = 1 << 20;

/** Physical addresses of each table, page-aligned one after another from 64 KiB. */
function placeTables() {
  let at = 0x10000;
  const take = (bytes: number) => { const here = at; at += Math.ceil(bytes / PAGE_SIZE) * PAGE_SIZE; return here; };
  return {
    root: take(kdebug_root.size), procs: take(kdebug_proc_table.size), mem: take(kdebug_mem.size), vmas: take(kdebug_vma_table.size),
    trace: take(kdebug_trace.size), logBuf: take(LOG_BUF_SIZE), logHead: take(4), pages: take((RAM / PAGE_SIZE) * page.size),
    syscallNames: take(PAGE_SIZE), tcp: take(kdebug_tcp_table.size), threads: take(kdebug_thread_table.size),
  };
}

export class FakeKernel {
  readonly m = new Machine({ ramBytes: RAM });
  readonly at = placeTables();
  private logHead = 0;

  constructor() {
    this.m.symbols = new SymbolTable([{ name: 'kdebug_root', value: this.at.root + KERNBASE, size: kdebug_root.size, type: 'object' }]);
    const v = (phys: number) => phys + KERNBASE;
    writeKdebugRoot(this.m.memory, this.at.root, {
      magic: kdebug_root.magic, version: KDEBUG_LAYOUT_VERSION, size: kdebug_root.size, procs: v(this.at.procs), mem: v(this.at.mem),
      vmas: v(this.at.vmas), trace: v(this.at.trace), log_buf: v(this.at.logBuf), log_head: v(this.at.logHead),
      page_array: v(this.at.pages), total_frames: RAM / PAGE_SIZE, tcp: v(this.at.tcp), threads: v(this.at.threads),
    });
    this.m.memory.write32(this.at.trace, kdebug_trace.magic);
  }

  private word(table: number, offset: number, value: number): void { this.m.memory.write32(table + offset, value >>> 0); }

  /** The process table with these rows; generation even (whole) unless told otherwise. */
  procs(rows: Partial<KdebugProc>[], generation = 4): void {
    const o = kdebug_proc_table.offsets;
    this.word(this.at.procs, o.magic, kdebug_proc_table.magic);
    this.word(this.at.procs, o.count, rows.length);
    this.word(this.at.procs, o.generation, generation);
    rows.forEach((r, i) => writeKdebugProc(this.m.memory, this.at.procs + o.procs + i * kdebug_proc.size, r));
  }

  /** The table of non-leader threads with these rows; generation even (whole) unless told otherwise. */
  threads(rows: Partial<KdebugThread>[], generation = 2, truncated = 0): void {
    const o = kdebug_thread_table.offsets;
    this.word(this.at.threads, o.magic, kdebug_thread_table.magic);
    this.word(this.at.threads, o.count, rows.length);
    this.word(this.at.threads, o.generation, generation);
    this.word(this.at.threads, o.truncated, truncated);
    rows.forEach((r, i) => writeKdebugThread(this.m.memory, this.at.threads + o.threads + i * kdebug_thread.size, r));
  }

  mem(values: Partial<KdebugMem>, generation = 2): void {
    writeKdebugMem(this.m.memory, this.at.mem, { magic: kdebug_mem.magic, generation, ...values });
  }

  /** The memory-area table: each process's areas in order, and its procs rows told where they are. */
  vmas(areas: Partial<KdebugVma>[], generation = 2): void {
    const o = kdebug_vma_table.offsets;
    this.word(this.at.vmas, o.magic, kdebug_vma_table.magic);
    this.word(this.at.vmas, o.count, areas.length);
    this.word(this.at.vmas, o.generation, generation);
    areas.forEach((a, i) => writeKdebugVma(this.m.memory, this.at.vmas + o.vmas + i * kdebug_vma.size, a));
  }

  /** The TCP table with these rows; generation even (whole) unless told otherwise. */
  tcp(rows: Partial<KdebugTcp>[], generation = 2, truncated = 0): void {
    const o = kdebug_tcp_table.offsets;
    this.word(this.at.tcp, o.magic, kdebug_tcp_table.magic);
    this.word(this.at.tcp, o.count, rows.length);
    this.word(this.at.tcp, o.generation, generation);
    this.word(this.at.tcp, o.truncated, truncated);
    rows.forEach((r, i) => writeKdebugTcp(this.m.memory, this.at.tcp + o.conns + i * kdebug_tcp.size, r));
  }

  printk(text: string): void {
    for (const ch of new TextEncoder().encode(text)) { this.m.memory.write8(this.at.logBuf + (this.logHead % LOG_BUF_SIZE), ch); this.logHead++; }
    this.m.memory.write32(this.at.logHead, this.logHead);
  }

  /** Like the kernel's trace_emit: the event whole at its slot, then the head past it. */
  traceEvent(seq: number, kind: number, pid: number, args: number[], timeUs = seq * 10): void {
    const slot = this.at.trace + kdebug_trace.offsets.events + (seq % kdebug_limits.TRACE_RING_EVENTS) * kdebug_trace_event.size;
    writeKdebugTraceEvent(this.m.memory, slot, { seq, time_us: timeUs, pid, kind, args: [...args, 0, 0, 0, 0, 0, 0].slice(0, 6) });
    this.word(this.at.trace, kdebug_trace.offsets.head, seq + 1);
  }

  traceEnabled(on: boolean): void { this.word(this.at.trace, kdebug_trace.offsets.enabled, on ? 1 : 0); }

  /** The kernel's syscall_names table: a pointer per number (0 for "") and the strings after them. */
  syscallNames(names: string[]): void {
    const table = this.at.syscallNames;
    let text = table + 4 * names.length;
    names.forEach((name, nr) => {
      this.m.memory.write32(table + 4 * nr, name ? text + KERNBASE : 0);
      for (const ch of [...Buffer.from(name), 0]) if (name) this.m.memory.write8(text++, ch);
    });
    writeKdebugRoot(this.m.memory, this.at.root, { syscall_names: table + KERNBASE, nr_syscalls: names.length });
  }

  /** struct page of frame `pfn`: its flags, `private` and the control group it is charged to. */
  page(pfn: number, flags: number, priv = 0, memcg = 0): void {
    const at = this.at.pages + pfn * page.size;
    this.word(at, page.offsets.flags, flags);
    this.word(at, page.offsets.private, priv);
    this.word(at, page.offsets.memcg, memcg);
  }
}
