// Operands for the code generator: registers, addresses and memory access.
//
// Owns the scratch-register discipline and everything that turns a node
// into an operand without computing it. Scratch registers eax, ecx, edx
// hold temporaries; `busy` says which hold a live value of an enclosing
// expression, so code may clobber any scratch register that is not busy
// (and not its destination), and a call saves the busy ones around itself.
// Values that must survive a call can instead be parked in frame slots
// (`takeSpill`). Operands that need no code are used directly: constants as
// immediates, register variables as registers, scalars in memory as
// `[ebp-8]`, `[counter]`, `[ebx+esi*4+12]` (`pureAddress`, `pureLvalue`).
// Invariants: a register holding a value of type T holds it normalised for
// T (a char sign-extended, an unsigned char zero-extended), so widening is
// free and narrowing is one movsx/movzx; a memory destination is always
// written with its size.

import type { Node, Var } from './ast.ts';
import { fail } from './diag.ts';
import { asmSymbol } from '../as/parse.ts';
import { isInteger, isMemoryValue, type Type } from './types.ts';

export type Reg = 'eax' | 'ecx' | 'edx' | 'ebx' | 'esi' | 'edi';
export const SCRATCH: Reg[] = ['eax', 'ecx', 'edx'];

/** A memory address that needs no code: [base + index*scale + symbol + disp]. */
export interface Addr {
  base?: string;
  index?: string;
  scale: number;
  sym?: string;
  disp: number;
}

export interface Temp {
  reg: Reg;
  /** The register held a busy value and was pushed to make room. */
  spilled: boolean;
}

export const ALU: Partial<Record<string, string>> = { add: 'add', sub: 'sub', band: 'and', bor: 'or', bxor: 'xor', mul: 'imul' };
export const NEGATE: Record<string, string> = { e: 'ne', ne: 'e', l: 'ge', ge: 'l', le: 'g', g: 'le', b: 'ae', ae: 'b', be: 'a', a: 'be' };
export const SWAP: Record<string, string> = { e: 'e', ne: 'ne', l: 'g', g: 'l', le: 'ge', ge: 'le', b: 'a', a: 'b', be: 'ae', ae: 'be' };

export function formatAddr(a: Addr): string {
  let s = '';
  const add = (part: string) => { s += s ? ' + ' + part : part; };
  if (a.base) add(a.base);
  if (a.index) add(a.scale === 1 ? a.index : `${a.index}*${a.scale}`);
  if (a.sym) add(a.sym);
  if (a.disp || !s) s += s ? (a.disp < 0 ? ` - ${-a.disp}` : ` + ${a.disp}`) : String(a.disp);
  return `[${s.replace(/ \+ /g, '+').replace(/ - /g, '-')}]`;
}

export function sizeWord(size: number): string {
  return size === 1 ? 'byte' : size === 2 ? 'word' : 'dword';
}

export function log2(n: number): number {
  return n > 0 && (n & (n - 1)) === 0 ? 31 - Math.clz32(n) : -1;
}

/** Does `n` read or write variable `v`? (Decides whether `v = e` may compute e in v's register.) */
export function refersTo(n: Node | undefined, v: Var): boolean {
  if (!n) return false;
  if (n.var === v) return true;
  if (refersTo(n.lhs, v) || refersTo(n.rhs, v) || refersTo(n.cond, v) || refersTo(n.then, v) || refersTo(n.els, v)) return true;
  return n.args ? n.args.some((a) => refersTo(a, v)) : false;
}

/** Does evaluating `n` call a function (so scratch registers would be clobbered)? */
export function hasCall(n: Node | undefined): boolean {
  if (!n) return false;
  if (n.kind === 'call' || n.kind === 'div' || n.kind === 'mod') return true;
  if (n.kind === 'opassign' && (n.op === 'div' || n.op === 'mod')) return true;
  return hasCall(n.lhs) || hasCall(n.rhs) || hasCall(n.cond) || hasCall(n.then) || hasCall(n.els) ||
    (n.args ? n.args.some(hasCall) : false);
}

export abstract class OperandGen {
  protected lines: string[] = [];
  protected busy = new Map<Reg, number>();
  protected abstract newLabel(): string;
  /** Computes n into register r (defined by the expression generator). */
  protected abstract genInto(n: Node, r: Reg | string): void;

  protected emit(s: string): void {
    // A memory destination always carries its size (the assembler wants it).
    if (/^\w+ \[/.test(s)) s = s.replace(' [', ' dword [');
    this.lines.push('        ' + s);
  }

  /** Frame slots for values that must survive a call (set up by the function generator). */
  protected spillBase = 0;
  protected spillDepth = 0;
  protected spillMax = 0;

  protected takeSpill(): string {
    const k = this.spillDepth++;
    this.spillMax = Math.max(this.spillMax, this.spillDepth);
    return formatAddr({ base: 'ebp', scale: 1, disp: this.spillBase - 4 * (k + 1) });
  }
  protected releaseSpill(): void {
    this.spillDepth--;
  }
  protected label(l: string): void {
    this.lines.push(l + ':');
  }

  // ---- registers ------------------------------------------------------------

  protected hold(r: string): void {
    if (SCRATCH.includes(r as Reg)) this.busy.set(r as Reg, (this.busy.get(r as Reg) ?? 0) + 1);
  }
  protected unhold(r: string): void {
    const k = this.busy.get(r as Reg);
    if (k === undefined) return;
    if (k <= 1) this.busy.delete(r as Reg);
    else this.busy.set(r as Reg, k - 1);
  }
  protected isBusy(r: Reg): boolean {
    return this.busy.has(r);
  }

  /** A scratch register other than `avoid`; spills a busy one if all are taken. */
  protected takeTemp(...avoid: string[]): Temp {
    for (const r of SCRATCH) if (!this.isBusy(r) && !avoid.includes(r)) { this.hold(r); return { reg: r, spilled: false }; }
    const r = SCRATCH.find((x) => !avoid.includes(x));
    if (!r) fail(undefined, 'internal compiler error: out of scratch registers');
    this.emit(`push ${r}`);
    this.hold(r);
    return { reg: r, spilled: true };
  }
  protected release(t: Temp): void {
    this.unhold(t.reg);
    if (t.spilled) this.emit(`pop ${t.reg}`);
  }

  // ---- operands that need no code ------------------------------------------

  /** Strips conversions that do not change the bits of a 4-byte value. */
  protected unwrap(n: Node): Node {
    while (n.kind === 'cast' && n.type.size === 4 && n.type.kind !== 'void' && n.lhs!.type.size === 4 &&
      n.lhs!.type.kind !== 'array' && n.lhs!.type.kind !== 'func' && !isMemoryValue(n.lhs!.type)) n = n.lhs!;
    return n;
  }

  /** The register of a register variable read as a (widened) value, if n is one. */
  protected varReg(n: Node): string | undefined {
    while (n.kind === 'cast' && n.type.kind !== 'void' && n.type.size >= n.lhs!.type.size && n.type.size === 4 && isInteger(n.lhs!.type) === isInteger(n.type)) n = n.lhs!;
    if (n.kind === 'cast' && n.type.size === 4 && n.lhs!.type.size === 4 && n.lhs!.type.kind !== 'array') n = n.lhs!;
    return n.kind === 'var' && n.var!.reg ? n.var!.reg : undefined;
  }

  /** The address of lvalue n, when it is one that needs no code. */
  protected pureLvalue(n: Node): Addr | undefined {
    switch (n.kind) {
      case 'var': {
        const v = n.var!;
        if (v.reg) return undefined;
        if (v.isLocal) return { base: 'ebp', scale: 1, disp: v.offset! };
        return { sym: asmSymbol(v.asmName), scale: 1, disp: 0 };
      }
      case 'member': {
        const a = isMemoryValue(n.lhs!.type) && n.lhs!.kind !== 'call' ? this.pureLvalue(n.lhs!) : undefined;
        return a && { ...a, disp: a.disp + n.member!.offset };
      }
      case 'deref': return this.pureAddress(n.lhs!);
    }
    return undefined;
  }

  /** The pointer value n as an address, when computing it needs no code. */
  protected pureAddress(n: Node): Addr | undefined {
    switch (n.kind) {
      case 'var':
        if (n.type.kind === 'array' || n.type.kind === 'func' || isMemoryValue(n.type)) return this.pureLvalue(n);
        if (n.var!.reg) return { base: n.var!.reg, scale: 1, disp: 0 };
        return undefined;
      case 'num': return { scale: 1, disp: n.val! };
      case 'addr': return this.pureLvalue(n.lhs!);
      case 'cast':
        if (n.type.size === 4 && (n.lhs!.type.size === 4 || n.lhs!.type.kind === 'array' || n.lhs!.type.kind === 'func')) return this.pureAddress(n.lhs!);
        return undefined;
      case 'member': case 'deref':
        return n.type.kind === 'array' ? this.pureLvalue(n) : undefined;
      case 'add': case 'sub': {
        const a = this.pureAddress(n.lhs!);
        if (!a) return undefined;
        const r = n.rhs!;
        if (r.kind === 'num') return { ...a, disp: n.kind === 'add' ? a.disp + r.val! : a.disp - r.val! };
        if (n.kind === 'sub') return undefined;
        const idx = this.indexOf(r);
        if (!idx) return undefined;
        return this.withIndex(a, idx.reg, idx.scale);
      }
    }
    return undefined;
  }

  /** `reg` or `reg * scale` (scale 1, 2, 4, 8) for a register variable, if r is that. */
  protected indexOf(r: Node): { reg: string; scale: number } | undefined {
    if (r.kind === 'mul' && r.rhs!.kind === 'num' && log2(r.rhs!.val!) >= 0 && log2(r.rhs!.val!) <= 3) {
      const reg = this.varReg(r.lhs!);
      return reg ? { reg, scale: r.rhs!.val! } : undefined;
    }
    const reg = this.varReg(r);
    return reg ? { reg, scale: 1 } : undefined;
  }

  protected withIndex(a: Addr, reg: string, scale: number): Addr | undefined {
    if (!a.index) return { ...a, index: reg, scale };
    if (!a.base && a.scale === 1) return { ...a, base: a.index, index: reg, scale };
    if (!a.base && scale === 1) return { ...a, base: reg };
    return undefined;
  }

  /** A 4-byte scalar operand usable as an ALU source: a register or [memory]. */
  protected simpleOperand(n: Node): string | undefined {
    const reg = this.varReg(n);
    if (reg) return reg;
    const u = this.unwrap(n);
    if (u.type.size !== 4 || !(isInteger(u.type) || u.type.kind === 'ptr')) return undefined;
    if (u.kind !== 'var' && u.kind !== 'deref' && u.kind !== 'member') return undefined;
    const a = this.pureLvalue(u);
    return a ? formatAddr(a) : undefined;
  }

  // ---- addresses that may need code -------------------------------------------

  /** The address held by pointer expression n; may compute into `r`, which the caller owns. */
  protected addressInto(n: Node, r: Reg): Addr {
    const pure = this.pureAddress(n);
    if (pure) return pure;
    // A row of a multi-dimensional array: its address is an lvalue's.
    if ((n.kind === 'deref' || n.kind === 'member') && n.type.kind === 'array') return this.lvalueInto(n, r);
    if ((n.kind === 'add' || n.kind === 'sub') && n.rhs!.kind === 'num') {
      const a = this.addressInto(n.lhs!, r);
      return { ...a, disp: n.kind === 'add' ? a.disp + n.rhs!.val! : a.disp - n.rhs!.val! };
    }
    if (n.kind === 'add') {
      const idx = this.indexOf(n.rhs!);
      if (idx) {
        const a = this.addressInto(n.lhs!, r);
        const w = this.withIndex(a, idx.reg, idx.scale);
        if (w) return w;
      }
      const r2 = n.rhs!;
      const scaled = r2.kind === 'mul' && r2.rhs!.kind === 'num' && log2(r2.rhs!.val!) >= 0 && log2(r2.rhs!.val!) <= 3;
      const base = this.pureAddress(n.lhs!);
      if (base && !base.index) {
        this.genInto(scaled ? r2.lhs! : r2, r);
        return { ...base, index: r, scale: scaled ? r2.rhs!.val! : 1 };
      }
      if (base && !base.base) {
        this.genInto(r2, r);
        return { ...base, base: r };
      }
      if (base && !base.base && base.index) {
        this.genInto(scaled ? r2.lhs! : r2, r);
        if (scaled) this.emit(`shl ${r}, ${log2(r2.rhs!.val!)}`);
        return { ...base, base: r };
      }
      // p[i] with both parts computed: p into r, i into a temporary, then one lea-free address.
      if (scaled && !hasCall(r2)) {
        this.genInto(n.lhs!, r);
        this.hold(r);
        const t = this.takeTemp(r);
        this.genInto(r2.lhs!, t.reg);
        this.unhold(r);
        if (t.spilled) {
          this.emit(`lea ${r}, [${r}+${t.reg}*${r2.rhs!.val!}]`);
          this.release(t);
          return { base: r, scale: 1, disp: 0 };
        }
        this.release(t);
        return { base: r, index: t.reg, scale: r2.rhs!.val!, disp: 0 };
      }
    }
    this.genInto(n, r);
    return { base: r, scale: 1, disp: 0 };
  }

  /** The address of lvalue (or struct value) n; may compute into `r`. */
  protected lvalueInto(n: Node, r: Reg): Addr {
    const pure = this.pureLvalue(n);
    if (pure) return pure;
    if (n.kind === 'member') {
      const a = this.lvalueInto(n.lhs!, r);
      return { ...a, disp: a.disp + n.member!.offset };
    }
    if (n.kind === 'deref') return this.addressInto(n.lhs!, r);
    if (n.kind === 'var' && n.var!.reg) fail(n.tok.pos, 'internal compiler error: address of a register variable');
    // A struct value (call, assignment, ?:, comma) computes its address.
    this.genInto(n, r);
    return { base: r, scale: 1, disp: 0 };
  }

  // ---- loads and stores -----------------------------------------------------------

  protected load(t: Type, a: string, r: string): void {
    if (t.size === 1) this.emit(`${t.unsigned ? 'movzx' : 'movsx'} ${r}, byte ${a}`);
    else if (t.size === 2) this.emit(`${t.unsigned ? 'movzx' : 'movsx'} ${r}, word ${a}`);
    else this.emit(`mov ${r}, ${a}`);
  }

  protected store(t: Type, a: string, r: string): void {
    this.emit(`mov ${t.size === 4 ? '' : sizeWord(t.size) + ' '}${a}, ${r}`);
  }

  /** Narrows a register to type t (after arithmetic that may have overflowed it). */
  protected normalize(t: Type, r: string): void {
    if (t.size === 1) this.emit(`${t.unsigned ? 'movzxb' : 'movsxb'} ${r}, ${r}`);
    else if (t.size === 2) this.emit(`${t.unsigned ? 'movzxw' : 'movsxw'} ${r}, ${r}`);
  }

  protected lea(r: string, a: Addr): void {
    if (a.base === r && !a.index && !a.sym && !a.disp) return;
    if (!a.base && !a.index) { this.emit(`mov ${r}, ${a.sym ? a.sym + (a.disp ? (a.disp < 0 ? `-${-a.disp}` : `+${a.disp}`) : '') : a.disp}`); return; }
    if (a.base && !a.index && !a.sym && !a.disp) { this.move(r, a.base); return; }
    this.emit(`lea ${r}, ${formatAddr(a)}`);
  }

  protected move(dst: string, src: string): void {
    if (dst !== src) this.emit(`mov ${dst}, ${src}`);
  }
}

/**
 * Does a value normalised for `from` need a movsx/movzx to be normalised for
 * `to`? Only when `to` is narrower than 32 bits and cannot hold every value
 * of `from`.
 */
export function needsNormalizing(from: Type, to: Type): boolean {
  if (to.size >= 4) return false;
  if (!isInteger(from)) return true;
  if (from.size < to.size) return from.unsigned ? false : to.unsigned;
  if (from.size === to.size) return from.unsigned !== to.unsigned;
  return true;
}

/** Could evaluating n change anything (so a discarded value must still be computed)? */
export function hasSideEffects(n: Node | undefined): boolean {
  if (!n) return false;
  switch (n.kind) {
    case 'assign': case 'opassign': case 'preinc': case 'postinc': case 'call': case 'zero': return true;
    case 'deref': case 'var': case 'member': if (n.type.isVolatile) return true;
  }
  return hasSideEffects(n.lhs) || hasSideEffects(n.rhs) || hasSideEffects(n.cond) || hasSideEffects(n.then) ||
    hasSideEffects(n.els) || (n.args ? n.args.some(hasSideEffects) : false);
}
