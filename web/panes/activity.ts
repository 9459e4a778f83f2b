// The activity pane: counters (instructions, MIPS, emulated time, TLB hits
// and misses, exceptions and IRQs by vector) and a small live chart of MIPS,
// TLB misses and page faults per second over the last CHART_POINTS samples
// (each line scaled to its own maximum). Rates come from differences between
// consecutive snapshots, timed by the worker's clock (takenAt), so the
// page's own jitter does not enter them. Below them: the kernel's memory
// chart (memory-chart.ts), the kernel log (kernel-log.ts) and the kernel's
// trace events (trace.ts).

import type { Snapshot } from '../protocol.ts';
import { TICKS_PER_SECOND } from '../../emulator/devices/device.ts';
import { el, formatCount, setText } from './dom.ts';
import { MemoryChart } from './memory-chart.ts';
import { KernelLogPane } from './kernel-log.ts';
import { TracePane } from './trace.ts';

const CHART_POINTS = 60;
const PAGE_FAULT = 14;
const VECTOR_NAMES: Record<number, string> = { 0: '#DE', 3: '#BP', 6: '#UD', 8: '#DF', 13: '#GP', 14: '#PF', 128: 'syscall' };

export class ActivityPane {
  readonly root: HTMLElement;
  private readonly values = new Map<string, HTMLElement>();
  private readonly chart = el('canvas', { width: '300', height: '80', class: 'chart', 'data-testid': 'activity-chart' });
  private previous: Snapshot | null = null;
  private readonly mipsHistory: number[] = [];
  private readonly missHistory: number[] = [];
  private readonly faultHistory: number[] = [];
  /** The latest MIPS figure (for the benchmarks). */
  mips = 0;
  readonly memory = new MemoryChart();
  readonly log = new KernelLogPane();
  readonly trace = new TracePane();

  constructor() {
    const list = el('dl', { class: 'counters' });
    for (const [key, label] of [['instructions', 'instructions'], ['mips', 'MIPS'], ['time', 'emulated time'], ['idle', 'halted'],
      ['tlbHits', 'TLB hits'], ['tlbMisses', 'TLB misses'], ['exceptions', 'exceptions'], ['irqs', 'IRQs']]) {
      const dd = el('dd', { 'data-counter': key });
      this.values.set(key, dd);
      list.append(el('dt', {}, label), dd);
    }
    this.root = el('div', { class: 'activity-pane', 'data-testid': 'activity' }, list,
      this.chart, el('div', { class: 'chart-legend' }, el('span', { class: 'mips-key' }, 'MIPS'), ' ', el('span', { class: 'miss-key' }, 'TLB misses/s'), ' ', el('span', { class: 'fault-key' }, 'page faults/s')),
      el('div', { class: 'subhead' }, 'Memory (kernel counters)'), this.memory.root, this.log.root, this.trace.root);
  }

  render(s: Snapshot): void {
    const c = s.counters;
    const prev = this.previous;
    if (prev && prev.counters.instructions > c.instructions) this.previous = null; // a new machine
    if (this.previous && s.takenAt > this.previous.takenAt) {
      const dt = (s.takenAt - this.previous.takenAt) / 1000;
      this.mips = (c.instructions - this.previous.counters.instructions) / dt / 1e6;
      this.push(this.mipsHistory, this.mips);
      this.push(this.missHistory, (c.tlbMisses - this.previous.counters.tlbMisses) / dt);
      this.push(this.faultHistory, ((c.exceptions[PAGE_FAULT] ?? 0) - (this.previous.counters.exceptions[PAGE_FAULT] ?? 0)) / dt);
      this.drawChart();
    }
    this.previous = s;
    this.memory.update(s.memory, s.takenAt, s.counters.ticks / TICKS_PER_SECOND);
    setText(this.values.get('instructions')!, formatCount(c.instructions));
    setText(this.values.get('mips')!, this.mips.toFixed(1));
    setText(this.values.get('time')!, `${(c.ticks / TICKS_PER_SECOND).toFixed(3)} s`);
    setText(this.values.get('idle')!, c.ticks ? `${((100 * c.idleTicks) / c.ticks).toFixed(1)} %` : '0 %');
    setText(this.values.get('tlbHits')!, formatCount(c.tlbHits));
    setText(this.values.get('tlbMisses')!, formatCount(c.tlbMisses));
    setText(this.values.get('exceptions')!, byVector(c.exceptions));
    setText(this.values.get('irqs')!, byVector(c.irqs));
  }

  private push(history: number[], value: number): void {
    history.push(value);
    if (history.length > CHART_POINTS) history.shift();
  }

  private drawChart(): void {
    const ctx = this.chart.getContext('2d');
    if (!ctx) return;
    const { width, height } = this.chart;
    ctx.clearRect(0, 0, width, height);
    const line = (history: number[], colour: string) => {
      const max = Math.max(1, ...history);
      ctx.strokeStyle = colour;
      ctx.beginPath();
      history.forEach((v, i) => {
        const x = (i / (CHART_POINTS - 1)) * width;
        const y = height - 2 - (v / max) * (height - 4);
        if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      });
      ctx.stroke();
    };
    line(this.mipsHistory, '#40c070');
    line(this.missHistory, '#e0a030');
    line(this.faultHistory, '#bf616a');
  }
}

function byVector(counts: Record<number, number>): string {
  const parts = Object.entries(counts).map(([v, n]) => `${VECTOR_NAMES[Number(v)] ?? `v${v}`}: ${formatCount(n)}`);
  return parts.length ? parts.join(', ') : 'none';
}
