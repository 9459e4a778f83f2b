// A machine whose RAM holds the kernel's debugger tables written by hand,
// at made-up addresses behind a `kdebug_root` symbol, through the writers
// generated from kernel/kdebug.tbl (web/gen/kdebug-layout.ts): the web and
// lesson tests read them back with the real readers, and no offset is
// written down here.
import { Machine } from '../../emulator/machine.ts';
import { SymbolTable } from '../../emulator/loader.ts';
import {
  KDEBUG_LAYOUT_VERSION, kdebug_limits, kdebug_mem, kdebug_proc_table, kdebug_root, kdebug_tcp_table, kdebug_thread_table, kdebug_trace,
  kdebug_trace_event, kdebug_vma_table, limits, page, writeKdebugMem, writeKdebugRoot, writeKdebugTraceEvent, type GuestMemory, type KdebugMem,
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

/** What a table of rows' generated layout gives the writer. */
interface RowTable<Row> {
  magic: number;
  offsets: { magic: number; count: number; generation: number; truncated?: number };
  rows: { at: number; stride: number; write(mem: GuestMemory, at: number, row: Partial<Row>): void };
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

  /**
   * A table of rows (kdebug.tbl's count, generation and array, as its
   * generated layout's `rows` gives them) at `table`: magic, count,
   * generation, `truncated` where the table has one, then the rows.
   */
  private rowTable<Row>(table: number, layout: RowTable<Row>, rows: Partial<Row>[], generation: number, truncated = 0): void {
    const o = layout.offsets;
    this.word(table, o.magic, layout.magic);
    this.word(table, o.count, rows.length);
    this.word(table, o.generation, generation);
    if (o.truncated !== undefined) this.word(table, o.truncated, truncated);
    rows.forEach((r, i) => layout.rows.write(this.m.memory, table + layout.rows.at + i * layout.rows.stride, r));
  }

  /** The process table with these rows; generation even (whole) unless told otherwise. */
  procs(rows: Partial<KdebugProc>[], generation = 4): void { this.rowTable(this.at.procs, kdebug_proc_table, rows, generation); }

  /** The table of non-leader threads with these rows; generation even (whole) unless told otherwise. */
  threads(rows: Partial<KdebugThread>[], generation = 2, truncated = 0): void {
    this.rowTable(this.at.threads, kdebug_thread_table, rows, generation, truncated);
  }

  mem(values: Partial<KdebugMem>, generation = 2): void {
    writeKdebugMem(this.m.memory, this.at.mem, { magic: kdebug_mem.magic, generation, ...values });
  }

  /** The memory-area table: each process's areas in order. */
  vmas(areas: Partial<KdebugVma>[], generation = 2): void { this.rowTable(this.at.vmas, kdebug_vma_table, areas, generation); }

  /** The TCP table with these rows; generation even (whole) unless told otherwise. */
  tcp(rows: Partial<KdebugTcp>[], generation = 2, truncated = 0): void {
    this.rowTable(this.at.tcp, kdebug_tcp_table, rows, generation, truncated);
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
