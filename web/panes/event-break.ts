// The event-breakpoint controls (under the CPU pane): pause at the next page
// fault (of a pid, in an address range), fork, exec, exit, signal, delivery,
// OOM kill, swap-out, context switch or system call N, and, once one fired,
// why: the event, and for a fault its address, the error code decoded, the
// PDE and PTE before and after the kernel handled it, and a button that
// opens the page-table view at that address. The mechanism is the worker's
// (web/event-breaks.ts); this only asks and shows.

import type { EventBreakSpec, EventStop, Snapshot } from '../protocol.ts';
import { EVENT_BREAK_KINDS, describeFaultError, type EventBreakKind } from '../event-breaks.ts';
import { el, hex, setText } from './dom.ts';

export interface EventBreakControls {
  arm(spec: EventBreakSpec | null): Promise<string | null>;
  /** Open the page-table view of the address space `cr3` at `address`. */
  showPageTables(cr3: number, address: number): void;
}

/** "P A D RW US" style flags of a raw PDE/PTE (null: no page table). */
export function entryText(entry: number | null): string {
  if (entry === null) return 'none (no page table)';
  if ((entry & 1) === 0) return `${hex(entry)} not present${entry !== 0 ? ' (kernel bits set)' : ''}`;
  const flags = [entry & 2 ? 'RW' : 'RO', entry & 4 ? 'U' : 'S', entry & 0x20 ? 'A' : '', entry & 0x40 ? 'D' : '', entry & 0x200 ? 'COW' : ''].filter(Boolean);
  return `${hex(entry)} frame ${hex((entry & 0xfffff000) >>> 0)} ${flags.join(' ')}`;
}

const parseNumber = (text: string): number | undefined => {
  const t = text.trim();
  if (t === '') return undefined;
  return /^(0x[0-9a-f]+|\d+)$/i.test(t) ? Number(t) >>> 0 : NaN;
};

export class EventBreakPane {
  readonly root = el('div', { class: 'event-break', 'data-testid': 'event-break' });
  private readonly kind = el('select', { 'data-testid': 'event-kind', 'aria-label': 'event to break on' });
  private readonly pid = el('input', { 'data-testid': 'event-pid', placeholder: 'pid (any)', size: '6', 'aria-label': 'only this pid' });
  private readonly from = el('input', { 'data-testid': 'event-from', placeholder: 'from 0x…', size: '10', 'aria-label': 'fault address from' });
  private readonly to = el('input', { 'data-testid': 'event-to', placeholder: 'to 0x…', size: '10', 'aria-label': 'fault address to' });
  private readonly syscall = el('input', { 'data-testid': 'event-syscall', placeholder: 'nr', size: '4', 'aria-label': 'system call number' });
  private readonly status = el('span', { class: 'event-status', 'data-testid': 'event-status' });
  private readonly why = el('div', { class: 'event-why', 'data-testid': 'event-why' });
  private lastShown = '';

  constructor(private readonly controls: EventBreakControls) {
    for (const k of EVENT_BREAK_KINDS) this.kind.append(el('option', { value: k }, k.replace('_', ' ')));
    const arm = el('button', { 'data-testid': 'event-arm', title: 'pause at the next such event' }, 'Break on event');
    const disarm = el('button', { 'data-testid': 'event-disarm', title: 'remove the event breakpoint' }, 'Clear');
    arm.addEventListener('click', () => void this.arm());
    disarm.addEventListener('click', () => void this.controls.arm(null).then(() => setText(this.status, 'no event breakpoint')));
    this.kind.addEventListener('change', () => this.showFields());
    this.root.append(el('div', { class: 'event-controls' }, this.kind, this.pid, this.from, this.to, this.syscall, arm, disarm, this.status), this.why);
    this.showFields();
  }

  private showFields(): void {
    const k = this.kind.value as EventBreakKind;
    this.from.hidden = this.to.hidden = k !== 'fault';
    this.syscall.hidden = k !== 'syscall';
  }

  private async arm(): Promise<void> {
    const kind = this.kind.value as EventBreakKind;
    const spec: EventBreakSpec = { kind };
    const pid = parseNumber(this.pid.value);
    if (pid !== undefined) spec.pid = pid;
    if (kind === 'fault') {
      const from = parseNumber(this.from.value), to = parseNumber(this.to.value);
      if (from !== undefined) spec.from = from;
      if (to !== undefined) spec.to = to;
    }
    if (kind === 'syscall') spec.syscall = parseNumber(this.syscall.value);
    if (Object.values(spec).some((v) => typeof v === 'number' && Number.isNaN(v))) { setText(this.status, 'numbers: decimal or 0x…'); return; }
    const error = await this.controls.arm(spec);
    setText(this.status, error ?? `armed: next ${kind}`);
  }

  render(s: Snapshot): void {
    const eb = s.eventBreak;
    if (!eb) return;
    if (eb.armed) setText(this.status, `armed: next ${eb.armed.kind}${eb.armed.pid !== undefined ? ` of pid ${eb.armed.pid}` : ''}`);
    const key = eb.last ? `${eb.last.event.seq}` : '';
    if (key === this.lastShown) return;
    this.lastShown = key;
    this.why.replaceChildren(...(eb.last ? this.explain(eb.last) : []));
    if (eb.last && !eb.armed) setText(this.status, `stopped at ${eb.last.kind} (event ${eb.last.event.seq})`);
  }

  private explain(stop: EventStop): HTMLElement[] {
    const e = stop.event;
    const head = el('div', { 'data-testid': 'event-what' }, `pid ${e.pid}: ${stop.kind} ${e.args.map((a) => hex(a >>> 0, 1)).join(' ')}`);
    const f = stop.fault;
    if (!f) return [head];
    const show = el('button', { 'data-testid': 'event-show-pte', title: 'open the page-table view at the faulting address' }, 'Show in page tables');
    show.addEventListener('click', () => this.controls.showPageTables(f.cr3, f.address));
    const rows: [string, string, string][] = [
      ['address', hex(f.address), 'fault-address'],
      ['error code', `${f.error}: ${describeFaultError(f.error)}`, 'fault-error'],
      ['at eip', hex(f.eip), 'fault-eip'],
      ['PDE before', entryText(f.pdeBefore), 'fault-pde'],
      ['PTE before', entryText(f.pteBefore), 'fault-pte'],
      ['PTE after', entryText(f.pteAfter), 'fault-pte-after'],
      ['kernel', f.result, 'fault-result'],
    ];
    const table = el('table', { class: 'fault-why' });
    for (const [name, value, id] of rows) table.append(el('tr', {}, el('th', {}, name), el('td', { 'data-testid': id }, value)));
    return [head, table, show];
  }
}
