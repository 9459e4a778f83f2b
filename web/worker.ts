// The machine's Web Worker: owns the one Machine and its Runner, and answers
// the page through comlink (the API is web/protocol.ts's MachineWorkerApi).
//
// Owns: fetching the images, building the disks (root from the pristine
// image, or an IndexedDB copy-on-write overlay over it when "keep my disk"
// is on; swap always in IndexedDB behind a write-behind cache, emptied at boot), the run loop, console
// plumbing and the debug commands. Inspection lives in web/worker-inspect.ts.
//
// Invariants: nothing the guest does makes a method throw (errors come back
// as values); the run loop yields between slices (Runner), so page calls
// such as snapshot() are answered within a slice (~8 ms) even while the guest
// runs flat out. Console bytes are batched and pushed to the page at most
// once per 16 ms, so a chatty guest costs the page one message per frame.

import * as Comlink from 'comlink';
import { Machine } from '../emulator/machine.ts';
import { Runner } from '../emulator/runner.ts';
import { warmUpInterpreter } from '../emulator/cpu/warmup.ts';
import { disassemble } from '../emulator/inspect.ts';
import { MemoryBlockStore } from '../emulator/blockstore/memory.ts';
import { IndexedDbBlockStore } from '../emulator/blockstore/indexeddb.ts';
import { WriteBehindBlockStore } from '../emulator/blockstore/write-behind.ts';
import { buildKernelFromFolder, EditorFiles, sharedFolder } from './worker-files.ts';
import { BLOCK_SIZE, type BlockStore } from '../emulator/blockstore/interface.ts';
import type {
  BootConfig, BootResult, BreakpointResult, ConsoleEvent, ConsoleSink, ImageIndex, MachineWorkerApi, StepResult,
} from './protocol.ts';
import { Inspector } from './worker-inspect.ts';
import { TimeTravel } from './worker-timetravel.ts';
import { evaluateLessonRequest, tablesSettled, waitForFreshTables } from './lesson-eval.ts';
import { TICKS_PER_SECOND } from '../emulator/devices/device.ts';
import { DOORBELL_CLOCK_RESUMED, DOORBELL_SIGNAL } from '../emulator/devices/doorbell.ts';
import { bootTimeForRestore, decodeSnapshot, restoreSnapshot, snapshotDiskBlocks, type BootSnapshot } from './boot-snapshot.ts';
import { decodeSparse, SPARSE_HEADER_BYTES, sparseGeometry } from './sparse-image.ts';
import { fetchImage, fetchImageStreaming, imageLabel } from './image-fetch.ts';
import { DeferredBlockStore } from './deferred-store.ts';
import type { BroadcastChannelCable } from './net-channel.ts';
import type { FrameCapture } from './net-capture.ts';
import { NIC_STATUS } from '../emulator/devices/nic.ts';
import { attachUserSymbols, type UserSymbols } from './user-symbols.ts';
import { readExt2 } from '../toolchain/mkfs/read.ts';

/** Root disk when there is no disk image: 1 MiB of zeros (the demo uses its last block). */
const BLANK_DISK_BLOCKS = 256;
/** Each tab's own swap database: deleting a shared one waited forever while another tab of the
 * origin (a classroom network, ?net=) had it open, so the second tab never booted. */
const SWAP_DB_PREFIX = 'hako-swap';
const SWAP_DB = `${SWAP_DB_PREFIX}-${crypto.randomUUID().slice(0, 8)}`;
/** Saved root disks: one database per pristine image (by content), so a rebuilt image starts afresh. */
const ROOT_DB_PREFIX = 'hako-root-';
const DEMO_DB = 'hako-demo-disk';
const OUTPUT_FLUSH_MS = 16;
/** How long the page waits for the kernel to answer a doorbell request: generous, because a loaded
 * host can run the guest slowly (3 s was once too short for an e2e run on a busy 2-core machine). */
const DOORBELL_TIMEOUT_MS = 15000;
/** settle(): how often the emulated clock is looked at, and the host time given per emulated second asked
 * for (plus a floor) before giving up — a paused or stopped machine's clock does not move. */
const SETTLE_POLL_MS = 10;
const SETTLE_HOST_MS_PER_SECOND = 4000;
const SETTLE_HOST_MS_MIN = 2000;
/** evaluateLesson: how often, and how many times, to let the guest run on when the kernel was caught rewriting its tables. */
const TORN_RETRY_MS = 2;
const TORN_RETRIES = 200;
/** evaluateLesson: the most host time given to the kernel's next table refresh (50 ms of guest time; more on a loaded host). */
const FRESH_TABLES_HOST_MS = 3000;

/** A point on the worker's timeline (performance marks), read by the web-prompt benchmark to split boot time. */
const mark = (name: string) => { performance.mark(`hako:worker:${name}`); };
mark('start');

let machine: Machine | null = null;
let runner: Runner | null = null;
let sink: ConsoleSink | null = null;
let openDbs: IndexedDbBlockStore[] = [];
/** The running kernel's root disk (what exportDisk reads), or null for the demo. */
let rootDisk: BlockStore | null = null;
/** Whether rootDisk is the IndexedDB copy (keep my disk). */
let rootPersistent = false;
/** The kernel buildKernel made last from /host/kernel (booted with `kernel: 'built'`). */
let builtKernel: Uint8Array | null = null;
/** An imported root disk: every boot uses it (with what the guest wrote) until restorePristineDisk or a reload. */
let importedRoot: MemoryBlockStore | null = null;
/** exportDisk reads this many blocks at a time (4 MiB). */
const EXPORT_CHUNK_BLOCKS = 1024;
/** The editor's files (the shared folder, opened once and kept across boots) and its compiler. */
let imagesUrl: string | null = null;
const files = new EditorFiles((text) => { void sink?.progress(text); }, () => imagesUrl);
const inspector = new Inspector();
const timeTravel = new TimeTravel();
let consoleSize = { cols: 80, rows: 24 };
/** Resolved the next time the runner parks (breakpoint or pause). */
let pausedWaiters: (() => void)[] = [];
/** Counts boots: a boot that finds a newer one started while it awaited gives up. */
let bootGeneration = 0;

/** images/index.json: which images the server has. */
async function fetchImageIndex(imagesUrl: string, report: (text: string) => void): Promise<ImageIndex> {
  report('fetching the image list…');
  const response = await fetch(new URL('index.json', imagesUrl));
  if (!response.ok) throw new Error(`images/index.json: HTTP ${response.status}`);
  return (await response.json()) as ImageIndex;
}

/** The network card's cable and what it moved (when the boot named a network). */
let cable: BroadcastChannelCable | null = null;
let capture: FrameCapture | null = null;

/** The network's parts, loaded by the first boot that names a network (most boots never do). */
async function networkParts() {
  const [channel, frames] = await Promise.all([import('./net-channel.ts'), import('./net-capture.ts')]);
  return { randomMac: channel.randomMac, BroadcastChannelCable: channel.BroadcastChannelCable, FrameCapture: frames.FrameCapture };
}

let pending: Uint8Array[] = [];
let pendingBytes = 0;
let flushTimer: ReturnType<typeof setTimeout> | null = null;

let outputSeen = false;
function queueOutput(bytes: Uint8Array): void {
  if (!outputSeen) { outputSeen = true; mark('first-output'); }
  pending.push(bytes);
  pendingBytes += bytes.length;
  if (!flushTimer) flushTimer = setTimeout(flushOutput, OUTPUT_FLUSH_MS);
}

function flushOutput(): void {
  flushTimer = null;
  if (!sink || pendingBytes === 0) return;
  const all = new Uint8Array(pendingBytes);
  let at = 0;
  for (const p of pending) { all.set(p, at); at += p.length; }
  pending = [];
  pendingBytes = 0;
  void sink.output(Comlink.transfer(all, [all.buffer]));
}

/** A short name for an image's contents, so a rebuilt image gets a fresh overlay database. */
async function fingerprint(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest).slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Swap starts empty at every boot: its database is deleted and made again. A write-behind cache
 * (batched transactions) stands in front of it: one transaction per page made a swap-heavy run wait
 * on IndexedDB for most of its wall time, and swap need not survive the tab. */
async function openSwap(mib: number): Promise<BlockStore> {
  // Other tabs' swap databases are deleted once they are closed (a live tab's connection holds the
  // delete back, which is not awaited); this tab's own is emptied now.
  const others = typeof indexedDB.databases === 'function' ? await indexedDB.databases().catch(() => []) : [];
  for (const d of others) if (d.name?.startsWith(SWAP_DB_PREFIX) && d.name !== SWAP_DB) indexedDB.deleteDatabase(d.name);
  await IndexedDbBlockStore.remove(SWAP_DB).catch(() => {});
  const swap = await IndexedDbBlockStore.open(SWAP_DB, { blocks: (mib << 20) / BLOCK_SIZE });
  openDbs.push(swap);
  return new WriteBehindBlockStore(swap);
}

/** Every saved root disk (all images) and the demo's. */
async function savedDiskNames(): Promise<string[]> {
  const list = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
  return [...new Set([DEMO_DB, ...list.map((d) => d.name ?? '').filter((n) => n.startsWith(ROOT_DB_PREFIX))])];
}

/** Stops the machine and closes its disks, except `keep` (a reboot's root disk). */
function stopMachine(keep: BlockStore | null = null): void {
  runner?.stop();
  runner = null;
  machine = null;
  for (const db of openDbs) if (db !== keep) db.close();
  openDbs = openDbs.filter((db) => db === keep);
  inspector.reset();
  timeTravel.reset();
  if (flushTimer) { clearTimeout(flushTimer); flushTimer = null; }
  pending = [];
  pendingBytes = 0;
  cable?.detach();
  cable = null;
  capture = null;
}

async function boot(config: BootConfig, consoleSink: ConsoleSink): Promise<BootResult> {
  // A reboot keeps the root disk as the guest left it (the kernel writes through, so nothing is lost).
  const previousRoot = config.reuseDisk ? rootDisk : null;
  const previousPersistent = rootPersistent;
  stopMachine(previousRoot);
  const generation = ++bootGeneration;
  sink = consoleSink;
  imagesUrl = config.imagesUrl;
  consoleSize = { cols: config.cols, rows: config.rows };
  const report = (text: string) => { void consoleSink.progress(text); };
  const result: BootResult = { ok: false, image: null, ramMiB: config.ramMiB, frames: (config.ramMiB << 20) / 4096, persistentDisk: false };
  try {
    mark('boot');
    // Everything the boot waits for starts at once: swap's database, then (once the list names them) both images.
    const swapping = config.swapMiB > 0 ? openSwap(config.swapMiB) : Promise.resolve(null);
    swapping.catch(() => {}); // reported when awaited below; not an unhandled rejection if something fails first
    const folderOpening = sharedFolder(report); // the editor's folder (IndexedDB): opened beside the downloads, not after them
    // a production page carries the list (web/images-plugin.ts), which saves a round trip
    const index = config.imageIndex ?? await fetchImageIndex(config.imagesUrl, report);
    report('fetching the images…');
    mark('index');
    const ownKernel = config.kernel === 'built';
    if (ownKernel && !builtKernel) throw new Error('no kernel has been built yet (the editor\'s Build kernel)');
    const image = ownKernel ? 'kernel' : config.image === 'auto' ? (index.kernel ? 'kernel' : 'demo') : config.image;
    const file = image === 'kernel' ? index.kernel : index.demo;
    if (!file && !ownKernel) throw new Error(`no ${image} image on the server${index.notes.length ? ` (${index.notes.join('; ')})` : ''}`);
    // The demo gets a small blank disk of its own (it does not speak ext2); the kernel gets the root image,
    // unless this boot keeps the running disk or one was imported.
    const keptRoot = image === 'kernel' ? previousRoot ?? importedRoot : null;
    const rootImage = image === 'kernel' && !keptRoot ? index.disk : null;
    const fetching = (name: string) => {
      const bytes = fetchImage(new URL(name, config.imagesUrl).href, imageLabel(name), report);
      bytes.catch(() => {}); // reported when awaited below
      return bytes;
    };
    const kernelBytes = ownKernel ? Promise.resolve(builtKernel!) : fetching(file!);
    const fits = index.snapshotMachine?.ramMiB === config.ramMiB && index.snapshotMachine.swapMiB === config.swapMiB;
    const snapshotWanted = config.start === 'fast' && fits && image === 'kernel' && !ownKernel && !keptRoot && !config.keepDisk && !config.login && !config.net;
    const snapshot = snapshotWanted && index.snapshot ? fetchBootSnapshot(new URL(index.snapshot, config.imagesUrl).href, report) : null;
    // A fast start shows the prompt without the disk (the guest reads it only for the first command), so the
    // disk's download and inflation wait until the restored machine runs (startDisk): at load 25 they ran
    // together and the snapshot arrived with the whole disk, 2.4 s after boot() instead of with the kernel;
    // later, started once the snapshot was in, they still held back building and restoring the machine.
    const saved = snapshot ? await snapshot : null;
    if (snapshot) mark('snapshot-fetched');
    const snapshotBlocks = saved && rootImage ? snapshotDiskBlocks(saved, 0) : 0;
    let startDisk: (() => void) | null = null;
    const diskStarted = snapshotBlocks > 0 ? new Promise<void>((resolve) => { startDisk = resolve; }) : Promise.resolve();
    // The disk streams in; its header (the disk's size) is enough to build the machine and start the
    // kernel, which reaches its first disk request long after the rest has arrived (web/deferred-store.ts).
    const disk = rootImage ? diskStarted.then(() => fetchImageStreaming(new URL(rootImage, config.imagesUrl).href, imageLabel(rootImage), report, SPARSE_HEADER_BYTES)) : null;
    disk?.then((d) => d.whole).catch(() => {}); // reported through the disk (or by keep-my-disk's wait below)
    // While the images are on their way (else the first run does it: emulator/cpu/warmup.ts). After the
    // image list, not while it is in flight: a warm-up that outlasted the list held the images' requests back.
    // Not for a fast start: the prompt is the snapshot's console, which needs no guest code; warming up here
    // held the snapshot's download and decoding back (0.55 s at load 20); the first run warms up after it.
    if (!snapshot) {
      warmUpInterpreter();
      mark('warmed-up');
    }
    const elf = await kernelBytes;
    mark('kernel-fetched');
    let root: BlockStore = new MemoryBlockStore(BLANK_DISK_BLOCKS);
    let pristine = Promise.resolve(root as MemoryBlockStore);
    if (rootImage && disk) {
      const label = imageLabel(rootImage);
      const geometryOf = async () => {
        const geometry = sparseGeometry(await (await disk).head);
        if (!geometry.ok) throw new Error(`${label}: ${geometry.error}`);
        if (geometry.blockSize !== BLOCK_SIZE) throw new Error(`${label}: blocks of ${geometry.blockSize} bytes, not ${BLOCK_SIZE}`);
        if (snapshotBlocks && geometry.count !== snapshotBlocks) throw new Error(`${label}: ${geometry.count} blocks, the boot snapshot's disk had ${snapshotBlocks}`);
        mark('disk-header');
        return geometry.count;
      };
      // A fast start knows the disk's size from the snapshot and builds the machine without waiting for it.
      const counting = snapshotBlocks ? diskStarted.then(geometryOf) : null;
      const count = snapshotBlocks || await geometryOf();
      pristine = (counting ?? Promise.resolve(count)).then(async () => {
        const sparse = await (await disk).whole;
        mark('disk-fetched');
        // Decoded straight into the disk's own (zeroed) buffer: no second 64 MiB copy.
        const store = new MemoryBlockStore(count);
        const decoded = decodeSparse(sparse, store.image);
        if (!decoded.ok) throw new Error(`${label}: ${decoded.error}`);
        mark('disk-decoded');
        return store;
      });
      root = new DeferredBlockStore(count, pristine);
    }

    const disks: BlockStore[] = [keptRoot ?? root];
    rootDisk = null;
    rootPersistent = keptRoot ? keptRoot === previousRoot && previousPersistent : false;
    result.persistentDisk = rootPersistent;
    if (keptRoot === importedRoot && importedRoot) result.importedDisk = true;
    if (config.keepDisk && !keptRoot) {
      report('opening the saved disk…');
      const base = await pristine; // the overlay is named after, and reads through to, the whole pristine image
      const name = rootImage ? `${ROOT_DB_PREFIX}${await fingerprint(base.image)}` : DEMO_DB;
      const db = await IndexedDbBlockStore.open(name, { blocks: base.blocks, base });
      openDbs.push(db);
      disks[0] = db;
      result.persistentDisk = true;
      rootPersistent = true;
    }
    const swap = await swapping;
    if (swap) disks.push(swap);
    rootDisk = rootImage || keptRoot ? disks[0] : null;
    mark('disks-ready');

    if (generation !== bootGeneration) throw new Error('superseded by a newer boot');
    const kernelName = ownKernel ? 'your kernel (built from /host/kernel)' : imageLabel(file!);
    result.kernel = ownKernel ? 'built' : 'image';
    report(`booting ${kernelName}…`);
    const folder = (await folderOpening) ?? undefined;
    const net = config.net ? await networkParts() : null;
    const makeMachine = (bootTime?: number) => new Machine({
      ramBytes: config.ramMiB << 20, disks: disks.map((d) => timeTravel.wrapDisk(d)), cmdline: image === 'demo' ? `demo ${config.ramMiB}` : config.login ? 'login' : '', share: folder,
      nic: net ? { mac: net.randomMac() } : undefined, bootTime, wasm: config.wasm === true,
    });
    let m = makeMachine(saved ? bootTimeForRestore(saved, Date.now() / 1000) : undefined);
    if (saved) {
      m.load(elf);
      const restored = restoreSnapshot(saved, m, elf);
      if (restored.ok) {
        result.restored = true;
        restored.written.catch((e: Error) => report(`disk error: the boot snapshot's blocks were not written: ${e.message}`));
      }
      else {
        report(`no fast start (${restored.error}): booting`);
        m = makeMachine();
      }
    }
    if (net && config.net && m.nic) {
      const tap = new net.FrameCapture();
      m.nic.tap((f) => tap.add(f));
      capture = tap;
      cable = new net.BroadcastChannelCable(config.net);
      cable.attach(m.nic);
    }
    m.on('console', queueOutput);
    m.on('dead', (reason) => report(`the machine stopped: ${reason}`));
    m.on('poweroff', (code) => report(`powered off (exit code ${code})`));
    m.on('disk-error', (message) => report(`disk error: ${message}`));
    mark('machine-made');
    if (result.restored) resumed(m, saved!);
    else m.load(elf);
    mark('kernel-loaded');
    m.consoleSize.setSize(consoleSize.cols, consoleSize.rows); // the latest size (it may have changed while the images loaded)
    machine = m;
    attachProgramSymbols(m, rootImage ? pristine : keptRoot instanceof MemoryBlockStore ? Promise.resolve(keptRoot) : null);
    inspector.attach(m);
    const r = new Runner(m, { realTime: config.realTime });
    runner = r;
    r.events = {
      paused: () => { const waiters = pausedWaiters; pausedWaiters = []; for (const w of waiters) w(); },
    };
    mark('running');
    // After this call has answered: the page opens its console on the answer, and the recorder's first
    // snapshot (a copy of all RAM) and the first slice (the interpreter's warm-up, when the boot was
    // restored) held the restored prompt back 0.2-0.4 s. Input the page sends meanwhile waits in the
    // UART, which the recorder's first snapshot holds.
    setTimeout(() => {
      if (runner !== r) return; // a newer boot has replaced this machine
      timeTravel.attach(m);
      void r.run().then(() => flushOutput(), (e: Error) => report(`the run loop stopped: ${e.message}`));
      startDisk?.();
    }, 0);
    const diskNote = result.persistentDisk ? ', disk kept in this browser' : result.importedDisk ? ', imported disk: kept until the page reloads (export it to keep it)' : '';
    report(`${result.restored ? 'restored' : 'running'} ${kernelName} (${config.ramMiB} MiB RAM${config.swapMiB ? `, ${config.swapMiB} MiB swap` : ''}${diskNote})`);
    return { ...result, ok: true, image };
  } catch (e) {
    const error = (e as Error).message ?? String(e);
    report(`boot failed: ${error}`);
    return { ...result, error };
  }
}

/** The boot snapshot (web/boot-snapshot.ts), or null when it cannot be had (said why: the boot goes on without it). */
async function fetchBootSnapshot(url: string, report: (text: string) => void): Promise<BootSnapshot | null> {
  try {
    const decoded = decodeSnapshot(await fetchImage(url, 'the boot snapshot', report));
    if (decoded.ok) return decoded.snapshot;
    report(`no fast start (${decoded.error}): booting`);
  } catch (e) {
    report(`no fast start (${(e as Error).message}): booting`);
  }
  return null;
}

/** A machine restored from the snapshot: the console as it was at the prompt, and the kernel told to read its clock again. */
function resumed(m: Machine, saved: BootSnapshot): void {
  queueOutput(saved.console.slice());
  flushOutput(); // now: the first guest slices after a restore run cold and would hold a timer back
  m.doorbell.ring({ command: DOORBELL_CLOCK_RESUMED, arg0: 0, arg1: 0 });
}


/** The running machine's user-program names (null for the demo, or before the disk image is in). */
let programSymbols: UserSymbols | null = null;

/**
 * Names for user addresses: the current process's program, read from the
 * root disk image once it has arrived (the disk the guest writes, or under
 * "keep my disk" the image as it came: a program only in the saved overlay
 * has no names).
 */
function attachProgramSymbols(m: Machine, image: Promise<MemoryBlockStore> | null): void {
  programSymbols = null;
  // static, not a chunk loaded here once the disk is in: with that split (13 KB of ext2 reader) the swap
  // lesson's e2e failed 5 runs of 5 (docs/performance.md "Fast start, fifth pass")
  image?.then((store) => {
    if (machine === m) programSymbols = attachUserSymbols(m, (path) => readExt2(store.image).readFile(path));
  }, () => {});
}

/** A breakpoint's address: a number, a kernel symbol, or a function of the program the CPU is in now. */
function parseAddress(spec: string): BreakpointResult {
  const text = spec.trim();
  if (/^(0x[0-9a-f]+|[0-9]+)$/i.test(text)) {
    const address = Number(text) >>> 0;
    return { ok: true, address, label: machine?.symbolize(address) ?? `0x${address.toString(16)}` };
  }
  const sym = machine?.symbols.byName(text) ?? programSymbols?.byName(text);
  if (!sym) return { ok: false, error: `no symbol named "${text}"` };
  return { ok: true, address: sym.value >>> 0, label: text };
}

async function stepOnce(): Promise<StepResult> {
  if (!machine || !runner) return { state: 'off', eip: 0 };
  if (runner.status === 'running') await runner.pause();
  const state = await runner.step(1);
  return { state, eip: machine.cpu.eip >>> 0 };
}

/** While paused: run until `address` (a temporary breakpoint there), another breakpoint, a pause, or the end. */
async function runToAddress(address: number): Promise<StepResult> {
  const m = machine!, r = runner!;
  const already = m.listBreakpoints().includes(address);
  if (!already) m.addBreakpoint(address);
  await r.step(1); // leave this instruction (a breakpoint must not stop us where we are)
  if (m.cpu.eip >>> 0 !== address) {
    // Run until the temporary breakpoint (or another one, or a pause) parks the runner again, or the machine ends.
    const parked = new Promise<void>((resolve) => pausedWaiters.push(resolve));
    r.continue();
    await Promise.race([parked, r.run()]);
  }
  if (!already) m.removeBreakpoint(address);
  return { state: m.state, eip: m.cpu.eip >>> 0 };
}

/** The current function's return address by the frame-pointer chain ([ebp+4]), or null when it cannot be read. */
function returnAddress(m: Machine): number | null {
  const at = m.cpu.translate((m.cpu.reg[5] + 4) >>> 0);
  return at < 0 || at + 4 > m.memory.size ? null : m.memory.read32(at) >>> 0;
}

const api: MachineWorkerApi = {
  listFiles: () => files.list(),
  readFile: (name) => files.read(name),
  writeFile: (name, data, mode) => files.write(name, data, mode),
  renameFile: (from, to) => files.rename(from, to),
  deleteFile: (name) => files.remove(name),
  buildProgram: (source, output) => files.build(source, output),
  boot,
  input(data) { machine?.sendInput(data); },
  consoleEvent(event: ConsoleEvent) {
    if (event.kind !== 'resize') return;
    consoleSize = { cols: event.cols, rows: event.rows };
    machine?.consoleSize.setSize(event.cols, event.rows);
  },
  async pause() { await runner?.pause(); },
  resume() { runner?.continue(); },
  step: stepOnce,
  async stepOver() {
    if (!machine || !runner) return { state: 'off', eip: 0 };
    if (runner.status === 'running') await runner.pause();
    const [here, next] = disassemble(machine, machine.cpu.eip, 2);
    if (!here.text.startsWith('call ')) return stepOnce();
    return runToAddress(next.address);
  },
  async stepOut() {
    if (!machine || !runner) return { state: 'off', eip: 0 };
    if (runner.status === 'running') await runner.pause();
    const ret = returnAddress(machine);
    return ret === null ? stepOnce() : runToAddress(ret);
  },
  async runTo(address) {
    if (!machine || !runner) return { state: 'off', eip: 0 };
    if (runner.status === 'running') await runner.pause();
    return runToAddress(address >>> 0);
  },
  stepBack: () => timeTravel.stepBack(runner),
  previousEvent: () => timeTravel.previousEvent(runner, () => inspector.trace(0)),
  rewindTo: (timeUs) => timeTravel.rewindTo(runner, timeUs),
  timeTravel: () => timeTravel.status(),
  addBreakpoint(spec) {
    const r = parseAddress(spec);
    if (r.ok) machine?.addBreakpoint(r.address);
    return r;
  },
  removeBreakpoint(address) { machine?.removeBreakpoint(address); },
  eventBreak(spec) { return inspector.eventBreak(spec); },
  setRealTime(on) { runner?.setRealTime(on); },
  snapshot(request) {
    return inspector.snapshot(request, runner?.status ?? 'off', consoleSize);
  },
  pageTables(cr3, maxLeaves) { return inspector.pageTables(cr3, maxLeaves); },
  frameMap() { return inspector.frameMap(); },
  frameInfo(frame) { return inspector.frameInfo(frame); },
  processes() { return inspector.processes(); },
  tcpConnections() { return inspector.tcpConnections(); },
  kernelLog(since) { return inspector.kernelLog(since); },
  goroutines(pid) { return inspector.goroutines(pid); },
  trace(since) { return inspector.trace(since); },
  syscallNames() { return inspector.syscallNames(); },
  networkFrames(since) {
    const nic = machine?.nic;
    if (!nic || !capture || !cable) return null;
    const c = nic.counters;
    return {
      ...capture.after(since), network: cable.name, mac: nic.snapshot().mac, linkUp: (nic.snapshot().status & NIC_STATUS.LINK_UP) !== 0,
      counters: { rxPackets: c.rxPackets, rxBytes: c.rxBytes, txPackets: c.txPackets, txBytes: c.txBytes, rxDropped: c.rxDropped, txDropped: c.txDropped },
    };
  },
  signal(pid, sig) {
    const m = machine;
    if (!m || !inspector.processes()) return Promise.resolve({ result: null, error: 'no kernel is running to ask' });
    if (runner?.status === 'paused') return Promise.resolve({ result: null, error: 'the machine is paused: continue it to send signals' });
    if (runner?.status === 'finished') return Promise.resolve({ result: null, error: 'the machine is off' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ result: null, error: 'the kernel did not answer in time' }), DOORBELL_TIMEOUT_MS);
      const queued = m.doorbell.ring({ command: DOORBELL_SIGNAL, arg0: pid, arg1: sig, done: (result) => { clearTimeout(timer); resolve({ result }); } });
      if (!queued) { clearTimeout(timer); resolve({ result: null, error: 'the doorbell queue is full' }); }
    });
  },
  async exportDisk() {
    const disk = rootDisk;
    if (!disk) return null;
    // As it is on the block device now: what the kernel has not written back (sync) is not in it.
    const image = new Uint8Array(disk.blocks * BLOCK_SIZE);
    for (let b = 0; b < disk.blocks; b += EXPORT_CHUNK_BLOCKS) {
      image.set(await disk.read(b, Math.min(EXPORT_CHUNK_BLOCKS, disk.blocks - b)), b * BLOCK_SIZE);
    }
    return Comlink.transfer(image, [image.buffer]);
  },
  async restorePristineDisk() {
    stopMachine();
    importedRoot = null;
    for (const name of await savedDiskNames()) await IndexedDbBlockStore.remove(name);
  },
  async importDisk(image) {
    const { superblockProblem } = await import('../toolchain/mkfs/superblock-check.ts');
    const problem = superblockProblem(image, image.length);
    if (problem) return { ok: false, error: `not imported: ${problem}` };
    if (image.length % BLOCK_SIZE) return { ok: false, error: `not imported: ${image.length} bytes is not a whole number of ${BLOCK_SIZE}-byte blocks` };
    importedRoot = new MemoryBlockStore(image);
    return { ok: true, blocks: importedRoot.blocks };
  },
  async buildKernel() {
    const built = await buildKernelFromFolder(files);
    if (built.elf) builtKernel = built.elf;
    return built.result;
  },
  async evaluateLesson(request) {
    const view = inspector.lessonView();
    // the compiler comes in its own chunk, only for a lesson that calls cc(…)
    if (view && !view.cc && [...request.bindings.map((b) => b.source), ...request.templates, ...request.exprs].some((t) => /\bcc\(/.test(t))) {
      view.cc = (await import('../lessons/engine/cc-probe.ts')).ccNotes;
    }
    const publishes = machine?.symbols.byName('kdebug_root') !== undefined;
    // What the kernel publishes can be one kdebugd period (50 ms of guest time) old: a process the shell
    // started just before this request, or since a boot or a restored snapshot (taken at the prompt, before
    // the shell's row was published), would be missing. So the answer waits for a refresh begun after the
    // request, while the machine runs (not when it is paused or stopped: then the tables are as new as it gets).
    const m = machine;
    const giveUp = performance.now() + FRESH_TABLES_HOST_MS;
    if (view && publishes) {
      await waitForFreshTables(view, () => machine === m && runner !== null && runner.status !== 'paused' && runner.status !== 'finished'
        && performance.now() < giveUp, () => new Promise((r) => setTimeout(r, TORN_RETRY_MS)));
    }
    for (let i = 0; i < TORN_RETRIES && !tablesSettled(inspector.lessonView(), publishes); i++) {
      await new Promise((r) => setTimeout(r, TORN_RETRY_MS));
    }
    return evaluateLessonRequest(inspector.lessonView(), request);
  },
  async settle(seconds) {
    const m = machine;
    if (!m) return false;
    const until = m.now() + Math.round(seconds * TICKS_PER_SECOND);
    const giveUp = performance.now() + SETTLE_HOST_MS_MIN + seconds * SETTLE_HOST_MS_PER_SECOND;
    while (m.now() < until) {
      if (machine !== m || performance.now() > giveUp) return false;
      await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
    }
    return true;
  },
};

Comlink.expose(api);
