// The WebAssembly tier (experimental, off unless cpu.wasmTier is set and the
// RAM lives in a WebAssembly.Memory: emulator/cpu/wasm-memory.ts): a hot loop
// whose every instruction has a template the translator understands
// (emulator/cpu/wasm-emit.ts) becomes a small wasm module, instead of the JS
// loop-tier function.
//
// What it owns: the shape of a wasm block and its module table.
// - Shape: a run of instructions from the block's start, in its page, that
//   comes back round to that start: straight code and relative jumps, a jcc
//   backwards followed when taken and leaving when not (so a loop entered in
//   its middle, after an exit there, also runs as wasm), a call into the page
//   followed with its ret predicted to come back after it (leaving, after
//   the ret, when the popped address is another). Registers and flags
//   are wasm locals from entry to exit; each iteration retires the whole run;
//   like the JS loop tier it never retires more than `limit`. One walker
//   (walkTrace) follows that shape; the quick check (comesRound) and the
//   translation (loopBody) both go along it, so they accept the same traces.
// - Exits: any instruction whose access the inline TLB path cannot serve
//   leaves BEFORE that instruction, its state written back (a mispredicted
//   ret and a jcc not taken leave after theirs), so the count of
//   retired instructions is exact and the interpreter (or the JS block) does
//   the slow path, the walk, the fault, the store into a code page. A wasm
//   block never faults and never writes a frame holding decoded code.
// - When the first instruction already leaves (0 retired), the JS block of
//   the same entry runs instead, so the CPU always makes progress.
// - Invalidation: a wasm block hangs off the decoded-code entry like any
//   block, so it is dropped with its page (any write to the frame). Modules
//   are kept in a bounded table by their bytes (identical loops share one).

import { BY_OPCODE, type IsaRow } from '../../isa/table.ts';
import type { BlockFn } from './blocks.ts';
import { MAX_BLOCK } from './blocks.ts';
import { conditionWasm, type Frame, instructionWasm, moduleBytes, OP, type Operands, sleb, uleb, Unsupported, VOID } from './wasm-emit.ts';
import { CODEMARK_OFFSET, EXIT_HITS, EXIT_RETIRED, STATE_OFFSET, TLB_OFFSET, type WasmBacking } from './wasm-memory.ts';

const MODULE_TABLE_LIMIT = 512;
const modules = new Map<string, WebAssembly.Module>();
/** Modules compiled (not found in the table), loops refused, instructions retired in wasm, since start: tests read them;
 * blocks offered and the host milliseconds spent translating and compiling them, instances made, calls into
 * wasm and those that left at their first instruction (the JS block ran instead): the bench reads those. */
export const wasmStats = { compiled: 0, refused: 0, lastRefusal: '', retired: 0, offered: 0, translateMs: 0, instances: 0, entries: 0, fallbacks: 0 };

// Locals: the parameters, then one per state slot, then the block's own, then per-instruction temporaries.
const P_BASE = 0, P_LIMIT = 1, P_RMASK = 2, P_WMASK = 3;
const SLOT0 = 4, SLOTS = 14;
const L_R = SLOT0 + SLOTS, L_HITS = L_R + 1, L_EXIT_EIP = L_R + 2, L_EXIT_N = L_R + 3, TEMP0 = L_R + 4;

function isBacking(b: unknown): b is WasmBacking {
  return typeof b === 'object' && b !== null && (b as Partial<WasmBacking>).memory instanceof WebAssembly.Memory;
}

/**
 * The wasm body of the loop starting at page offset `off`, or null when it is not a supported loop.
 * `entryAt` is the block compiler's: the decoded-cache index of a page offset, or -1.
 */
export function loopBody(word: Int32Array, dispA: Int32Array, immA: Int32Array, off: number,
  entryAt: (pageOffset: number) => number, ramOffset: number): { body: number[]; locals: number } | null {
  const out: number[] = [];
  const op = (...b: number[]) => out.push(...b);
  const get = (l: number) => { op(OP.localGet); uleb(l, out); };
  const set = (l: number) => { op(OP.localSet); uleb(l, out); };
  const konst = (v: number) => { op(OP.i32Const); sleb(v, out); };
  let temps = 0;
  let index = 0, at = off;
  const written = new Set<number>();
  const frame: Frame = {
    slotLocal: (k) => SLOT0 + k,
    temp: () => TEMP0 + temps++,
    exitBefore: (code, depth) => {
      code.push(OP.localGet); uleb(P_BASE, code); code.push(OP.i32Const); sleb(at, code); code.push(OP.add, OP.localSet); uleb(L_EXIT_EIP, code);
      code.push(OP.localGet); uleb(L_R, code); code.push(OP.i32Const); sleb(index, code); code.push(OP.add, OP.localSet); uleb(L_EXIT_N, code);
      code.push(OP.br); uleb(depth + 1, code); // depth ifs, then the loop, then the exit block
    },
    baseLocal: P_BASE, rmaskLocal: P_RMASK, wmaskLocal: P_WMASK,
    ramOffset, tlbOffset: TLB_OFFSET, codeMarkOffset: CODEMARK_OFFSET, written,
  };
  op(OP.block, VOID, OP.loop, VOID);
  // The loop's end: count the turn, leave when the budget has no room for another, go round.
  const turn = (n: number) => {
    get(L_R); konst(n); op(OP.add); set(L_R);
  };
  const budgetCheck = (n: number) => {
    get(L_R); konst(n); op(OP.add); get(P_LIMIT); op(OP.gtS, OP.if, VOID);
    get(P_BASE); konst(off); op(OP.add); set(L_EXIT_EIP); get(L_R); set(L_EXIT_N); op(OP.br, 2);
    op(OP.end);
    op(OP.br, 0, OP.end, OP.end);
  };
  /** Leave after the jcc at `o` (index i) when its condition is false: the fall-through is outside the trace. */
  const leaveUnless = (row: IsaRow, o: number, len: number, retiredExpr: () => void): boolean => {
    let cond: number[];
    try { cond = conditionWasm(row, frame); } catch (e) { if (e instanceof Unsupported) { refuse(e); return false; } throw e; }
    out.push(...cond);
    op(OP.eqz, OP.if, VOID);
    get(P_BASE); konst(o + len); op(OP.add); set(L_EXIT_EIP); retiredExpr(); set(L_EXIT_N); op(OP.br, 2);
    op(OP.end);
    return true;
  };
  const translate = (row: IsaRow, operands: Operands): { code: number[]; accesses: number } | null => {
    try {
      return instructionWasm(row, operands, frame);
    } catch (e) {
      if (e instanceof Unsupported) return refuse(e);
      throw e;
    }
  };
  const emit = (r: { code: number[]; accesses: number }) => {
    out.push(...r.code);
    if (r.accesses) { get(L_HITS); konst(r.accesses); op(OP.add); set(L_HITS); }
  };
  const comesBack = walkTrace(word, immA, off, entryAt, (step) => {
    const { row, w, idx, len, next } = step;
    index = step.index;
    at = step.at;
    const operands = { r0: (w >>> 12) & 15, r1: (w >>> 16) & 15, base: (w >>> 20) & 15, index: (w >>> 24) & 15,
      scale: (w >>> 28) & 3, disp: dispA[idx], imm: immA[idx], next: at + len };
    if (step.kind === 'call') {
      // A call into the page: its push runs here, the trace follows it and predicts its ret.
      frame.jump = (code) => { code.push(OP.drop); };
      const r = translate(row, { ...operands, target: next });
      frame.jump = undefined;
      if (!r) return false;
      emit(r);
    } else if (step.kind === 'ret') {
      // The ret of a call the trace followed: predicted to return after it; another address leaves.
      const i = index;
      frame.jump = (code, depth, accesses) => {
        const t = TEMP0 + temps++;
        code.push(OP.localTee); uleb(t, code);
        code.push(OP.localGet); uleb(P_BASE, code); code.push(OP.i32Const); sleb(next, code); code.push(OP.add, OP.ne, OP.if, VOID);
        // The ret retires here: its accesses' hits count (elsewhere they are added after the instruction).
        code.push(OP.localGet); uleb(L_HITS, code); code.push(OP.i32Const); sleb(accesses, code); code.push(OP.add, OP.localSet); uleb(L_HITS, code);
        code.push(OP.localGet); uleb(t, code); code.push(OP.localSet); uleb(L_EXIT_EIP, code);
        code.push(OP.localGet); uleb(L_R, code); code.push(OP.i32Const); sleb(i + 1, code); code.push(OP.add, OP.localSet); uleb(L_EXIT_N, code);
        code.push(OP.br); uleb(depth + 2, code); // this if, the template's ifs, the loop, then the exit block
        code.push(OP.end);
      };
      const r = translate(row, operands);
      frame.jump = undefined;
      if (!r) return false;
      emit(r);
    } else if (step.kind === 'jump') {
      // A relative jump: the loop's edge back to the start, or (a loop entered in its middle, after an
      // exit there) a jump backwards that the trace follows to come round to its start. Not taken, a jcc leaves.
      if (step.closes) {
        turn(index + 1);
        if (row.cc !== undefined && !leaveUnless(row, at, len, () => get(L_R))) return false;
        budgetCheck(index + 1);
        return true;
      }
      const i = index;
      if (row.cc !== undefined && !leaveUnless(row, at, len, () => { get(L_R); konst(i + 1); op(OP.add); })) return false;
    } else {
      const r = translate(row, operands);
      if (!r) return false;
      emit(r);
    }
    if (step.closes) {
      turn(index + 1);
      budgetCheck(index + 1);
    }
    return true;
  });
  if (!comesBack) return null;
  // After the loop: write back what the block assigned, report, and return the next eip.
  const prologue: number[] = [];
  for (let k = 0; k < SLOTS; k++) {
    if (k === 8) continue; // the zero register stays the local's 0
    prologue.push(OP.i32Const); sleb(STATE_OFFSET + 4 * k, prologue);
    prologue.push(OP.i32Load, 2, 0, OP.localSet); uleb(SLOT0 + k, prologue);
  }
  for (const k of [...written].sort((a, b) => a - b)) {
    konst(STATE_OFFSET + 4 * k); get(SLOT0 + k); op(OP.i32Store, 2, 0);
  }
  konst(EXIT_RETIRED); get(L_EXIT_N); op(OP.i32Store, 2, 0);
  konst(EXIT_HITS); get(L_HITS); op(OP.i32Store, 2, 0);
  get(L_EXIT_EIP);
  return { body: [...prologue, ...out], locals: TEMP0 - 4 + temps };
}

/** One instruction of a trace, as walkTrace meets it. */
export interface TraceStep {
  /** straight: not a control transfer; call: a call into the page (followed); ret: the ret of a call
   * the trace followed (predicted to come back after it); jump: a relative jmp or jcc (followed when taken). */
  kind: 'straight' | 'call' | 'ret' | 'jump';
  /** Its decoded-cache index and word, its row, page offset and length. */
  idx: number; w: number; row: IsaRow; at: number; len: number;
  /** How many instructions of the trace come before it. */
  index: number;
  /** The page offset the trace goes on at: the next instruction, a call's or jump's target, a ret's prediction. */
  next: number;
  /** The trace is back at its start after this instruction. */
  closes: boolean;
}

/**
 * The one walk of a wasm block's trace (the shape in the header): from page offset `off`, straight code,
 * calls into the page with their rets predicted, relative jumps followed (a jcc only backwards, or
 * back to the start), at most MAX_BLOCK instructions, none twice. True when it comes round to `off`;
 * false as soon as it cannot, or when `visit` (told of each instruction in order) refuses one.
 * `entryAt` is the block compiler's: the decoded-cache index of a page offset, or -1.
 */
export function walkTrace(word: Int32Array, immA: Int32Array, off: number, entryAt: (pageOffset: number) => number,
  visit?: (step: TraceStep) => boolean): boolean {
  const visited = new Set<number>();
  const returns: number[] = []; // return offsets of the calls the trace followed, innermost last
  let o = off, index = 0;
  for (;;) {
    if (index >= MAX_BLOCK || o < 0 || o >= 4096 || visited.has(o)) return false;
    visited.add(o);
    const idx = entryAt(o);
    if (idx < 0) return false;
    const w = word[idx];
    const row = BY_OPCODE[w & 0xff];
    if (!row || row.sem === undefined) return false;
    const len = (w >>> 8) & 15;
    const isRel = row.operands.length === 1 && row.operands[0] === 'rel';
    let kind: TraceStep['kind'];
    let next: number;
    if (row.ends && isRel && row.stores) {
      kind = 'call';
      next = o + len + immA[idx];
      if (next < 0 || next >= 4096 || visited.has(next) || next === off) return false;
      returns.push(o + len);
    } else if (row.ends && row.operands.length === 0 && row.mnemonic === 'ret' && returns.length > 0) {
      kind = 'ret';
      next = returns.pop()!;
    } else if (row.ends) {
      if (!(isRel && !row.stores)) return false; // only relative jumps
      kind = 'jump';
      next = o + len + immA[idx];
      if (next !== off && row.cc !== undefined && next >= o) return false; // a jcc forwards would leave when taken
    } else {
      kind = 'straight';
      next = o + len;
    }
    const closes = next === off;
    if (visit && !visit({ kind, idx, w, row, at: o, len, index, next, closes })) return false;
    if (closes) return true;
    index++;
    o = next;
  }
}

/**
 * Whether the trace from `off` can come round to it, by the walk alone, without translating anything.
 * Most blocks the CPU compiles are not loops; translating their instructions before finding that out
 * cost half the host time of a kernel benchmark run (docs/performance.md), so wasmBlock asks this first.
 * It accepts every trace loopBody could accept (loopBody may still refuse).
 */
export function comesRound(word: Int32Array, immA: Int32Array, off: number, entryAt: (pageOffset: number) => number): boolean {
  return walkTrace(word, immA, off, entryAt);
}

function refuse(e: Error): null {
  wasmStats.refused++;
  wasmStats.lastRefusal = e.message;
  return null;
}

/**
 * A BlockFn running the loop at `off` as wasm, or null when the loop is not supported (the caller
 * keeps `js`, the JS loop-tier block of the same entry, which also runs when wasm cannot start).
 */
export function wasmBlock(backing: unknown, js: BlockFn, word: Int32Array, dispA: Int32Array, immA: Int32Array, off: number,
  entryAt: (pageOffset: number) => number): BlockFn | null {
  if (!isBacking(backing)) return null;
  const t0 = performance.now();
  wasmStats.offered++;
  const b = comesRound(word, immA, off, entryAt) ? loopBody(word, dispA, immA, off, entryAt, backing.ramOffset) : null;
  if (!b) {
    wasmStats.translateMs += performance.now() - t0;
    return null;
  }
  const bytes = moduleBytes(4, b.locals, b.body);
  const key = String.fromCharCode(...bytes);
  let module = modules.get(key);
  if (!module) {
    module = new WebAssembly.Module(bytes);
    wasmStats.compiled++;
    if (modules.size >= MODULE_TABLE_LIMIT) modules.clear();
    modules.set(key, module);
  }
  wasmStats.translateMs += performance.now() - t0;
  const run = new WebAssembly.Instance(module, { m: { mem: backing.memory } }).exports.run as
    (base: number, limit: number, rmask: number, wmask: number) => number;
  wasmStats.instances++;
  const exit = new Int32Array(backing.memory.buffer, 0, (EXIT_HITS >>> 2) + 1);
  const retired = EXIT_RETIRED >>> 2, hits = EXIT_HITS >>> 2;
  return (cpu, st, base, limit) => {
    wasmStats.entries++;
    const next = run(base, limit, cpu.rmask, cpu.wmask);
    const n = exit[retired];
    cpu.hits[0] += exit[hits];
    // The JS block instead (its slow paths fill the TLB, deliver the fault, do the store into code), for
    // the rest of the budget: a loop whose first access misses every turn (memwalk: a new page each
    // time) would otherwise pay a wasm entry and exit per turn on top of the JS block (measured:
    // half the speed of the JS tier alone).
    if (n === 0) {
      wasmStats.fallbacks++;
      return js(cpu, st, base, limit);
    }
    cpu.blockRetired = n;
    wasmStats.retired += n;
    return next;
  };
}

