// CPU benchmarks (npm run bench): raw interpreter speed on small ring-3
// workloads with paging on. Each reports the median of several runs.
//
// Each comes in four tiers: NAME (everything on), NAME-wasm (the experimental
// wasm tier too, emulator/cpu/wasm-tier.ts), NAME-plain (no loop tier: every
// block plain, emulator/cpu/blocks.ts) and NAME-interpreter (no blocks).
// loop6    mov eax,[esi]; add eax,ecx; mov [esi],eax; sub ebx,eax; dec ecx; jnz
// memwalk  a store to a new page every 4 instructions over 16 MiB, TLB flushed each pass (walks);
//          memwalk-skew the same without host cache-set conflicts, the -floor lines the stores alone
// callret  call/ret pairs with a push and pop
// syscall  int 0x80 / iret round trips through a minimal ring-0 handler
//
// After loop6's tiers come v86-loop6 (the same loop under v86's JIT in this
// process, test/bench/v86.ts) and loop6-vs-v86, the ratio ours/v86 of both.

import { STOP_HALTED } from '../../emulator/cpu.ts';
import { mainThreadSeconds } from './thread-time.ts';
import { v86Loop6 } from './v86.ts';
import { Asm, ECX, EBX, EAX, ESI, ESP, EDI, EDX, installTrapStubs, load, makeCpu, mem, PageTables, PGDIR, TABLES } from '../emulator/cpu-harness.ts';

const USER_CODE = 0x08048000, USER_CODE_PHYS = 0x100000;
const USER_DATA = 0x08050000, USER_DATA_PHYS = 0x110000;
const USER_STACK_TOP = 0xc0000000, USER_STACK_PHYS = 0x120000;
const RUNS = 5;
const BATCH = 4096; // the machine's batch quantum (emulator/machine.ts BATCH_QUANTUM)

interface Setup { code: Asm; handlers?: Record<number, Uint8Array>; regs?: Record<number, number>; ram?: number; extraMap?: (pt: PageTables) => void }

function machine(s: Setup, wasm = false) {
  const { cpu, mem: m } = makeCpu(s.ram ?? 8 << 20, { wasm });
  installTrapStubs(cpu, m, s.handlers);
  const pt = new PageTables(m, PGDIR, TABLES);
  pt.mapRange(0, 0, 1 << 20, 3); // kernel: first MiB, supervisor read/write
  pt.mapRange(USER_CODE, USER_CODE_PHYS, 0x8000, 5); // user read-only code
  pt.mapRange(USER_DATA, USER_DATA_PHYS, 0x8000, 7);
  pt.mapRange(USER_STACK_TOP - 0x4000, USER_STACK_PHYS, 0x4000, 7);
  s.extraMap?.(pt);
  load(m, USER_CODE_PHYS, s.code.build());
  cpu.cr3 = PGDIR;
  cpu.cr0 = 0x80010001;
  cpu.cpl = 3;
  cpu.eflags = 0x202;
  cpu.eip = USER_CODE;
  cpu.reg[ESP] = USER_STACK_TOP;
  for (const [r, v] of Object.entries(s.regs ?? {})) cpu.reg[Number(r)] = v;
  return cpu;
}

function measure(build: () => ReturnType<typeof machine>) {
  const results: { n: number; s: number; cpu: number; thread?: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const machineCpu = build();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const th0 = mainThreadSeconds();
    let n = 0;
    for (;;) {
      const k = machineCpu.run(BATCH);
      n += k;
      if (machineCpu.stopReason !== 0) break;
    }
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1e6;
    const th1 = mainThreadSeconds();
    if (machineCpu.stopReason !== STOP_HALTED) throw new Error(`benchmark did not finish cleanly: ${machineCpu.stopReason} ${machineCpu.deadReason}`);
    results.push({ n, s, cpu, thread: th0 !== undefined && th1 !== undefined ? th1 - th0 : undefined });
  }
  const mipsOf = (r: { n: number; s: number }) => r.n / r.s / 1e6;
  results.sort((a, b) => mipsOf(a) - mipsOf(b));
  const med = results[RUNS >> 1];
  // Other processes share this machine: CPU time (cpuMips) is the steadier figure when it is loaded.
  const cpuMips = results.map((r) => r.n / r.cpu / 1e6).sort((a, b) => a - b);
  // The main thread's CPU time: the figure to compare runs taken under different loads (10 ms resolution).
  const threadTotal = results.reduce((t, r) => t + (r.thread ?? NaN), 0);
  const threadMips = Number.isFinite(threadTotal) && threadTotal > 0
    ? { threadMips: +(results.reduce((t, r) => t + r.n, 0) / threadTotal / 1e6).toFixed(1) } : {};
  return {
    instructions: med.n, seconds: +med.s.toFixed(4), mips: +mipsOf(med).toFixed(1),
    cpuMips: +cpuMips[RUNS >> 1].toFixed(1), ...threadMips, runs: results.map((r) => mipsOf(r).toFixed(0)).join(' '),
  };
}

export function loop6Program(iterations: number): Setup {
  const a = new Asm(USER_CODE);
  a.label('top')
    .op('mov', 'r, m32', EAX, mem(ESI))
    .op('add', 'r, r', EAX, ECX)
    .op('mov', 'm32, r', mem(ESI), EAX)
    .op('sub', 'r, r', EBX, EAX)
    .op('dec', 'r', ECX)
    .op('jne', 'rel', 'top')
    .op('ud2');
  return { code: a, regs: { [ECX]: iterations, [ESI]: USER_DATA } };
}

type Tier = 'all' | 'wasm' | 'wasmmem' | 'plain' | 'interpreter';

/**
 * The benchmark NAME with every tier, NAME-wasm with the wasm tier too (emulator/cpu/wasm-tier.ts: RAM in a
 * WebAssembly.Memory), NAME-plain without the loop tier, NAME-interpreter without blocks.
 */
function tiers(name: string, build: (scale: number, wasm: boolean) => ReturnType<typeof machine>, wasmMemory = false) {
  const variant = (tier: Tier) => ({
    name: tier === 'all' ? name : `${name}-${tier}`,
    run: async () => measure(() => {
      // The slower variants run a quarter of the work, so a run stays around a second.
      const full = tier === 'all' || tier === 'wasm' || tier === 'wasmmem';
      const cpu = build(full ? 1 : 0.25, tier === 'wasm' || tier === 'wasmmem');
      // NAME-wasmmem: the JS tiers over RAM, TLB and state in a WebAssembly.Memory (what the backing alone costs).
      cpu.wasmTier = tier === 'wasm';
      cpu.loopTier = full;
      cpu.compileBlocks = tier !== 'interpreter';
      return cpu;
    }),
  });
  return [variant('all'), variant('wasm'), ...(wasmMemory ? [variant('wasmmem')] : []), variant('plain'), variant('interpreter')];
}

const LOOP6_ITERATIONS = 20_000_000;
const loop6Tiers = tiers('loop6', (k, wasm) => machine(loop6Program(LOOP6_ITERATIONS * k), wasm), true);
let ourLoop6: { mips: number; threadMips?: number } | undefined;
let ourLoop6Wasm: { mips: number; threadMips?: number } | undefined;
let theirLoop6: Record<string, number | string> | undefined;
const measureOurLoop6 = () => {
  const r = measure(() => machine(loop6Program(LOOP6_ITERATIONS)));
  ourLoop6 = r;
  return r;
};
loop6Tiers[0].run = async () => measureOurLoop6();
const wasmLoop6 = loop6Tiers[1].run;
loop6Tiers[1].run = async () => ourLoop6Wasm = await wasmLoop6();

/** ours/v86 of one figure, or undefined when either side lacks it. */
function ratio(ours: number | undefined, theirs: unknown) {
  return typeof ours === 'number' && typeof theirs === 'number' && theirs > 0 ? +(ours / theirs).toFixed(2) : undefined;
}

// memwalk: 16 MiB mapped at 0x10000000 (onto 4 MiB of frames, four aliases), one store per page, 4
// instructions per page; after each pass an int 0x80 whose handler reloads CR3, so every pass walks the
// page tables again: 4096 TLB misses per pass, 1,024 passes (16 M instructions: 64 passes were too short
// to measure). Every store lands at offset 0 of its frame, so on the host all of them fall into the same
// few cache sets (addresses 4 KiB apart): memwalk-skew stores 64 bytes further into each next page
// (stride 4096 + 64; still one new page, one TLB miss, per store) to show the miss path without that
// conflict, and the -floor lines time the stores alone, in plain JS on an array of the same size (the
// most the emulator could reach were everything but the guest's own stores free).
const MEMWALK_PASSES = 1024, MEMWALK_PAGES = 4096, MEMWALK_BASE = 0x10000000, MEMWALK_FRAMES = 4 << 20;
const MEMWALK_STRIDE = 4096, MEMWALK_SKEW_STRIDE = 4096 + 64;
/** Instructions of one memwalk run: per pass 2 + the loop + int, the handler's 4 and dec/jne; then the #UD stub's sti; hlt. */
const MEMWALK_INSTRUCTIONS = 1 + MEMWALK_PASSES * (2 + 4 * MEMWALK_PAGES + 1 + 4 + 2) + 2;

function memwalkMachine(k: number, stride: number, wasm = false) {
  const h = new Asm(0x20000 + 0x80 * 0x100);
  h.op('mov', 'r, cr', EAX, 3).op('mov', 'cr, r', 3, EAX).op('add', 'r, i32', ESP, 4).op('iret');
  const a = new Asm(USER_CODE);
  a.op('mov', 'r, i32', EDX, Math.round(MEMWALK_PASSES * k))
    .label('pass').op('mov', 'r, i32', EDI, MEMWALK_BASE).op('mov', 'r, i32', ECX, MEMWALK_PAGES)
    .label('top')
    .op('mov', 'm32, r', mem(EDI), ECX)
    .op('add', 'r, i32', EDI, stride)
    .op('dec', 'r', ECX)
    .op('jne', 'rel', 'top')
    .op('int', 'i8', 0x80)
    .op('dec', 'r', EDX)
    .op('jne', 'rel', 'pass')
    .op('ud2');
  const pages = Math.ceil((MEMWALK_PAGES * stride) / 4096);
  return machine({ code: a, ram: 16 << 20, handlers: { 0x80: h.build() }, extraMap: (pt) => {
    for (let i = 0; i < pages; i++) pt.map(MEMWALK_BASE + i * 4096, MEMWALK_FRAMES + (i & 1023) * 4096, 7);
  } }, wasm);
}

/** The guest's stores of one memwalk run, alone: the same physical addresses in an array like the RAM's. */
function memwalkStores(words: Int32Array, stride: number): void {
  for (let pass = 0; pass < MEMWALK_PASSES; pass++) {
    for (let i = 0, lin = 0; i < MEMWALK_PAGES; i++, lin += stride) {
      words[(MEMWALK_FRAMES + ((lin >>> 12) & 1023) * 4096 + (lin & 0xfff)) >>> 2] = MEMWALK_PAGES - i;
    }
  }
}

/** memwalk's instruction count over the time of its stores alone (median of RUNS, each on a fresh array). */
function memwalkFloor(stride: number) {
  const runs: { s: number; thread?: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const words = new Int32Array((16 << 20) >>> 2);
    const t0 = performance.now(), th0 = mainThreadSeconds();
    memwalkStores(words, stride);
    const th1 = mainThreadSeconds();
    runs.push({ s: (performance.now() - t0) / 1000, thread: th0 !== undefined && th1 !== undefined ? th1 - th0 : undefined });
  }
  const sorted = runs.map((r) => r.s).sort((a, b) => b - a); // slowest first, as the other lines' runs
  const med = sorted[RUNS >> 1];
  const threadTotal = runs.reduce((t, r) => t + (r.thread ?? NaN), 0);
  return {
    instructions: MEMWALK_INSTRUCTIONS, seconds: +med.toFixed(4), mips: +(MEMWALK_INSTRUCTIONS / med / 1e6).toFixed(1),
    ...(Number.isFinite(threadTotal) && threadTotal > 0 ? { threadMips: +(MEMWALK_INSTRUCTIONS * RUNS / threadTotal / 1e6).toFixed(1) } : {}),
    runs: sorted.map((s) => (MEMWALK_INSTRUCTIONS / s / 1e6).toFixed(0)).join(' '),
  };
}

export const benchmarks = [
  ...loop6Tiers,
  { name: 'v86-loop6', run: async () => theirLoop6 = await v86Loop6(LOOP6_ITERATIONS) },
  {
    name: 'loop6-vs-v86',
    run: async () => {
      // Run alone (npm run bench -- loop6-vs-v86), it measures both sides itself.
      const ours = ourLoop6 ?? measureOurLoop6();
      const theirs = theirLoop6 ??= await v86Loop6(LOOP6_ITERATIONS);
      if (typeof theirs.error === 'string') return { error: `no ratio: v86-loop6 failed (${theirs.error})` };
      const wall = ratio(ours.mips, theirs.mips), thread = ratio(ours.threadMips, theirs.threadMips);
      // With loop6-wasm in the same run, its ratio too (wasmRatio, wasmThreadRatio).
      const wasmWall = ratio(ourLoop6Wasm?.mips, theirs.mips), wasmThread = ratio(ourLoop6Wasm?.threadMips, theirs.threadMips);
      return {
        oursMips: ours.mips, v86Mips: theirs.mips, ratio: wall ?? 'unmeasured',
        ...(thread !== undefined ? { oursThreadMips: ours.threadMips!, v86ThreadMips: theirs.threadMips, threadRatio: thread } : {}),
        ...(wasmWall !== undefined ? { wasmRatio: wasmWall } : {}), ...(wasmThread !== undefined ? { wasmThreadRatio: wasmThread } : {}),
      };
    },
  },
  ...tiers('memwalk', (k, wasm) => memwalkMachine(k, MEMWALK_STRIDE, wasm), true),
  { ...tiers('memwalk-skew', (k) => memwalkMachine(k, MEMWALK_SKEW_STRIDE))[0] },
  { name: 'memwalk-floor', run: async () => memwalkFloor(MEMWALK_STRIDE) },
  { name: 'memwalk-skew-floor', run: async () => memwalkFloor(MEMWALK_SKEW_STRIDE) },
  ...tiers('callret', (k, wasm) => {
    const a = new Asm(USER_CODE);
    a.op('mov', 'r, i32', ECX, 10_000_000 * k)
      .label('top').op('call', 'rel', 'f').op('dec', 'r', ECX).op('jne', 'rel', 'top').op('ud2')
      .label('f').op('push', 'r', EBX).op('mov', 'r, r', EBX, ECX).op('add', 'r, r', EAX, EBX).op('pop', 'r', EBX).op('ret');
    return machine({ code: a }, wasm);
  }),
  ...tiers('syscall', (k, wasm) => {
    const h = new Asm(0x20000 + 0x80 * 0x100);
    h.op('add', 'r, i32', ESP, 4).op('add', 'r, i32', EAX, 1).op('iret');
    const a = new Asm(USER_CODE);
    a.op('mov', 'r, i32', ECX, 2_000_000 * k)
      .label('top').op('int', 'i8', 0x80).op('dec', 'r', ECX).op('jne', 'rel', 'top').op('ud2');
    return machine({ code: a, handlers: { 0x80: h.build() } }, wasm);
  }),
];
