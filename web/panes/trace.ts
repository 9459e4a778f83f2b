// The trace pane (in the activity section): the kernel's trace ring
// (kdebug_trace, read by the worker like the other kernel tables) as a
// scrolling list of events with filters by kind and by pid. Tracing is
// switched in the guest (`echo 1 > /dev/trace`), never by the page: the
// status line says whether it is on and how.
//
// Invariants: at most MAX_EVENTS items (the oldest go first); `since` is the
// seq the next poll asks from, and a boot starts it again at 0; a filter
// change only hides or shows items already there.

import type { TraceChunk } from '../protocol.ts';
import { trace_kind_names, type KdebugTraceEvent } from '../gen/kdebug-layout.ts';
import { describeTraceEvent, traceKindName } from '../trace-format.ts';
import { el, setText } from './dom.ts';

const MAX_EVENTS = 500;

export class TracePane {
  readonly root: HTMLElement;
  private readonly list = el('ol', { class: 'kernel-log trace-events', 'data-testid': 'trace-events' });
  private readonly status = el('div', { class: 'note', 'data-testid': 'trace-status' });
  private readonly kind = el('select', { 'data-testid': 'trace-kind', 'aria-label': 'event kind' }) as HTMLSelectElement;
  private readonly pid = el('input', { type: 'number', min: '0', placeholder: 'pid', 'data-testid': 'trace-pid', 'aria-label': 'process id' }) as HTMLInputElement;
  /** The seq to ask from next. */
  since = 0;
  /** The kernel's system call names by number (empty until the worker gave them). */
  syscallNames: readonly string[] = [];

  constructor() {
    this.kind.append(el('option', { value: '' }, 'all kinds'));
    for (const [value, name] of Object.entries(trace_kind_names)) this.kind.append(el('option', { value }, name));
    this.kind.addEventListener('change', () => this.applyFilter());
    this.pid.addEventListener('input', () => this.applyFilter());
    this.root = el('div', { class: 'trace-pane' }, el('div', { class: 'subhead' }, 'Kernel trace events'), this.status,
      el('div', { class: 'trace-filters' }, this.kind, ' ', this.pid), this.list);
    setText(this.status, 'No trace ring: the running image does not publish one.');
  }

  reset(): void {
    this.since = 0;
    this.syscallNames = [];
    this.list.replaceChildren();
  }

  append(chunk: TraceChunk | null): void {
    if (!chunk) return;
    if (chunk.next < this.since) this.list.replaceChildren();   // a new boot
    this.since = chunk.next;
    setText(this.status, chunk.enabled ? 'Tracing is on (echo 0 > /dev/trace to stop).' : 'Tracing is off: type echo 1 > /dev/trace in the terminal to record events.');
    if (chunk.events.length === 0 && !chunk.lost) return;
    const atBottom = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - 4;
    const items: HTMLElement[] = [];
    if (chunk.lost) items.push(el('li', { class: 'log-lost' }, `… ${chunk.lost} events overwritten before they were read`));
    for (const e of chunk.events.slice(-MAX_EVENTS)) items.push(this.item(e));
    this.list.append(...items);
    while (this.list.childElementCount > MAX_EVENTS) this.list.firstElementChild!.remove();
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  private item(e: KdebugTraceEvent): HTMLElement {
    const time = `${Math.floor(e.time_us / 1e6)}.${String(e.time_us % 1e6).padStart(6, '0')}`;
    const li = el('li', { class: `trace-${traceKindName(e.kind)}`, 'data-kind': String(e.kind), 'data-pid': String(e.pid), 'data-seq': String(e.seq) },
      `${time} pid ${e.pid} ${traceKindName(e.kind)} ${describeTraceEvent(e, this.syscallNames)}`);
    li.hidden = !this.shows(li);
    return li;
  }

  private shows(li: HTMLElement): boolean {
    if (!li.dataset.kind) return true;
    return (!this.kind.value || li.dataset.kind === this.kind.value) && (!this.pid.value || li.dataset.pid === this.pid.value);
  }

  private applyFilter(): void {
    for (const li of this.list.children) (li as HTMLElement).hidden = !this.shows(li as HTMLElement);
  }
}
