// The worker protocol: every type that crosses the boundary between the page
// (main.ts and the panes) and the machine's Web Worker (worker.ts). The
// worker exposes a `MachineWorkerApi` object through comlink; the page calls
// it and passes one callback object (`ConsoleSink`, wrapped in
// comlink.proxy) for what the worker pushes: console bytes and boot progress.
//
// Invariants: everything here is structured-clone data (numbers, strings,
// plain objects, typed arrays), never class instances, so comlink can copy
// it; the inspection snapshots are emulator/inspect.ts's own types, reused
// rather than redefined.

import type {
  Counters, DisassembledLine, MachineSnapshot, Mapping, RegisterSnapshot, StackFrame, TlbEntry,
} from '../emulator/inspect.ts';
import type { RunnerStatus } from '../emulator/runner.ts';
import type { Value as LessonValue } from '../lessons/engine/expr.ts';
import type { KdebugTraceEvent } from './gen/kdebug-layout.ts';
import type { GoroView } from './goro-table.ts';
import type { EventBreakSpec, EventStop } from './event-breaks.ts';
export type { EventBreakSpec, EventStop };
export type { GoroView };

export type { Counters, DisassembledLine, MachineSnapshot, Mapping, RegisterSnapshot, LessonValue };

/** Which program the machine boots: the kernel, the firmware demo, or the kernel when it exists. */
export type ImageChoice = 'auto' | 'kernel' | 'demo';

/** What `images/index.json` says is available (written by web/images-plugin.ts). */
export interface ImageIndex {
  kernel: string | null;
  /** The root disk in web/sparse-image.ts's format. */
  disk: string | null;
  demo: string | null;
  /** The kernel and disk's boot snapshot (web/boot-snapshot.ts), for a fast start; optional: older builds lack it. */
  snapshot?: string | null;
  /** The machine the snapshot was made on: a boot on another one does not fetch it. */
  snapshotMachine?: { ramMiB: number; swapMiB: number };
  /** Why an image is missing (the demo failed to build, say). */
  notes: string[];
}

export interface BootConfig {
  image: ImageChoice;
  ramMiB: number;
  /** 0: no swap disk. */
  swapMiB: number;
  /** Throttled: emulated time follows the host clock (Runner realTime). */
  realTime: boolean;
  /** Persist the root disk in IndexedDB across reloads. */
  keepDisk: boolean;
  /** Start getty and a login prompt instead of a root shell (kernel command line `login`). */
  login: boolean;
  /** The wasm tier on (MachineOptions.wasm). */
  wasm?: boolean;
  /** Absolute URL of the images directory (the worker fetches from there). */
  imagesUrl: string;
  /** The image list, when the page has it (a production build writes it into index.html): no index.json round trip. */
  imageIndex?: ImageIndex | null;
  /** A network to plug the card into (tabs naming the same one share it, web/net-channel.ts); null: no card. */
  net?: string | null;
  /** Terminal size at boot. */
  cols: number;
  rows: number;
  /** 'built': the kernel buildKernel made last (from /host/kernel) instead of the image's. Default 'image'. */
  kernel?: 'image' | 'built';
  /** Keep the running machine's root disk as it is (a reboot), instead of the image or the saved disk. */
  reuseDisk?: boolean;
  /** 'fast': restore the boot snapshot (the machine at its first prompt) when this boot is the one it was
   * made for (the image's kernel and disk, default RAM and swap, no login, network or kept disk); 'boot'
   * (default): power on and boot, which the page can watch. */
  start?: 'fast' | 'boot';
}

export interface BootResult {
  ok: boolean;
  /** The image that was booted. */
  image: 'kernel' | 'demo' | null;
  /** What went wrong when !ok (shown in the boot progress line). */
  error?: string;
  ramMiB: number;
  /** Frames of physical memory. */
  frames: number;
  /** True when the root disk came from IndexedDB (keep my disk). */
  persistentDisk: boolean;
  /** Which kernel runs: the image's, or the one built from /host/kernel. */
  kernel?: 'image' | 'built';
  /** The root disk is an imported image (kept only until the page reloads). */
  importedDisk?: boolean;
  /** The machine was restored from the boot snapshot instead of booting. */
  restored?: boolean;
}

/**
 * Console events other than bytes. `resize` reports the terminal's size;
 * the worker puts it in the console-size register (the kernel's tty reads
 * it for TIOCGWINSZ and sends SIGWINCH), and snapshots show it as
 * `consoleSize`.
 */
export type ConsoleEvent = { kind: 'resize'; cols: number; rows: number };

/** The page's side: the worker calls these. */
export interface ConsoleSink {
  output(bytes: Uint8Array): void;
  progress(text: string): void;
}

export interface SnapshotRequest {
  /** Lines of disassembly around EIP (0: none). */
  disassembly: number;
  /** Soft-TLB entries to list (0 or absent: none; the counters always come). */
  tlb?: number;
  /** Bytes of virtual memory to read through the current page tables (the memory view). */
  memory?: { address: number; length: number };
}

export interface Snapshot {
  /** Increases with every snapshot (the page renders only newer ones). */
  serial: number;
  runner: RunnerStatus | 'off';
  machine: MachineSnapshot;
  registers: RegisterSnapshot;
  disassembly: DisassembledLine[];
  counters: Counters;
  /** Host milliseconds (performance.now in the worker) when taken: MIPS = Δinstructions / Δtime. */
  takenAt: number;
  /** Distinct CR3 values seen by snapshots while paging was on, most recent first. */
  cr3Seen: number[];
  consoleSize: { cols: number; rows: number };
  /** The kernel's memory counters; null without a kernel that publishes them. */
  memory: MemoryStats | null;
  /** The soft TLB's entries when the request asked for them. */
  tlb?: { entries: TlbEntry[]; total: number };
  /** The call stack by frame pointers (emulator/inspect.ts backtrace), while paused. */
  backtrace?: StackFrame[];
  /** The memory view's bytes (null: unmapped), when asked. */
  memoryView?: { address: number; bytes: (number | null)[] };
  /** Each breakpoint's symbol+offset, where the symbols know it. */
  breakpointNames?: Record<number, string>;
  /** The armed event breakpoint, and the last one that fired (web/event-breaks.ts). */
  eventBreak?: { armed: EventBreakSpec | null; last: EventStop | null };
}

/**
 * One row of the process table the kernel publishes at `kdebug_procs`
 * (docs/kernel.md, "The debugger ABI"; struct kdebug_proc in
 * kernel/kdebug.tbl), read from guest RAM like a debugger with symbols
 * would; the kernel is never asked.
 */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
  nice: number;
  /** Effective user id. */
  uid: number;
  /** Physical page directory; 0 for kernel threads. */
  cr3: number;
  rssKiB: number;
  /** CPU time (user + system) in seconds. */
  cpuSeconds: number;
  command: string;
  /** Threads of the process (its thread group), the main one included. */
  threads: number;
  /** Its threads other than the main one (kdebug_threads, layout version 8), by tid; empty for a single-threaded process. */
  threadRows: ThreadInfo[];
  /** Swapped-out pages in KiB. */
  swapKiB: number;
  /** Signal masks (bit sig − 1). */
  signals: ProcessSignals;
  /** Its control group: the kernel's id (1 the root) and path ("/" the root). */
  cgroupId: number;
  cgroup: string;
  /** Its namespaces' inode numbers (what /proc/PID/ns shows) and its pid inside its pid namespace. */
  namespaces: ProcessNamespaces;
}

/** A thread that is not its group's leader (struct kdebug_thread); the leader is the ProcessInfo itself. */
export interface ThreadInfo {
  tid: number;
  /** Its group: the ProcessInfo's pid. */
  tgid: number;
  state: string;
  /** CPU time (user + system) in seconds. */
  cpuSeconds: number;
  command: string;
}

export interface ProcessNamespaces {
  pid: number;
  /** Its pid in its own pid namespace (1 for a container's init; equal to pid outside any). */
  vpid: number;
  mnt: number;
  uts: number;
  ipc: number;
  net: number;
}

export interface ProcessSignals {
  pending: number;
  blocked: number;
  /** Signals with a user handler. */
  caught: number;
  /** Signals set to SIG_IGN. */
  ignored: number;
}

/** The kernel's memory and activity counters (`kdebug_mem`, docs/kernel.md); pages are 4 KiB. */
export interface MemoryStats {
  totalFrames: number;
  freeFrames: number;
  cachedPages: number;
  swapTotalPages: number;
  swapFreePages: number;
  pgfault: number;
  pgmajfault: number;
  pswpin: number;
  pswpout: number;
  oomKill: number;
  contextSwitches: number;
}

/** One memory area of a process as the kernel publishes it (kdebug_vmas; what /proc/PID/maps lists). */
export interface MemoryArea {
  start: number;
  /** Exclusive. */
  end: number;
  /** VM_READ | VM_WRITE | VM_EXEC (vm_flags in web/gen/kdebug-layout.ts). */
  prot: number;
  flags: number;
  /** What the kernel made it for: text, data, heap, stack, mmap or file. */
  kind: string;
  /** The file or program it maps, "[heap]", "[stack]", or "" (anonymous mmap). */
  name: string;
}

/** New events of the kernel's trace ring (kdebug_trace), read like a debugger would. */
export interface TraceChunk {
  /** Pass this as `since` next time. */
  next: number;
  /** Whether the kernel records events now (/dev/trace). */
  enabled: boolean;
  /** Events overwritten before they could be read. */
  lost: number;
  /** Oldest first; kinds and arguments as kernel/kdebug.tbl's trace_kind says. */
  events: KdebugTraceEvent[];
}

/** New kernel log lines (the printk ring, read like a debugger would). */
export interface KernelLogChunk {
  /** Pass this as `since` next time. */
  next: number;
  /** Whole records `<level>[seconds.micros] text`, oldest first. */
  lines: string[];
  /** True when lines were overwritten before they could be read. */
  lost: boolean;
}

/** One frame the card moved (the network pane decodes it: web/net-decode.ts). */
export interface CapturedFrameView {
  /** Numbered from 1 in the order the card moved frames. */
  seq: number;
  /** 'tx': the card sent it; 'rx': it took it off the wire (addressed to it). */
  direction: 'rx' | 'tx';
  /** Emulated seconds since power-on. */
  time: number;
  bytes: Uint8Array;
}

/** The card's frames after `since`, and the card itself (the hardware side: its registers and counters). */
export interface NetworkFrames {
  network: string;
  mac: string;
  linkUp: boolean;
  counters: { rxPackets: number; rxBytes: number; txPackets: number; txBytes: number; rxDropped: number; txDropped: number };
  frames: CapturedFrameView[];
  /** Pass this as `since` next time. */
  next: number;
  /** Frames overwritten before they were asked for. */
  lost: number;
}

/** One TCP socket as the kernel's table has it (kdebug_tcp: what /proc/net/tcp lists). */
export interface TcpConnection {
  /** "a.b.c.d:port"; "0.0.0.0:0" for none (a listener's remote end). */
  local: string;
  remote: string;
  /** The state's name (LISTEN, ESTABLISHED, TIME_WAIT ...). */
  state: string;
  /** Bytes written and not yet acknowledged. */
  sendQueue: number;
  /** Bytes received and not yet read; for a listener, connections waiting for accept. */
  recvQueue: number;
  retransmits: number;
  uid: number;
  inode: number;
}

/** The kernel's TCP connections; `truncated` when there were more than its table holds. */
export interface TcpConnections {
  connections: TcpConnection[];
  truncated: boolean;
}

/** The kernel's answer to a doorbell request: 0, or -errno (e.g. -1 EPERM, -3 ESRCH); null when it did not answer in time. */
export interface SignalResult {
  result: number | null;
  error?: string;
}

/**
 * A region label for a virtual range: the kind of the kernel's memory area
 * that holds it (kdebug_vmas), 'kernel' above KERNBASE, 'none' where no area
 * is (or the kernel publishes none: the demo).
 */
export type RegionLabel = 'text' | 'data' | 'heap' | 'stack' | 'mmap' | 'file' | 'kernel' | 'none';

export interface PageTableEntryView extends Mapping {
  region: RegionLabel;
  /** The name of the kernel's area there ("/bin/sh", "[heap]", ...; "" when it has none or there is no area). */
  areaName: string;
  /** A not-present entry the kernel marked as swapped out (PTE bit 10): its swap slot (pte >> 12); else null. */
  swapSlot: number | null;
}

/** One page-directory entry and what hangs below it. */
export interface PageDirectoryView {
  index: number;
  /** Raw PDE. */
  entry: number;
  start: number;
  /** Physical address of its page table (-1 for a 4 MiB page or a not-present entry). */
  table: number;
  present: boolean;
  large: boolean;
  user: boolean;
  writable: boolean;
  accessed: boolean;
  /** Leaf mappings under it (merged runs), at most `maxLeaves`. */
  leaves: PageTableEntryView[];
  truncated: boolean;
}

export interface PageTableView {
  cr3: number;
  paging: boolean;
  directories: PageDirectoryView[];
}

/** Owners in the frame map, one byte per frame; FRAME_PROCESS + i: private to FrameMap.processes[i]. */
export const FRAME_FREE = 0;
export const FRAME_KERNEL = 1;
export const FRAME_SHARED = 2;
export const FRAME_PAGE_TABLE = 3;
export const FRAME_USER = 4;
/** Frames the kernel's descriptors (struct page flags) say hold file data or kernel allocations. */
export const FRAME_CACHE = 5;
export const FRAME_KERNEL_ALLOC = 6;
export const FRAME_PROCESS = 16;
/** Processes beyond this many share FRAME_USER's colour. */
export const FRAME_MAX_PROCESSES = 240;
export const FRAME_OWNER_NAMES: readonly string[] = [
  'free / unknown', 'kernel image and boot data', 'user pages of several processes', 'page tables', 'user pages (no process known)',
  'page cache', 'kernel allocations (slab, kmalloc, stacks)',
];

export interface FrameMap {
  frames: number;
  owners: Uint8Array;
  /** The CR3 values walked to find page tables and user pages. */
  walked: number[];
  /** Owner FRAME_PROCESS + i is processes[i]. */
  processes: { pid: number; command: string }[];
  /** Per frame, the control group it is charged to (struct page's memcg: 0 the root, uncharged). */
  cgroups: Uint8Array;
  /** The paths of the group ids in `cgroups` that a process is in (the process table names them). */
  cgroupPaths: { id: number; path: string }[];
}

/** Who maps one frame (for the hover tooltip). */
export interface FrameInfo {
  frame: number;
  owner: number;
  /** "cr3 0x… maps it at 0x… (user, rw)" lines, at most a few. */
  mappedBy: string[];
}

export type BreakpointResult = { ok: true; address: number; label: string } | { ok: false; error: string };

export interface StepResult {
  state: string;
  eip: number;
}

/** How far back the debugger can go (web/worker-timetravel.ts; docs/web.md "Time travel"). */
export interface TimeTravelStatus {
  /** False when no recorder runs; `reason` says why. */
  available: boolean;
  reason: string;
  /** The present, and the earliest point one can go back to (instructions retired; µs of uptime). */
  instret: number;
  oldestInstret: number;
  oldestUs: number;
  snapshots: number;
  /** Memory held (one RAM copy + snapshots) and the cap on the snapshots. */
  bytes: number;
  capBytes: number;
}

export type TimeTravelResult = { ok: true; state: string; eip: number; instret: number } | { ok: false; error: string };

/** The worker's API (comlink). Every method is safe to call in any state; none throws for guest behaviour. */
/**
 * What the lessons pane asks of the machine: lesson expressions
 * (lessons/engine/expr.ts) evaluated in the worker against the machine's
 * probes (lessons/engine/probes.ts, the kernel tables read as the panes read
 * them). In order: the bindings (each sees the ones before), then the
 * templates' `{{EXPR}}` holes, then the expressions, all with `vars`.
 */
export interface LessonEvalRequest {
  vars: Record<string, LessonValue>;
  bindings: { name: string; source: string }[];
  templates: string[];
  exprs: string[];
}

export interface LessonEvalResult {
  /** `vars` with the bindings' values. */
  vars: Record<string, LessonValue>;
  filled: string[];
  values: LessonValue[];
  /** A mistake in the lesson (unknown name or function, a hole that is none), or no machine: nothing else is valid then. */
  error: string | null;
}

export interface MachineWorkerApi extends EditorFilesApi {
  boot(config: BootConfig, sink: ConsoleSink): Promise<BootResult>;
  input(data: string | Uint8Array): void;
  consoleEvent(event: ConsoleEvent): void;
  pause(): Promise<void>;
  resume(): void;
  step(): Promise<StepResult>;
  /** Step, or when the instruction is a call, run until it returns (a temporary breakpoint after it). */
  stepOver(): Promise<StepResult>;
  /** Run until the current function returns (its return address by the frame pointer, [ebp+4]). */
  stepOut(): Promise<StepResult>;
  /** Run until eip reaches `address` (a clicked disassembly line), another breakpoint or a pause. */
  runTo(address: number): Promise<StepResult>;
  /** Time travel (the machine is paused first): back one instruction. */
  stepBack(): Promise<TimeTravelResult>;
  /** Back to the microsecond of the newest trace event before the present. */
  previousEvent(): Promise<TimeTravelResult>;
  /** Back to `timeUs` µs of uptime (a point clicked on the scheduler timeline). */
  rewindTo(timeUs: number): Promise<TimeTravelResult>;
  timeTravel(): TimeTravelStatus;
  addBreakpoint(spec: string): BreakpointResult;
  removeBreakpoint(address: number): void;
  /** Arm an event breakpoint (null: disarm); an error message, or null when done. */
  eventBreak(spec: EventBreakSpec | null): string | null;
  setRealTime(on: boolean): void;
  /** null before the first boot. */
  snapshot(request: SnapshotRequest): Snapshot | null;
  pageTables(cr3: number | null, maxLeaves: number): PageTableView;
  frameMap(): FrameMap;
  frameInfo(frame: number): FrameInfo;
  /** The kernel's process table, or null when the running image publishes none (the demo, an older kernel). */
  processes(): ProcessInfo[] | null;
  /** Kernel log lines after byte `since` of the log; null without a kernel log. */
  kernelLog(since: number): KernelLogChunk | null;
  /** The G/M/P runtime of a process (web/goro-table.ts): its Ps, Ms, Gs and counters, or why there are none. */
  goroutines(pid: number): GoroView;
  /** Trace events with seq ≥ since (the kernel's trace ring); null for the demo. */
  trace(since: number): TraceChunk | null;
  /** The kernel's system call names by number ("" for none); empty for the demo. */
  syscallNames(): string[];
  /** Frames the network card moved after number `since`; null when the machine has no card. */
  networkFrames(since: number): NetworkFrames | null;
  /** The kernel's TCP connections (loopback ones too, with or without a card); null when the image publishes none. */
  tcpConnections(): TcpConnections | null;
  /** Ring the debug doorbell: ask the kernel to send `signal` to `pid` (the kernel decides); resolves with its answer. */
  signal(pid: number, signal: number): Promise<SignalResult>;
  /** The root disk's whole image as the block device holds it now (the page types `sync` first); null for the demo. */
  exportDisk(): Promise<Uint8Array | null>;
  /** Delete the persisted root disk (keep my disk) and any imported one, so the next boot starts from the pristine image. */
  restorePristineDisk(): Promise<void>;
  /**
   * Take `image` as the root disk for the next boots (until the pristine disk is restored or the page
   * reloads), or refuse it with the reason the kernel's mount would have (not ext2, wrong block size,
   * truncated). Nothing changes on refusal.
   */
  importDisk(image: Uint8Array): Promise<DiskImportResult>;
  /** Build a kernel from /host/kernel (a copy of the guest's /usr/src/kernel); boot it with `boot({ kernel: 'built' })`. */
  buildKernel(): Promise<KernelBuildResult>;
  /** Lesson expressions against the live machine (the lessons pane's predict cards, checks, lets and holes). */
  evaluateLesson(request: LessonEvalRequest): Promise<LessonEvalResult>;
  /**
   * Resolves once `seconds` of emulated time have passed (so the kernel's tables have caught up
   * with a command, as the headless runner lets them), or after a host-time cap when the machine
   * is paused or stopped; true when the emulated time did pass.
   */
  settle(seconds: number): Promise<boolean>;
}

// ---- the editor (web/worker-files.ts) ----------------------------------------------------

/** A file at the top of the shared folder (/host). */
export interface EditorFile {
  name: string;
  size: number;
  /** Unix seconds. */
  mtime: number;
  type: 'file' | 'dir' | 'symlink';
  executable: boolean;
}

export type FileResult = { ok: true } | { ok: false; error: string };

export interface BuildResult {
  ok: boolean;
  /** The compiler's or linker's messages, `file:line:col: error: …` lines; '' on success. */
  diagnostics: string;
  /** Host time spent compiling and linking (not fetching the toolchain). */
  compileMs: number;
  /** The program's path in the guest, on success. */
  output?: string;
  bytes?: number;
}

/** What building the kernel from /host/kernel gave. */
export interface KernelBuildResult {
  ok: boolean;
  /** `file:line:col: error: …` lines (paths as kernel/…), or why nothing was built; '' on success. */
  diagnostics: string;
  /** Sources compiled and assembled. */
  files: number;
  compileMs: number;
  /** The kernel ELF's size, on success. */
  bytes?: number;
}

/** What importing a disk image gave: refused with a reason, or taken (booted at the next boot). */
export type DiskImportResult = { ok: true; blocks: number } | { ok: false; error: string };

/** The editor's calls, part of MachineWorkerApi. */
export interface EditorFilesApi {
  listFiles(): Promise<EditorFile[]>;
  /** null when there is no such file. */
  readFile(name: string): Promise<Uint8Array | null>;
  writeFile(name: string, data: Uint8Array, mode?: number): Promise<FileResult>;
  renameFile(from: string, to: string): Promise<FileResult>;
  deleteFile(name: string): Promise<FileResult>;
  /** Compiles /host/source to /host/output (an executable the guest runs). */
  buildProgram(source: string, output: string): Promise<BuildResult>;
}
