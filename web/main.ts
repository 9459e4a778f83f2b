// The page: starts the machine's Web Worker (web/worker.ts, through
// comlink; every type that crosses is in web/protocol.ts) before anything
// else, then builds the terminal, the settings and the debug pane.
//
// Boot order: this module is small on purpose. It creates the worker and
// asks it to boot at once, and only then imports xterm.js and the panes
// (their own chunk: ~0.3 s of script on the main thread), and builds the
// terminal once the worker has taken the boot request, so fetching the
// images and starting the kernel overlap with building the page. Console
// bytes that arrive before the terminal exists — or before the boot has said
// what it booted (the demo needs \n turned into \r\n) — are held and written
// in order once both are there; nothing is dropped or reordered. The boot
// uses a provisional console size; the terminal's real one follows as a
// resize event (the worker applies the latest size when it builds the
// machine, or raises the console-size IRQ if the machine already runs).
//
// Polling, not pushing: the debug pane (panes/debug.ts) asks the worker for
// what it shows. With the pane closed only console bytes flow.
//
// Lessons (web/lessons/): the pane comes in its own chunk beside the
// terminal's. When a lesson is open — a `#lesson=NAME` link, or the one open
// at the last visit — every boot uses that lesson's machine (its RAM and
// swap, the kernel) instead of the settings' RAM and swap; the first boot
// then waits for the lessons' chunk to learn it. Console bytes also go to
// the typist, which types run blocks and waits for the shell's prompt.
//
// The editor (panes/editor.ts, CodeMirror) is its own chunk, loaded only
// when the Editor button opens it (or it was open at the last visit), so the
// page's start does not pay for it.
//
// The frame around the terminal (splitter, touch key bar, boot text, Power
// on, the saved disk's note, lock and persistent storage) is web/page-ux.ts.
//
// `window.hako` (set once the terminal exists) exposes the terminal and a
// few calls for tests and for anyone scripting the page.

import '@xterm/xterm/css/xterm.css';
import './styles.css';
import * as Comlink from 'comlink';
import type { BootResult, ConsoleSink, ImageIndex, MachineWorkerApi } from './protocol.ts';
import type { ConsoleTerminal } from './terminal.ts';
import type { DebugPane } from './panes/debug.ts';
import { DEFAULTS, effectiveSettings, loadSettings, RAM_CHOICES, saveSettings, SWAP_CHOICES, type Settings } from './settings.ts';
import type { MachineConfig } from '../lessons/engine/format.ts';
import type { LessonsPane } from './lessons/pane.ts';
import { loadProgress } from './lessons/progress.ts';
import { ConsoleTypist } from './lessons/typist.ts';
import { PageUx } from './page-ux.ts';

/** The console size the boot starts with, until the terminal has measured its panel. */
const PROVISIONAL_COLS = 80;
const PROVISIONAL_ROWS = 24;

const byId = (id: string) => document.getElementById(id)!;
const progressLine = byId('boot-progress');
const form = byId('settings') as HTMLFormElement;

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const api = Comlink.wrap<MachineWorkerApi>(worker);

let settings: Settings = effectiveSettings(loadSettings(), location.search);
let booted: BootResult | null = null;
let terminal: ConsoleTerminal | null = null;
let debugPane: DebugPane | null = null;
let lessonsPane: LessonsPane | null = null;
/** The open lesson's machine (every boot uses it), or null: the settings decide. */
let lessonMachine: MachineConfig | null = null;
/** What the last finished boot is running. */
let running: { image: string | null; ramMiB: number; swapMiB: number } | null = null;
/** What the boot under way will run (its image null until the worker has chosen one), or null. */
let booting: { image: string | null; ramMiB: number; swapMiB: number } | null = null;
/** Counts boot() calls: a boot that a newer one replaced while it ran leaves the page to the newer one. */
let bootSerial = 0;
const typist = new ConsoleTypist((data) => { void api.input(data); });
/** Splitter, key bar, boot text, Power on, keep-my-disk note and lock (web/page-ux.ts). */
const ux = new PageUx({
  send: (data) => { void api.input(data); },
  focusTerminal: () => terminal?.term.focus(),
  boot: (options) => { void boot(options).catch((e: Error) => { progressLine.textContent = `boot failed: ${e.message}`; }); },
});
document.body.classList.toggle('lessons-closed', !loadProgress().paneOpen);

// ---- console output: held until the terminal and the boot result are both there -------------

let held: Uint8Array[] = [];
let outputOpen = false;
let outputSeen = false;

function output(bytes: Uint8Array): void {
  // Marks on the page's timeline (relative to navigation start), for the benchmarks.
  if (!outputSeen) { outputSeen = true; performance.mark('hako:first-output'); }
  typist.feed(bytes);
  ux.output();
  if (outputOpen && terminal) terminal.write(bytes);
  else held.push(bytes);
}

/** Write what was held, in order, once there is a terminal and the boot has said what it booted. */
function openOutput(): void {
  if (!terminal || !booted || outputOpen) return;
  terminal.setConvertEol(booted.image === 'demo');
  outputOpen = true;
  const waiting = held;
  held = [];
  for (const bytes of waiting) terminal.write(bytes);
  if (waiting.length) performance.mark('hako:output-written');
}

/**
 * Resolved when the worker has taken the boot request (its first progress report), or after
 * BOOT_ACCEPT_WAIT_MS. Chromium passes messages to a worker that is still starting through the
 * main thread, so building the terminal before then held the boot request back (~70–90 ms
 * between the worker's start and its boot() at load 4); xterm.js is fetched meanwhile.
 */
const BOOT_ACCEPT_WAIT_MS = 1000;
let bootAccepted!: () => void;
const workerHasBoot = new Promise<void>((resolve) => {
  bootAccepted = resolve;
  setTimeout(resolve, BOOT_ACCEPT_WAIT_MS);
});

const sink: ConsoleSink = {
  output,
  progress: (text) => { bootAccepted(); progressLine.textContent = text; ux.progress(text); performance.mark(`hako:progress:${text}`); },
};

// ---- settings -----------------------------------------------------------------------------

function fillSettingsForm(): void {
  const ram = form.elements.namedItem('ramMiB') as HTMLSelectElement;
  const swap = form.elements.namedItem('swapMiB') as HTMLSelectElement;
  ram.replaceChildren(...RAM_CHOICES.map((n) => new Option(`${n} MiB`, String(n))));
  swap.replaceChildren(...SWAP_CHOICES.map((n) => new Option(n ? `${n} MiB` : 'none', String(n))));
  ram.value = String(settings.ramMiB);
  swap.value = String(settings.swapMiB);
  (form.elements.namedItem('speed') as HTMLSelectElement).value = settings.speed;
  (form.elements.namedItem('image') as HTMLSelectElement).value = settings.image;
  (form.elements.namedItem('keepDisk') as HTMLInputElement).checked = settings.keepDisk;
  (form.elements.namedItem('login') as HTMLInputElement).checked = settings.login;
  (form.elements.namedItem('wasm') as HTMLInputElement).checked = settings.wasm;
  (form.elements.namedItem('start') as HTMLSelectElement).value = settings.start;
  ux.keepDiskChanged(settings.keepDisk, false);
  document.body.classList.toggle('pane-closed', !settings.paneOpen);
}

function readSettingsForm(): Settings {
  return {
    ramMiB: Number((form.elements.namedItem('ramMiB') as HTMLSelectElement).value) || DEFAULTS.ramMiB,
    swapMiB: Number((form.elements.namedItem('swapMiB') as HTMLSelectElement).value),
    speed: (form.elements.namedItem('speed') as HTMLSelectElement).value === 'throttled' ? 'throttled' : 'full',
    image: (form.elements.namedItem('image') as HTMLSelectElement).value as Settings['image'],
    keepDisk: (form.elements.namedItem('keepDisk') as HTMLInputElement).checked,
    login: (form.elements.namedItem('login') as HTMLInputElement).checked,
    wasm: (form.elements.namedItem('wasm') as HTMLInputElement).checked,
    start: (form.elements.namedItem('start') as HTMLSelectElement).value === 'boot' ? 'boot' : 'fast',
    paneOpen: settings.paneOpen,
    net: loadSettings().net,   // a visit's ?net= is not saved with the form
  };
}

form.addEventListener('change', (e) => {
  settings = readSettingsForm();
  saveSettings(settings);
  // Speed applies at once; the rest at the next reset.
  if ((e.target as HTMLElement).getAttribute('name') === 'keepDisk') ux.keepDiskChanged(settings.keepDisk, true);
  if ((e.target as HTMLElement).getAttribute('name') === 'speed') void api.setRealTime(settings.speed === 'throttled');
  else progressLine.textContent = 'settings saved: press Reset to boot with them';
});
byId('reset').addEventListener('click', () => { void boot().catch((e: Error) => { progressLine.textContent = `boot failed: ${e.message}`; }); });
// The boot stays watchable whatever the start setting: one click powers on and boots from the start.
byId('watch-boot').addEventListener('click', () => { void boot({ start: 'boot' }).catch((e: Error) => { progressLine.textContent = `boot failed: ${e.message}`; }); });
byId('pristine').addEventListener('click', () => {
  if (!confirm('Forget the saved disk and everything written to it, and boot from the pristine image?')) return;
  void (async () => {
    if (!await ux.holdDiskLock()) { progressLine.textContent = 'this disk is open in another tab: close it first'; return; }
    progressLine.textContent = 'restoring the pristine disk…';
    await api.restorePristineDisk();
    await boot();
  })();
});
function setDebugPaneOpen(open: boolean): void {
  settings = { ...settings, paneOpen: open };
  saveSettings({ ...loadSettings(), paneOpen: settings.paneOpen });
  document.body.classList.toggle('pane-closed', !settings.paneOpen);
  terminal?.fit();
}
byId('toggle-pane').addEventListener('click', () => setDebugPaneOpen(!settings.paneOpen));
byId('toggle-lessons').addEventListener('click', () => {
  if (lessonsPane) lessonsPane.setOpen(!lessonsPane.isOpen());
  else { document.body.classList.toggle('lessons-closed'); terminal?.fit(); }
});

const EDITOR_OPEN_KEY = 'hako-editor-open';
let editorPane: Promise<import('./panes/editor.ts').EditorPane> | null = null;
function setEditorOpen(open: boolean): void {
  // The terminal needs the room: the editor takes the debug pane's place (the pane button brings it back).
  if (open && settings.paneOpen) setDebugPaneOpen(false);
  document.body.classList.toggle('editor-open', open);
  try { localStorage.setItem(EDITOR_OPEN_KEY, open ? '1' : ''); } catch { /* storage refused: only the choice is lost */ }
  if (open && !editorPane) {
    editorPane = import('./panes/editor.ts').then(async ({ EditorPane }) => {
      const pane = new EditorPane(byId('editor'), {
        api, disk: api, type: (command) => { void api.input(command); },
        reboot: ({ kernel, reuseDisk }) => { kernelChoice = kernel; return boot({ reuseDisk }); },
      });
      await pane.start();
      return pane;
    });
    editorPane.catch((e: Error) => { progressLine.textContent = `the editor failed to load: ${e.message}`; editorPane = null; });
  }
  terminal?.fit();
}
byId('toggle-editor').addEventListener('click', () => setEditorOpen(!document.body.classList.contains('editor-open')));

// ---- boot ---------------------------------------------------------------------------------

/** Which kernel Reset boots: the image's, or the one built from /host/kernel (the editor's Build kernel). */
let kernelChoice: 'image' | 'built' = 'image';

/** The image list a production build wrote into the page (web/images-plugin.ts); null in development. */
function builtImageIndex(): ImageIndex | null {
  const text = document.getElementById('hako-image-index')?.textContent;
  if (!text) return null;
  try { return JSON.parse(text) as ImageIndex; } catch { return null; }
}

/** Boots with the settings (or the open lesson's machine); `reuseDisk` keeps the running root disk (a reboot);
 * `keepDisk: false` boots without the saved disk whatever the setting says (another tab has it);
 * `start` overrides the start setting (the Watch it boot button). */
async function boot(options: { reuseDisk?: boolean; keepDisk?: boolean; start?: Settings['start'] } = {}): Promise<BootResult> {
  const serial = ++bootSerial;
  booted = null;
  running = null;
  booting = null;
  outputOpen = false;
  held = [];
  debugPane?.reset();
  terminal?.term.reset();
  typist.reset();
  lessonsPane?.machineChanged();
  ux.booting();
  const keepDisk = settings.keepDisk && options.keepDisk !== false;
  if (keepDisk && !await ux.holdDiskLock()) {
    const error = 'this disk is open in another tab';
    progressLine.textContent = `${error}: close that tab, or boot without keeping the disk`;
    ux.showDiskConflict();
    return { ok: false, image: null, error, ramMiB: settings.ramMiB, frames: 0, persistentDisk: false };
  }
  const machine = lessonMachine;
  booting = { image: machine ? 'kernel' : null, ramMiB: machine?.ramMiB ?? settings.ramMiB, swapMiB: machine?.swapMiB ?? settings.swapMiB };
  const result = await api.boot({
    image: machine ? 'kernel' : settings.image, ramMiB: machine?.ramMiB ?? settings.ramMiB, swapMiB: machine?.swapMiB ?? settings.swapMiB,
    realTime: settings.speed === 'throttled', keepDisk,
    // a lesson types at a root shell, so it never boots to a login prompt
    login: machine ? false : settings.login,
    net: settings.net || null,
    wasm: settings.wasm,
    imagesUrl: new URL('images/', location.href).href, imageIndex: builtImageIndex(),
    cols: terminal?.term.cols ?? PROVISIONAL_COLS, rows: terminal?.term.rows ?? PROVISIONAL_ROWS,
    kernel: kernelChoice, reuseDisk: options.reuseDisk ?? false,
    // a reboot that keeps the running disk boots (the snapshot's disk is the pristine one)
    start: options.reuseDisk ? 'boot' : options.start ?? settings.start,
  }, Comlink.proxy(sink));
  // A newer boot started while the worker answered this one (a lesson asking for its machine as the page
  // loads): the worker has already stopped this machine, and the page's state belongs to the newer boot.
  if (serial !== bootSerial) return result;
  booting = null;
  performance.mark('hako:boot-answered');
  document.body.dataset.start = result.ok ? (result.restored ? 'restored' : 'booted') : '';
  document.body.dataset.kernel = result.ok ? result.kernel ?? 'image' : '';
  booted = result;
  running = result.ok ? { image: result.image, ramMiB: result.ramMiB, swapMiB: machine?.swapMiB ?? settings.swapMiB } : null;
  document.body.dataset.booted = result.ok ? (result.image ?? '') : 'failed';
  openOutput();
  debugPane?.start(result);
  lessonsPane?.machineBooted();
  terminal?.term.focus();
  return result;
}

/** The lesson the page opens with (a `#lesson=` link, or the one open last), whose machine the first boot uses. */
async function firstLesson(): Promise<string | null> {
  const openLast = loadProgress().current;
  if (!/(^#|&)lesson=/.test(location.hash) && !openLast) return null; // the lessons' chunk is not on the boot's path
  const catalog = await import('./lessons/catalog.ts');
  const name = catalog.initialLesson(location.hash, openLast);
  lessonMachine = name ? catalog.lessonMachine(name) : null;
  return name;
}

const startingLesson = firstLesson().catch(() => null);
const firstBoot = startingLesson.then(() => boot());
firstBoot.catch((e: Error) => { progressLine.textContent = `boot failed: ${e.message}`; });
fillSettingsForm();

// ---- the rest of the page, while the worker fetches and boots -------------------------------

async function buildPage(): Promise<void> {
  const [{ createTerminal }, { DebugPane }, { LessonsPane }] = await Promise.all([
    import('./terminal.ts'), import('./panes/debug.ts'), import('./lessons/pane.ts'), workerHasBoot]);
  const term = createTerminal(byId('terminal'), (data) => { void api.input(ux.transform(data)); },
    (cols, rows) => { void api.consoleEvent({ kind: 'resize', cols, rows }); });
  // The boot went out with a provisional size: the real one now (messages to the worker keep their order).
  void api.consoleEvent({ kind: 'resize', cols: term.term.cols, rows: term.term.rows });
  terminal = term;
  performance.mark('hako:terminal');
  const pane = new DebugPane(api, () => settings.paneOpen, (text) => { progressLine.textContent = text; }, byId);
  debugPane = pane;
  openOutput();
  if (booted) { pane.start(booted); term.term.focus(); }
  const lessons = new LessonsPane(byId('lessons'), {
    api, typist,
    // a boot under way counts: a lesson opened while its machine boots must not boot it a second time
    running: () => running ?? booting,
    setLessonMachine: (machine, bootNow) => {
      lessonMachine = machine;
      if (bootNow) void boot().catch((e: Error) => { progressLine.textContent = `boot failed: ${e.message}`; });
    },
    focusDebug: (view, params) => {
      if (!settings.paneOpen) setDebugPaneOpen(true);
      void pane.focus(view, params).catch((e: Error) => { progressLine.textContent = `debug pane: ${e.message}`; });
    },
    layoutChanged: () => term.fit(),
  });
  lessonsPane = lessons;
  lessons.start(await startingLesson);
  window.hako = {
    term: term.term,
    api,
    boot,
    settings: () => settings,
    snapshot: () => pane.latest,
    mips: () => pane.activity.mips,
    memoryHistory: () => pane.activity.memory.history(),
    renderStats: () => ({ ...pane.stats }),
    lesson: () => lessons.openLesson,
    editor: () => editorPane,
  };
  let editorWasOpen = false;
  try { editorWasOpen = localStorage.getItem(EDITOR_OPEN_KEY) === '1'; } catch { /* no storage: closed */ }
  if (editorWasOpen) setEditorOpen(true);
}

declare global {
  interface Window { hako: unknown }
}
void buildPage().catch((e: Error) => { progressLine.textContent = `the page failed to load: ${e.message}`; });
