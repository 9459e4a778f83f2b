// The console terminal: xterm.js filling its panel (addon-fit, refitted on
// every panel resize), keystrokes and pastes to the machine, bytes from the
// machine to the screen, copy and paste with Ctrl+Shift+C / Ctrl+Shift+V
// (plain Ctrl+C must reach the guest as 0x03). Size changes are reported
// through `onResize` (the page forwards them as a console event).

import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';

export interface ConsoleTerminal {
  term: Terminal;
  write(bytes: Uint8Array): void;
  /** The demo's bare console sends \n alone; a kernel tty sends \r\n itself. */
  setConvertEol(on: boolean): void;
  fit(): void;
}

export function createTerminal(
  container: HTMLElement, send: (data: string) => void, onResize: (cols: number, rows: number) => void,
): ConsoleTerminal {
  const term = new Terminal({
    cursorBlink: true, scrollback: 5000, fontSize: 14,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    theme: { background: '#101418', foreground: '#d8dee9' },
  });
  const fitter = new FitAddon();
  term.loadAddon(fitter);
  term.open(container);
  const fit = () => {
    if (container.clientWidth > 0 && container.clientHeight > 0) fitter.fit();
  };
  fit();
  new ResizeObserver(() => fit()).observe(container);
  term.onResize(({ cols, rows }) => onResize(cols, rows));
  term.onData((data) => send(data));
  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC') {
      const text = term.getSelection();
      if (text) void navigator.clipboard?.writeText(text).catch(() => {});
      return false;
    }
    if (e.code === 'KeyV') {
      void navigator.clipboard?.readText().then((text) => term.paste(text)).catch(() => {});
      return false;
    }
    return true;
  });
  return {
    term,
    write: (bytes) => term.write(bytes),
    setConvertEol: (on) => { term.options.convertEol = on; },
    fit,
  };
}
