// The debug pane as a whole: builds the CPU, page-table, frame-map,
// processes and activity panes into the page and keeps them fed by polling
// the worker (the page asks; the worker never pushes).
//
// Three kinds of poll, each with at most one request in flight, so a busy
// worker slows the pane down instead of queueing work:
//   fast (every POLL_MS)       snapshot: registers, disassembly, counters
//   table (every SLOW_POLL_MS) the kernel's process table (a small read)
//   views (every SLOW_POLL_MS) page tables, frame map, kernel log: walks of
//                              guest memory that cost the worker, and so
//                              the guest, real time
// The views wait until the machine has settled — the guest spent at least
// half of the emulated time between two snapshots halted, which is what a
// kernel waiting at its prompt does — or, failing that (the demo polls its
// UART and never halts), poll at the lower rate of UNSETTLED_VIEWS_MS. So a
// booting kernel is not slowed by the pane (guest boot 1.78 vs 2.97 s at
// load 15 with the pane open and polling everything). A debug command
// (pause, step, a breakpoint …) refreshes everything at once.

import type { Remote } from 'comlink';
import type { BootResult, MachineWorkerApi, Snapshot } from '../protocol.ts';
import { CpuPane } from './cpu.ts';
import { PageTablePane } from './page-tables.ts';
import { FrameMapPane } from './frame-map.ts';
import { ProcessesPane } from './processes.ts';
import { ActivityPane } from './activity.ts';

const POLL_MS = 200;
const SLOW_POLL_MS = 1000;
/** How often the expensive views are read while the machine has not settled yet. */
const UNSETTLED_VIEWS_MS = 3000;
/** Settled: at least this share of the emulated time between two snapshots was spent halted. */
const SETTLED_IDLE_SHARE = 0.5;
const DISASSEMBLY_LINES = 14;

/** Main-thread time spent rendering the pane (for the benchmarks): total and longest, per kind of poll. */
export interface RenderStats {
  fastMs: number; fastMax: number; fastCount: number; slowMs: number; slowMax: number; slowCount: number;
}

export class DebugPane {
  readonly cpu: CpuPane;
  readonly pageTables: PageTablePane;
  readonly frameMap: FrameMapPane;
  readonly processes: ProcessesPane;
  readonly activity: ActivityPane;
  readonly stats: RenderStats = { fastMs: 0, fastMax: 0, fastCount: 0, slowMs: 0, slowMax: 0, slowCount: 0 };
  latest: Snapshot | null = null;
  /** Performance.now() when the views first ran after settling (for the benchmarks); 0 until then. */
  settledAt = 0;

  private booted: BootResult | null = null;
  private settled = false;
  private snapshotInFlight = false;
  private tableInFlight = false;
  private viewsInFlight = false;
  private lastTable = 0;
  private lastViews = 0;

  constructor(
    private readonly api: Remote<MachineWorkerApi>,
    private readonly isOpen: () => boolean,
    private readonly showError: (text: string) => void,
    byId: (id: string) => HTMLElement,
  ) {
    this.cpu = new CpuPane({
      pause: () => this.act(api.pause()),
      resume: () => this.act(api.resume()),
      step: () => this.act(api.step()),
      stepOver: () => this.act(api.stepOver()),
      addBreakpoint: async (spec) => { const r = await api.addBreakpoint(spec); this.refreshNow(); return r; },
      removeBreakpoint: (address) => this.act(api.removeBreakpoint(address)),
    });
    this.pageTables = new PageTablePane(() => this.refreshNow());
    this.frameMap = new FrameMapPane((frame) => api.frameInfo(frame));
    this.processes = new ProcessesPane((pid, sig) => api.signal(pid, sig));
    this.activity = new ActivityPane();
    byId('cpu').append(this.cpu.root);
    byId('page-tables').append(this.pageTables.root);
    byId('frame-map').append(this.frameMap.root);
    byId('processes').append(this.processes.root);
    byId('activity').append(this.activity.root);
    setInterval(() => this.pollQuietly(), POLL_MS);
  }

  /** A boot started: forget the old machine until the new one answers. */
  reset(): void {
    this.booted = null;
    this.latest = null;
    this.settled = false;
    this.settledAt = 0;
    this.activity.log.reset();
  }

  /** The worker's boot finished (well or not): start polling it. */
  start(result: BootResult): void {
    this.booted = result;
    // The first views come UNSETTLED_VIEWS_MS from now at the latest; the table at once.
    this.lastViews = performance.now() - SLOW_POLL_MS;
    this.lastTable = 0;
    this.pollQuietly();
  }

  /** After a debug command: everything at once, settled or not. */
  refreshNow(): void {
    this.lastViews = 0;
    this.lastTable = 0;
    this.pollQuietly();
  }

  /** A debug command: refresh the pane after it, and show a failure instead of throwing. */
  private act(work: unknown): void {
    void Promise.resolve(work).then(() => this.refreshNow(), (e: Error) => this.showError(`debugger: ${e.message}`));
  }

  private pollQuietly(): void {
    this.poll().catch((e: Error) => this.showError(`debug pane: ${e.message}`));
  }

  private async poll(): Promise<void> {
    if (!this.booted?.ok || !this.isOpen()) return;
    const now = performance.now();
    const work: Promise<void>[] = [];
    if (!this.snapshotInFlight) work.push(this.pollSnapshot());
    if (!this.tableInFlight && now - this.lastTable >= SLOW_POLL_MS) work.push(this.pollTable(now));
    const viewsEvery = this.settled ? SLOW_POLL_MS : UNSETTLED_VIEWS_MS;
    if (!this.viewsInFlight && now - this.lastViews >= viewsEvery) work.push(this.pollViews(now));
    await Promise.all(work);
  }

  private async pollSnapshot(): Promise<void> {
    this.snapshotInFlight = true;
    try {
      const s = await this.api.snapshot({ disassembly: DISASSEMBLY_LINES });
      if (!s || (this.latest && s.serial <= this.latest.serial)) return;
      const before = this.latest;
      this.latest = s;
      if (!this.settled && before && this.haltedMostly(before, s)) {
        this.settled = true;
        this.lastViews = 0; // the views now, not a second later
      }
      const t0 = performance.now();
      this.cpu.render(s);
      this.activity.render(s);
      this.pageTables.updateChoices(s);
      this.record('fast', performance.now() - t0);
    } finally {
      this.snapshotInFlight = false;
    }
  }

  /** Whether the guest was halted for most of the emulated time between two snapshots. */
  private haltedMostly(before: Snapshot, after: Snapshot): boolean {
    const ticks = after.counters.ticks - before.counters.ticks;
    const idle = after.counters.idleTicks - before.counters.idleTicks;
    return ticks > 0 && idle >= ticks * SETTLED_IDLE_SHARE;
  }

  private async pollTable(now: number): Promise<void> {
    this.tableInFlight = true;
    this.lastTable = now;
    try {
      const table = await this.api.processes();
      const t0 = performance.now();
      this.pageTables.setProcesses(table ?? []);
      this.cpu.setProcesses(table ?? []);
      this.processes.render(table);
      this.record('slow', performance.now() - t0);
    } finally {
      this.tableInFlight = false;
    }
  }

  private async pollViews(now: number): Promise<void> {
    this.viewsInFlight = true;
    this.lastViews = now;
    try {
      const [view, map, log] = await Promise.all([
        this.api.pageTables(this.pageTables.chosen(), 256), this.api.frameMap(), this.api.kernelLog(this.activity.log.since)]);
      if (this.settled && !this.settledAt) this.settledAt = performance.now();
      const t0 = performance.now();
      this.pageTables.render(view);
      this.frameMap.render(map);
      this.activity.log.append(log);
      this.record('slow', performance.now() - t0);
    } finally {
      this.viewsInFlight = false;
    }
  }

  private record(kind: 'fast' | 'slow', ms: number): void {
    const s = this.stats;
    if (kind === 'fast') { s.fastMs += ms; s.fastMax = Math.max(s.fastMax, ms); s.fastCount++; }
    else { s.slowMs += ms; s.slowMax = Math.max(s.slowMax, ms); s.slowCount++; }
  }
}
