// The processes pane: a ps-like table (pid, ppid, state, nice, RSS, swap,
// CPU time, command, control group) from the process table the kernel publishes
// (ProcessInfo, read by the worker like a debugger reads memory). Each row
// has a kill button that rings the debug doorbell: the kernel's driver
// decides whether to send SIGKILL (it refuses init and kernel threads, so
// those rows' buttons start disabled) and its answer shows in the status
// line. Clicking a row selects it: the line under the table shows that
// process's pending and blocked signals and which it catches or ignores
// (the kernel's table from version 3) and its namespaces (version 5).
// A process's other threads (kdebug_threads, version 8) follow its row as
// indented rows of their own (tid, state, CPU time), marked as threads of
// that group; they have no kill button (a signal goes to the whole group).
// Rebuilt only when the rows change.

import type { ProcessInfo, ProcessNamespaces, ProcessSignals, SignalResult, ThreadInfo } from '../protocol.ts';
import { el, hex, setText } from './dom.ts';

const PROCESS_COLUMNS = ['pid', 'ppid', 'state', 'nice', 'RSS', 'swap', 'CPU', 'command', 'cgroup', ''];
const SIGKILL = 9;
/** Linux errno names for the kernel's answers. */
const ERRNO_NAMES: Record<number, string> = { 1: 'EPERM: not allowed', 3: 'ESRCH: no such process', 22: 'EINVAL: invalid signal' };

const SIGNAL_NAMES = [
  'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT',
  'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS',
];

/** The signals of a mask (bit sig − 1) by name: "USR1 CHLD", or "none". */
export function signalNames(mask: number): string {
  const names: string[] = [];
  for (let sig = 1; sig <= 32; sig++) if ((mask >>> (sig - 1)) & 1) names.push(SIGNAL_NAMES[sig - 1] ?? String(sig));
  return names.length ? names.join(' ') : 'none';
}

/** One line for a process's signal state. */
export function describeSignals(pid: number, command: string, s: ProcessSignals): string {
  return `pid ${pid} (${command}) signals — pending: ${signalNames(s.pending)}; blocked: ${signalNames(s.blocked)}; ` +
    `caught: ${signalNames(s.caught)}; ignored: ${signalNames(s.ignored)}`;
}

/** Its namespaces as /proc/PID/ns names them, and its pid inside a pid namespace of its own. */
export function describeNamespaces(pid: number, n: ProcessNamespaces): string {
  const inner = n.vpid !== pid ? ` (pid ${n.vpid} inside)` : '';
  return `namespaces — pid:[${n.pid}]${inner} mnt:[${n.mnt}] uts:[${n.uts}] ipc:[${n.ipc}] net:[${n.net}]`;
}

/** The cells of a thread's row under its group's, in PROCESS_COLUMNS order. */
export function threadCells(t: ThreadInfo): string[] {
  return [`  ↳ ${t.tid}`, '', t.state, '', '', '', `${t.cpuSeconds.toFixed(2)}s`, `thread of ${t.tgid}`, '', ''];
}

export class ProcessesPane {
  readonly root: HTMLElement;
  private readonly body = el('tbody');
  private readonly status = el('div', { class: 'ps-status', 'data-testid': 'kill-status', role: 'status' });
  private readonly signals = el('div', { class: 'ps-signals', 'data-testid': 'process-signals' });
  private lastKey = '';
  private focused: number | null = null;
  private selected: number | null = null;
  private rows: ProcessInfo[] | null = null;

  constructor(private readonly signal: (pid: number, sig: number) => Promise<SignalResult>) {
    const head = el('tr', {}, ...PROCESS_COLUMNS.map((c) => el('th', {}, c)));
    this.root = el('div', { class: 'ps-pane', 'data-testid': 'processes' },
      el('table', { class: 'ps' }, el('thead', {}, head), this.body), this.signals, this.status);
    this.body.addEventListener('click', (e) => {
      const button = (e.target as HTMLElement).closest('button[data-kill]');
      if (button instanceof HTMLButtonElement) {
        if (!button.disabled) void this.kill(Number(button.dataset.kill), button);
        return;
      }
      const row = (e.target as HTMLElement).closest('tr[data-pid]');
      if (row instanceof HTMLElement) {
        this.selected = Number(row.dataset.pid);
        this.showSelection();
      }
    });
    this.render(null);
  }

  private async kill(pid: number, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    setText(this.status, `asking the kernel to send SIGKILL to pid ${pid}…`);
    const answer = await this.signal(pid, SIGKILL).catch((e: Error) => ({ result: null, error: e.message }) as SignalResult);
    if (answer.result === 0) setText(this.status, `kernel: SIGKILL sent to pid ${pid}`);
    else if (answer.result !== null) setText(this.status, `kernel refused pid ${pid}: ${ERRNO_NAMES[-answer.result] ?? `error ${answer.result}`}`);
    else setText(this.status, `pid ${pid}: ${answer.error ?? 'no answer'}`);
    button.disabled = false;
  }

  /** Marks a process's row (a lesson link); it stays marked across refreshes. */
  focus(pid: number | null): void {
    this.focused = pid;
    this.markFocus(true);
    if (pid !== null && !this.body.querySelector(`tr[data-pid="${pid}"]`)) setText(this.status, `pid ${pid} is not in the kernel's table`);
  }

  private markFocus(scroll: boolean): void {
    for (const row of this.body.querySelectorAll<HTMLElement>('tr[data-pid]')) {
      const on = row.dataset.pid === String(this.focused);
      row.classList.toggle('focused', on);
      if (on && scroll) row.scrollIntoView({ block: 'nearest' });
    }
  }

  render(rows: ProcessInfo[] | null): void {
    const key = JSON.stringify(rows);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.rows = rows;
    this.renderRows(rows);
    this.markFocus(false);
    this.showSelection();
  }

  /** The selected row's mark and its signal line (kept across refreshes while the process lives). */
  private showSelection(): void {
    const p = this.rows?.find((r) => r.pid === this.selected);
    for (const row of this.body.querySelectorAll<HTMLElement>('tr[data-pid]')) row.classList.toggle('selected', row.dataset.pid === String(this.selected));
    setText(this.signals, p ? `${describeSignals(p.pid, p.command, p.signals)}; ${describeNamespaces(p.pid, p.namespaces)}` : this.selected === null ? 'click a process to see its signals' : `pid ${this.selected} has exited`);
  }

  private renderRows(rows: ProcessInfo[] | null): void {
    if (!rows || rows.length === 0) {
      const why = rows ? 'No processes.' : 'No process table: the running image does not publish one (the kernel does, at kdebug_procs).';
      this.body.replaceChildren(el('tr', { class: 'empty' }, el('td', { colspan: String(PROCESS_COLUMNS.length) }, why)));
      return;
    }
    this.body.replaceChildren(...rows.flatMap((p) => [this.processRow(p), ...(p.threadRows ?? []).map((t) =>
      el('tr', { class: 'ps-thread', 'data-tid': String(t.tid), 'data-tgid': String(t.tgid), title: `thread ${t.tid} of process ${t.tgid} (${p.command})` },
        ...threadCells(t).map((v) => el('td', {}, v))))]));
  }

  private processRow(p: ProcessInfo): HTMLElement {
    // The kernel decides; the button only starts disabled where it would surely refuse.
    const refused = p.pid <= 1 ? 'init cannot be killed from here' : p.cr3 === 0 ? 'kernel threads take no signals' : '';
    const kill = el('button', { type: 'button', 'data-kill': String(p.pid), title: refused || `send SIGKILL to pid ${p.pid} through the debug doorbell` }, 'kill');
    if (refused) kill.disabled = true;
    const swap = `${p.swapKiB}K`;
    return el('tr', { 'data-pid': String(p.pid), title: p.cr3 ? `page directory ${hex(p.cr3)}` : 'kernel thread' },
      ...[p.pid, p.ppid, p.state, p.nice, `${p.rssKiB}K`, swap, `${p.cpuSeconds.toFixed(2)}s`, p.command, p.cgroup].map((v) => el('td', {}, String(v))),
      el('td', {}, kill));
  }
}
