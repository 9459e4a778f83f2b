// The page: wires the terminal, the settings and the debug panes to the
// machine's Web Worker (web/worker.ts, through comlink; every type that
// crosses is in web/protocol.ts).
//
// Polling, not pushing: while the debug pane is open the page asks the
// worker for a snapshot every POLL_MS and for the page tables and frame map
// every SLOW_POLL_MS; at most one request of each kind is in flight, so a
// busy worker slows the pane down instead of queueing work. Panes render
// only what changed. With the pane closed only console bytes flow.
//
// `window.hako` exposes the terminal and a few calls for tests and for
// anyone scripting the page.

import '@xterm/xterm/css/xterm.css';
import './styles.css';
import * as Comlink from 'comlink';
import type { BootResult, ConsoleSink, MachineWorkerApi, Snapshot } from './protocol.ts';
import { createTerminal } from './terminal.ts';
import { DEFAULTS, effectiveSettings, loadSettings, RAM_CHOICES, saveSettings, SWAP_CHOICES, type Settings } from './settings.ts';
import { CpuPane } from './panes/cpu.ts';
import { PageTablePane } from './panes/page-tables.ts';
import { FrameMapPane } from './panes/frame-map.ts';
import { ProcessesPane } from './panes/processes.ts';
import { ActivityPane } from './panes/activity.ts';

const POLL_MS = 200;
const SLOW_POLL_MS = 1000;
const DISASSEMBLY_LINES = 14;

const byId = (id: string) => document.getElementById(id)!;
const progressLine = byId('boot-progress');
const form = byId('settings') as HTMLFormElement;

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const api = Comlink.wrap<MachineWorkerApi>(worker);

let settings: Settings = effectiveSettings(loadSettings(), location.search);
let booted: BootResult | null = null;
let latest: Snapshot | null = null;
let snapshotInFlight = false;
let slowInFlight = false;
let lastSlow = 0;

const terminal = createTerminal(byId('terminal'), (data) => { void api.input(data); },
  (cols, rows) => { void api.consoleEvent({ kind: 'resize', cols, rows }); });

let outputSeen = false;
const sink: ConsoleSink = {
  output: (bytes) => {
    // Marks on the page's timeline (relative to navigation start), for the benchmarks.
    if (!outputSeen) { outputSeen = true; performance.mark('hako:first-output'); }
    terminal.write(bytes);
  },
  progress: (text) => { progressLine.textContent = text; performance.mark(`hako:progress:${text}`); },
};

// ---- debug pane ---------------------------------------------------------------------------

/** A debug command: refresh the pane after it, and show a failure in the progress line instead of throwing. */
function act(work: unknown): void {
  void Promise.resolve(work).then(refreshNow, (e: Error) => { progressLine.textContent = `debugger: ${e.message}`; });
}

const cpu = new CpuPane({
  pause: () => act(api.pause()),
  resume: () => act(api.resume()),
  step: () => act(api.step()),
  stepOver: () => act(api.stepOver()),
  addBreakpoint: async (spec) => { const r = await api.addBreakpoint(spec); refreshNow(); return r; },
  removeBreakpoint: (address) => act(api.removeBreakpoint(address)),
});
const pageTables = new PageTablePane(() => refreshNow());
const frameMap = new FrameMapPane((frame) => api.frameInfo(frame));
const processes = new ProcessesPane((pid, sig) => api.signal(pid, sig));
const activity = new ActivityPane();
byId('cpu').append(cpu.root);
byId('page-tables').append(pageTables.root);
byId('frame-map').append(frameMap.root);
byId('processes').append(processes.root);
byId('activity').append(activity.root);

/** Main-thread time spent rendering the pane (for the benchmarks): total and longest, per kind of poll. */
const renderStats = {
  fastMs: 0, fastMax: 0, fastCount: 0, slowMs: 0, slowMax: 0, slowCount: 0,
  fast(ms: number) { this.fastMs += ms; this.fastMax = Math.max(this.fastMax, ms); this.fastCount++; },
  slow(ms: number) { this.slowMs += ms; this.slowMax = Math.max(this.slowMax, ms); this.slowCount++; },
};

async function poll(): Promise<void> {
  if (!booted?.ok || !settings.paneOpen) return;
  if (!snapshotInFlight) {
    snapshotInFlight = true;
    try {
      const s = await api.snapshot({ disassembly: DISASSEMBLY_LINES });
      if (s && (!latest || s.serial > latest.serial)) {
        latest = s;
        const t0 = performance.now();
        cpu.render(s);
        activity.render(s);
        pageTables.updateChoices(s);
        renderStats.fast(performance.now() - t0);
      }
    } finally {
      snapshotInFlight = false;
    }
  }
  const now = performance.now();
  if (!slowInFlight && now - lastSlow >= SLOW_POLL_MS) {
    slowInFlight = true;
    lastSlow = now;
    try {
      const [view, map, table, log] = await Promise.all([
        api.pageTables(pageTables.chosen(), 256), api.frameMap(), api.processes(), api.kernelLog(activity.log.since)]);
      const t0 = performance.now();
      pageTables.setProcesses(table ?? []);
      cpu.setProcesses(table ?? []);
      pageTables.render(view);
      frameMap.render(map);
      processes.render(table);
      activity.log.append(log);
      renderStats.slow(performance.now() - t0);
    } finally {
      slowInFlight = false;
    }
  }
}

function refreshNow(): void {
  lastSlow = 0;
  poll().catch((e: Error) => { progressLine.textContent = `debug pane: ${e.message}`; });
}

setInterval(() => { poll().catch((e: Error) => { progressLine.textContent = `debug pane: ${e.message}`; }); }, POLL_MS);

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
  document.body.classList.toggle('pane-closed', !settings.paneOpen);
}

function readSettingsForm(): Settings {
  return {
    ramMiB: Number((form.elements.namedItem('ramMiB') as HTMLSelectElement).value) || DEFAULTS.ramMiB,
    swapMiB: Number((form.elements.namedItem('swapMiB') as HTMLSelectElement).value),
    speed: (form.elements.namedItem('speed') as HTMLSelectElement).value === 'throttled' ? 'throttled' : 'full',
    image: (form.elements.namedItem('image') as HTMLSelectElement).value as Settings['image'],
    keepDisk: (form.elements.namedItem('keepDisk') as HTMLInputElement).checked,
    paneOpen: settings.paneOpen,
  };
}

form.addEventListener('change', (e) => {
  settings = readSettingsForm();
  saveSettings(settings);
  // Speed applies at once; the rest at the next reset.
  if ((e.target as HTMLElement).getAttribute('name') === 'speed') void api.setRealTime(settings.speed === 'throttled');
  else progressLine.textContent = 'settings saved: press Reset to boot with them';
});
byId('reset').addEventListener('click', () => { void boot().catch((e: Error) => { progressLine.textContent = `boot failed: ${e.message}`; }); });
byId('pristine').addEventListener('click', () => {
  void (async () => {
    progressLine.textContent = 'restoring the pristine disk…';
    await api.restorePristineDisk();
    await boot();
  })();
});
byId('toggle-pane').addEventListener('click', () => {
  settings = { ...settings, paneOpen: !settings.paneOpen };
  saveSettings({ ...loadSettings(), paneOpen: settings.paneOpen });
  document.body.classList.toggle('pane-closed', !settings.paneOpen);
  terminal.fit();
});

// ---- boot ---------------------------------------------------------------------------------

async function boot(): Promise<BootResult> {
  booted = null;
  latest = null;
  activity.log.reset();
  terminal.term.reset();
  const result = await api.boot({
    image: settings.image, ramMiB: settings.ramMiB, swapMiB: settings.swapMiB,
    realTime: settings.speed === 'throttled', keepDisk: settings.keepDisk,
    imagesUrl: new URL('images/', location.href).href, cols: terminal.term.cols, rows: terminal.term.rows,
  }, Comlink.proxy(sink));
  terminal.setConvertEol(result.image === 'demo');
  booted = result;
  document.body.dataset.booted = result.ok ? (result.image ?? '') : 'failed';
  refreshNow();
  terminal.term.focus();
  return result;
}

fillSettingsForm();
declare global {
  interface Window { hako: unknown }
}
window.hako = {
  term: terminal.term,
  api,
  boot,
  settings: () => settings,
  snapshot: () => latest,
  mips: () => activity.mips,
  memoryHistory: () => activity.memory.history(),
  renderStats: () => ({ ...renderStats }),
};
void boot().catch((e: Error) => { progressLine.textContent = `boot failed: ${e.message}`; });
