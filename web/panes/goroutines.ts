// The G/M/P pane: for a process chosen from the kernel's table, the state
// its goroutine runtime publishes (libc's goro_debug table, read by the
// worker through that process's page tables: web/goro-table.ts) as live
// boxes — each P with its status, its M, its local run queue's length and
// runnext; each M (running a G, idle, spinning, or in a system call); the
// global run queue; the Gs counted by state and the first ones listed with
// their stacks' resident pages (counted in the page tables) and the bytes
// in use below the top; and the runtime's counters (steals, handoffs,
// preemptions, switches, system calls). A process without the runtime
// shows "no Go-style runtime in this process". Rebuilt only when the view
// changes.

import type { GoroView, ProcessInfo } from '../protocol.ts';
import { el, setText } from './dom.ts';

const COUNTERS = ['threads', 'goroutinesMade', 'goroutinesLive', 'steals', 'handoffs', 'preemptions', 'globalTakes', 'switches', 'syscalls'] as const;
const G_ORDER = ['running', 'runnable', 'syscall', 'waiting', 'dead', 'unknown'] as const;

export class GoroutinesPane {
  readonly root: HTMLElement;
  private readonly select = el('select', { 'data-testid': 'goro-process' });
  private readonly status = el('div', { class: 'goro-status', 'data-testid': 'goro-status' });
  private readonly body = el('div', { class: 'goro-body' });
  private lastOptions = '';
  private lastKey = '';

  constructor(private readonly onChoose: () => void) {
    this.select.addEventListener('change', () => { this.lastKey = ''; this.onChoose(); });
    this.root = el('div', { class: 'goro-pane', 'data-testid': 'goroutines' }, el('label', {}, 'Process ', this.select), this.status, this.body);
    this.render(null);
  }

  /** The chosen process's pid, or null. */
  chosen(): number | null {
    return this.select.value === '' ? null : Number(this.select.value);
  }

  /** Chooses a process (as a lesson link or a test would). */
  choose(pid: number): void {
    if (![...this.select.options].some((o) => o.value === String(pid))) this.select.append(el('option', { value: String(pid) }, `pid ${pid}`));
    this.select.value = String(pid);
    this.lastKey = '';
  }

  /** The user processes of the kernel's table, offered by pid and command. */
  setProcesses(list: ProcessInfo[]): void {
    const users = list.filter((p) => p.cr3 !== 0);
    const key = users.map((p) => `${p.pid}:${p.command}`).join(',');
    if (key === this.lastOptions) return;
    this.lastOptions = key;
    const keep = this.select.value;
    this.select.replaceChildren(el('option', { value: '' }, 'choose a process'), ...users.map((p) => el('option', { value: String(p.pid) }, `${p.pid} ${p.command}`)));
    if (keep !== '' && !users.some((p) => String(p.pid) === keep)) this.select.append(el('option', { value: keep }, `pid ${keep} (exited)`));
    this.select.value = keep;
  }

  render(view: GoroView | null): void {
    const key = JSON.stringify(view);
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (!view) {
      setText(this.status, this.chosen() === null ? 'choose a process that runs goroutines (goroutines, gopingpong, goblock …)' : 'reading…');
      this.body.replaceChildren();
      return;
    }
    if (!view.ok) {
      setText(this.status, `pid ${view.pid}: ${view.reason ?? ''}`);
      this.body.replaceChildren();
      return;
    }
    setText(this.status, `pid ${view.pid}: GOMAXPROCS=${view.gomaxprocs}, ${view.ms!.length} Ms, global run queue ${view.globalRunq}`);
    const box = (cls: string, attrs: Record<string, string>, ...lines: string[]) =>
      el('div', { class: `goro-box ${cls}`, ...attrs }, ...lines.map((l) => el('div', {}, l)));
    const ps = el('div', { class: 'goro-row' }, el('span', { class: 'goro-label' }, 'P'), ...view.ps!.map((p) =>
      box(`goro-p-${p.status}`, { 'data-testid': 'goro-p', 'data-p': String(p.id), 'data-status': p.status, 'data-runq': String(p.runq) },
        `P${p.id} ${p.status}${p.m !== null ? ` on M${p.m}` : ''}`, `runq ${p.runq}`, `runnext ${p.runnext !== null ? `G${p.runnext}` : '—'}`)));
    const ms = el('div', { class: 'goro-row' }, el('span', { class: 'goro-label' }, 'M'), ...view.ms!.map((m) =>
      box(`goro-m-${m.state}`, { 'data-testid': 'goro-m', 'data-m': String(m.id), 'data-state': m.state },
        `M${m.id} tid ${m.tid}`, m.state + (m.g !== null ? ` G${m.g}` : ''), m.p !== null ? `holds P${m.p}` : 'no P')));
    const global = el('div', { class: 'goro-row' }, el('span', { class: 'goro-label' }, 'global'),
      box('goro-global', { 'data-testid': 'goro-global', 'data-count': String(view.globalRunq) }, `run queue ${view.globalRunq}`));
    const counts = el('div', { class: 'goro-counts' }, 'Gs: ', ...G_ORDER.filter((s) => view.gCounts![s] > 0 || s !== 'unknown').map((s) =>
      el('span', { class: `goro-count goro-g-${s}`, 'data-testid': 'goro-gcount', 'data-state': s, 'data-count': String(view.gCounts![s]) }, `${s} ${view.gCounts![s]} `)));
    const counters = el('div', { class: 'goro-counters' }, ...COUNTERS.map((c) =>
      el('span', { class: 'goro-counter', 'data-testid': 'goro-counter', 'data-counter': c, 'data-value': String(view.stats![c]) }, `${c} ${view.stats![c]} `)));
    const rows = view.gs!.map((g) => el('tr', { 'data-testid': 'goro-g', 'data-g': String(g.id), 'data-state': g.state },
      ...[`G${g.id}`, g.state, `${g.residentPages * 4} KiB`, g.inUseBytes ? `${g.inUseBytes} B` : '—'].map((v) => el('td', {}, v))));
    const table = el('table', { class: 'goro-gs' },
      el('thead', {}, el('tr', {}, ...['G', 'state', 'stack resident', 'in use'].map((h) => el('th', {}, h)))), el('tbody', {}, ...rows));
    const more = view.gsTruncated ? [el('div', { class: 'goro-more' }, `only the first ${view.gs!.length} live Gs are listed`)] : [];
    this.body.replaceChildren(ps, ms, global, counts, counters, table, ...more);
  }
}
