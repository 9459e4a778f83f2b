// The CPU pane: registers (eflags decoded, ring, control registers), the
// current process (the entry of the kernel's process table whose page
// directory is in CR3), disassembly around EIP with symbol names, the run controls (pause,
// continue F5, step F11, step over F10, step out Shift+F11, run to a clicked
// disassembly line), the registers a step changed highlighted, and
// breakpoints by address or symbol (listed with their symbol).
// Renders a Snapshot; cells change only when their text does, and the
// disassembly is rebuilt only when its lines differ from the last ones.

import type { BreakpointResult, ProcessInfo, Snapshot } from '../protocol.ts';
import { el, hex, setText } from './dom.ts';

export interface CpuControls {
  pause(): void;
  resume(): void;
  step(): void;
  stepOver(): void;
  stepOut(): void;
  /** Run until eip reaches `address` (a clicked disassembly line). */
  runTo(address: number): void;
  addBreakpoint(spec: string): Promise<BreakpointResult>;
  removeBreakpoint(address: number): void;
}

const GENERAL = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'] as const;
const CONTROL = ['cr0', 'cr2', 'cr3', 'vtb', 'ksp'] as const;
const FLAG_NAMES = ['CF', 'PF', 'ZF', 'SF', 'IF', 'DF', 'OF'] as const;

export class CpuPane {
  readonly root: HTMLElement;
  private readonly cells = new Map<string, HTMLElement>();
  private readonly status = el('span', { class: 'run-status', 'data-testid': 'run-status' });
  private readonly disasm = el('ol', { class: 'disasm', 'data-testid': 'disassembly' });
  private readonly breakpointList = el('ul', { class: 'breakpoints', 'data-testid': 'breakpoints' });
  private readonly breakpointError = el('span', { class: 'error' });
  private readonly currentProcess = el('div', { class: 'current-process', 'data-testid': 'current-process' });
  private processes: ProcessInfo[] = [];
  private lastDisasmKey = '';
  private lastBreakpoints = '';
  /** Register values of the previous snapshot while paused: what a step changed is highlighted. */
  private previous: Record<string, number> | null = null;
  private previousInstret = -1;

  constructor(private readonly controls: CpuControls) {
    const button = (label: string, id: string, action: () => void, title: string) => {
      const b = el('button', { 'data-testid': id, title }, label);
      b.addEventListener('click', action);
      return b;
    };
    const regs = el('table', { class: 'registers', 'data-testid': 'registers' });
    const row = (names: readonly string[]) => {
      const tr = el('tr');
      for (const name of names) {
        const value = el('td', { class: 'value', 'data-reg': name });
        this.cells.set(name, value);
        tr.append(el('th', {}, name), value);
      }
      regs.append(tr);
    };
    row(GENERAL.slice(0, 4));
    row(GENERAL.slice(4));
    row(['eip', 'eflags', 'ring', 'state']);
    row(CONTROL.slice(0, 3));
    row(CONTROL.slice(3));
    const flagsLine = el('div', { class: 'flags' });
    for (const f of FLAG_NAMES) {
      const span = el('span', { class: 'flag', 'data-flag': f }, f);
      this.cells.set(`flag:${f}`, span);
      flagsLine.append(span);
    }
    const symbol = el('div', { class: 'eip-symbol', 'data-testid': 'eip-symbol' });
    this.cells.set('eipSymbol', symbol);

    const input = el('input', { type: 'text', placeholder: 'address or symbol', 'data-testid': 'breakpoint-input', size: '18' });
    const add = button('Add breakpoint', 'breakpoint-add', () => {
      const spec = input.value.trim();
      if (!spec) return;
      void this.controls.addBreakpoint(spec).then((r) => {
        setText(this.breakpointError, r.ok ? '' : r.error);
        if (r.ok) input.value = '';
      });
    }, 'stop before the instruction at this address');
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') add.click(); });

    this.root = el('div', { class: 'cpu-pane' },
      el('div', { class: 'controls' },
        button('Pause', 'pause', () => this.controls.pause(), 'stop the CPU after the current slice'),
        button('Continue', 'continue', () => this.controls.resume(), 'run on (F5)'),
        button('Step', 'step', () => this.controls.step(), 'execute one instruction (F11)'),
        button('Step over', 'step-over', () => this.controls.stepOver(), 'execute one instruction; run a call to its return (F10)'),
        button('Step out', 'step-out', () => this.controls.stepOut(), 'run until this function returns, by the frame pointer (Shift+F11)'),
        this.status),
      regs, flagsLine, symbol, this.currentProcess,
      el('div', { class: 'breakpoint-bar' }, input, add, this.breakpointError),
      this.breakpointList,
      this.disasm);
    this.disasm.addEventListener('click', (e) => {
      const li = (e.target as HTMLElement).closest('li[data-address]');
      if (li) this.controls.runTo(parseInt(li.getAttribute('data-address')!, 16));
    });
    // Debugger keys, anywhere but in the terminal (which has its own use for them).
    document.addEventListener('keydown', (e) => {
      if ((e.target as HTMLElement | null)?.closest?.('.xterm')) return;
      const act = e.key === 'F5' ? () => this.controls.resume()
        : e.key === 'F10' ? () => this.controls.stepOver()
          : e.key === 'F11' && e.shiftKey ? () => this.controls.stepOut()
            : e.key === 'F11' ? () => this.controls.step() : null;
      if (!act) return;
      e.preventDefault();
      act();
    });
  }

  /** The kernel's process table (empty when the image publishes none), to name the current process. */
  setProcesses(list: ProcessInfo[]): void { this.processes = list; }

  render(s: Snapshot): void {
    const r = s.registers;
    // By address space, not by the table's 'running' state: the table is refreshed by a kernel thread,
    // which is what is running whenever it is written.
    const running = this.processes.find((p) => p.cr3 !== 0 && p.state !== 'zombie' && ((p.cr3 ^ r.cr3) & 0xfffff000) === 0);
    setText(this.currentProcess, running ? `process: pid ${running.pid} ${running.command}` : this.processes.length ? 'process: none (kernel)' : '');
    for (const name of GENERAL) setText(this.cells.get(name)!, hex(r[name]));
    setText(this.cells.get('eip')!, hex(r.eip));
    setText(this.cells.get('eflags')!, hex(r.eflags));
    setText(this.cells.get('ring')!, String(r.ring));
    const state = s.runner === 'paused' ? (s.machine.state === 'breakpoint' ? 'breakpoint' : 'paused')
      : s.machine.halted && s.machine.state === 'running' ? 'halted' : s.machine.state;
    setText(this.cells.get('state')!, state);
    this.markChanged(s);
    for (const name of CONTROL) setText(this.cells.get(name)!, hex(r[name]));
    for (const f of FLAG_NAMES) this.cells.get(`flag:${f}`)!.classList.toggle('on', r.flags[f]);
    setText(this.cells.get('eipSymbol')!, r.eipSymbol ? `at ${r.eipSymbol}` : '');
    setText(this.status, s.runner === 'paused' ? `paused at ${hex(r.eip)}` : s.runner);
    this.renderDisassembly(s);
    this.renderBreakpoints(s.machine.breakpoints, s.breakpointNames ?? {});
  }

  /**
   * While paused, the registers that differ from the previous paused state get the class `changed`;
   * a snapshot of the same state (the polls go on while paused) leaves the marks as they are.
   */
  private markChanged(s: Snapshot): void {
    if (s.runner === 'paused' && this.previous && s.counters.instructions === this.previousInstret) return;
    this.previousInstret = s.counters.instructions;
    const r = s.registers;
    const now: Record<string, number> = { eip: r.eip, eflags: r.eflags };
    for (const name of [...GENERAL, ...CONTROL]) now[name] = r[name];
    const before = s.runner === 'paused' ? this.previous : null;
    for (const [name, value] of Object.entries(now)) this.cells.get(name)?.classList.toggle('changed', before !== null && before[name] !== value);
    this.previous = s.runner === 'paused' ? now : null;
  }

  private renderDisassembly(s: Snapshot): void {
    const eip = s.registers.eip;
    const key = eip + ':' + s.disassembly.map((l) => l.address + l.text).join('|');
    if (key === this.lastDisasmKey) return;
    this.lastDisasmKey = key;
    this.disasm.replaceChildren(...s.disassembly.map((line) => {
      const li = el('li', { 'data-address': hex(line.address) },
        el('span', { class: 'addr' }, hex(line.address)),
        el('span', { class: 'sym' }, line.symbol ? `<${line.symbol}>` : ''),
        el('span', { class: 'bytes' }, line.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')),
        el('span', { class: 'text' }, line.unmapped ? '(not mapped)' : line.text));
      if (line.address === eip) li.classList.add('current');
      if (s.machine.breakpoints.includes(line.address)) li.classList.add('breakpoint');
      return li;
    }));
  }

  private renderBreakpoints(list: number[], names: Record<number, string>): void {
    const key = list.map((a) => `${a}${names[a] ?? ''}`).join(',');
    if (key === this.lastBreakpoints) return;
    this.lastBreakpoints = key;
    this.breakpointList.replaceChildren(...list.map((address) => {
      const remove = el('button', { title: 'remove this breakpoint' }, '×');
      remove.addEventListener('click', () => this.controls.removeBreakpoint(address));
      return el('li', {}, hex(address), names[address] ? ` <${names[address]}>` : '', ' ', remove);
    }));
  }
}
