// The console-size register: the terminal's columns and rows as the host's
// terminal (xterm.js in the page, the Node TTY in the CLI) reports them, so
// the kernel's tty can answer TIOCGWINSZ and send SIGWINCH. On a PC this
// knowledge lives in the terminal at the far end of the serial line; here a
// tiny device beside the UART carries it, the way a serial console server
// or a virtio console's config space would.
//
// Ports (docs/architecture.md, "Devices"): 0x508 dword SIZE, read-only:
// columns in bits 0–15, rows in bits 16–31 (one read gives both, so the
// guest never sees half a change); 0x50C dword STATUS: bit 0 "changed since
// acknowledged"; writing a value with bit 0 set acknowledges. IRQ 3, a level:
// high while the change is unacknowledged.
//
// Invariants: columns and rows are 1…65535 (the host's nonsense is clamped,
// never thrown); a host size equal to the current one changes nothing.

import type { PortDevice } from '../bus.ts';
import { readRegister, type InterruptLines } from './device.ts';

export const CONSOLE_SIZE_BASE_PORT = 0x508;
export const CONSOLE_SIZE_PORT_COUNT = 8;
export const CONSOLE_SIZE_IRQ = 3;
export const DEFAULT_CONSOLE_COLUMNS = 80;
export const DEFAULT_CONSOLE_ROWS = 24;

const STATUS_CHANGED = 1;

export interface ConsoleSizeSnapshot { columns: number; rows: number; changed: boolean }

function clampDimension(n: number, fallback: number): number {
  if (!Number.isFinite(n)) return fallback;
  return Math.min(0xffff, Math.max(1, Math.floor(n)));
}

export class ConsoleSize implements PortDevice {
  private columns = DEFAULT_CONSOLE_COLUMNS;
  private rows = DEFAULT_CONSOLE_ROWS;
  private changed = false;

  constructor(private readonly irq: InterruptLines, private readonly irqLine = CONSOLE_SIZE_IRQ) {}

  /** Host → guest: the terminal is now `columns` × `rows`; raises the IRQ if that is news. */
  setSize(columns: number, rows: number): void {
    const c = clampDimension(columns, this.columns);
    const r = clampDimension(rows, this.rows);
    if (c === this.columns && r === this.rows) return;
    this.columns = c;
    this.rows = r;
    this.changed = true;
    this.irq.setLevel(this.irqLine, true);
  }

  portIn(port: number, size: number): number {
    const offset = port - CONSOLE_SIZE_BASE_PORT;
    const value = offset < 4 ? ((this.rows << 16) | this.columns) >>> 0 : this.changed ? STATUS_CHANGED : 0;
    return readRegister(value, offset & 3, size);
  }

  portOut(port: number, _size: number, value: number): void {
    if (port !== CONSOLE_SIZE_BASE_PORT + 4 || (value & STATUS_CHANGED) === 0) return;
    this.changed = false;
    this.irq.setLevel(this.irqLine, false);
  }

  /** For a machine snapshot (emulator/timetravel). */
  saveState(): ConsoleSizeSnapshot { return this.snapshot(); }
  loadState(s: ConsoleSizeSnapshot): void {
    this.columns = s.columns; this.rows = s.rows; this.changed = s.changed;
    this.irq.setLevel(this.irqLine, s.changed);
  }

  snapshot(): ConsoleSizeSnapshot { return { columns: this.columns, rows: this.rows, changed: this.changed }; }
}
