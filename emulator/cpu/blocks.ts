// The basic-block compiler: a hot run of decoded instructions becomes one JS
// function, so the interpreter's fetch/dispatch cost is paid once per block.
//
// What it owns: translating decoded entries (emulator/cpu/code-cache.ts) into
// JS source. A block starts at a hot entry and stays inside one 4 KiB page.
// It is a trace: a jmp or call to a place in the page not yet in the block
// continues the block there, a jcc backwards (a loop) continues at its target
// and leaves when not taken, a jcc forwards leaves when taken and continues
// after it. It ends after any other control transfer (ret, jumps through a
// register or memory, a target outside the page or already in the block),
// before an instruction the interpreter keeps for itself (a system row of
// isa/table.ts: anything that can change CPL, IF, paging, or retire more
// than one instruction), or after MAX_BLOCK instructions. Two system rows
// may end a plain block: int and iret, which the block performs through
// system.ts's own functions as its last act (a jmp or jcc to an int is
// followed into it), so each side of a system call can be one block. Each
// instruction's source comes from its row's template (block-source.gen.ts,
// generated with the interpreter's cases from the same template). The state
// slots it uses (registers, flags) are JS locals from entry to exit.
//
// Invariants the generated code keeps:
// - Same semantics as the interpreter case for case: the same template, the
//   same flag helpers, the CPU's own memory accessors (TLB, A/D, faults)
//   behind an inline TLB hit path for aligned dwords.
// - Position independent: it receives the linear page base, so a physical
//   page mapped at several addresses shares its blocks.
// - Precise: before each instruction that can fault it records its index; a
//   fault reports cpu.blockRetired (instructions completed) and
//   cpu.blockFaultEip, then rethrows for the interpreter loop to deliver.
// - Self-modifying code: after every store it checks whether the store
//   dropped decoded code (cpu.fetchLin === -1) and, if so, leaves the block at
//   the next instruction, which the interpreter then decodes afresh. (A loop's
//   store through a translation taken in this invocation skips the check: it
//   was taken only for a frame without decoded code, and nothing in a block
//   decodes.)
// - On a normal exit cpu.blockRetired is the number of instructions run.
// - A block whose last instruction jumps back to its own start loops inside
//   the function, one whole iteration at a time, never past `limit`.
// - A block ending in int or iret returns what the trap returns (the
//   handler's or the interrupted eip); IRQs are looked at right after it, as
//   after the interpreter's trap, and nothing in it runs after the trap.
// - In a loop, each dword access site remembers the last page it hit for the
//   invocation (locals mc_I_J, mb_I_J; emulator/cpu/gen-isa.ts), and sites
//   whose address registers the loop never writes are translated once at
//   entry (invariantLoop). Both rely on a block never flushing the TLB or
//   changing CPL (those instructions end blocks), and keep no state past the
//   invocation, so time travel and saveState see nothing new.

import type { Cpu } from '../cpu.ts';
import { BY_OPCODE } from '../../isa/table.ts';
import * as alu from './alu.ts';
import * as sys from './system.ts';
import {
  BLOCK_HELPERS, BLOCK_TEMPS, CONDITION_JS, CONDITION_JS_PLAIN, instructionSource, plainInstructionSource, SYNC_OPS,
} from './block-source.gen.ts';

/** Runs the block at linear page `base`; `limit` is the most instructions it may retire (at least its length). */
export type BlockFn = (cpu: Cpu, st: Int32Array, base: number, limit: number) => number;

export const MAX_BLOCK = 32;
/** Blocks shorter than this (unless they loop to themselves or end in a trap) stay interpreted. */
export const MIN_BLOCK = 5;
/**
 * A plain block that ends in int or iret needs only this many instructions, the
 * trap included: a syscall round trip is a few instructions either side of the
 * trap (the caller's `dec; jne; int`, the handler's `add; add; iret`), and the
 * trap itself costs the interpreter a call anyway, so even two pay.
 */
export const MIN_TRAP_BLOCK = 2;
/**
 * Interpreted executions of an entry before it is compiled. Compiling costs
 * about as much as interpreting ten thousand instructions (building the
 * source, V8 parsing it, then the new function warming up in V8's own tiers),
 * and kernel code averages only a few instructions per block, so only entries
 * this hot pay off (measured on the kernel's benchmark boot and fork+exec:
 * 2000 beat 1000, which beat 400 and 200; docs/performance.md, cold code).
 */
export const HOT_THRESHOLD = 2000;

// Per opcode, from the ISA rows (isa/table.ts): bit 0 compilable (the row has a template), 1 it may fault,
// 2 it stores, 3 it ends the block, 4 a relative jump (jmp rel, jcc), 5 a relative call.
const COMPILE = 1, FAULTS = 2, STORES = 4, ENDS = 8, REL_JUMP = 16, REL_CALL = 32;
const KIND = new Uint8Array(256);
const RET = BY_OPCODE.find((r) => r?.mnemonic === 'ret' && r.operands.length === 0)!.op;
const INT = BY_OPCODE.find((r) => r?.mnemonic === 'int')!.op;
const IRET = BY_OPCODE.find((r) => r?.mnemonic === 'iret')!.op;
const CC = new Int8Array(256).fill(-1);
for (const r of BY_OPCODE) {
  if (!r || r.sem === undefined) continue;
  const rel = r.ends && r.operands.length === 1 && r.operands[0] === 'rel';
  KIND[r.op] = COMPILE | (r.faults ? FAULTS : 0) | (r.stores ? STORES : 0) | (r.ends ? ENDS : 0) |
    (rel && !r.stores ? REL_JUMP : 0) | (rel && r.stores ? REL_CALL : 0);
  if (r.cc !== undefined) CC[r.op] = r.cc;
}

/** Instructions a block may contain; everything else ends the block before it. */
export function compilable(op: number): boolean {
  return (KIND[op] & COMPILE) !== 0;
}

/** The address expression of the memory operand of decoded word w (slots as `slot(k)` names them). */
function addressSource(w: number, disp: number, slot: (k: number) => string): string {
  const base = (w >>> 20) & 15, index = (w >>> 24) & 15, scale = (w >>> 28) & 3;
  const parts: string[] = [];
  if (base !== 8) parts.push(slot(base));
  if (index !== 8) parts.push(scale ? `(${slot(index)} << ${scale})` : slot(index));
  if (disp !== 0 || parts.length === 0) parts.push(String(disp));
  return `((${parts.join(' + ')}) | 0)`;
}

const FLAG_TEMPS = BLOCK_TEMPS.split(', ');

/**
 * A loop block's access sites (mc@N, mb@N: the page each dword access last
 * hit, emulator/cpu/gen-isa.ts) renamed apart for instruction i of the block.
 */
function ownSites(src: string, i: number): string {
  return src.replace(/\b(m[cb])@(\d+)/g, `$1_${i}_$2`);
}

const COMPILED_CACHE_LIMIT = 20000;
const compiled = new Map<string, BlockFn>();

/** A write of state slot k in block source (`s4 = `, `s13 |= `; not `s9 === `). */
const WRITES_SLOT = /\bs(\d+)\s*(?:[-+*|&^]|<<|>>>?)?=(?!=)/g;
const WRITES_SLOT_ONE = new RegExp(WRITES_SLOT.source);

/** A store's check that it dropped decoded code (scan pushes it right after the storing instruction). */
const CODE_DROPPED = 'if (cpu.fetchLin === -1)';

/**
 * A loop whose memory operands have loop-invariant addresses (registers the
 * loop never writes: an -O0 local at [ebp-8], loop6's [esi]) gets a second
 * copy of its body run when, at entry, the TLB already grants every such
 * operand (and no such store hits a page with decoded code). In that copy
 * those operands are plain RAM word accesses through the translation taken
 * at entry (nothing in a block can change the TLB, CPL or what is decoded),
 * and a store made only through them needs no check for dropped code. When
 * the entry test fails, the general loop runs as before. Returns the fill
 * code and the fast copy, or '' when the loop has no invariant operand.
 */
function invariantLoop(body: string[], selfLoop: string, espNet: number): string {
  const all = body.join('\n');
  if (all.includes('/*reload*/')) return '';
  const written = new Set([...all.matchAll(WRITES_SLOT)].map((m) => m[1]));
  const fills: string[] = [];
  const sites: string[] = [];
  for (const src of body) {
    // esp at this instruction is esp at entry + sp when the loop's stack operations are all known
    // (push, pop, call, ret) and cancel out over a turn: then esp-relative addresses are invariant too.
    const sp = /^\/\*sp=(-?\d+)\*\//.exec(src)?.[1];
    const espKnown = sp !== undefined && espNet === 0;
    // The address as a function of the registers at entry, or undefined when it varies between turns.
    const atEntry = (addr: string) => {
      let variant = false;
      const e = addr.replace(/\bs(\d+)\b/g, (_, k) => {
        if (k === '4' && espKnown) return `(s4 + ${sp})`;
        if (written.has(k)) variant = true;
        return `s${k}`;
      });
      return variant || /[a-z_$]/i.test(e.replace(/\bs\d+\b/g, '')) ? undefined : e;
    };
    // Names an instruction gives an address (`const sp = (s4 - 4) | 0`, `const a = ...`) before it changes any state.
    const named = new Map<string, string>();
    for (const m of src.matchAll(/const (\w+) = ([^;]*);/g)) if (!WRITES_SLOT_ONE.test(src.slice(0, m.index))) named.set(m[1], m[2]);
    const address = (addr: string) => atEntry(named.get(addr) ?? addr);
    for (const m of src.matchAll(/\(ta = ([^,]*), \(ta & -4093\) === (mc_\d+_\d+) \?.*?\(te & (rm|wm)\)/g)) {
      const [, addr, site, mask] = m;
      const at = address(addr);
      if (at === undefined) continue;
      sites.push(site);
      fills.push(`ta = ${at}; te = tlb[ta >>> 12]; if ((te & ${mask}) !== 0 && (ta & 3) === 0) { ${site} = ta & -4096; ${site.replace(/^mc/, 'mb')} = (te & -4096) >>> 2; }`);
    }
    for (const m of src.matchAll(/\(tw = ([^,]*), tv = /g)) {
      const site = /\(tw & -4093\) === (mc_\d+_\d+)/.exec(src.slice(m.index))![1];
      const at = address(m[1]);
      if (at === undefined) continue;
      sites.push(site);
      fills.push(`tw = ${at}; twe = tlb[tw >>> 12]; if ((twe & wm) !== 0 && (tw & 3) === 0 && codeMark[twe >>> 12] === 0) { ${site} = tw & -4096; ${site.replace(/^mc/, 'mb')} = (twe & -4096) >>> 2; }`);
    }
  }
  if (sites.length === 0) return '';
  const fast = body.map((src) => sites.reduce((t, site) => t.replace(new RegExp(`\\(t[aw] & -4093\\) === ${site}\\b`), 'true'), src));
  // A store check stays unless every store of the instruction before it went through an invariant operand.
  const kept = fast.filter((src, j) => !(src.startsWith(CODE_DROPPED) && j > 0 && !/cpu\.wr(8|16)\(|\(tw & -4093\) === mc_/.test(fast[j - 1])));
  return `${fills.join('\n  ')}
  if (${sites.map((site) => `${site} !== 4`).join(' && ')}) for (;;) {\n    ${kept.join('\n    ')}\n    ${selfLoop}\n  }
  `;
}

/** What one pass over the page gives: the instructions' source, their offsets, the loop's tail if it loops. */
interface Scan { body: string[]; offsets: number[]; selfLoop: string; end: number; trap: boolean; espNet: number }

const STACK_DELTA = new Map<string, number>([['push', -4], ['call', -4], ['pop', 4]]);

/** esp - esp at entry after instruction op (register field r0, block source src), given it before. */
function espAfter(op: number, r0: number, src: string, esp: number): number {
  const row = BY_OPCODE[op]!;
  const delta = row.mnemonic === 'ret' && row.operands.length === 0 ? 4 : STACK_DELTA.get(row.mnemonic);
  if (delta !== undefined && !(row.mnemonic === 'pop' && row.operands[0] === 'r' && r0 === 4)) return esp + delta;
  return /\bs4\s*(?:[-+*|&^]|<<|>>>?)?=(?!=)/.test(src) ? NaN : esp;
}

function scan(word: Int32Array, dispA: Int32Array, immA: Int32Array, off: number,
  entryAt: (pageOffset: number) => number, loopTier: boolean): Scan {
  const body: string[] = [];
  const offsets: number[] = [];
  const conditions = loopTier ? CONDITION_JS : CONDITION_JS_PLAIN;
  const slot = loopTier ? (k: number) => `s${k}` : (k: number) => `st[${k}]`;
  let o = off;
  let selfLoop = '';
  const visited = new Set<number>();
  const returns: number[] = []; // return offsets of the calls the trace followed, innermost last
  let trap = false;
  let esp = 0; // esp - esp at entry before the next instruction (loop tier), NaN once an instruction sets it otherwise
  const marked = (src: string) => Number.isNaN(esp) ? src : `/*sp=${esp}*/ ${src}`;
  while (offsets.length < MAX_BLOCK && o >= 0 && o < 4096 && !visited.has(o)) {
    const idx = entryAt(o);
    if (idx < 0) break;
    const w = word[idx];
    const op = w & 0xff;
    const kind = KIND[op];
    const len = (w >>> 8) & 15;
    const i = offsets.length;
    const n = i + 1;
    if ((kind & COMPILE) === 0) {
      // A plain block may end in int or iret: it performs the trap through the interpreter's own
      // function (emulator/cpu/system.ts: the same privilege check, frame, fault and #DF handling), with
      // its hit count written back first and the trap counted as its last instruction. A fault in it is
      // reported like any other instruction's (k); a triple fault stops the run (the loop checks stopReason).
      if (!loopTier && i > 0 && (op === INT || op === IRET)) {
        offsets.push(o);
        body.push(`k = ${i};`);
        const perform = op === INT ? `sys.trapGate(cpu, ${immA[idx] & 0xff}, (base + ${o + len}) | 0)` : 'sys.iret(cpu, 0, 0, 0, 0, 0, 0)';
        body.push(`/*wb*/ cpu.blockRetired = ${n}; return ${perform};`);
        trap = true;
        o += len;
      }
      break;
    }
    visited.add(o);
    offsets.push(o);
    const target = o + len + immA[idx];
    const cc = CC[op];
    if (target === off && (kind & REL_JUMP) !== 0) {
      // A loop back to the block's own start: iterate inside the function while the budget allows.
      const cond = cc < 0 ? 'true' : conditions[cc];
      selfLoop = `r += ${n};
    if (!(${cond})) { /*wb*/ cpu.blockRetired = r; return (base + ${o + len}) | 0; }
    if (r + ${n} > limit) { /*wb*/ cpu.blockRetired = r; return (base + ${off}) | 0; }`;
      o += len;
      break;
    }
    // Traces (loop tier): a jump or call to a place in this page not in the block yet continues the
    // block there; a jcc backwards is followed when taken, one forwards leaves the block when taken.
    const follow = loopTier ? (kind & (REL_JUMP | REL_CALL)) !== 0 && target >= 0 && target < 4096 && !visited.has(target) &&
      (cc < 0 || target < o) : (kind & REL_JUMP) !== 0 && jumpsIntoTrap(target, visited, entryAt, word);
    const exit = (t: string) => `{ /*wb*/ cpu.blockRetired = r + ${n}; return ${t}; }`;
    // A ret after a followed call is predicted to go back after that call: the trace continues there,
    // and leaves only when the popped address is another.
    const predicted = loopTier && op === RET && returns.length > 0 ? returns.pop()! : -1;
    if (predicted >= 0) {
      if ((kind & FAULTS) !== 0) body.push(`k = ${i};`);
      body.push(marked(ownSites(instructionSource(op, 0, 0, '', 0, '', '', (t) => `if (${t} !== ((base + ${predicted}) | 0)) ${exit(t)}`), i)));
      esp += 4;
      o = predicted;
      if (o === off) {
        selfLoop = `r += ${n};
    if (r + ${n} > limit) { /*wb*/ cpu.blockRetired = r; return (base + ${off}) | 0; }`;
        break;
      }
      continue;
    }
    if (follow && (kind & REL_CALL) !== 0) returns.push(o + len);
    const next = `((base + ${o + len}) | 0)`;
    if ((kind & FAULTS) !== 0) body.push(`k = ${i};`);
    if (follow && cc >= 0) body.push(`if (!(${conditions[cc]})) ${exit(next)}`);
    else {
      const source = loopTier ? instructionSource : plainInstructionSource;
      const src = source(op, (w >>> 12) & 15, (w >>> 16) & 15, addressSource(w, dispA[idx], slot), immA[idx],
        next, `((base + ${target}) | 0)`, follow ? () => '' : exit);
      // Division hands st to a function: a loop's locals go back to st around it.
      body.push(loopTier && SYNC_OPS.has(op) ? `/*wb*/ ${ownSites(src, i)} /*reload*/` : loopTier ? marked(ownSites(src, i)) : src);
      esp = espAfter(op, (w >>> 12) & 15, src, esp);
    }
    o = follow ? target : o + len;
    if ((kind & STORES) !== 0) body.push(`${CODE_DROPPED} { /*wb*/ cpu.blockRetired = r + ${n}; return (base + ${o}) | 0; }`);
    if ((kind & ENDS) !== 0 && !follow && (cc < 0 || !loopTier)) break;
    if (o === off) {
      // The trace came back round to its start (through a followed jump): loop inside the function too.
      selfLoop = `r += ${n};
    if (r + ${n} > limit) { /*wb*/ cpu.blockRetired = r; return (base + ${off}) | 0; }`;
      break;
    }
  }
  return { body, offsets, selfLoop, end: o, trap, espNet: esp };
}

/**
 * Plain tier: a jmp or jcc to an int (a syscall in a loop: `dec; jne top` with `int` at top) is followed
 * when taken, so the block ends in the trap instead of returning to the dispatcher for one instruction.
 */
function jumpsIntoTrap(target: number, visited: Set<number>, entryAt: (pageOffset: number) => number,
  word: Int32Array): boolean {
  if (target < 0 || target >= 4096 || visited.has(target)) return false;
  const j = entryAt(target);
  return j >= 0 && (word[j] & 0xff) === INT;
}

/**
 * Compile the block whose first instruction is the decoded entry `idx` at
 * page offset `off`. `entryAt(j)` returns the decoded-cache index of page
 * offset j once decoded (or -1 if it cannot be decoded without leaving the
 * page). Returns the function and its instruction count, or null when the
 * first instruction is not compilable.
 */
export function compileBlock(word: Int32Array, dispA: Int32Array, immA: Int32Array, off: number,
  entryAt: (pageOffset: number) => number, loopTier = true): { fn: BlockFn; length: number } | null {
  // A loop (a trace that comes back to its start) gets the loop tier: traces, state in locals, flag
  // operations inlined. Anything else is a plain block: straight code to the first control transfer,
  // state in st, calls of the flag functions. Measured on the kernel (docs/performance.md): the loop
  // tier's longer source costs more to compile and to run in V8's first tiers than it saves on code
  // that runs a few thousand times.
  const loop = loopTier ? scan(word, dispA, immA, off, entryAt, true) : null;
  const b = loop?.selfLoop ? loop : scan(word, dispA, immA, off, entryAt, false);
  const { offsets, selfLoop, trap, espNet } = b;
  const body = b.body;
  const o = b.end;
  const length = offsets.length;
  // Short straight runs are not worth a call into a separate function: the interpreter keeps them.
  if (length === 0 || (!selfLoop && length < (trap ? MIN_TRAP_BLOCK : MIN_BLOCK))) return null;
  let code: string;
  if (selfLoop) code = `${invariantLoop(body, selfLoop, espNet)}for (;;) {\n    ${body.join('\n    ')}\n    ${selfLoop}\n  }`;
  else if (trap) code = body.join('\n    ');
  else {
    // Falling off the end (after a jcc not taken, or at the length limit); unreachable after jmp/call/ret.
    body.push(`/*wb*/ cpu.blockRetired = ${length}; return (base + ${o}) | 0;`);
    code = body.join('\n    ');
  }
  // The state slots the block touches live in locals from entry to every exit (and to a fault: an
  // instruction that faults has changed nothing yet, so the locals are the state before it).
  const slots = [...new Set([...code.matchAll(/\bs(\d+)\b/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  // TLB hits of the inlined accesses are counted in a local too (th: a Float64Array increment per access
  // cost loop6 and callret a quarter of their speed), added to cpu.hits with the state; zeroed there, so a
  // write-back before a division that then faults does not count them twice.
  const writeBack = slots.map((k) => `st[${k}] = s${k};`).join(' ') + (code.includes('th++') ? ' hits[0] += th; th = 0;' : '');
  code = code.replaceAll('/*wb*/', writeBack).replaceAll('/*reload*/', slots.map((k) => `s${k} = st[${k}];`).join(' '));
  const load = slots.length ? `let ${slots.map((k) => `s${k} = st[${k}]`).join(', ')};` : '';
  // Only the inlined flag operations' temporaries this block uses: V8's first tiers would initialise every one per call.
  const usedTemps = FLAG_TEMPS.filter((t) => code.includes(t));
  // Each access site's cached page starts as 4, which no `address & -4093` equals: the first access fills it.
  const sites = [...new Set([...code.matchAll(/\bm([cb])_\d+_\d+\b/g)].map((m) => m[0]))];
  usedTemps.push(...sites.map((t) => t.startsWith('mc') ? `${t} = 4` : `${t} = 0`));
  const temps = usedTemps.length ? `let ${usedTemps.map((t) => t.includes('=') ? t : `${t} = 0`).join(', ')};` : '';
  const source = `const { ${BLOCK_HELPERS} } = alu;
const OFFSETS = [${offsets.join(', ')}];
return function block(cpu, st, base, limit) {
  const tlb = cpu.tlb, words = cpu.words, codeMark = cpu.codeMark, hits = cpu.hits, rm = cpu.rmask, wm = cpu.wmask;
  let k = 0, r = 0, ta = 0, te = 0, tw = 0, tv = 0, twe = 0, tp = 0, th = 0;
  ${temps}
  ${load}
  try {
    ${code}
  } catch (e) {
    ${writeBack}
    cpu.blockRetired = r + k;
    cpu.blockFaultEip = (base + OFFSETS[k]) | 0;
    throw e;
  }
};`;
  // Identical code (a page decoded again after a write, the same routine mapped twice) reuses one function.
  let fn = compiled.get(source);
  if (!fn) {
    fn = new Function('alu', 'sys', source)(alu, sys) as BlockFn;
    if (compiled.size >= COMPILED_CACHE_LIMIT) compiled.clear();
    compiled.set(source, fn);
  }
  return { fn, length };
}
