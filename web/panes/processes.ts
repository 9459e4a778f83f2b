// The processes pane: a ps-like table (pid, ppid, state, nice, RSS, swap,
// CPU time, command) with a kill button per row. The kernel does not report
// its processes to the page yet, so the table shows its columns and an empty
// state saying so; `render` takes the rows once there is a source for them.

import { el } from './dom.ts';

export interface ProcessRow {
  pid: number; ppid: number; state: string; nice: number; rssKiB: number; swapKiB: number; cpuSeconds: number; command: string;
}

export const PROCESS_COLUMNS = ['pid', 'ppid', 'state', 'nice', 'RSS', 'swap', 'CPU', 'command', ''];

export class ProcessesPane {
  readonly root: HTMLElement;
  private readonly body = el('tbody');

  constructor(private readonly kill: (pid: number) => void) {
    const head = el('tr', {}, ...PROCESS_COLUMNS.map((c) => el('th', {}, c)));
    this.root = el('div', { class: 'ps-pane', 'data-testid': 'processes' },
      el('table', { class: 'ps' }, el('thead', {}, head), this.body));
    this.render([]);
  }

  render(rows: ProcessRow[]): void {
    if (rows.length === 0) {
      this.body.replaceChildren(el('tr', { class: 'empty' },
        el('td', { colspan: String(PROCESS_COLUMNS.length) }, 'No process list yet: the kernel does not report its processes to the page.')));
      return;
    }
    this.body.replaceChildren(...rows.map((p) => {
      const kill = el('button', { title: `send SIGKILL to ${p.pid}`, 'data-pid': String(p.pid) }, 'kill');
      kill.addEventListener('click', () => this.kill(p.pid));
      return el('tr', {}, ...[p.pid, p.ppid, p.state, p.nice, `${p.rssKiB}K`, `${p.swapKiB}K`, `${p.cpuSeconds.toFixed(2)}s`, p.command]
        .map((v) => el('td', {}, String(v))), el('td', {}, kill));
    }));
  }
}
