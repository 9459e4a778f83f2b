// Expression code generation: typed nodes to Hako instructions.
//
// Owns how values are computed (`genInto(n, r)` computes n into register
// r), how conditions become compare-and-branch (`genBranch`; a boolean is
// only materialised with setcc when its value is used), assignments,
// increments, calls and block copies. The register discipline and the
// operands that need no code are codegen_operands.ts's.
// Invariants: esp is the same before and after every expression;
// struct-valued expressions compute their address; operands are evaluated
// so that a call never has to save more than the busy scratch registers.

import type { Node } from './ast.ts';
import { fail } from './diag.ts';
import { asmSymbol } from '../as/parse.ts';
import {
  ALU, formatAddr, hasCall, log2, NEGATE, needsNormalizing, OperandGen, refersTo, SCRATCH, sizeWord, SWAP,
  hasSideEffects, type Addr, type Reg, type Temp,
} from './codegen_operands.ts';
import { isInteger, isMemoryValue, returnsThroughPointer, type Type } from './types.ts';

export { formatAddr, type Reg };

export abstract class ExprGen extends OperandGen {
  // ---- values -------------------------------------------------------------------

  /** Computes n into register r (the address, for arrays, functions and structs). */
  protected genInto(n: Node, r: Reg | string): void {
    const reg = r as Reg;
    switch (n.kind) {
      case 'num': this.emit(`mov ${r}, ${n.val}`); return;
      case 'var': {
        const v = n.var!;
        if (v.reg) { this.move(r, v.reg); return; }
        const a = this.pureLvalue(n)!;
        if (n.type.kind === 'array' || n.type.kind === 'func' || isMemoryValue(n.type)) this.lea(r, a);
        else this.load(n.type, formatAddr(a), r);
        return;
      }
      case 'member': case 'deref': {
        const walker = this.postIncPointer(n);
        if (walker && walker.reg !== r && isScalarLoad(n.type)) {
          // *p++ with p in a register: load through p, then step it.
          this.load(n.type, `[${walker.reg}]`, r);
          this.step(walker.reg, walker.amount);
          return;
        }
        const a = this.lvalueInto(n, reg);
        if (n.type.kind === 'array' || isMemoryValue(n.type) || n.type.kind === 'func') this.lea(r, a);
        else this.load(n.type, formatAddr(a), r);
        return;
      }
      case 'addr': this.lea(r, this.lvalueInto(n.lhs!, reg)); return;
      case 'cast': return this.genCast(n, reg);
      case 'add': case 'sub': case 'band': case 'bor': case 'bxor': case 'mul':
      case 'div': case 'mod': case 'shl': case 'shr':
        return this.genBinary(n, reg);
      case 'neg': case 'bnot':
        this.genInto(n.lhs!, r);
        this.emit(`${n.kind === 'neg' ? 'neg' : 'not'} ${r}`);
        return;
      case 'eq': case 'ne': case 'lt': case 'le': {
        const cc = this.genCompare(n);
        this.emit(`set${cc} ${r}`);
        return;
      }
      case 'lognot': case 'logand': case 'logor': {
        const f = this.newLabel();
        const end = this.newLabel();
        this.genBranch(n, f, false);
        this.emit(`mov ${r}, 1`);
        this.emit(`jmp ${end}`);
        this.label(f);
        this.emit(`mov ${r}, 0`);
        this.label(end);
        return;
      }
      case 'cond': {
        const els = this.newLabel();
        const end = this.newLabel();
        this.genBranch(n.cond!, els, false);
        this.genInto(n.then!, r);
        this.emit(`jmp ${end}`);
        this.label(els);
        this.genInto(n.els!, r);
        this.label(end);
        return;
      }
      case 'comma':
        this.genDiscard(n.lhs!);
        this.genInto(n.rhs!, r);
        return;
      case 'assign': return this.genAssign(n, reg);
      case 'opassign': return this.genOpAssign(n, reg);
      case 'preinc': case 'postinc': return this.genIncDec(n, reg);
      case 'call': return this.genCall(n, reg);
    }
    fail(n.tok.pos, `internal compiler error: cannot compute '${n.kind}'`);
  }


  private genCast(n: Node, r: Reg): void {
    const to = n.type;
    const inner = n.lhs!;
    if (to.kind === 'void') { this.genDiscard(inner); return; }
    const from = inner.type;
    if (!needsNormalizing(from, to)) { this.genInto(inner, r); return; }
    // Narrowing: load just the narrow part when the value is in memory (little-endian).
    if ((inner.kind === 'var' || inner.kind === 'deref' || inner.kind === 'member') && isInteger(from) && to.size <= from.size &&
      !(inner.kind === 'var' && inner.var!.reg)) {
      const a = this.lvalueInto(inner, r);
      this.load(to, formatAddr(a), r);
      return;
    }
    this.genInto(inner, r);
    this.normalize(to, r);
  }

  /** r = n.lhs op n.rhs. */
  private genBinary(n: Node, r: Reg): void {
    const l = n.lhs!;
    const rt = n.rhs!;
    const commutative = n.kind === 'add' || n.kind === 'mul' || n.kind === 'band' || n.kind === 'bor' || n.kind === 'bxor';
    const lreg = this.varReg(l);
    if (n.kind === 'mul' && lreg && rt.kind === 'num' && log2(rt.val!) < 0) {
      this.emit(`imul ${r}, ${lreg}, ${rt.val}`);
      return;
    }
    if ((n.kind === 'add' || n.kind === 'sub') && lreg && lreg !== r) {
      // reg ± c and reg + reg in one lea, leaving the variable untouched.
      if (rt.kind === 'num') { this.lea(r, { base: lreg, scale: 1, disp: n.kind === 'add' ? rt.val! : -rt.val! }); return; }
      const rreg = this.varReg(rt);
      if (rreg && n.kind === 'add') { this.lea(r, { base: lreg, index: rreg, scale: 1, disp: 0 }); return; }
    }
    if (commutative && (l.kind === 'num' || (this.simpleOperand(l) && !this.simpleOperand(rt) && rt.kind !== 'num'))) {
      this.genInto(rt, r);
      this.applyOp(n.kind, r, l, n.type);
      return;
    }
    if (rt.kind !== 'num' && !this.simpleOperand(rt) && hasCall(rt) && !hasCall(l)) {
      // Compute the side with the call first so nothing needs saving around it.
      const t = this.takeTemp(r);
      this.genInto(rt, t.reg);
      this.genInto(l, r);
      this.applyReg(n.kind, r, t.reg, n.type);
      this.release(t);
      return;
    }
    this.genInto(l, r);
    this.applyOp(n.kind, r, rt, n.type);
  }

  /** r = r op value(rhs), for an arithmetic node kind, in type t. */
  protected applyOp(op: string, r: Reg | string, rhs: Node, t: Type): void {
    if (op === 'div' || op === 'mod') return this.divide(op, r, rhs, t);
    if (rhs.kind === 'num') {
      const c = rhs.val!;
      switch (op) {
        case 'add': case 'sub': case 'bor': case 'bxor':
          if (c !== 0) this.emit(`${ALU[op]} ${r}, ${c}`);
          return;
        case 'band': this.emit(`and ${r}, ${c}`); return;
        case 'mul': {
          const k = log2(c);
          if (c === 1) return;
          if (k > 0) this.emit(`shl ${r}, ${k}`);
          else this.emit(`imul ${r}, ${r}, ${c}`);
          return;
        }
        case 'shl': if (c & 31) this.emit(`shl ${r}, ${c & 31}`); return;
        case 'shr': if (c & 31) this.emit(`${t.unsigned ? 'shr' : 'sar'} ${r}, ${c & 31}`); return;
      }
    }
    const opnd = this.simpleOperand(rhs);
    if (opnd && ALU[op]) { this.emit(`${ALU[op]} ${r}, ${opnd}`); return; }
    const reg = this.varReg(rhs);
    if (reg) { this.applyReg(op, r, reg, t); return; }
    if (hasCall(rhs) && SCRATCH.includes(r as Reg)) {
      // r would not survive the call: park it in a frame slot instead of push/pop.
      const slot = this.takeSpill();
      this.emit(`mov ${slot}, ${r}`);
      if (ALU[op] && op !== 'sub') {
        this.genInto(rhs, r);
        this.emit(`${ALU[op]} ${r}, ${slot}`);
      } else {
        const tmp = this.takeTemp(r);
        this.genInto(rhs, tmp.reg);
        this.emit(`mov ${r}, ${slot}`);
        this.applyReg(op, r, tmp.reg, t);
        this.release(tmp);
      }
      this.releaseSpill();
      return;
    }
    this.hold(r);
    const tmp = this.takeTemp(r);
    this.genInto(rhs, tmp.reg);
    this.unhold(r);
    this.applyReg(op, r, tmp.reg, t);
    this.release(tmp);
  }

  private applyReg(op: string, r: string, s: string, t: Type): void {
    if (ALU[op]) this.emit(`${ALU[op]} ${r}, ${s}`);
    else if (op === 'shl') this.emit(`shl ${r}, ${s}`);
    else if (op === 'shr') this.emit(`${t.unsigned ? 'shr' : 'sar'} ${r}, ${s}`);
    else if (op === 'div' || op === 'mod') this.divideBy(op, r, s, t);
    else fail(undefined, `internal compiler error: operator ${op}`);
  }

  /** r = r / rhs or r % rhs (idiv needs the dividend in edx:eax). */
  private divide(op: string, r: string, rhs: Node, t: Type): void {
    if (rhs.kind === 'num' && t.unsigned && log2(rhs.val! >>> 0) >= 0) {
      const k = log2(rhs.val! >>> 0);
      if (op === 'div') { if (k) this.emit(`shr ${r}, ${k}`); }
      else this.emit(`and ${r}, ${(rhs.val! >>> 0) - 1}`);
      return;
    }
    if (rhs.kind === 'num') {
      // idiv takes no immediate: the constant goes to a frame slot.
      const slot = this.takeSpill();
      this.emit(`mov dword ${slot}, ${rhs.val}`);
      this.divideBy(op, r, slot, t);
      this.releaseSpill();
      return;
    }
    let divisor = this.simpleOperand(rhs);
    if (divisor && /e[ad]x/.test(divisor)) divisor = undefined;
    if (divisor) { this.divideBy(op, r, divisor, t); return; }
    if (r === 'ecx') {
      // No scratch register is left for the divisor: park the dividend in a slot.
      const slot = this.takeSpill();
      this.emit(`mov ${slot}, ecx`);
      this.genInto(rhs, 'ecx');
      this.divideBy(op, 'ecx', 'ecx', t, slot);
      this.releaseSpill();
      return;
    }
    this.hold(r);
    const tmp = this.takeTemp(r, 'eax', 'edx');
    this.genInto(rhs, tmp.reg);
    this.unhold(r);
    this.divideBy(op, r, tmp.reg, t);
    this.release(tmp);
  }

  /** r = dividend / divisor (or %); the dividend is r unless given (a frame slot). */
  private divideBy(op: string, r: string, divisor: string, t: Type, dividend: string = r): void {
    if (divisor === 'eax' || divisor === 'edx') {
      // Move the divisor out of the way of edx:eax, into a frame slot.
      const slot = this.takeSpill();
      this.emit(`mov ${slot}, ${divisor}`);
      this.divideBy(op, r, slot, t, dividend);
      this.releaseSpill();
      return;
    }
    const saved = (['eax', 'edx'] as Reg[]).filter((x) => x !== r && this.isBusy(x));
    for (const s of saved) this.emit(`push ${s}`);
    this.move('eax', dividend);
    this.emit(t.unsigned ? 'xor edx, edx' : 'cdq');
    const d = divisor.startsWith('[') ? `dword ${divisor}` : divisor;
    this.emit(`${t.unsigned ? 'div' : 'idiv'} ${d}`);
    this.move(r, op === 'div' ? 'eax' : 'edx');
    for (const s of saved.reverse()) this.emit(`pop ${s}`);
  }

  // ---- comparisons and branches ----------------------------------------------------

  /** Emits a compare for eq/ne/lt/le node n; returns the condition code that means "true". */
  protected genCompare(n: Node): string {
    const unsigned = n.opType!.unsigned || n.opType!.kind === 'ptr';
    const base = n.kind === 'eq' ? 'e' : n.kind === 'ne' ? 'ne' : n.kind === 'lt' ? (unsigned ? 'b' : 'l') : unsigned ? 'be' : 'le';
    let l = n.lhs!;
    let r = n.rhs!;
    let cc = base;
    if (l.kind === 'num' || (this.simpleOperand(l) && !this.simpleOperand(r) && r.kind !== 'num')) {
      [l, r] = [r, l];
      cc = SWAP[base];
    }
    const lop = this.varReg(l) ?? undefined;
    if (r.kind === 'num') {
      if (lop) { this.emit(r.val === 0 && (cc === 'e' || cc === 'ne') ? `test ${lop}, ${lop}` : `cmp ${lop}, ${r.val}`); return cc; }
      const mem = this.simpleOperand(l);
      if (mem) { this.emit(`cmp dword ${mem}, ${r.val}`); return cc; }
      if (l.kind === 'band' && l.rhs!.kind === 'num' && r.val === 0 && (cc === 'e' || cc === 'ne')) {
        const t = this.takeTemp();
        const m = this.varReg(l.lhs!) ?? this.simpleOperand(l.lhs!);
        if (m) this.emit(`test ${m.startsWith('[') ? 'dword ' + m : m}, ${l.rhs!.val}`);
        else { this.genInto(l.lhs!, t.reg); this.emit(`test ${t.reg}, ${l.rhs!.val}`); }
        this.release(t);
        return cc;
      }
      const t = this.takeTemp();
      this.genInto(l, t.reg);
      this.emit(r.val === 0 && (cc === 'e' || cc === 'ne') ? `test ${t.reg}, ${t.reg}` : `cmp ${t.reg}, ${r.val}`);
      this.release(t);
      return cc;
    }
    const rop = this.simpleOperand(r);
    if (lop && rop) { this.emit(`cmp ${lop}, ${rop}`); return cc; }
    if (rop) {
      const t = this.takeTemp();
      this.genInto(l, t.reg);
      this.emit(`cmp ${t.reg}, ${rop}`);
      this.release(t);
      return cc;
    }
    const t = this.takeTemp();
    const u = this.takeTemp(t.reg);
    if (hasCall(r) && !hasCall(l)) {
      this.genInto(r, u.reg);
      this.genInto(l, t.reg);
    } else {
      this.genInto(l, t.reg);
      this.genInto(r, u.reg);
    }
    this.emit(`cmp ${t.reg}, ${u.reg}`);
    this.release(u);
    this.release(t);
    return cc;
  }

  /** Jumps to `target` when n's truth equals `when`; falls through otherwise. */
  protected genBranch(n: Node, target: string, when: boolean): void {
    switch (n.kind) {
      case 'num':
        if ((n.val !== 0) === when) this.emit(`jmp ${target}`);
        return;
      case 'lognot': return this.genBranch(n.lhs!, target, !when);
      case 'logand': case 'logor': {
        const and = n.kind === 'logand';
        if (and !== when) {
          this.genBranch(n.lhs!, target, when);
          this.genBranch(n.rhs!, target, when);
        } else {
          const skip = this.newLabel();
          this.genBranch(n.lhs!, skip, !when);
          this.genBranch(n.rhs!, target, when);
          this.label(skip);
        }
        return;
      }
      case 'eq': case 'ne': case 'lt': case 'le': {
        const cc = this.genCompare(n);
        this.emit(`j${when ? cc : NEGATE[cc]} ${target}`);
        return;
      }
      case 'comma':
        this.genDiscard(n.lhs!);
        return this.genBranch(n.rhs!, target, when);
      case 'cast':
        if (n.type.size === 4 && n.lhs!.type.size <= 4 && n.lhs!.type.kind !== 'array' && !isMemoryValue(n.lhs!.type)) return this.genBranch(n.lhs!, target, when);
    }
    const cc = this.genTest(n);
    this.emit(`j${when ? cc : NEGATE[cc]} ${target}`);
  }

  /** Sets flags from scalar n; returns the condition code meaning "n is true". */
  private genTest(n: Node): string {
    const reg = this.varReg(n);
    if (reg) { this.emit(`test ${reg}, ${reg}`); return 'ne'; }
    const mem = this.simpleOperand(n);
    if (mem) { this.emit(`cmp dword ${mem}, 0`); return 'ne'; }
    if (n.kind === 'band' && n.rhs!.kind === 'num') {
      const m = this.varReg(n.lhs!) ?? this.simpleOperand(n.lhs!);
      if (m) { this.emit(`test ${m.startsWith('[') ? 'dword ' + m : m}, ${n.rhs!.val}`); return 'ne'; }
    }
    const t = this.takeTemp();
    if (n.kind === 'band' && n.rhs!.kind === 'num') {
      this.genInto(n.lhs!, t.reg);
      this.emit(`test ${t.reg}, ${n.rhs!.val}`);
    } else {
      this.genInto(n, t.reg);
      this.emit(`test ${t.reg}, ${t.reg}`);
    }
    this.release(t);
    return 'ne';
  }

  // ---- side effects ------------------------------------------------------------------

  /** Evaluates n for its side effects only. */
  protected genDiscard(n: Node): void {
    switch (n.kind) {
      case 'assign': return this.genAssign(n, undefined);
      case 'opassign': return this.genOpAssign(n, undefined);
      case 'preinc': case 'postinc': return this.genIncDec(n, undefined);
      case 'comma': this.genDiscard(n.lhs!); this.genDiscard(n.rhs!); return;
      case 'cast': this.genDiscard(n.lhs!); return;
      case 'num': return;
      case 'var': if (n.type.isVolatile && !isMemoryValue(n.type) && n.type.kind !== 'array') break; return;
      case 'logand': case 'logor': {
        const end = this.newLabel();
        this.genBranch(n.lhs!, end, n.kind === 'logor');
        this.genDiscard(n.rhs!);
        this.label(end);
        return;
      }
      case 'cond': {
        const els = this.newLabel();
        const end = this.newLabel();
        this.genBranch(n.cond!, els, false);
        this.genDiscard(n.then!);
        this.emit(`jmp ${end}`);
        this.label(els);
        this.genDiscard(n.els!);
        this.label(end);
        return;
      }
      case 'zero': return this.genZero(n.lhs!);
      case 'add': case 'sub': case 'mul': case 'band': case 'bor': case 'bxor': case 'shl': case 'shr':
      case 'eq': case 'ne': case 'lt': case 'le': case 'neg': case 'bnot': case 'lognot':
        if (!hasSideEffects(n)) return;
        break;
    }
    const t = this.takeTemp();
    this.genInto(n, t.reg);
    this.release(t);
  }

  private genAssign(n: Node, r: Reg | undefined): void {
    const l = n.lhs!;
    const rhs = n.rhs!;
    const t = l.type;
    if (isMemoryValue(t)) {
      const src = this.takeTemp(r ?? '');
      this.lea(src.reg, this.lvalueInto(rhs, src.reg));
      const dstTemp = r ? undefined : this.takeTemp(src.reg);
      const dst = r ?? dstTemp!.reg;
      if (r) this.hold(r);
      const dstAddr = this.lvalueInto(l, dst);
      this.copy(dstAddr, { base: src.reg, scale: 1, disp: 0 }, t.size);
      this.release(src);
      if (r) { this.lea(r, dstAddr); this.unhold(r); }
      else this.release(dstTemp!);
      return;
    }
    if (l.kind === 'var' && l.var!.reg) {
      const vr = l.var!.reg;
      if (!refersTo(rhs, l.var!)) this.genInto(rhs, vr);
      else {
        const tmp = this.takeTemp();
        this.genInto(rhs, tmp.reg);
        this.move(vr, tmp.reg);
        this.release(tmp);
      }
      if (r) this.move(r, vr);
      return;
    }
    if (rhs.kind === 'num') {
      const at = this.takeTemp();
      const a = this.lvalueInto(l, at.reg);
      this.emit(`mov ${sizeWord(t.size)} ${formatAddr(a)}, ${rhs.val}`);
      this.release(at);
      if (r) this.emit(`mov ${r}, ${rhs.val}`);
      return;
    }
    const src = this.varReg(rhs);
    if (src && !r) {
      // A register variable is stored straight from its register.
      const at = this.takeTemp();
      this.store(t, formatAddr(this.lvalueInto(l, at.reg)), src);
      this.release(at);
      return;
    }
    const v: Temp = r ? { reg: r, spilled: false } : this.takeTemp();
    if (r) this.hold(r);
    const walker = this.postIncPointer(l);
    if (walker && walker.reg !== v.reg && !refersTo(rhs, l.lhs!.lhs!.var!)) {
      // *p++ = e with p in a register: store through p, then step it.
      this.genInto(rhs, v.reg);
      this.store(t, `[${walker.reg}]`, v.reg);
      this.step(walker.reg, walker.amount);
      if (r) this.unhold(r);
      else this.release(v);
      return;
    }
    this.genInto(rhs, v.reg);
    const at = this.takeTemp(v.reg);
    const a = this.lvalueInto(l, at.reg);
    this.store(t, formatAddr(a), v.reg);
    this.release(at);
    if (r) this.unhold(r);
    else this.release(v);
  }

  /** For `*p++` (and `p++->m` is not this) with p a register variable: p's register and its step. */
  private postIncPointer(n: Node): { reg: string; amount: number } | undefined {
    if (n.kind !== 'deref') return undefined;
    const p = n.lhs!;
    if (p.kind !== 'postinc' || p.lhs!.kind !== 'var' || !p.lhs!.var!.reg || p.lhs!.type.kind !== 'ptr') return undefined;
    return { reg: p.lhs!.var!.reg, amount: p.amount! };
  }

  private step(reg: string, amount: number): void {
    if (amount === 1) this.emit(`inc ${reg}`);
    else if (amount === -1) this.emit(`dec ${reg}`);
    else this.emit(`add ${reg}, ${amount}`);
  }

  private genOpAssign(n: Node, r: Reg | undefined): void {
    const l = n.lhs!;
    const t = l.type;
    const op = n.op!;
    const opType = n.opType!;
    if (l.kind === 'var' && l.var!.reg) {
      const vr = l.var!.reg;
      this.applyOp(op, vr, n.rhs!, opType);
      if (t.size < 4) this.normalize(t, vr);
      if (r) this.move(r, vr);
      return;
    }
    const at = this.takeTemp();
    const raw = this.lvalueInto(l, at.reg);
    const memoryOp = t.size === 4 && (op === 'add' || op === 'sub' || op === 'band' || op === 'bor' || op === 'bxor');
    const direct = memoryOp && (n.rhs!.kind === 'num' || !!this.varReg(n.rhs!));
    // Unless one instruction does it all, more code runs while the address waits: in at alone.
    const a = formatAddr(direct ? raw : this.alone(raw, at.reg));
    if (memoryOp) {
      if (n.rhs!.kind === 'num') this.emit(`${ALU[op]} dword ${a}, ${n.rhs!.val}`);
      else if (this.varReg(n.rhs!)) this.emit(`${ALU[op]} ${a}, ${this.varReg(n.rhs!)}`);
      else {
        const v = this.takeTemp(at.reg);
        this.genInto(n.rhs!, v.reg);
        this.emit(`${ALU[op]} ${a}, ${v.reg}`);
        this.release(v);
      }
      if (r) this.emit(`mov ${r}, ${a}`);
      this.release(at);
      return;
    }
    const v = r && r !== at.reg ? { reg: r, spilled: false } : this.takeTemp(at.reg);
    if (v.reg === r) this.hold(r);
    this.load(t, a, v.reg);
    this.applyOp(op, v.reg, n.rhs!, opType);
    this.store(t, a, v.reg);
    if (r && t.size < 4) this.normalize(t, v.reg);
    if (v.reg === r) this.unhold(r);
    else {
      if (r) this.move(r, v.reg);
      this.release(v);
    }
    this.release(at);
  }

  /**
   * An address that must survive more code (a right side, another
   * temporary): an index register is not held by anyone, so fold it into
   * the caller's register `at` first.
   */
  private alone(a: Addr, at: Reg): Addr {
    if (!a.index) return a;
    this.emit(`lea ${at}, ${formatAddr(a)}`);
    return { base: at, scale: 1, disp: 0 };
  }

  private genIncDec(n: Node, r: Reg | undefined): void {
    const l = n.lhs!;
    const t = l.type;
    const amount = n.amount!;
    const post = n.kind === 'postinc';
    const step = (x: string) => {
      if (amount === 1) this.emit(`inc ${x}`);
      else if (amount === -1) this.emit(`dec ${x}`);
      else this.emit(`add ${x}, ${amount}`);
    };
    if (l.kind === 'var' && l.var!.reg) {
      const vr = l.var!.reg;
      if (r && post) this.move(r, vr);
      step(vr);
      if (t.size < 4) this.normalize(t, vr);
      if (r && !post) this.move(r, vr);
      return;
    }
    const at = this.takeTemp(r ?? '');
    // r receives the value while the address is still in use: keep it out of the address.
    if (r) this.hold(r);
    const addr = this.lvalueInto(l, at.reg);
    if (r) this.unhold(r);
    const a = formatAddr(t.size === 4 ? addr : this.alone(addr, at.reg));
    if (t.size === 4) {
      if (r && post) this.emit(`mov ${r}, ${a}`);
      step(`dword ${a}`);
      if (r && !post) this.emit(`mov ${r}, ${a}`);
    } else {
      const v = this.takeTemp(at.reg, r ?? '');
      this.load(t, a, v.reg);
      if (r && post) this.move(r, v.reg);
      step(v.reg);
      this.store(t, a, v.reg);
      if (r && !post) { this.move(r, v.reg); this.normalize(t, r); }
      this.release(v);
    }
    this.release(at);
  }

  // ---- memory blocks ----------------------------------------------------------------

  /** Copies `size` bytes from src to dst (addresses built on registers the caller holds). */
  protected copy(dst: Addr, src: Addr, size: number): void {
    const used = [dst.base, dst.index, src.base, src.index].filter((x): x is string => !!x);
    const t = this.takeTemp(...used);
    let k = 0;
    for (; k + 4 <= size; k += 4) {
      this.emit(`mov ${t.reg}, ${formatAddr({ ...src, disp: src.disp + k })}`);
      this.emit(`mov ${formatAddr({ ...dst, disp: dst.disp + k })}, ${t.reg}`);
    }
    for (const w of [2, 1]) {
      if (k + w <= size) {
        this.emit(`movzx ${t.reg}, ${sizeWord(w)} ${formatAddr({ ...src, disp: src.disp + k })}`);
        this.emit(`mov ${sizeWord(w)} ${formatAddr({ ...dst, disp: dst.disp + k })}, ${t.reg}`);
        k += w;
      }
    }
    this.release(t);
  }

  private genZero(target: Node): void {
    const size = target.type.size;
    const at = this.takeTemp();
    const a = this.lvalueInto(target, at.reg);
    if (size <= 64) {
      let k = 0;
      for (; k + 4 <= size; k += 4) this.emit(`mov dword ${formatAddr({ ...a, disp: a.disp + k })}, 0`);
      for (const w of [2, 1]) if (k + w <= size) { this.emit(`mov ${sizeWord(w)} ${formatAddr({ ...a, disp: a.disp + k })}, 0`); k += w; }
      this.release(at);
      return;
    }
    // Large: rep stosd, with edi (maybe a register variable), ecx and eax saved.
    const saved = (['eax', 'ecx'] as Reg[]).filter((x) => this.isBusy(x) && x !== at.reg);
    for (const s of saved) this.emit(`push ${s}`);
    this.emit('push edi');
    this.emit(`lea edi, ${formatAddr(a)}`);
    this.emit('xor eax, eax');
    this.emit(`mov ecx, ${size >> 2}`);
    this.emit('rep stosd');
    if (size & 3) { this.emit(`mov ecx, ${size & 3}`); this.emit('rep stosb'); }
    this.emit('pop edi');
    for (const s of saved.reverse()) this.emit(`pop ${s}`);
    this.release(at);
  }

  // ---- calls ------------------------------------------------------------------------

  private genCall(n: Node, r: Reg): void {
    const saved = SCRATCH.filter((x) => this.isBusy(x) && x !== r);
    for (const s of saved) this.emit(`push ${s}`);
    const outer = this.busy;
    this.busy = new Map();
    let bytes = 0;
    const args = n.args!;
    for (let k = args.length - 1; k >= 0; k--) bytes += this.pushArg(args[k]);
    const resultAt = n.retBuf && formatAddr({ base: 'ebp', scale: 1, disp: n.retBuf.offset! });
    if (resultAt && returnsThroughPointer(n.type)) {
      this.emit(`lea eax, ${resultAt}`);
      this.emit('push eax');
      bytes += 4;
    }
    const callee = n.lhs!;
    if (callee.kind === 'var' && callee.type.kind === 'func') this.emit(`call ${asmSymbol(callee.var!.asmName)}`);
    else {
      const target = callee.type.kind === 'func' ? undefined : this.simpleOperand(callee);
      if (target) this.emit(`call ${target.startsWith('[') ? 'dword ' + target : target}`);
      else {
        this.genInto(callee, 'eax');
        this.emit('call eax');
      }
    }
    if (bytes) this.emit(`add esp, ${bytes}`);
    if (resultAt && !returnsThroughPointer(n.type)) {
      // a long long in edx:eax: into the result block, whose address is the value
      this.emit(`mov ${resultAt}, eax`);
      this.emit(`mov ${formatAddr({ base: 'ebp', scale: 1, disp: n.retBuf!.offset! + 4 })}, edx`);
      this.emit(`lea eax, ${resultAt}`);
    }
    this.busy = outer;
    this.move(r, 'eax');
    for (const s of saved.reverse()) this.emit(`pop ${s}`);
  }

  /** Pushes one argument; returns the bytes it takes on the stack. */
  private pushArg(a: Node): number {
    if (isMemoryValue(a.type)) {
      const size = (a.type.size + 3) & ~3;
      this.emit(`sub esp, ${size}`);
      const src = this.lvalueInto(a, 'eax');
      this.copy({ base: 'esp', scale: 1, disp: 0 }, src, a.type.size);
      return size;
    }
    if (a.kind === 'num') { this.emit(`push ${a.val}`); return 4; }
    const op = this.simpleOperand(a);
    if (op) { this.emit(`push ${op.startsWith('[') ? 'dword ' + op : op}`); return 4; }
    const pa = a.type.kind === 'ptr' || a.type.kind === 'array' || a.type.kind === 'func' ? this.pureAddress(a) : undefined;
    if (pa && !pa.base && !pa.index && pa.sym) {
      this.emit(`push ${pa.sym}${pa.disp ? (pa.disp < 0 ? `-${-pa.disp}` : `+${pa.disp}`) : ''}`);
      return 4;
    }
    this.genInto(a, 'eax');
    this.emit('push eax');
    return 4;
  }
}

/** A value read from memory with one load (not an array, struct or function designator). */
function isScalarLoad(t: Type): boolean {
  return t.kind !== 'array' && t.kind !== 'func' && !isMemoryValue(t);
}
