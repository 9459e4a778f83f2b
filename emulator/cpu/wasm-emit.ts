// WebAssembly by hand: the binary encoding the wasm tier needs, and a
// translator from the ISA's statement templates to wasm instructions.
//
// What it owns: turning ONE instruction's template (isa/table.ts `sem`, with
// the flag operations of emulator/cpu/flag-ops.ts inlined, as the JS block
// compiler does) into wasm code over locals. So the wasm tier has no
// semantics of its own: the same text defines the interpreter case, the JS
// block source and the wasm code. The translator understands the small part
// of JavaScript the templates of ordinary ALU/move instructions use; anything
// else (other calls, compound assignment, PARITY, sums it cannot prove fit in
// 32 bits) throws Unsupported and the block stays in the JS tier.
//
// JavaScript numbers are doubles, wasm's are i32: the translation is exact
// because each value carries a kind: 'i' (an int32, as `| 0`, `&`, `<<`,
// st[...] give), 'u' (a uint32, from `>>>`), 'b' (a boolean, 0/1) or 'w'
// (a sum not yet wrapped: exact mod 2^32, fine for storing and for bit
// operations, which wrap as ToInt32 does, but not for comparing). Ordering
// comparisons pick signed or unsigned from the kinds and refuse mixed ones;
// equality refuses a uint32 against an int32 unless one side is known small.
//
// Memory accesses (rd32, rd32w, wr32) become an inline TLB look-up in the
// shared memory (emulator/cpu/wasm-memory.ts). Any case the fast path does
// not cover (a TLB miss, a dword crossing its page, a store into a frame
// holding decoded code) leaves the block BEFORE the instruction, with
// nothing of it done: the translator refuses a template whose access checks
// do not all precede its first change of state (a register, a flag, memory),
// except the store of a read-modify-write to the address its rd32w checked.

import { CONDITION_SOURCE, type IsaRow } from '../../isa/table.ts';
import * as alu from './alu.ts';
import { FLAG_OPS } from './flag-ops.ts';

export class Unsupported extends Error {}

// ---- binary encoding ----

export function uleb(n: number, out: number[]): void {
  n >>>= 0;
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

export function sleb(n: number, out: number[]): void {
  n |= 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return; }
    out.push(b | 0x80);
  }
}

export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, return: 0x0f, drop: 0x1a,
  localGet: 0x20, localSet: 0x21, localTee: 0x22, i32Load: 0x28, i32Load8u: 0x2d, i32Store: 0x36, i32Const: 0x41,
  eqz: 0x45, eq: 0x46, ne: 0x47, ltS: 0x48, ltU: 0x49, gtS: 0x4a, gtU: 0x4b, leS: 0x4c, leU: 0x4d, geS: 0x4e, geU: 0x4f,
  add: 0x6a, sub: 0x6b, mul: 0x6c, and: 0x71, or: 0x72, xor: 0x73, shl: 0x74, shrS: 0x75, shrU: 0x76,
} as const;
export const VOID = 0x40, I32 = 0x7f;

/** A module importing memory m.mem and exporting one function `run` (n i32 params -> i32) with the given body. */
export function moduleBytes(params: number, locals: number, body: number[]): Uint8Array<ArrayBuffer> {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const section = (id: number, content: number[]) => { out.push(id); uleb(content.length, out); out.push(...content); };
  const type: number[] = [1, 0x60];
  uleb(params, type);
  for (let i = 0; i < params; i++) type.push(I32);
  type.push(1, I32);
  section(1, type);
  section(2, [1, 1, 0x6d, 3, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x00]); // import "m" "mem" memory {min 0}
  section(3, [1, 0]);
  section(7, [1, 3, 0x72, 0x75, 0x6e, 0x00, 0x00]); // export "run" func 0
  const fn: number[] = [];
  if (locals > 0) { fn.push(1); uleb(locals, fn); fn.push(I32); } else fn.push(0);
  fn.push(...body, OP.end);
  const code: number[] = [1];
  uleb(fn.length, code);
  code.push(...fn);
  section(10, code);
  return new Uint8Array(out);
}

// ---- a tiny JavaScript expression parser (the templates' subset) ----

type Node =
  | { t: 'num'; v: number }
  | { t: 'id'; name: string }
  | { t: 'st'; slot: number }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'un'; op: string; e: Node }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'assign'; target: Node; e: Node }
  | { t: 'cond'; c: Node; a: Node; b: Node }
  | { t: 'seq'; list: Node[] };
type Stmt =
  | { t: 'expr'; e: Node }
  | { t: 'const'; name: string; e: Node }
  | { t: 'block'; body: Stmt[] }
  | { t: 'if'; c: Node; then: Stmt };

const TOKEN = /\s*(0x[0-9a-fA-F]+|\d+|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?|>>>|===|!==|>>|<<|<=|>=|&&|\|\||&=|\|=|\^=|[-+*~!?:,;()[\]{}=<>|&^])/y;
const BINARY: readonly string[][] = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['===', '!=='], ['<', '>', '<=', '>='], ['<<', '>>', '>>>'], ['+', '-'], ['*'],
];
const ALU_NAMES = alu as unknown as Record<string, unknown>;

class Parser {
  private toks: string[] = [];
  private i = 0;
  constructor(src: string) {
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < src.length) {
      const at = TOKEN.lastIndex;
      const m = TOKEN.exec(src);
      if (!m) { if (/^\s*$/.test(src.slice(at))) break; throw new Unsupported(`cannot read ${src.slice(at, at + 10)}`); }
      this.toks.push(m[1]);
    }
  }
  private peek(): string | undefined { return this.toks[this.i]; }
  private take(t?: string): string {
    const x = this.toks[this.i++];
    if (x === undefined || (t !== undefined && x !== t)) throw new Unsupported(`expected ${t ?? 'more'}, found ${x}`);
    return x;
  }
  done(): boolean { return this.i >= this.toks.length; }
  statements(): Stmt[] {
    const out: Stmt[] = [];
    while (!this.done() && this.peek() !== '}') out.push(this.statement());
    return out;
  }
  private statement(): Stmt {
    const t = this.peek();
    if (t === '{') { this.take(); const body = this.statements(); this.take('}'); return { t: 'block', body }; }
    if (t === 'const' || t === 'let') { this.take(); const name = this.take(); this.take('='); const e = this.expr(); this.take(';'); return { t: 'const', name, e }; }
    if (t === 'if') { this.take(); this.take('('); const c = this.expr(); this.take(')'); return { t: 'if', c, then: this.statement() }; }
    const e = this.expr();
    this.take(';');
    return { t: 'expr', e };
  }
  expr(): Node {
    const list = [this.assign()];
    while (this.peek() === ',') { this.take(); list.push(this.assign()); }
    return list.length === 1 ? list[0] : { t: 'seq', list };
  }
  private assign(): Node {
    const c = this.conditional();
    if (this.peek() === '=') { this.take(); return { t: 'assign', target: c, e: this.assign() }; }
    const compound = this.peek();
    if (compound === '&=' || compound === '|=' || compound === '^=') {
      this.take();
      return { t: 'assign', target: c, e: { t: 'bin', op: compound[0], a: c, b: this.assign() } };
    }
    return c;
  }
  private conditional(): Node {
    const c = this.binary(0);
    if (this.peek() !== '?') return c;
    this.take();
    const a = this.assign();
    this.take(':');
    return { t: 'cond', c, a, b: this.assign() };
  }
  private binary(level: number): Node {
    if (level === BINARY.length) return this.unary();
    let a = this.binary(level + 1);
    while (BINARY[level].includes(this.peek() ?? '')) {
      const op = this.take();
      a = { t: 'bin', op, a, b: this.binary(level + 1) };
    }
    return a;
  }
  private unary(): Node {
    const t = this.peek();
    if (t === '-' || t === '~' || t === '!') {
      this.take();
      const e = this.unary();
      return t === '-' && e.t === 'num' ? { t: 'num', v: -e.v } : { t: 'un', op: t, e };
    }
    return this.primary();
  }
  private primary(): Node {
    const t = this.take();
    if (t === '(') { const e = this.expr(); this.take(')'); return e; }
    if (/^(0x|\d)/.test(t)) return { t: 'num', v: Number(t) };
    if (t === 'st' && this.peek() === '[') {
      this.take();
      const k = this.take();
      this.take(']');
      const slot = /^\d+$/.test(k) ? Number(k) : ALU_NAMES[k];
      if (typeof slot !== 'number') throw new Unsupported(`st[${k}]`);
      return { t: 'st', slot };
    }
    if (this.peek() === '(') {
      this.take();
      const args: Node[] = [];
      while (this.peek() !== ')') { args.push(this.assign()); if (this.peek() === ',') this.take(); }
      this.take(')');
      return { t: 'call', name: t, args };
    }
    if (this.peek() === '[') throw new Unsupported(`${t}[...]`);
    const v = ALU_NAMES[t];
    if (typeof v === 'number' && /^[A-Z_]+$/.test(t)) return { t: 'num', v };
    return { t: 'id', name: t };
  }
}

export function parseStatements(src: string): Stmt[] {
  const p = new Parser(src);
  const s = p.statements();
  if (!p.done()) throw new Unsupported('trailing text');
  return s;
}

export function parseExpression(src: string): Node {
  const p = new Parser(src);
  const e = p.expr();
  if (!p.done()) throw new Unsupported('trailing text');
  return e;
}

const flagOpCache = new Map<string, Node>();
function flagOpNode(name: string): Node {
  let n = flagOpCache.get(name);
  if (!n) { n = parseExpression(FLAG_OPS[name].expr); flagOpCache.set(name, n); }
  return n;
}

// ---- code generation ----

type Kind = 'i' | 'u' | 'b' | 'w';
interface Val { kind: Kind; small: boolean }
const INT: Val = { kind: 'i', small: false };

/** Where the generated code lives: locals, and how it leaves the block. */
export interface Frame {
  /** The local holding state slot k (registers 0-7, zero register 8, flags 9-13). */
  slotLocal(k: number): number;
  /** A fresh scratch local for this instruction. */
  temp(): number;
  /** Emit code that leaves the block before the current instruction (all state as before it). */
  exitBefore(out: number[], depth: number): void;
  /** Linear page base (a local). */
  readonly baseLocal: number;
  /** Locals holding the TLB masks of a read and a write at the current CPL. */
  readonly rmaskLocal: number;
  readonly wmaskLocal: number;
  readonly ramOffset: number;
  readonly tlbOffset: number;
  readonly codeMarkOffset: number;
  /** Slots this instruction's code assigns (collected for the block's write-back). */
  written: Set<number>;
  /**
   * `$jump(x)` with x on the stack (consumed): a call the trace follows ignores it, a predicted ret
   * leaves the block (after the instruction, counting the TLB hits of its accesses so far) when x is
   * not the predicted address. Undefined: refused.
   */
  jump?: (out: number[], depth: number, accessesSoFar: number) => void;
}

/** The operands of one decoded instruction, as the template sees them. */
export interface Operands { r0: number; r1: number; base: number; index: number; scale: number; disp: number; imm: number; next: number; target?: number }

class InstructionCompiler {
  readonly out: number[] = [];
  private changed = false;
  /** Memory accesses this instruction makes (each a TLB hit when it does not leave). */
  accesses = 0;
  private readonly vars = new Map<string, { local: number; val: Val; checkedPhys?: number }>();
  private depth = 0;

  constructor(private readonly f: Frame, private readonly o: Operands, private readonly row: IsaRow) {}

  private op(...b: number[]) { this.out.push(...b); }
  private get(l: number) { this.op(OP.localGet); uleb(l, this.out); }
  private set(l: number) { this.op(OP.localSet); uleb(l, this.out); }
  private tee(l: number) { this.op(OP.localTee); uleb(l, this.out); }
  private const(v: number) { this.op(OP.i32Const); sleb(v, this.out); }

  statements(list: Stmt[]): void { for (const s of list) this.statement(s); }

  private statement(s: Stmt): void {
    switch (s.t) {
      case 'block': {
        const saved = new Map(this.vars);
        this.statements(s.body);
        this.vars.clear();
        for (const [k, v] of saved) this.vars.set(k, v);
        return;
      }
      case 'const': {
        const local = this.f.temp();
        const val = this.expr(s.e);
        this.set(local);
        this.vars.set(s.name, { local, val });
        return;
      }
      case 'expr':
        this.expr(s.e);
        this.op(OP.drop);
        return;
      case 'if':
        throw new Unsupported('if');
    }
  }

  private expr(n: Node): Val {
    switch (n.t) {
      case 'num': {
        if (!Number.isInteger(n.v) || n.v < -0x80000000 || n.v > 0xffffffff) throw new Unsupported(`literal ${n.v}`);
        this.const(n.v | 0);
        return { kind: n.v > 0x7fffffff ? 'u' : 'i', small: n.v >= 0 && n.v <= 0x7fffffff };
      }
      case 'id': return this.ident(n.name);
      case 'st': this.get(this.f.slotLocal(n.slot)); return INT;
      case 'seq': {
        let v = INT;
        n.list.forEach((e, i) => { v = this.expr(e); if (i < n.list.length - 1) this.op(OP.drop); });
        return v;
      }
      case 'assign': return this.assign(n.target, n.e);
      case 'cond': {
        this.truth(this.expr(n.c));
        this.op(OP.if, I32);
        this.depth++;
        const a = this.expr(n.a);
        this.op(OP.else);
        const b = this.expr(n.b);
        this.op(OP.end);
        this.depth--;
        if (a.kind === b.kind) return { kind: a.kind, small: a.small && b.small };
        if (a.kind !== 'w' && b.kind !== 'w' && a.small && b.small) return { kind: 'i', small: true };
        throw new Unsupported('?: of mixed kinds');
      }
      case 'un': {
        if (n.op === '!') { this.truth(this.expr(n.e)); this.op(OP.eqz); return { kind: 'b', small: true }; }
        if (n.op === '~') { this.expr(n.e); this.const(-1); this.op(OP.xor); return INT; }
        this.const(0); this.expr(n.e); this.op(OP.sub); return { kind: 'w', small: false };
      }
      case 'bin': return this.binary(n.op, n.a, n.b);
      case 'call': return this.call(n.name, n.args);
    }
  }

  /** A value used as a condition: wasm tests i32 != 0, JavaScript tests the number != 0; a wide sum may be a multiple of 2^32. */
  private truth(v: Val): void {
    if (v.kind === 'w') throw new Unsupported('a wide sum as a condition');
  }

  private ident(name: string): Val {
    const v = this.vars.get(name);
    if (v) { this.get(v.local); return v.val; }
    const o = this.o;
    switch (name) {
      case '$r0': this.get(this.f.slotLocal(o.r0)); return INT;
      case '$r1': this.get(this.f.slotLocal(o.r1)); return INT;
      case '$imm': this.const(o.imm); return INT;
      case '$cond':
        if (this.row.cc === undefined) throw new Unsupported('no condition');
        return this.expr(parseExpression(CONDITION_SOURCE[this.row.cc]));
      case '$next': this.get(this.f.baseLocal); this.const(o.next); this.op(OP.add); return INT;
      case '$rel':
        if (o.target === undefined) throw new Unsupported('$rel');
        this.get(this.f.baseLocal); this.const(o.target); this.op(OP.add); return INT;
      case '$ea': {
        let parts = 0;
        if (o.base !== 8) { this.get(this.f.slotLocal(o.base)); parts++; }
        if (o.index !== 8) {
          this.get(this.f.slotLocal(o.index));
          if (o.scale) { this.const(o.scale); this.op(OP.shl); }
          if (parts++) this.op(OP.add);
        }
        if (o.disp !== 0 || parts === 0) { this.const(o.disp); if (parts++) this.op(OP.add); }
        return INT;
      }
    }
    throw new Unsupported(`name ${name}`);
  }

  private assign(target: Node, e: Node): Val {
    let slot: number;
    if (target.t === 'st') slot = target.slot;
    else if (target.t === 'id' && (target.name === '$r0' || target.name === '$r1')) slot = target.name === '$r0' ? this.o.r0 : this.o.r1;
    else if (target.t === 'id' && this.vars.has(target.name)) {
      const v = this.vars.get(target.name)!;
      const val = this.expr(e);
      this.tee(v.local);
      v.val = val;
      v.checkedPhys = undefined;
      return val;
    } else throw new Unsupported('assignment target');
    if (slot === 8) throw new Unsupported('a write to the zero register');
    const val = this.expr(e);
    this.tee(this.f.slotLocal(slot));
    this.f.written.add(slot);
    this.changed = true;
    return val;
  }

  private binary(op: string, a: Node, b: Node): Val {
    if (op === '|' && b.t === 'num' && b.v === 0) { this.expr(a); return INT; }
    const va = this.expr(a);
    const vb = this.expr(b);
    const bool = (o: number): Val => { this.op(o); return { kind: 'b', small: true }; };
    switch (op) {
      case '|': this.op(OP.or); return { kind: 'i', small: va.small && vb.small };
      case '^': this.op(OP.xor); return { kind: 'i', small: va.small && vb.small };
      case '&': this.op(OP.and); return { kind: 'i', small: (va.small && va.kind !== 'w') || (vb.small && vb.kind !== 'w') };
      case '<<': this.op(OP.shl); return INT;
      case '>>': this.op(OP.shrS); return INT;
      case '>>>': return (this.op(OP.shrU), { kind: 'u', small: b.t === 'num' && (b.v & 31) !== 0 });
      case '+': this.op(OP.add); return { kind: 'w', small: false };
      case '-': this.op(OP.sub); return { kind: 'w', small: false };
      case '*': throw new Unsupported('*');
      case '&&': case '||':
        if (va.kind !== 'b' || vb.kind !== 'b') throw new Unsupported(`${op} of non-booleans`);
        return bool(op === '&&' ? OP.and : OP.or);
      case '===': case '!==': {
        if (va.kind === 'w' || vb.kind === 'w') throw new Unsupported('equality of a wide sum');
        const signed = (v: Val) => v.kind === 'i';
        if (va.kind !== vb.kind && ((signed(va) && vb.kind === 'u') || (va.kind === 'u' && signed(vb))) && !va.small && !vb.small) {
          throw new Unsupported('int32 === uint32');
        }
        return bool(op === '===' ? OP.eq : OP.ne);
      }
      default: {
        if (va.kind === 'w' || vb.kind === 'w') throw new Unsupported('comparison of a wide sum');
        const unsignedSide = va.kind === 'u' || vb.kind === 'u';
        const signedSide = (va.kind === 'i' && !va.small) || (vb.kind === 'i' && !vb.small);
        if (unsignedSide && signedSide) throw new Unsupported('int32 < uint32');
        const u = unsignedSide;
        const table: Record<string, number> = u ? { '<': OP.ltU, '>': OP.gtU, '<=': OP.leU, '>=': OP.geU }
          : { '<': OP.ltS, '>': OP.gtS, '<=': OP.leS, '>=': OP.geS };
        return bool(table[op]);
      }
    }
  }

  private call(name: string, args: Node[]): Val {
    switch (name) {
      case 'rd32': case 'rd32w': {
        if (args.length !== 1) throw new Unsupported(name);
        const addr = this.f.temp();
        this.expr(args[0]);
        this.set(addr);
        const phys = this.access(addr, name === 'rd32w');
        this.get(phys);
        this.op(OP.i32Load, 0, ...lebOf(this.f.ramOffset));
        // rd32w(a) of a const: a later wr32(a, ...) in this instruction needs no check of its own.
        const v = args[0].t === 'id' ? this.vars.get(args[0].name) : undefined;
        if (v && name === 'rd32w') v.checkedPhys = phys;
        return INT;
      }
      case 'wr32': {
        if (args.length !== 2) throw new Unsupported(name);
        const addr = this.f.temp(), value = this.f.temp();
        this.expr(args[0]);
        this.set(addr);
        this.expr(args[1]);
        this.set(value);
        // A store to the address its instruction's rd32w checked (read-modify-write, the read being in
        // the value just evaluated) cannot leave.
        const known = args[0].t === 'id' ? this.vars.get(args[0].name)?.checkedPhys : undefined;
        let phys: number;
        if (known !== undefined) { phys = known; this.accesses++; } else phys = this.access(addr, true);
        this.get(phys);
        this.get(value);
        this.op(OP.i32Store, 0, ...lebOf(this.f.ramOffset));
        this.changed = true;
        this.const(0);
        return INT;
      }
      case '$jump': {
        if (args.length !== 1 || !this.f.jump) throw new Unsupported('$jump');
        this.expr(args[0]);
        this.f.jump(this.out, this.depth, this.accesses);
        this.const(0);
        return INT;
      }
      case 'Math.imul': {
        if (args.length !== 2) throw new Unsupported(name);
        this.expr(args[0]); this.expr(args[1]); this.op(OP.mul); return INT;
      }
    }
    const flagOp = FLAG_OPS[name];
    if (!flagOp || args[0]?.t !== 'id' || (args[0] as { name: string }).name !== 'st') throw new Unsupported(`call ${name}`);
    // Arguments first (as a call evaluates them), then the operation's expression over them.
    const saved = new Map(this.vars);
    const bound: [string, { local: number; val: Val }][] = [];
    flagOp.params.forEach((p, k) => {
      const local = this.f.temp();
      const val = this.expr(args[k + 1]);
      this.set(local);
      bound.push([p, { local, val }]);
    });
    for (const [p, v] of bound) this.vars.set(p, v);
    for (const t of flagOp.temps) this.vars.set(t, { local: this.f.temp(), val: INT });
    const v = this.expr(flagOpNode(name));
    this.vars.clear();
    for (const [k, x] of saved) this.vars.set(k, x);
    return v;
  }

  /**
   * The TLB look-up of a dword access at the address in local `addr`: leaves the block when it
   * misses, crosses the page or (a write) lands in a frame holding decoded code. Returns the local
   * holding the physical address.
   */
  private access(addr: number, write: boolean): number {
    if (this.changed) throw new Unsupported('an access after a change of state');
    const f = this.f;
    const e = f.temp(), phys = f.temp();
    this.get(addr); this.const(12); this.op(OP.shrU); this.const(2); this.op(OP.shl);
    this.op(OP.i32Load, 2, ...lebOf(f.tlbOffset));
    this.tee(e);
    this.get(write ? f.wmaskLocal : f.rmaskLocal); this.op(OP.and); this.op(OP.eqz);
    this.get(addr); this.const(0xfff); this.op(OP.and); this.const(0xffc); this.op(OP.gtU);
    this.op(OP.or);
    this.leaveIf();
    this.get(e); this.const(~0xfff); this.op(OP.and);
    this.get(addr); this.const(0xfff); this.op(OP.and);
    this.op(OP.or);
    this.set(phys);
    if (write) {
      this.get(phys); this.const(12); this.op(OP.shrU);
      this.op(OP.i32Load8u, 0, ...lebOf(f.codeMarkOffset));
      this.leaveIf();
    }
    this.accesses++;
    return phys;
  }

  private leaveIf(): void {
    this.op(OP.if, VOID);
    this.depth++;
    this.f.exitBefore(this.out, this.depth);
    this.depth--;
    this.op(OP.end);
  }

  /** The row's condition ($cond) as an i32 0/1 on the stack. */
  condition(): void {
    this.ident('$cond');
  }
}

function lebOf(n: number): number[] {
  const o: number[] = [];
  uleb(n, o);
  return o;
}

/** Parsed templates by opcode (a template that does not parse throws every time, which is rare and cheap). */
const parsedRows = new Map<number, Stmt[]>();

/** Wasm code for one instruction (its template), or Unsupported. `accesses` counts its TLB hits. */
export function instructionWasm(row: IsaRow, o: Operands, f: Frame): { code: number[]; accesses: number } {
  if (row.sem === undefined || (row.ends && !f.jump)) throw new Unsupported(`${row.mnemonic}: not a straight instruction`);
  const c = new InstructionCompiler(f, o, row);
  let parsed = parsedRows.get(row.op);
  if (!parsed) { parsed = parseStatements(row.sem); parsedRows.set(row.op, parsed); }
  c.statements(parsed);
  return { code: c.out, accesses: c.accesses };
}

/** Wasm code leaving the row's condition (a jcc's $cond) on the stack as 0/1. */
export function conditionWasm(row: IsaRow, f: Frame): number[] {
  const c = new InstructionCompiler(f, { r0: 0, r1: 0, base: 8, index: 8, scale: 0, disp: 0, imm: 0, next: 0 }, row);
  c.condition();
  return c.out;
}
