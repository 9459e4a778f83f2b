// The scheduler timeline pane (in the activity section, under the trace
// events): one lane per process from the trace ring's context-switch events
// (web/timeline-spans.ts builds the spans), coloured runs, runnable and
// blocked spans, the reason for each switch on hover. Zoom and scroll with
// the wheel (zoom around the pointer), dragging, the buttons, or the keys
// + − ← → and 0 (fit) while the canvas has focus.
//
// Invariants: at most MAX_SWITCHES switch events kept (the oldest go first);
// the view [viewStart, viewEnd) always has a positive width; following the
// end (the default, and again after "fit") keeps the newest events in view.

import type { TraceChunk } from '../protocol.ts';
import { trace_kind, type KdebugTraceEvent } from '../gen/kdebug-layout.ts';
import { buildTimeline, type Span, type Timeline } from '../timeline-spans.ts';
import { el, setText } from './dom.ts';

const MAX_SWITCHES = 4000;
const LANE_PX = 18;
const LABEL_PX = 64;
const WIDTH_PX = 640;
const MIN_VIEW_US = 50;
export const SPAN_COLOURS: Record<Span['state'], string> = {
  running: '#2e9d4f', runnable: '#d9a21b', blocked: '#5b7bb0', stopped: '#c0392b',
};

export class TimelinePane {
  readonly root: HTMLElement;
  private readonly canvas = el('canvas', {
    class: 'timeline', 'data-testid': 'timeline', tabindex: '0', role: 'img', 'aria-label': 'scheduler timeline',
    width: String(WIDTH_PX), height: String(LANE_PX),
  });
  private readonly hover = el('div', { class: 'note', 'data-testid': 'timeline-hover' });
  private readonly status = el('div', { class: 'note', 'data-testid': 'timeline-status' });
  /** A text alternative: each lane's runs and total running time (also what the tests read). */
  private readonly summary = el('ul', { class: 'timeline-lanes', 'data-testid': 'timeline-lanes' });
  private events: KdebugTraceEvent[] = [];
  private model: Timeline = buildTimeline([]);
  private viewStart = 0;
  private viewEnd = 1;
  private following = true;
  private dragFrom: { x: number; start: number; end: number } | null = null;
  private downX = -1;
  /** A click (not a drag) on the lanes: rewind the machine to that µs (time travel); null: clicks do nothing. */
  onPick: ((timeUs: number) => void) | null = null;

  constructor() {
    const button = (label: string, title: string, action: () => void) => {
      const b = el('button', { title, 'aria-label': title }, label);
      b.addEventListener('click', action);
      return b;
    };
    const legend = el('span', { class: 'timeline-legend' }, ...Object.entries(SPAN_COLOURS).map(([state, colour]) => {
      const swatch = el('span', { class: 'swatch', style: `background:${colour}` });
      return el('span', {}, swatch, ` ${state} `);
    }));
    this.root = el('div', { class: 'timeline-pane' }, el('div', { class: 'subhead' }, 'Scheduler timeline'), this.status,
      el('div', { class: 'timeline-controls' },
        button('+', 'zoom in', () => this.zoom(0.5)), button('−', 'zoom out', () => this.zoom(2)),
        button('←', 'scroll back', () => this.pan(-0.25)), button('→', 'scroll forward', () => this.pan(0.25)),
        button('fit', 'show everything and follow the newest', () => this.fit()), legend),
      this.canvas, this.hover, this.summary);
    this.canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      this.zoom(e.deltaY > 0 ? 1.25 : 0.8, this.timeAt(e.offsetX));
    }, { passive: false });
    this.canvas.addEventListener('mousedown', (e) => { this.downX = e.offsetX; this.dragFrom = { x: e.offsetX, start: this.viewStart, end: this.viewEnd }; });
    this.canvas.addEventListener('click', (e) => {
      const moved = Math.abs(e.offsetX - this.downX) > 3;
      if (!moved && e.offsetX >= LABEL_PX && this.onPick && this.model.switches > 0) this.onPick(Math.round(this.timeAt(e.offsetX)));
    });
    window.addEventListener('mouseup', () => { this.dragFrom = null; });
    this.canvas.addEventListener('mousemove', (e) => {
      if (this.dragFrom) {
        const perPx = (this.dragFrom.end - this.dragFrom.start) / (WIDTH_PX - LABEL_PX);
        const shift = (this.dragFrom.x - e.offsetX) * perPx;
        this.setView(this.dragFrom.start + shift, this.dragFrom.end + shift);
      }
      this.showHover(e.offsetX, e.offsetY);
    });
    this.canvas.addEventListener('keydown', (e) => {
      const keys: Record<string, () => void> = {
        '+': () => this.zoom(0.5), '=': () => this.zoom(0.5), '-': () => this.zoom(2),
        ArrowLeft: () => this.pan(-0.25), ArrowRight: () => this.pan(0.25), '0': () => this.fit(),
      };
      const act = keys[e.key];
      if (act) { e.preventDefault(); act(); }
    });
    setText(this.status, 'No switches yet: turn tracing on in the terminal (echo 1 > /dev/trace).');
  }

  reset(): void {
    this.events = [];
    this.model = buildTimeline([]);
    this.following = true;
    this.draw();
  }

  /** New trace events (the same chunks the trace pane gets). */
  append(chunk: TraceChunk | null): void {
    if (!chunk) return;
    const switches = chunk.events.filter((e) => e.kind === trace_kind.TR_SWITCH);
    if (switches.length === 0 && this.events.length > 0) return;
    this.events.push(...switches);
    if (this.events.length > MAX_SWITCHES) this.events.splice(0, this.events.length - MAX_SWITCHES);
    this.model = buildTimeline(this.events);
    if (this.following) this.setView(this.model.start, Math.max(this.model.end, this.model.start + MIN_VIEW_US), true);
    else this.draw();
    setText(this.status, this.model.switches
      ? `${this.model.switches} context switches, ${this.model.lanes.length} lanes (µs of uptime; blocked lasts until the process runs again)`
      : chunk.enabled ? 'Tracing is on: no context switch recorded yet.' : 'No switches: turn tracing on in the terminal (echo 1 > /dev/trace).');
    this.summarize();
  }

  private timeAt(x: number): number {
    return this.viewStart + ((x - LABEL_PX) / (WIDTH_PX - LABEL_PX)) * (this.viewEnd - this.viewStart);
  }

  private setView(start: number, end: number, follow = false): void {
    const width = Math.max(MIN_VIEW_US, end - start);
    this.viewStart = start;
    this.viewEnd = start + width;
    this.following = follow;
    this.draw();
  }

  private zoom(factor: number, around = (this.viewStart + this.viewEnd) / 2): void {
    this.setView(around - (around - this.viewStart) * factor, around + (this.viewEnd - around) * factor);
  }

  private pan(share: number): void {
    const shift = (this.viewEnd - this.viewStart) * share;
    this.setView(this.viewStart + shift, this.viewEnd + shift);
  }

  private fit(): void {
    this.setView(this.model.start, Math.max(this.model.end, this.model.start + MIN_VIEW_US), true);
  }

  private draw(): void {
    const lanes = this.model.lanes;
    const height = Math.max(1, lanes.length) * LANE_PX;
    if (this.canvas.height !== height) this.canvas.height = height;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, WIDTH_PX, height);
    const scale = (WIDTH_PX - LABEL_PX) / (this.viewEnd - this.viewStart);
    ctx.font = '11px monospace';
    lanes.forEach((lane, i) => {
      const y = i * LANE_PX;
      ctx.fillStyle = getComputedStyle(this.canvas).color || '#888';
      ctx.fillText(lane.pid === 0 ? 'idle' : `pid ${lane.pid}`, 2, y + 13);
      for (const s of lane.spans) {
        if (s.end < this.viewStart || s.start > this.viewEnd) continue;
        const x0 = LABEL_PX + Math.max(0, (s.start - this.viewStart) * scale);
        const x1 = LABEL_PX + Math.min(WIDTH_PX - LABEL_PX, (s.end - this.viewStart) * scale);
        ctx.fillStyle = SPAN_COLOURS[s.state];
        const h = s.state === 'running' ? LANE_PX - 4 : LANE_PX - 10;
        ctx.fillRect(x0, y + (LANE_PX - h) / 2, Math.max(1, x1 - x0), h);
      }
    });
    this.canvas.setAttribute('aria-label', `scheduler timeline: ${lanes.length} processes, ${this.model.switches} switches, from ${Math.round(this.viewStart)} to ${Math.round(this.viewEnd)} µs`);
  }

  private showHover(x: number, y: number): void {
    const lane = this.model.lanes[Math.floor(y / LANE_PX)];
    const t = this.timeAt(x);
    const span = lane?.spans.find((s) => t >= s.start && t <= s.end);
    setText(this.hover, span
      ? `pid ${span.pid} ${span.state} ${span.start}–${span.end} µs (${span.end - span.start} µs): began: ${span.began}; ended: ${span.ended}`
      : '');
  }

  private summarize(): void {
    const items = this.model.lanes.map((lane) => {
      const runs = lane.spans.filter((s) => s.state === 'running');
      const us = runs.reduce((n, s) => n + (s.end - s.start), 0);
      return el('li', { 'data-pid': String(lane.pid), 'data-runs': String(runs.length) },
        `${lane.pid === 0 ? 'idle' : `pid ${lane.pid}`}: ${runs.length} runs, ${us} µs running`);
    });
    this.summary.replaceChildren(...items);
  }
}
