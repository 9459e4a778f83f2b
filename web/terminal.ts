// The console terminal: xterm.js filling its panel (addon-fit, refitted on
// every panel resize), keystrokes and pastes to the machine, bytes from the
// machine to the screen, copy and paste with Ctrl+Shift+C / Ctrl+Shift+V
// (plain Ctrl+C must reach the guest as 0x03). Size changes are reported
// through `onResize` (the page forwards them as a console event).
//
// Readability: lineHeight above 1 so the underscore's row is not clipped by
// the next line's cells; a font stack with common CJK fonts after the Latin
// monospace ones (箱 and the Japanese lessons); the light or dark theme of
// the page's colour scheme, following it when the system's changes.
// Keyboard users leave the terminal with Escape then Tab (Tab alone goes to
// the machine, for completion): the Escape still reaches the guest, the Tab
// right after it moves the focus as in any page.

import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';

/** Above 1: the underscore sits below the glyph box of many monospace fonts and was clipped at 1. */
export const LINE_HEIGHT = 1.2;
export const FONT_FAMILY = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK JP", "Noto Sans CJK JP", '
  + '"Source Han Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", "MS Gothic", "VL Gothic", "IPAGothic", monospace';
const DARK_THEME = { background: '#101418', foreground: '#d8dee9', cursor: '#d8dee9', selectionBackground: '#3b4a60' };
const LIGHT_THEME = {
  background: '#fbfbfc', foreground: '#1d232b', cursor: '#1d232b', cursorAccent: '#fbfbfc', selectionBackground: '#b9cde6',
  // the ANSI colours darkened where the defaults are unreadable on white
  black: '#1d232b', red: '#b0303b', green: '#2e6a1e', yellow: '#7d5200', blue: '#2f5680', magenta: '#6f3a7b', cyan: '#0b6577', white: '#5b6472',
  brightBlack: '#566070', brightRed: '#a82834', brightGreen: '#2e6a1e', brightYellow: '#7d5200', brightBlue: '#2f5680', brightMagenta: '#6f3a7b', brightCyan: '#0b6577', brightWhite: '#1d232b',
};

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
  const light = matchMedia('(prefers-color-scheme: light)');
  const term = new Terminal({
    cursorBlink: true, scrollback: 5000, fontSize: 14, lineHeight: LINE_HEIGHT,
    fontFamily: FONT_FAMILY,
    theme: light.matches ? LIGHT_THEME : DARK_THEME,
  });
  light.addEventListener('change', () => { term.options.theme = light.matches ? LIGHT_THEME : DARK_THEME; });
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
  term.textarea?.setAttribute('aria-describedby', 'term-exit-hint');
  let afterEscape = false;
  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown') return true;
    const leaving = afterEscape && e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey;
    if (!['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) afterEscape = e.key === 'Escape';
    if (leaving) return false; // xterm leaves the event alone: the browser moves the focus
    if (!e.ctrlKey || !e.shiftKey) return true;
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
