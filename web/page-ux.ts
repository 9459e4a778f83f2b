// The page's frame around the terminal, as a new user meets it: the
// splitter between the terminal and the side panes, the key bar for touch
// screens, the boot text shown in the terminal area until the machine's
// first output, the "Power on" button after a poweroff, the note that files
// are lost on reload without "keep my disk", persistent storage asked for
// when the disk is kept, and the Web Lock that keeps one tab per saved disk.
//
// Invariants:
// - The side panes' width is one custom property (--side-width on <body>),
//   clamped so the terminal keeps MIN_TERMINAL_PX; the splitter is a focusable
//   role=separator moved by pointer or arrow keys, its value kept in
//   localStorage (SIDE_WIDTH_KEY).
// - The key bar's Ctrl is a one-shot modifier: it turns the next character
//   typed (on the bar or the keyboard) into its control code, then releases.
// - Saved disks are held by the lock DISK_LOCK while a tab runs one: the
//   lock is asked for with ifAvailable, so a second tab learns at once that
//   another tab has the disk instead of waiting on IndexedDB; a tab keeps
//   the lock until it closes.

const SIDE_WIDTH_KEY = 'hako-side-width';
const MIN_SIDE_PX = 240;
const MIN_TERMINAL_PX = 320;
const KEY_STEP_PX = 24;
/** One lock for every saved disk of the origin (the demo's and each image's). */
export const DISK_LOCK = 'hako-saved-disk';

const KEYBAR_KEYS: [label: string, name: string, sends: string][] = [
  ['Esc', 'Escape', '\x1b'], ['Tab', 'Tab', '\t'],
  ['←', 'Left arrow', '\x1b[D'], ['↑', 'Up arrow', '\x1b[A'], ['↓', 'Down arrow', '\x1b[B'], ['→', 'Right arrow', '\x1b[C'],
];

export interface PageUxHooks {
  /** Send bytes to the machine's console. */
  send(data: string): void;
  /** Give the terminal the keyboard focus back. */
  focusTerminal(): void;
  /** Boot again (Power on, or the second tab's boot without the kept disk). */
  boot(options: { keepDisk?: boolean }): void;
}

export class PageUx {
  private ctrlArmed = false;
  private readonly ctrlButton: HTMLButtonElement;
  private readonly bootText = document.getElementById('term-boot')!;
  private readonly powerOn = document.getElementById('power-on') as HTMLButtonElement;
  private readonly conflict = document.getElementById('tab-conflict')!;
  private readonly diskNote = document.getElementById('disk-note')!;
  private waitingForOutput = true;
  private diskLock: Promise<boolean> | null = null;

  constructor(private readonly hooks: PageUxHooks) {
    this.setUpSplitter();
    this.ctrlButton = this.setUpKeybar();
    this.powerOn.addEventListener('click', () => { this.powerOn.hidden = true; hooks.boot({}); });
    document.getElementById('boot-no-keep')!.addEventListener('click', () => { this.conflict.hidden = true; hooks.boot({ keepDisk: false }); });
  }

  // ---- boot text and power ----------------------------------------------------------------

  /** A boot starts: the terminal area shows its progress until the first output. */
  booting(): void {
    this.waitingForOutput = true;
    this.bootText.hidden = false;
    this.powerOn.hidden = true;
    this.conflict.hidden = true;
  }

  progress(text: string): void {
    if (this.waitingForOutput) this.bootText.textContent = text;
    if (/^(powered off|the machine stopped)/.test(text)) this.powerOn.hidden = false;
  }

  /** The machine wrote to the console (cheap after the first call). */
  output(): void {
    if (!this.waitingForOutput) return;
    this.waitingForOutput = false;
    this.bootText.hidden = true;
  }

  // ---- keep my disk -----------------------------------------------------------------------

  /** The setting changed (or the page starts): the note, and persistent storage asked for when it is on. */
  keepDiskChanged(on: boolean, byUser: boolean): void {
    this.diskNote.hidden = on;
    if (on && byUser) void navigator.storage?.persist?.().catch(() => false);
  }

  /** True when this tab holds (or now takes) the saved disks' lock; false when another tab has it. */
  holdDiskLock(): Promise<boolean> {
    if (!navigator.locks) return Promise.resolve(true); // no Web Locks: nothing to coordinate with
    this.diskLock ??= new Promise<boolean>((resolve) => {
      navigator.locks.request(DISK_LOCK, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock ? new Promise<never>(() => {}) : undefined; // held until the tab closes
      }).catch(() => resolve(false));
    }).then((held) => {
      if (!held) this.diskLock = null; // ask again next time: the other tab may have closed
      return held;
    });
    return this.diskLock;
  }

  /** Another tab has the saved disk: say so in the terminal area and offer a boot without it. */
  showDiskConflict(): void {
    this.bootText.hidden = true;
    this.conflict.hidden = false;
    (document.getElementById('boot-no-keep') as HTMLButtonElement).focus();
  }

  // ---- key bar ------------------------------------------------------------------------------

  /** What the terminal typed, after the key bar's one-shot Ctrl. */
  transform(data: string): string {
    if (!this.ctrlArmed || data.length !== 1) return data;
    this.setCtrl(false);
    const code = data.toUpperCase().charCodeAt(0);
    return code >= 0x40 && code <= 0x5f ? String.fromCharCode(code & 0x1f) : data;
  }

  private setCtrl(on: boolean): void {
    this.ctrlArmed = on;
    this.ctrlButton.setAttribute('aria-pressed', String(on));
  }

  private setUpKeybar(): HTMLButtonElement {
    const bar = document.getElementById('keybar')!;
    const touch = () => matchMedia('(pointer: coarse)').matches || navigator.maxTouchPoints > 0;
    document.body.classList.toggle('touch', touch());
    const button = (label: string, name: string) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.setAttribute('aria-label', name);
      b.dataset.key = name;
      // keep the terminal's focus (and the phone's keyboard) when a key is tapped
      b.addEventListener('pointerdown', (e) => e.preventDefault());
      bar.append(b);
      return b;
    };
    const ctrl = button('Ctrl', 'Control (applies to the next key)');
    ctrl.setAttribute('aria-pressed', 'false');
    ctrl.addEventListener('click', () => { this.setCtrl(!this.ctrlArmed); this.hooks.focusTerminal(); });
    for (const [label, name, sends] of KEYBAR_KEYS) {
      button(label, name).addEventListener('click', () => {
        this.setCtrl(false);
        this.hooks.send(sends);
        this.hooks.focusTerminal();
      });
    }
    return ctrl;
  }

  // ---- splitter -----------------------------------------------------------------------------

  private setUpSplitter(): void {
    const splitter = document.getElementById('splitter')!;
    const main = document.querySelector('main')!;
    let stored = NaN;
    try { stored = Number(localStorage.getItem(SIDE_WIDTH_KEY)); } catch { /* no storage: the default */ }
    const clamp = (px: number) => {
      const sides = [...main.children].filter((c) => c.id === 'lessons' && getComputedStyle(c).display !== 'none')
        .reduce((sum, c) => sum + (c as HTMLElement).offsetWidth, 0);
      const max = Math.max(MIN_SIDE_PX, main.clientWidth - sides - MIN_TERMINAL_PX - splitter.offsetWidth);
      return Math.round(Math.min(max, Math.max(MIN_SIDE_PX, px)));
    };
    const current = () => parseFloat(getComputedStyle(document.body).getPropertyValue('--side-width')) || 560;
    const apply = (px: number, save: boolean) => {
      const width = clamp(px);
      document.body.style.setProperty('--side-width', `${width}px`);
      splitter.setAttribute('aria-valuenow', String(width));
      if (save) { try { localStorage.setItem(SIDE_WIDTH_KEY, String(width)); } catch { /* only the choice is lost */ } }
    };
    splitter.setAttribute('aria-valuemin', String(MIN_SIDE_PX));
    if (Number.isFinite(stored) && stored > 0) apply(stored, false);
    else splitter.setAttribute('aria-valuenow', String(current()));
    splitter.addEventListener('pointerdown', (e) => {
      splitter.setPointerCapture(e.pointerId);
      const move = (m: PointerEvent) => apply(main.getBoundingClientRect().right - m.clientX - splitter.offsetWidth / 2, false);
      const up = () => {
        splitter.removeEventListener('pointermove', move);
        apply(current(), true);
      };
      splitter.addEventListener('pointermove', move);
      splitter.addEventListener('pointerup', up, { once: true });
      splitter.addEventListener('pointercancel', up, { once: true });
      e.preventDefault();
    });
    // The separator sits left of the panes: ArrowLeft moves it left (wider panes).
    splitter.addEventListener('keydown', (e) => {
      const step = e.shiftKey ? KEY_STEP_PX * 4 : KEY_STEP_PX;
      const to = e.key === 'ArrowLeft' ? current() + step : e.key === 'ArrowRight' ? current() - step
        : e.key === 'Home' ? Infinity : e.key === 'End' ? MIN_SIDE_PX : null;
      if (to === null) return;
      e.preventDefault();
      apply(to, true);
    });
  }
}
