// The processes pane: a ps-like table (pid, ppid, state, nice, RSS, swap,
// CPU time, command) from the process table the kernel publishes
// (ProcessInfo, read by the worker like a debugger reads memory). The swap
// column waits for the kernel to count swapped pages per process. Each row
// has a kill button, disabled: the page may only do what hardware can, and
// there is no device through which it could ask the kernel to send a signal
// yet. Rebuilt only when the rows change.

import type { ProcessInfo } from '../protocol.ts';
import { el, hex } from './dom.ts';

export const PROCESS_COLUMNS = ['pid', 'ppid', 'state', 'nice', 'RSS', 'swap', 'CPU', 'command', ''];

export class ProcessesPane {
  readonly root: HTMLElement;
  private readonly body = el('tbody');
  private lastKey = '';

  constructor() {
    const head = el('tr', {}, ...PROCESS_COLUMNS.map((c) => el('th', {}, c)));
    this.root = el('div', { class: 'ps-pane', 'data-testid': 'processes' },
      el('table', { class: 'ps' }, el('thead', {}, head), this.body));
    this.render(null);
  }

  render(rows: ProcessInfo[] | null): void {
    const key = JSON.stringify(rows);
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (!rows || rows.length === 0) {
      const why = rows ? 'No processes.' : 'No process table: the running image does not publish one (the kernel does, at kdebug_procs).';
      this.body.replaceChildren(el('tr', { class: 'empty' }, el('td', { colspan: String(PROCESS_COLUMNS.length) }, why)));
      return;
    }
    this.body.replaceChildren(...rows.map((p) => {
      const kill = el('button', { disabled: '', title: 'needs a way for the page to ask the kernel for a signal (not there yet)', 'data-pid': String(p.pid) }, 'kill');
      return el('tr', { 'data-pid': String(p.pid), title: p.cr3 ? `page directory ${hex(p.cr3)}` : 'kernel thread' },
        ...[p.pid, p.ppid, p.state, p.nice, `${p.rssKiB}K`, '—', `${p.cpuSeconds.toFixed(2)}s`, p.command].map((v) => el('td', {}, String(v))),
        el('td', {}, kill));
    }));
  }
}
