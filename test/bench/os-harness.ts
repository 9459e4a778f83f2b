// The OS benchmarks' machinery (test/bench/os.ts): builds the benchmark
// programs of userland/bench with our own toolchain, puts them on the real
// root disk, and drives a booted Hako through its shell the way a user at
// the console would.
//
// Owns:
// - buildBenchPrograms: each userland/bench/NAME.c (other than the shared
//   common.c and measure.c) becomes /bench/NAME, linked the way
//   toolchain/userland-build.ts links the programs of /bin: crt0 + NAME.o +
//   common.o + measure.o + tsc.o + libc.a + ulib.a
//   (userland/bin/lib: _exit, __sys_isatty and the other helpers libc
//   leaves to it).
// - benchDisk: the disk of `npm run os` (toolchain/os-build.ts: the standard
//   tree, userland/root, every userland program) built from the sources at a
//   fixed time, plus the benchmark programs added with mkfs addFiles.
// - OsSession: one machine (32 MiB RAM and, from benchStores, 16 MiB swap:
//   the CLI's defaults), powered on in its constructor and run headless in deterministic mode
//   (no real-time pacing). It runs one batch per Machine.run call (a batch
//   ends at a multiple of 4096 ticks, so where it ends depends on the guest
//   only) and looks at the console after each, so every "@mark LABEL" line
//   of the benchmark programs (userland/bench/bench.h) is stamped with the
//   host clock, the process's CPU time, the retired-instruction count and the emulated time of the
//   batch it appeared in.
// Invariants: same kernel, same disk, same commands → same output and
// instruction counts; the host clock is read but never fed to the guest.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine, type MachineState } from '../../emulator/machine.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { BLOCK_SIZE, type BlockStore } from '../../emulator/blockstore/interface.ts';
import { assembleText, compileToObject, runtimeFor } from '../../toolchain/cc/driver.ts';
import { createArchive } from '../../toolchain/ld/archive.ts';
import { link } from '../../toolchain/ld/link.ts';
import { addFiles } from '../../toolchain/mkfs/index.ts';
import { buildDiskImage, type GuestFile } from '../../toolchain/os-build.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { ROOT } from '../kernel/harness.ts';
import type { Benchmark } from '../../scripts/bench.ts';

export const BENCH_DIR = join(ROOT, 'userland/bench');
/** Every timestamp on the disk and the RTC at power-on: fixed, so runs repeat. */
export const FIXED_TIME = 1764000000;
export const PROMPT = 'hako:/# ';
const SHARED_SOURCES = ['common.c', 'measure.c', 'tsc.s'];

function objectOf(file: string): { name: string; data: Uint8Array } {
  const path = join(BENCH_DIR, file);
  const text = readFileSync(path, 'utf8');
  const r = file.endsWith('.s')
    ? assembleText(text, `userland/bench/${file}`)
    : compileToObject(`userland/bench/${file}`, text, { includePaths: [BENCH_DIR] });
  if (!r.ok) throw new Error(r.diagnostics);
  return { name: file.replace(/\.[cs]$/, '.o'), data: r.object };
}

/** userland/bin/lib as an archive, as the userland build makes it. */
function userlandHelpers(): Uint8Array {
  const dir = join(ROOT, 'userland/bin/lib');
  const members = readdirSync(dir).filter((f) => f.endsWith('.c')).sort().map((f) => {
    const r = compileToObject(`userland/bin/lib/${f}`, readFileSync(join(dir, f), 'utf8'), { includePaths: [dir] });
    if (!r.ok) throw new Error(r.diagnostics);
    return { name: f.replace(/\.c$/, '.o'), data: r.object };
  });
  return createArchive(members);
}

/** /bench/NAME for every program in userland/bench. */
export function buildBenchPrograms(): GuestFile[] {
  const rt = runtimeFor('hako');
  if (!rt.ok) throw new Error(rt.error);
  const ulib = userlandHelpers();
  const shared = SHARED_SOURCES.map(objectOf);
  const programs = readdirSync(BENCH_DIR).filter((f) => f.endsWith('.c') && !SHARED_SOURCES.includes(f)).sort();
  return programs.map((file) => {
    const linked = link([
      { name: 'crt0.o', data: rt.runtime.crt0 }, objectOf(file), ...shared,
      { name: 'libc.a', data: rt.runtime.libc }, { name: 'ulib.a', data: ulib },
    ], {});
    if (!linked.ok) throw new Error(`ld: error: /bench/${file.slice(0, -2)}: ${linked.errors.join('\n')}`);
    return { guestPath: `/bench/${file.slice(0, -2)}`, data: linked.elf, mode: 0o755 };
  });
}

/** Where the root disk came from: built from the sources, or build/disk.img when they did not build. */
export let benchDiskSource: 'sources' | 'build/disk.img' = 'sources';

/**
 * The root disk of `npm run os`, built from the sources, with /bench added.
 * When the userland does not build (another change in progress), the last
 * `npm run build:os` image (build/disk.img) is used instead, with a warning
 * on stderr, and benchDiskSource says so.
 */
export function benchDisk(): Uint8Array {
  const userland = buildUserland(ROOT);
  let image: Uint8Array;
  if (userland.ok) {
    image = buildDiskImage({ time: FIXED_TIME, extraFiles: userland.files });
    benchDiskSource = 'sources';
  } else {
    const built = join(ROOT, 'build/disk.img');
    if (!existsSync(built)) throw new Error(`the userland did not build and there is no build/disk.img:\n${userland.errors.join('\n')}`);
    process.stderr.write(`os bench: the userland did not build (${userland.errors[0]?.split('\n')[0]}); using build/disk.img\n`);
    image = new Uint8Array(readFileSync(built));
    benchDiskSource = 'build/disk.img';
  }
  return addFiles(image, buildBenchPrograms(), { time: FIXED_TIME });
}

/** The root disk (a copy of `image`) and a swap disk of `swapMiB`, as `npm run os` attaches them (16 MiB swap by default). */
export function benchStores(image: Uint8Array, swapMiB = 16): BlockStore[] {
  const stores: BlockStore[] = [new MemoryBlockStore(image)];   // the store copies the image
  if (swapMiB > 0) stores.push(new MemoryBlockStore((swapMiB << 20) / BLOCK_SIZE));
  return stores;
}

/** This process's CPU time so far, user + system, in ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface Mark {
  label: string;
  /** performance.now() when the line was seen (ms). */
  hostMs: number;
  /** This process's CPU time (user + system, process.cpuUsage) then (ms): less disturbed than wall time on a busy host. */
  cpuMs: number;
  /** Instructions retired and emulated ticks (10 ns) at the end of the batch that printed it. */
  instructions: number;
  ticks: number;
}

export interface SessionOptions {
  ramMiB?: number;
  /** Give up (throw) when the machine has retired this many instructions… */
  budget?: number;
  /** …or when this much emulated time has passed (a machine halted at the prompt retires almost nothing). */
  maxEmulatedSeconds?: number;
  /** The kernel's command line ('' by default: init is /sbin/init). */
  cmdline?: string;
}

export class OsSession {
  readonly machine: Machine;
  /** Everything the console printed, as latin1 text. */
  output = '';
  readonly marks: Mark[] = [];
  private readonly budget: number;
  private readonly tickBudget: number;
  private lineStart = 0;
  private profile: EipProfile | null = null;

  /**
   * Power-on: the machine is built around `disks` (see benchStores) and the
   * kernel loaded; nothing runs yet. Building the stores (copying a 64 MiB
   * image) is like inserting a disk and is left to the caller, outside
   * whatever it times.
   */
  constructor(kernel: Uint8Array, disks: BlockStore[], opts: SessionOptions = {}) {
    this.budget = opts.budget ?? 4_000_000_000;
    this.tickBudget = (opts.maxEmulatedSeconds ?? 60) * 100_000_000;
    this.machine = new Machine({ ramBytes: (opts.ramMiB ?? 32) << 20, cmdline: opts.cmdline ?? '', bootTime: FIXED_TIME, disks });
    this.machine.on('console', (bytes) => { this.output += Buffer.from(bytes).toString('latin1'); });
    this.machine.load(kernel);
  }

  /** Runs until `text` appears in the output at or after `from`; returns the index just past it. */
  async runUntil(text: string, from = 0): Promise<number> {
    const m = this.machine;
    for (;;) {
      this.scanMarks();
      const at = this.output.indexOf(text, from);
      if (at >= 0) return at + text.length;
      const state: MachineState = this.profile ? this.sampleStep(this.profile) : m.run(1);
      if (state === 'io-wait') await m.ioSettled();
      else if (state === 'off' || state === 'dead' || state === 'idle') {
        this.scanMarks();
        if (this.output.indexOf(text, from) >= 0) continue;
        throw new Error(`waiting for ${JSON.stringify(text)}, the machine went ${state}${m.deadReason ? ` (${m.deadReason})` : ''}:\n${this.tail()}`);
      }
      if (m.cpu.instret > this.budget || m.now() > this.tickBudget) {
        throw new Error(`waiting for ${JSON.stringify(text)}: over the budget (${m.cpu.instret} instructions, ${m.seconds().toFixed(1)} s emulated):\n${this.tail()}`);
      }
    }
  }

  /**
   * Types `line` and Enter at the shell's prompt and runs until the next
   * prompt; returns what the command printed (echo of the line excluded).
   */
  async command(line: string): Promise<string> {
    const from = this.output.length;
    this.machine.sendInput(`${line}\n`);
    const echoed = await this.runUntil('\n', await this.runUntil(line, from));
    const end = await this.runUntil(PROMPT, echoed);
    return this.output.slice(echoed, end - PROMPT.length);
  }

  /** `poweroff` at the prompt; runs until the machine is off. */
  async powerOff(): Promise<number | null> {
    const m = this.machine;
    m.sendInput('poweroff\n');
    for (let state = m.run(1_000_000); state !== 'off' && state !== 'dead'; state = m.run(1_000_000)) {
      if (state === 'io-wait') await m.ioSettled();
      if (state === 'idle') break;
      if (m.cpu.instret > this.budget || m.now() > this.tickBudget) break;
    }
    return m.exitCode;
  }

  /** The mark with this label seen last, or an error naming what was seen. */
  mark(label: string): Mark {
    for (let i = this.marks.length - 1; i >= 0; i--) if (this.marks[i].label === label) return this.marks[i];
    throw new Error(`no "@mark ${label}" line in the output:\n${this.tail()}`);
  }

  tail(chars = 2000): string { return this.output.slice(-chars); }

  /**
   * From now on, run in exact steps of about `period` instructions and count
   * where each step ends (see EipProfile); stopProfile goes back to plain
   * batches.
   * Exact steps cut batches where the host asks, so device events may move
   * by up to a quantum: a profiled run's instruction counts can differ
   * slightly from an unprofiled one (never use them as the measurement).
   */
  startProfile(period = 97): EipProfile {
    this.profile = new EipProfile(this.machine, period);
    return this.profile;
  }

  stopProfile(): void { this.profile = null; }

  private sampleStep(p: EipProfile): MachineState {
    const state = this.machine.step(p.nextStep());
    p.sample();
    return state;
  }

  private scanMarks(): void {
    const out = this.output;
    for (let nl = out.indexOf('\n', this.lineStart); nl >= 0; nl = out.indexOf('\n', this.lineStart)) {
      const line = out.slice(this.lineStart, nl).replace(/\r$/, '');
      this.lineStart = nl + 1;
      if (line.startsWith('@mark ')) {
        this.marks.push({ label: line.slice(6).trim(), hostMs: performance.now(), cpuMs: cpuMs(), instructions: this.machine.cpu.instret, ticks: this.machine.now() });
      }
    }
  }
}

/** The fields of the last "@result NAME k=v ..." line in `text`. */
export function parseResult(text: string, name: string): Record<string, number> {
  let found: Record<string, number> | null = null;
  for (const line of text.split(/\r?\n/)) {
    const words = line.trim().split(/\s+/);
    if (words[0] !== '@result' || words[1] !== name) continue;
    found = {};
    for (const w of words.slice(2)) {
      const eq = w.indexOf('=');
      if (eq > 0 && /^\d+$/.test(w.slice(eq + 1))) found[w.slice(0, eq)] = Number(w.slice(eq + 1));
    }
  }
  if (!found) throw new Error(`no "@result ${name}" line in:\n${text.slice(-2000)}`);
  return found;
}

/**
 * Where the guest spends its instructions: a histogram of the function the
 * CPU is in at the end of each exact step, weighted by the instructions the
 * step retired (a step can end early, at a halt or a device reprogrammed,
 * and an unweighted count would over-represent those places). Step lengths
 * are drawn from a fixed pseudo-random sequence between period/2 and
 * 3·period/2: a fixed length would lock in phase with code that restarts
 * the same way after every interrupt and sample the same few instructions
 * each time. The figures are estimates (a step's instructions all go to
 * where it ended), good to a few percent for anything above 1%. Kernel
 * addresses are named through the kernel's symbol table
 * (Machine.symbolize); ring-3 code counts as "[user]". Time spent halted
 * retires nothing and so does not appear.
 */
export class EipProfile {
  readonly counts = new Map<string, number>();
  instructions = 0;
  private last: number;
  private seed = 12345;

  constructor(private readonly machine: Machine, readonly period: number) {
    this.last = machine.cpu.instret;
  }

  /** The length of the next step (a linear congruential sequence: same every run). */
  nextStep(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    return (this.period >> 1) + ((this.seed >>> 8) % (this.period + 1));
  }

  sample(): void {
    const cpu = this.machine.cpu;
    const retired = cpu.instret - this.last;
    this.last = cpu.instret;
    if (retired <= 0) return;
    let where: string;
    if (cpu.cpl === 3) where = '[user]';
    else {
      const name = this.machine.symbolize(cpu.eip);
      where = name ? name.replace(/\+.*$/, '') : `[kernel 0x${cpu.eip.toString(16)}]`;
    }
    this.counts.set(where, (this.counts.get(where) ?? 0) + retired);
    this.instructions += retired;
  }

  /** The `n` places with most instructions, with their share, one per line. */
  report(n = 25): string {
    const rows = [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, n);
    return rows.map(([where, c]) => `${(100 * c / this.instructions).toFixed(1).padStart(5)}%  ${String(c).padStart(9)}  ${where}`).join('\n');
  }
}

/**
 * A guest benchmark program's result, measured once per bench run and
 * shared by the entries that report parts of it: boots the OS as `npm run
 * os` does, runs `command` at the prompt and parses its `name` line.
 */
export function measuredOnce(command: string, name: string, kernel: () => Promise<Uint8Array>): () => Promise<Record<string, number>> {
  let measured: Promise<Record<string, number>> | undefined;
  return () => {
    measured ??= (async () => {
      const s = new OsSession(await kernel(), benchStores(benchDisk()));
      await s.runUntil(PROMPT);
      return parseResult(await s.command(command), name);
    })();
    return measured;
  };
}

/**
 * The benchmarks that report parts of one guest program's result: each
 * entry of `figures` is a benchmark's name and what it takes from the
 * parsed `name` line of `command`, run once (measuredOnce) for them all.
 */
export function benchmarksOfOneRun(
  command: string, name: string, kernel: () => Promise<Uint8Array>,
  figures: Record<string, (r: Record<string, number>) => Record<string, number>>,
): Benchmark[] {
  const measure = measuredOnce(command, name, kernel);
  return Object.entries(figures).map(([benchmark, pick]) => ({ name: benchmark, run: async () => pick(await measure()) }));
}
