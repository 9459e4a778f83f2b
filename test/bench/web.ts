// Web benchmarks (npm run bench), in headless Chromium against the
// production build (test/e2e/site.ts), served by a static server in a process
// of its own (test/e2e/static-server.ts; Vite's preview server shared this
// busy process and streamed every file through its event loop):
//
// web-prompt    navigation start → the kernel shell's first prompt in the
//               terminal (seconds, median of RUNS page loads; `instructions`:
//               what the guest had retired when it was seen) with the fast
//               start (?start=fast: the boot snapshot restored), the same
//               with the page's default start, a boot (boot_mode_seconds, boot_mode_runs; the
//               loads of both alternate, so both see the same load on the
//               machine; boot_mode_boot_seconds its guest boot) and for the
//               firmware demo's prompt (demo_seconds). Where the
//               time goes (medians, seconds): `page_seconds` navigation →
//               the page's entry module done (DOMContentLoaded; it starts
//               the worker's boot), `terminal_seconds` → the terminal built
//               (xterm.js and the panes load after the boot has started),
//               `worker_seconds` → the worker's module evaluated,
//               `fetch_seconds` boot() called → what the machine needs to
//               start: the image list, the kernel, the disk's header (a
//               fast start: the snapshot instead), swap opened;
//               `disk_seconds` boot() called → the whole disk decoded (it
//               streams in while the kernel runs; a fast start fetches it
//               once the machine runs; of it `decode_seconds`),
//               `machine_seconds` Machine construction + kernel load (and a
//               fast start's restore), `restore_seconds` the snapshot
//               decoded → the machine built and restored, `boot_seconds` runner
//               start → prompt seen in the terminal (guest boot on the host
//               plus the console's way to the screen), `warmup_seconds`
//               boot() → the interpreter warmed up, `index_seconds` boot() →
//               the image list, `kernel_seconds` boot() → the kernel fetched,
//               `snapshot_seconds` boot() → the snapshot fetched and decoded,
//               `output_seconds` navigation → the first console bytes on the
//               page, `answered_seconds` → the boot's answer on the page,
//               `written_seconds` → the console bytes held until then given
//               to the terminal. *_bytes: what the page downloads (gzipped). From the worker's performance marks
//               (web/worker.ts) and the page's navigation timing, both put
//               on the page's timeline.
// web-loop6     guest MIPS inside the worker running the loop6 body (the demo's
//               `loop6` command: the six instructions of test/bench/cpu.ts),
//               with the debug pane open (polled 5×/s) and closed, and the same
//               image on the same Machine in Node for comparison.
// web-longtask  the longest main-thread task (PerformanceObserver 'longtask',
//               which reports tasks over 50 ms) while the guest runs loop6 flat
//               out with the pane open; 0 when there was none. The same
//               over a window with the machine paused (paused_seconds) tells
//               what the host's own load costs.

import type { Browser, Page } from 'playwright-core';
import { buildOsImages, startSite, type Site } from '../e2e/site.ts';
import { launchBrowser, openPage, terminalText, typeInTerminal, waitForTerminal } from '../e2e/browser.ts';
import { buildDemo } from '../../web/demo/build.ts';
import { Machine } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';

const RUNS = 5;
const WINDOW_MS = 3000;
const PROMPT = 'demo> ';
const KERNEL_PROMPT = 'hako:/#';

let imagesBuilt: Promise<void> | null = null;

export async function withSite<T>(work: (site: Site) => Promise<T>): Promise<T> {
  // The images of the current sources, built once per bench run; a failed
  // build refuses the benchmark (never measure images left by an older build).
  await (imagesBuilt ??= buildOsImages());
  const site = await startSite({ server: 'static' });
  try { return await work(site); } finally { await site.close(); }
}

interface Counted { instructions: number; takenAt: number }

function workerCounters(page: Page): Promise<Counted> {
  return page.evaluate(async () => {
    const h = (window as unknown as { hako: { api: { snapshot(r: { disassembly: number }): Promise<{ counters: { instructions: number }; takenAt: number }> } } }).hako;
    const s = await h.api.snapshot({ disassembly: 0 });
    return { instructions: s.counters.instructions, takenAt: s.takenAt };
  });
}

/** Named points of one page load, seconds from navigation start: the page's navigation timing and the worker's marks. */
async function timeline(page: Page): Promise<Record<string, number>> {
  const points: Record<string, number> = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const terminal = performance.getEntriesByName('hako:terminal')[0];
    const output = performance.getEntriesByName('hako:first-output')[0];
    const answered = performance.getEntriesByName('hako:boot-answered')[0];
    const written = performance.getEntriesByName('hako:output-written')[0];
    return {
      page: nav ? nav.domContentLoadedEventStart : 0, terminal: terminal ? terminal.startTime : NaN, output: output ? output.startTime : NaN,
      answered: answered ? answered.startTime : NaN, written: written ? written.startTime : NaN,
    };
  });
  const worker = page.workers()[0];
  if (worker) {
    const marks = await worker.evaluate(() => ({
      origin: performance.timeOrigin,
      marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as [string, number]),
    }));
    const pageOrigin = await page.evaluate(() => performance.timeOrigin);
    for (const [name, at] of marks.marks) {
      if (name.startsWith('hako:worker:')) points[name.slice('hako:worker:'.length)] = at + marks.origin - pageOrigin;
    }
  }
  for (const k of Object.keys(points)) points[k] /= 1000;
  return points;
}

const PHASES = ['page', 'terminal', 'worker', 'fetch', 'disk', 'decode', 'machine', 'restore', 'boot', 'warmup', 'index', 'kernel', 'snapshot', 'output', 'answered', 'written'] as const;
type Phases = Record<(typeof PHASES)[number], number>;

function phasesOf(t: Record<string, number>, promptAt: number): Phases {
  const at = (name: string) => t[name] ?? NaN;
  return {
    page: at('page'),
    terminal: at('terminal'),
    worker: at('start'),
    fetch: at('disks-ready') - at('boot'),
    disk: at('disk-decoded') - at('boot'),
    decode: at('disk-decoded') - at('disk-fetched'),
    machine: at('running') - at('disks-ready'),
    restore: at('kernel-loaded') - at('snapshot-fetched'),
    boot: promptAt - at('running'),
    warmup: at('warmed-up') - at('boot'),
    index: at('index') - at('boot'),
    kernel: at('kernel-fetched') - at('boot'),
    snapshot: at('snapshot-fetched') - at('boot'),
    output: at('output'),
    answered: at('answered'),
    written: at('written'),
  };
}

function median(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? +v[v.length >> 1].toFixed(3) : NaN;
}

interface PromptTimes { median: number; runs: string; instructions: number; phases: Phases }

/** Navigation start → `prompt` visible in the terminal, for one page load (a fresh context). */
async function promptTime(browser: Browser, url: string, prompt: string): Promise<{ at: number; instructions: number; phases: Phases }> {
  const { page, context } = await openPage(browser, url);
  let at = 0;
  for (let tries = 0; tries < 3000 && !at; tries++) {
    at = await page.evaluate((wanted) => {
      const h = (window as unknown as { hako?: { term: { buffer: { active: { length: number; getLine(i: number): { translateToString(t: boolean): string } | undefined } } } } }).hako;
      if (!h) return 0;
      const b = h.term.buffer.active;
      for (let l = 0; l < b.length; l++) if (b.getLine(l)?.translateToString(true).includes(wanted)) return performance.now();
      return 0;
    }, prompt);
    if (!at) await new Promise((r) => setTimeout(r, 10));
  }
  if (!at) throw new Error(`no prompt "${prompt}"; terminal: ${await terminalText(page)}`);
  const instructions = (await workerCounters(page)).instructions;
  const phases = phasesOf(await timeline(page), at / 1000);
  await context.close();
  return { at: at / 1000, instructions, phases };
}

/** RUNS page loads of each url, alternating (so every url sees the same machine load); medians in seconds. */
async function promptTimes(browser: Browser, urls: string[], prompt: string): Promise<PromptTimes[]> {
  const loads = urls.map(() => [] as { at: number; instructions: number; phases: Phases }[]);
  for (let i = 0; i < RUNS; i++) {
    for (let u = 0; u < urls.length; u++) loads[u].push(await promptTime(browser, urls[u], prompt));
  }
  return loads.map((list) => {
    const times = list.map((l) => l.at).sort((a, b) => a - b);
    const phases = Object.fromEntries(PHASES.map((k) => [k, median(list.map((l) => l.phases[k]))])) as Phases;
    return { median: +times[RUNS >> 1].toFixed(3), runs: times.map((t) => t.toFixed(3)).join(' '), instructions: list[list.length - 1].instructions, phases };
  });
}

/** Bytes of a file the page downloads, as sent (Content-Length: before any Content-Encoding is undone). */
async function servedBytes(url: string): Promise<number> {
  const r = await fetch(url);
  const sent = Number(r.headers.get('content-length') ?? NaN);
  const body = r.ok ? (await r.arrayBuffer()).byteLength : NaN;
  return Number.isFinite(sent) ? sent : body;
}

/** Start loop6 in the guest and measure MIPS over a window in its middle. */
async function loopMips(page: Page): Promise<{ mips: number; instructions: number; seconds: number }> {
  await typeInTerminal(page, 'loop6 100000\r');
  await new Promise((r) => setTimeout(r, 1000)); // past start-up and the runner's slice adaptation
  const a = await workerCounters(page);
  await new Promise((r) => setTimeout(r, WINDOW_MS));
  const b = await workerCounters(page);
  const seconds = (b.takenAt - a.takenAt) / 1000;
  const instructions = b.instructions - a.instructions;
  return { mips: instructions / seconds / 1e6, instructions, seconds };
}

/** The same image and command on a Machine in Node, run in slices like the Runner's. */
function nodeMips(): number {
  const demo = buildDemo();
  if (!demo.ok) throw new Error(demo.error);
  const m = new Machine({ ramBytes: 32 << 20, cmdline: 'demo 32', disks: [new MemoryBlockStore(256)] });
  m.load(demo.elf);
  m.run(5_000_000);
  m.sendInput('loop6 100000\r');
  m.run(20_000_000);
  const t0 = performance.now();
  const i0 = m.cpu.instret;
  while (performance.now() - t0 < WINDOW_MS) m.run(1_000_000);
  return (m.cpu.instret - i0) / ((performance.now() - t0) / 1000) / 1e6;
}

export const benchmarks = [
  {
    name: 'web-prompt',
    run: () => withSite(async (site) => {
      const browser = await launchBrowser();
      try {
        const [kernel, booted] = await promptTimes(browser, [`${site.url}?image=kernel&start=fast`, `${site.url}?image=kernel`], KERNEL_PROMPT);
        const [demo] = await promptTimes(browser, [`${site.url}?image=demo`], PROMPT);
        const index = (await (await fetch(`${site.url}images/index.json`)).json()) as { kernel: string; disk: string; snapshot?: string };
        const phases = Object.fromEntries(PHASES.map((k) => [`${k}_seconds`, kernel.phases[k]]));
        return {
          image: 'kernel', instructions: kernel.instructions, seconds: kernel.median, runs: kernel.runs, ...phases,
          boot_mode_seconds: booted.median, boot_mode_runs: booted.runs, boot_mode_instructions: booted.instructions,
          boot_mode_boot_seconds: booted.phases.boot, boot_mode_worker_seconds: booted.phases.worker, boot_mode_fetch_seconds: booted.phases.fetch,
          demo_seconds: demo.median, demo_runs: demo.runs,
          kernel_bytes: await servedBytes(`${site.url}images/${index.kernel}`), disk_bytes: await servedBytes(`${site.url}images/${index.disk}`),
          snapshot_bytes: index.snapshot ? await servedBytes(`${site.url}images/${index.snapshot}`) : NaN,
        };
      } finally { await browser.close(); }
    }),
  },
  {
    name: 'web-loop6',
    run: () => withSite(async (site) => {
      const browser = await launchBrowser();
      try {
        const measure = async (query: string) => {
          const { page, context } = await openPage(browser, `${site.url}?image=demo${query}`);
          await waitForTerminal(page, PROMPT);
          const r = await loopMips(page);
          await context.close();
          return r;
        };
        const open = await measure('');
        const closed = await measure('&pane=closed');
        const node = nodeMips();
        return {
          instructions: open.instructions, seconds: +open.seconds.toFixed(3),
          mips_pane_open: +open.mips.toFixed(1), mips_pane_closed: +closed.mips.toFixed(1), mips_node: +node.toFixed(1),
          worker_vs_node: +(closed.mips / node).toFixed(3),
        };
      } finally { await browser.close(); }
    }),
  },
  {
    name: 'web-longtask',
    run: () => withSite(async (site) => {
      const browser = await launchBrowser();
      try {
        const { page, context } = await openPage(browser, `${site.url}?image=demo`);
        await waitForTerminal(page, PROMPT);
        await page.evaluate(() => {
          const w = window as unknown as { longtasks: number[] };
          w.longtasks = [];
          new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longtasks.push(e.duration); }).observe({ type: 'longtask' });
        });
        const take = () => page.evaluate(() => {
          const w = window as unknown as { longtasks: number[] };
          const t = w.longtasks;
          w.longtasks = [];
          return t;
        });
        // Baseline: the same page with the machine paused (what the host's load alone costs the main thread).
        await page.evaluate(async () => { await (window as unknown as { hako: { api: { pause(): Promise<void> } } }).hako.api.pause(); });
        await take();
        await new Promise((r) => setTimeout(r, WINDOW_MS));
        const baseline = await take();
        await page.evaluate(() => { (window as unknown as { hako: { api: { resume(): void } } }).hako.api.resume(); });
        type Stats = { fastMs: number; fastMax: number; fastCount: number; slowMs: number; slowMax: number; slowCount: number };
        const stats = () => page.evaluate(() => (window as unknown as { hako: { renderStats(): Stats } }).hako.renderStats());
        const before = await stats();
        const r = await loopMips(page);
        const tasks = await take();
        const after = await stats();
        await context.close();
        return {
          instructions: r.instructions, seconds: +(Math.max(0, ...tasks) / 1000).toFixed(3),
          longtasks: tasks.length, window_seconds: +r.seconds.toFixed(3), mips: +r.mips.toFixed(1),
          paused_seconds: +(Math.max(0, ...baseline) / 1000).toFixed(3), paused_longtasks: baseline.length,
          // The pane's own rendering over the run (cumulative maxima, so from page load on).
          render_ms_per_s: +(((after.fastMs + after.slowMs) - (before.fastMs + before.slowMs)) / r.seconds).toFixed(2),
          render_max_ms: +Math.max(after.fastMax, after.slowMax).toFixed(2),
        };
      } finally { await browser.close(); }
    }),
  },
];
