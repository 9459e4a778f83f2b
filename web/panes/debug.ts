// The debug pane as a whole: builds the CPU, page-table, frame-map,
// processes, activity and network panes into the page and keeps them fed by polling
// the worker (the page asks; the worker never pushes).
//
// Three kinds of poll, each with at most one request in flight, so a busy
// worker slows the pane down instead of queueing work:
//   fast (every POLL_MS)       snapshot: registers, disassembly, counters
//   table (every SLOW_POLL_MS) the kernel's process table, the network
//                              card's new frames (small reads) and the
//                              chosen process's G/M/P table
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
//
// focus() is how a lesson's `hako:` link shows something: it unfolds the
// section, selects the process / address space, marks the row, entry or
// frame, scrolls it into view and refreshes at once.

import type { Remote } from 'comlink';
import type { BootResult, LessonValue, MachineWorkerApi, ProcessInfo, Snapshot } from '../protocol.ts';
import { CpuPane } from './cpu.ts';
import { PageTablePane } from './page-tables.ts';
import { FrameMapPane } from './frame-map.ts';
import { ProcessesPane } from './processes.ts';
import { ActivityPane } from './activity.ts';
import { NetworkPane } from './network.ts';
import { GoroutinesPane } from './goroutines.ts';
import { TLB_ROWS, TlbPane } from './tlb.ts';
import { EventBreakPane } from './event-break.ts';
import { TimelinePane } from './timeline.ts';
import { MemoryViewPane } from './memory-view.ts';
import { TimeTravelBar } from './time-travel.ts';

const POLL_MS = 200;
const SLOW_POLL_MS = 1000;
/** How often the expensive views are read while the machine has not settled yet. */
const UNSETTLED_VIEWS_MS = 3000;
/** Settled: at least this share of the emulated time between two snapshots was spent halted. */
const SETTLED_IDLE_SHARE = 0.5;
const DISASSEMBLY_LINES = 14;
/** A link to a process's page tables: how often, and how many times, to look for it in the kernel's table before saying it has no address space. */
const FOCUS_RETRY_MS = 200;
const FOCUS_RETRIES = 25;

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
  readonly network: NetworkPane;
  readonly goroutines: GoroutinesPane;
  readonly tlb = new TlbPane();
  readonly eventBreak: EventBreakPane;
  readonly timeTravel: TimeTravelBar;
  readonly timeline = new TimelinePane();
  readonly memoryView = new MemoryViewPane(() => this.refreshNow());
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
  private table: ProcessInfo[] = [];
  private readonly sections: Record<'cpu' | 'pageTables' | 'frameMap' | 'processes' | 'activity' | 'goroutines', HTMLElement>;

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
      stepOut: () => this.act(api.stepOut()),
      runTo: (address) => this.act(api.runTo(address)),
      addBreakpoint: async (spec) => { const r = await api.addBreakpoint(spec); this.refreshNow(); return r; },
      removeBreakpoint: (address) => this.act(api.removeBreakpoint(address)),
    });
    this.timeTravel = new TimeTravelBar({
      stepBack: () => api.stepBack(), previousEvent: () => api.previousEvent(), done: () => this.refreshNow(),
    });
    this.timeline.onPick = (timeUs) => this.timeTravel.run(() => api.rewindTo(timeUs));
    this.pageTables = new PageTablePane(() => this.refreshNow());
    this.eventBreak = new EventBreakPane({
      arm: async (spec) => { const error = await api.eventBreak(spec); this.refreshNow(); return error; },
      showPageTables: (cr3, address) => {
        this.pageTables.focus(cr3, address);
        const details = this.sections.pageTables.closest('details');
        if (details) details.open = true;
        this.sections.pageTables.scrollIntoView({ block: 'start' });
        this.refreshNow();
      },
    });
    this.frameMap = new FrameMapPane((frame) => api.frameInfo(frame));
    this.processes = new ProcessesPane((pid, sig) => api.signal(pid, sig));
    this.activity = new ActivityPane();
    this.network = new NetworkPane();
    byId('network').append(this.network.root);
    this.goroutines = new GoroutinesPane(() => this.refreshNow());
    byId('cpu').append(this.cpu.root, this.timeTravel.root, this.memoryView.root, this.eventBreak.root, this.tlb.root);
    byId('page-tables').append(this.pageTables.root);
    byId('frame-map').append(this.frameMap.root);
    byId('processes').append(this.processes.root);
    byId('activity').append(this.activity.root, this.timeline.root);
    byId('goroutines').append(this.goroutines.root);
    this.sections = {
      cpu: byId('cpu'), pageTables: byId('page-tables'), frameMap: byId('frame-map'), processes: byId('processes'), activity: byId('activity'),
      goroutines: byId('goroutines'),
    };
    setInterval(() => this.pollQuietly(), POLL_MS);
  }

  /** A boot started: forget the old machine until the new one answers. */
  reset(): void {
    this.booted = null;
    this.latest = null;
    this.settled = false;
    this.settledAt = 0;
    this.activity.log.reset();
    this.activity.trace.reset();
    this.timeline.reset();
    this.network.reset();
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

  /** Shows what a lesson link names (views as in lessons/engine/format.ts LINK_VIEWS). */
  async focus(view: string, params: Record<string, LessonValue>): Promise<void> {
    const num = (v: LessonValue): number | null => (typeof v === 'number' ? v : null);
    const show = (section: HTMLElement, target: HTMLElement = section): void => {
      const details = section.closest('details');
      if (details) details.open = true;
      target.scrollIntoView({ block: 'start' });
    };
    switch (view) {
      case 'process': {
        this.processes.focus(num(params.pid));
        show(this.sections.processes);
        break;
      }
      case 'pagetables': {
        const pid = num(params.pid);
        // The kernel's table can be unreadable for a moment (a boot just started, a refresh caught half
        // way): look again for a while before saying the process has no address space.
        let table = (await this.api.processes()) ?? this.table;
        let p = table.find((row) => row.pid === pid);
        for (let tries = 0; pid !== null && !p?.cr3 && tries < FOCUS_RETRIES; tries++) {
          await new Promise((r) => setTimeout(r, FOCUS_RETRY_MS));
          table = (await this.api.processes()) ?? this.table;
          p = table.find((row) => row.pid === pid);
        }
        this.pageTables.setProcesses(table);
        this.pageTables.focus(p?.cr3 ? (p.cr3 & 0xfffff000) >>> 0 : null, num(params.addr ?? null));
        show(this.sections.pageTables);
        break;
      }
      case 'frame': {
        this.frameMap.focus(num(params.frame));
        show(this.sections.frameMap);
        break;
      }
      case 'goroutines': {
        const pid = num(params.pid);
        if (pid !== null) this.goroutines.choose(pid);
        show(this.sections.goroutines);
        break;
      }
      case 'framemap': show(this.sections.frameMap); break;
      case 'memory': show(this.sections.activity, this.activity.memory.root); break;
      case 'log': show(this.sections.activity, this.activity.log.root); break;
      case 'trace': show(this.sections.activity, this.activity.trace.root); break;
    }
    this.refreshNow();
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
      const [s, travel] = await Promise.all([
        this.api.snapshot({ disassembly: DISASSEMBLY_LINES, tlb: this.tlb.wanted() ? TLB_ROWS : 0, memory: this.memoryView.request(this.latest) }),
        this.api.timeTravel()]);
      this.timeTravel.render(travel);
      if (!s || (this.latest && s.serial <= this.latest.serial)) return;
      const before = this.latest;
      this.latest = s;
      if (!this.settled && before && this.haltedMostly(before, s)) {
        this.settled = true;
        this.lastViews = 0; // the views now, not a second later
      }
      const t0 = performance.now();
      this.cpu.render(s);
      this.tlb.render(s);
      this.eventBreak.render(s);
      this.memoryView.render(s);
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
      const [table, frames, tcp] = await Promise.all([this.api.processes(), this.api.networkFrames(this.network.since), this.api.tcpConnections()]);
      this.table = table ?? [];
      this.network.render(frames);
      this.network.renderConnections(tcp);
      this.goroutines.setProcesses(table ?? []);
      const pid = this.goroutines.chosen();
      const goro = pid === null ? null : await this.api.goroutines(pid);
      const t0 = performance.now();
      this.pageTables.setProcesses(table ?? []);
      this.cpu.setProcesses(table ?? []);
      this.processes.render(table);
      this.goroutines.render(goro);
      this.record('slow', performance.now() - t0);
    } finally {
      this.tableInFlight = false;
    }
  }

  private async pollViews(now: number): Promise<void> {
    this.viewsInFlight = true;
    this.lastViews = now;
    try {
      const [view, map, log, trace] = await Promise.all([
        this.api.pageTables(this.pageTables.chosen(), 256), this.api.frameMap(), this.api.kernelLog(this.activity.log.since),
        this.api.trace(this.activity.trace.since)]);
      if (this.settled && !this.settledAt) this.settledAt = performance.now();
      const t0 = performance.now();
      this.pageTables.render(view);
      this.frameMap.render(map);
      this.activity.log.append(log);
      if (trace && trace.events.length && this.activity.trace.syscallNames.length === 0) this.activity.trace.syscallNames = await this.api.syscallNames();
      this.activity.trace.append(trace);
      this.timeline.append(trace);
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
