// The memory chart of the activity pane: free / used / cached memory and
// used swap over the last minute, stacked, plus page faults and context
// switches per second, from the kernel's own counters (kdebug_mem, read by
// the worker like a debugger reads memory; MemoryStats in web/protocol.ts).
//
// One sample per SAMPLE_MS of worker time (the snapshots come faster; the
// extra ones only refresh the numbers), CHART_SECONDS samples kept. Rates
// are differences of the kernel's counters between samples per second of
// emulated time, the kernel's own clock: at full speed an idle machine
// skips ahead, and per host second its timer ticks would look like a storm.
// "Used" is what is neither free nor page cache (kernel, page tables,
// process memory). A counter that went backwards means a new boot: the
// history starts again.

import type { MemoryStats } from '../protocol.ts';
import { el, setText } from './dom.ts';

const CHART_SECONDS = 60;
const SAMPLE_MS = 1000;
const PAGE_KIB = 4;
const MEMORY_COLOURS = { used: '#d08770', cached: '#5e81ac', free: '#2e3b4e', swap: '#b48ead', faults: '#bf616a', switches: '#a3be8c' };

interface Sample { usedPages: number; cachedPages: number; freePages: number; totalPages: number; swapUsedPages: number; swapTotalPages: number; faultsPerSec: number; switchesPerSec: number }

export class MemoryChart {
  readonly root: HTMLElement;
  private readonly canvas = el('canvas', { width: '300', height: '90', class: 'chart', 'data-testid': 'memory-chart', role: 'img', 'aria-label': 'Memory chart: no samples yet' });
  private readonly values = new Map<string, HTMLElement>();
  private readonly samples: Sample[] = [];
  private last: { stats: MemoryStats; at: number; emulated: number } | null = null;

  constructor() {
    const list = el('dl', { class: 'counters' });
    for (const [key, label] of [['memTotal', 'memory'], ['memFree', 'free'], ['memUsed', 'used'], ['memCached', 'cached'], ['swapUsed', 'swap used'],
      ['faultRate', 'faults/s (emul.)'], ['switchRate', 'switches/s (emul.)'], ['pgfault', 'page faults'], ['contextSwitches', 'context switches'], ['swapIo', 'swap in / out'], ['oomKill', 'OOM kills']]) {
      const dd = el('dd', { 'data-counter': key });
      this.values.set(key, dd);
      list.append(el('dt', {}, label), dd);
    }
    const key = (colour: string, text: string) => el('span', { style: `color:${colour}` }, text);
    this.root = el('div', { class: 'memory-chart', 'data-testid': 'memory' },
      el('div', { class: 'note', 'data-testid': 'memory-none' }, ''), list, this.canvas,
      el('div', { class: 'chart-legend' }, key(MEMORY_COLOURS.used, 'used'), ' ', key(MEMORY_COLOURS.cached, 'cached'), ' ',
        key('#4c566a', 'free'), ' ', key(MEMORY_COLOURS.swap, 'swap used'), ' ', key(MEMORY_COLOURS.faults, 'faults/s'), ' ', key(MEMORY_COLOURS.switches, 'switches/s')));
  }

  /** A new snapshot's counters (null: the image publishes none), taken at worker time `at` (ms) and emulated time `emulated` (s). */
  update(stats: MemoryStats | null, at: number, emulated: number): void {
    const note = this.root.firstElementChild as HTMLElement;
    if (!stats) { setText(note, 'No memory counters: the running image does not publish them (the kernel does, at kdebug_mem).'); return; }
    setText(note, '');
    if (this.last && (stats.pgfault < this.last.stats.pgfault || stats.contextSwitches < this.last.stats.contextSwitches || emulated < this.last.emulated)) {
      this.last = null; // a new machine
      this.samples.length = 0;
    }
    const kib = (pages: number) => `${formatKiB(pages * PAGE_KIB)}`;
    const cached = Math.min(stats.cachedPages, stats.totalFrames);
    const used = Math.max(0, stats.totalFrames - stats.freeFrames - cached);
    const swapUsed = Math.max(0, stats.swapTotalPages - stats.swapFreePages);
    setText(this.values.get('memTotal')!, kib(stats.totalFrames));
    setText(this.values.get('memFree')!, kib(stats.freeFrames));
    setText(this.values.get('memUsed')!, kib(used));
    setText(this.values.get('memCached')!, kib(cached));
    setText(this.values.get('swapUsed')!, stats.swapTotalPages ? `${kib(swapUsed)} of ${kib(stats.swapTotalPages)}` : 'no swap');
    setText(this.values.get('pgfault')!, String(stats.pgfault));
    setText(this.values.get('contextSwitches')!, String(stats.contextSwitches));
    setText(this.values.get('swapIo')!, `${stats.pswpin} / ${stats.pswpout} pages`);
    setText(this.values.get('oomKill')!, String(stats.oomKill));
    // The chart's text alternative: what a screen reader user needs from the picture, kept current.
    this.canvas.setAttribute('aria-label', `Memory chart: ${kib(used)} used, ${kib(cached)} cached, ${kib(stats.freeFrames)} free of ${kib(stats.totalFrames)}`
      + `${stats.swapTotalPages ? `; swap ${kib(swapUsed)} of ${kib(stats.swapTotalPages)} used` : ''}; ${stats.pgfault} page faults`);
    if (!this.last) { this.last = { stats, at, emulated }; return; }
    if (at - this.last.at < SAMPLE_MS) return;
    const dt = Math.max(1e-6, emulated - this.last.emulated);
    const sample: Sample = {
      usedPages: used, cachedPages: cached, freePages: stats.freeFrames, totalPages: stats.totalFrames,
      swapUsedPages: swapUsed, swapTotalPages: stats.swapTotalPages,
      faultsPerSec: (stats.pgfault - this.last.stats.pgfault) / dt,
      switchesPerSec: (stats.contextSwitches - this.last.stats.contextSwitches) / dt,
    };
    this.last = { stats, at, emulated };
    this.samples.push(sample);
    if (this.samples.length > CHART_SECONDS) this.samples.shift();
    setText(this.values.get('faultRate')!, sample.faultsPerSec.toFixed(0));
    setText(this.values.get('switchRate')!, sample.switchesPerSec.toFixed(0));
    this.draw();
  }

  /** The samples kept (oldest first), for tests and scripts. */
  history(): readonly Sample[] { return this.samples; }

  private draw(): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const { width, height } = this.canvas;
    ctx.clearRect(0, 0, width, height);
    const step = width / (CHART_SECONDS - 1);
    const x0 = width - (this.samples.length - 1) * step;
    // Stacked memory bands, each sample's bar as tall as its share of RAM: used at the bottom, cached, then free.
    this.samples.forEach((s, i) => {
      const x = x0 + i * step - step / 2;
      const total = Math.max(1, s.totalPages);
      let y = height;
      for (const [pages, colour] of [[s.usedPages, MEMORY_COLOURS.used], [s.cachedPages, MEMORY_COLOURS.cached], [s.freePages, MEMORY_COLOURS.free]] as const) {
        const h = (pages / total) * height;
        ctx.fillStyle = colour;
        ctx.fillRect(x, y - h, step + 0.5, h);
        y -= h;
      }
    });
    const line = (values: number[], max: number, colour: string) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      values.forEach((v, i) => {
        const x = x0 + i * step;
        const y = height - 2 - (v / Math.max(1, max)) * (height - 4);
        if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      });
      ctx.stroke();
    };
    // Swap use against the swap size; the rates each against their own maximum.
    line(this.samples.map((s) => s.swapUsedPages), Math.max(1, ...this.samples.map((s) => s.swapTotalPages)), MEMORY_COLOURS.swap);
    const faults = this.samples.map((s) => s.faultsPerSec);
    const switches = this.samples.map((s) => s.switchesPerSec);
    line(faults, Math.max(...faults), MEMORY_COLOURS.faults);
    line(switches, Math.max(...switches), MEMORY_COLOURS.switches);
  }
}

function formatKiB(kib: number): string {
  return kib >= 10240 ? `${(kib / 1024).toFixed(1)} MiB` : `${kib} KiB`;
}
