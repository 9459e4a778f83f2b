// Initializers: `= { … }` for arrays, structs, unions and scalars.
//
// Owns the initializer grammar (nested braces, brace elision, designators
// `.field =` and `[index] =`, string literals for char arrays) and its two
// lowerings: a static object's bytes plus the addresses they hold (for
// globals and static locals), and a list of plain assignments (for locals,
// after zeroing the whole object). Invariants: an initializer is first read
// into a tree mirroring the object's type, so both lowerings see the same
// elements; an array declared without a length gets it from its initializer;
// a static initializer accepts only constants and addresses of static
// objects, everything else is a clear error.

import type { InitData, Node, Var } from './ast.ts';
import { fail } from './diag.ts';
import type { Token } from './lex.ts';
import { ExprParser, findMember } from './parse_expr.ts';
import {
  arrayOf, charType, intType, isInteger, isStructLike, pointerTo, typeName, ucharType, uintType, ushortType, voidType, type Member, type Type,
} from './types.ts';
import { llBytes } from './parse_llong.ts';

interface Init {
  type: Type;
  /** A leaf: the value. */
  expr?: Node;
  /** Aggregates: elements or members, created when first initialized. */
  children?: (Init | undefined)[];
  /** char arrays initialized from a string literal. */
  bytes?: number[];
  /** Arrays declared without a length: the highest element given, plus one. */
  count?: number;
}

/** A constant address or number: `symbol + value`, or just `value`. */
export interface ConstValue {
  symbol?: string;
  value: number;
}

export abstract class InitParser extends ExprParser {
  /** Reads the initializer of a global or static local; completes `v.type` if it was `T[]`. */
  protected staticInitializer(v: Var, type: Type): InitData {
    const init = this.readInit(type);
    if (type.kind === 'array' && type.len! < 0) init.type = v.type = type = arrayOf(type.base!, init.count ?? 0);
    const data: InitData = { bytes: new Array(type.size).fill(0), relocs: [] };
    this.writeStatic(init, type, data, 0);
    return data;
  }

  /** Reads the initializer of a local; returns the statements that perform it. */
  protected localInitializer(v: Var, eq: Token): Node[] {
    const init = this.readInit(v.type);
    if (v.type.kind === 'array' && v.type.len! < 0) init.type = v.type = arrayOf(v.type.base!, init.count ?? 0);
    const out: Node[] = [];
    const target: Node = { kind: 'var', tok: v.tok, type: v.type, var: v };
    if (init.expr) {
      out.push(this.exprStmt(this.initAssign(target, init.expr, eq)));
      return out;
    }
    out.push(this.exprStmt({ kind: 'zero', tok: eq, type: voidType, lhs: target }));
    this.writeLocal(init, v, 0, eq, out);
    return out;
  }

  /**
   * `(T){ … }`: at file scope a static object with that initial value; in
   * a function a hidden local initialized where the literal is evaluated,
   * reached as `*(init…, &obj)` so it stays an lvalue.
   */
  protected compoundLiteral(t: Type, tok: Token): Node {
    if (t.kind === 'func' || t.kind === 'void') fail(tok.pos, `compound literal of type '${typeName(t)}'`);
    if (this.scopes.length === 1) {
      const v: Var = {
        name: '(compound literal)', type: t, tok, isLocal: false, asmName: `lit$${this.literalCount++}`, isStatic: true,
        isExtern: false, uses: 0, defined: true, referenced: true,
      };
      v.init = this.staticInitializer(v, t);
      this.globals.push(v);
      return { kind: 'var', tok, type: v.type, var: v };
    }
    const v = this.newLocal('', t, tok);
    v.addrTaken = true;
    const steps = this.localInitializer(v, tok).map((s) => s.lhs!);
    const pt = pointerTo(v.type);
    let at: Node = { kind: 'addr', tok, type: pt, lhs: { kind: 'var', tok, type: v.type, var: v } };
    for (let k = steps.length - 1; k >= 0; k--) at = { kind: 'comma', tok, type: pt, lhs: steps[k], rhs: at };
    return { kind: 'deref', tok, type: v.type, lhs: at };
  }

  private literalCount = 0;

  /** Like assignment, but allowed on const objects: this is their initialization. */
  private initAssign(l: Node, r: Node, tok: Token): Node {
    return { kind: 'assign', tok, type: l.type, lhs: l, rhs: this.convert(r, l.type, tok, 'initializing') };
  }

  private exprStmt(e: Node): Node {
    return { kind: 'expr', tok: e.tok, type: voidType, lhs: e };
  }

  // ---- reading ----------------------------------------------------------------

  private readInit(type: Type): Init {
    const init: Init = { type };
    this.initializer(init);
    return init;
  }

  // initializer = string | "{" init-list "}" | assign
  private initializer(init: Init): void {
    const t = init.type;
    if (t.kind === 'array') {
      const wideElement = isInteger(t.base!) && t.base!.size === 4 && t.base!.kind !== 'enum';
      if ((t.base!.kind === 'char' || wideElement) && (this.tok.kind === 'str' || (this.is('{') && this.peek().kind === 'str'))) {
        this.stringInit(init);
        return;
      }
      if (this.is('{')) this.bracedList(init);
      else this.flatList(init);
      return;
    }
    if (isStructLike(t)) {
      if (!t.members) fail(this.tok.pos, `variable has incomplete type '${typeName(t)}'`);
      if (this.is('{')) { this.bracedList(init); return; }
      // A struct may be initialized from a struct value, or (brace elision) member by member.
      const save = this.i;
      const e = this.assignExpr();
      if (isStructLike(e.type)) { init.expr = e; return; }
      this.i = save;
      this.flatList(init);
      return;
    }
    if (this.is('{')) {
      const open = this.toks[this.i++];
      if (this.is('}')) fail(this.tok.pos, 'empty scalar initializer');
      this.initializer(init);
      this.consume(',');
      if (!this.is('}')) fail(this.tok.pos, 'excess elements in scalar initializer');
      this.i++;
      void open;
      return;
    }
    const tok = this.tok;
    init.expr = this.convert(this.assignExpr(), t, tok, 'initializing');
  }

  private stringInit(init: Init): void {
    const braced = this.consume('{');
    const tok = this.tok;
    const s = this.stringTokens();
    const wideArray = init.type.base!.size === 4;
    if (!!s.wide !== wideArray) fail(tok.pos, wideArray ? 'array of wchar_t initialized from a non-wide string' : 'char array initialized from a wide string');
    const bytes = s.wide ?? s.bytes;
    if (braced) { this.consume(','); this.expect('}'); }
    const len = init.type.len!;
    if (len >= 0 && bytes.length > len) fail(tok.pos, 'initializer-string for array of chars is too long');
    init.bytes = len < 0 || bytes.length < len ? [...bytes, 0] : bytes;
    init.count = bytes.length + 1;
  }

  private child(init: Init, k: number): Init {
    init.children ??= [];
    let c = init.children[k];
    if (!c) {
      const t = init.type;
      const ct = t.kind === 'array' ? t.base! : t.members![k].type;
      c = init.children[k] = { type: ct };
    }
    return c;
  }

  /** Number of elements an aggregate holds (Infinity for `T[]`). */
  private capacity(init: Init): number {
    const t = init.type;
    if (t.kind === 'array') return t.len! < 0 ? Infinity : t.len!;
    if (t.kind === 'union') return 1;
    return t.members!.length;
  }

  private noteCount(init: Init, k: number): void {
    if (init.type.kind === 'array') init.count = Math.max(init.count ?? 0, k + 1);
  }

  // init-list = (designation? initializer ("," designation? initializer)*)? ","?
  // designation = ("[" const-expr "]" | "." ident)+ "="
  private bracedList(init: Init): void {
    const open = this.expect('{');
    let k = 0;
    let first = true;
    for (;;) {
      if (this.consume('}')) break;
      if (!first) {
        this.expect(',', "',' or '}'");
        if (this.consume('}')) break;
      }
      first = false;
      if (this.is('[') || this.is('.')) {
        k = this.designation(init);
        continue;
      }
      if (k >= this.capacity(init)) {
        fail(this.tok.pos, `excess elements in ${init.type.kind === 'array' ? 'array' : init.type.kind} initializer`);
      }
      this.initializer(this.child(init, k));
      this.noteCount(init, k);
      k++;
    }
    void open;
  }

  /** Reads one designated element; returns the index the next plain element goes to. */
  private designation(init: Init): number {
    const tok = this.tok;
    let k: number;
    if (this.consume('[')) {
      if (init.type.kind !== 'array') fail(tok.pos, 'array index in non-array initializer');
      const itok = this.tok;
      k = this.constExpr();
      this.expect(']');
      if (k < 0 || k >= this.capacity(init)) fail(itok.pos, 'array index in initializer exceeds array bounds');
    } else {
      this.expect('.');
      if (!isStructLike(init.type)) fail(tok.pos, 'field name not in record or union initializer');
      const name = this.ident('a field name');
      const path = findMember(init.type, name.text);
      if (!path) fail(name.pos, `'${typeName(init.type)}' has no member named '${name.text}'`);
      k = init.type.members!.indexOf(path[0]);
      if (path.length > 1) {
        // A member of an anonymous struct: designate through it.
        this.i--; this.i--;
        const inner = this.child(init, k);
        this.designation(inner);
        return k + 1;
      }
    }
    const c = this.child(init, k);
    if (this.is('[') || this.is('.')) this.designation(c);
    else {
      this.expect('=');
      this.initializer(c);
    }
    this.noteCount(init, k);
    return k + 1;
  }

  /** Brace elision: fill the aggregate from the enclosing list, as far as it goes. */
  private flatList(init: Init): void {
    const cap = this.capacity(init);
    for (let k = 0; k < cap && !this.isListEnd(); k++) {
      if (k > 0) this.expect(',');
      if (this.is('[') || this.is('.')) break;
      this.initializer(this.child(init, k));
      this.noteCount(init, k);
    }
    if (init.type.kind === 'array' && cap === Infinity && !this.is('}')) {
      fail(this.tok.pos, 'array of unknown size needs braces around its initializer');
    }
    if (init.type.kind === 'array' && init.count === undefined) init.count = 0;
  }

  private isListEnd(): boolean {
    return this.is('}') || (this.is(',') && this.peek().text === '}') || this.tok.kind === 'eof' || this.is(';');
  }

  // ---- lowering: static bytes -------------------------------------------------

  private writeStatic(init: Init, type: Type, data: InitData, offset: number): void {
    if (init.bytes) {
      // A string's elements: bytes, or a wide string's 4-byte code units.
      const size = type.kind === 'array' ? type.base!.size : 1;
      init.bytes.forEach((b, k) => { if (k < type.size / size) writeLE(data.bytes, offset + k * size, b, size); });
      return;
    }
    if (init.expr) {
      const lit = init.expr.kind === 'var' && init.expr.var!.asmName.startsWith('lit$') ? init.expr.var!.init : undefined;
      if (isStructLike(type) && lit) {
        // A struct member initialized from a compound literal: its bytes and addresses.
        lit.bytes.forEach((b, k) => { data.bytes[offset + k] = b; });
        for (const r of lit.relocs) data.relocs.push({ ...r, offset: offset + r.offset });
        return;
      }
      if (isStructLike(type)) fail(init.expr.tok.pos, 'initializer element is not constant');
      if (type.kind === 'llong') {
        // Converted to long long already: a constant is an 8-byte object with its value.
        const v = init.expr.llconst;
        if (v === undefined) fail(init.expr.tok.pos, 'initializer element is not constant');
        llBytes(v).forEach((b, k) => { data.bytes[offset + k] = b; });
        return;
      }
      const c = this.constValue(init.expr);
      if (c.symbol) {
        if (type.size !== 4) fail(init.expr.tok.pos, 'initializer element is not computable at load time');
        data.relocs.push({ offset, symbol: c.symbol, addend: c.value });
        writeLE(data.bytes, offset, c.value, 4);
      } else writeLE(data.bytes, offset, c.value, type.size);
      return;
    }
    init.children?.forEach((c, k) => {
      if (!c) return;
      const m = type.kind === 'array' ? undefined : type.members![k];
      if (m?.bitWidth !== undefined && c.expr) return this.writeStaticBitfield(c.expr, m, data, offset);
      const off = m ? m.offset : k * type.base!.size;
      this.writeStatic(c, c.type, data, offset + off);
    });
  }

  /** Merges a constant into the bits of bit-field m of the object at `offset`. */
  private writeStaticBitfield(e: Node, m: Member, data: InitData, offset: number): void {
    const c = this.constValue(e);
    if (c.symbol) fail(e.tok.pos, 'initializer element is not computable at load time');
    const at = offset + m.offset;
    let unit = 0;
    for (let k = 0; k < m.type.size; k++) unit |= data.bytes[at + k] << (8 * k);
    const mask = m.bitWidth! >= 32 ? 0xffffffff : ((1 << m.bitWidth!) - 1) << m.bitOffset!;
    unit = (unit & ~mask) | ((c.value << m.bitOffset!) & mask);
    writeLE(data.bytes, at, unit, m.type.size);
  }

  /** Evaluates a constant initializer: a number or a static address plus offset. */
  protected constValue(n: Node): ConstValue {
    const bad = (): never => fail(n.tok.pos, 'initializer element is not constant');
    switch (n.kind) {
      case 'num': return { value: n.val! };
      case 'var':
        if (n.var!.isLocal) bad();
        if (n.type.kind === 'array' || n.type.kind === 'func') return { symbol: n.var!.asmName, value: 0 };
        return bad();
      case 'addr': return this.constAddress(n.lhs!);
      case 'cast': {
        const v = this.constValue(n.lhs!);
        if (v.symbol && n.type.size !== 4) bad();
        return v.symbol ? v : { value: normalizeTo(v.value, n.type) };
      }
      case 'add': case 'sub': {
        const a = this.constValue(n.lhs!);
        const b = this.constValue(n.rhs!);
        if (b.symbol && (a.symbol || n.kind === 'sub')) bad();
        return { symbol: a.symbol ?? b.symbol, value: n.kind === 'add' ? (a.value + b.value) | 0 : (a.value - b.value) | 0 };
      }
      case 'cond': {
        const c = this.constValue(n.cond!);
        if (c.symbol) bad();
        return this.constValue(c.value ? n.then! : n.els!);
      }
      default: return bad();
    }
  }

  private constAddress(n: Node): ConstValue {
    switch (n.kind) {
      case 'var':
        if (n.var!.isLocal) fail(n.tok.pos, 'initializer element is not constant');
        return { symbol: n.var!.asmName, value: 0 };
      case 'member': {
        const b = this.constAddress(n.lhs!);
        return { symbol: b.symbol, value: b.value + n.member!.offset };
      }
      case 'deref': return this.constValue(n.lhs!);
      default: return fail(n.tok.pos, 'initializer element is not constant');
    }
  }

  // ---- lowering: assignments for a local ---------------------------------------

  private writeLocal(init: Init, v: Var, offset: number, eq: Token, out: Node[]): void {
    const t = init.type;
    if (init.bytes) {
      const et = t.kind === 'array' ? t.base! : charType;
      init.bytes.forEach((b, k) => {
        if (b !== 0 && k < t.size / et.size) out.push(this.exprStmt(this.initAssign(this.slot(v, offset + k * et.size, et, eq), this.num(b, eq, et), eq)));
      });
      return;
    }
    if (init.expr) {
      const e = init.expr;
      if (e.kind === 'num' && e.val === 0 && isInteger(t)) return; // already zeroed
      out.push(this.exprStmt(this.initAssign(this.slot(v, offset, t, eq), e, eq)));
      return;
    }
    init.children?.forEach((c, k) => {
      if (!c) return;
      const m = t.kind === 'array' ? undefined : t.members![k];
      if (m?.bitWidth !== undefined && c.expr) {
        // The object was zeroed: a bit-field is merged into its unit like an assignment.
        const unitType = m.type.size === 1 ? ucharType : m.type.size === 2 ? ushortType : uintType;
        const unit = this.slot(v, offset + m.offset, unitType, eq);
        out.push(this.exprStmt(this.bitfieldStore(unit, m, c.expr, eq)));
        return;
      }
      const off = m ? m.offset : k * t.base!.size;
      this.writeLocal(c, v, offset + off, eq, out);
    });
  }

  /** `*(T *)((char *)&v + offset)`: a piece of a local being initialized. */
  private slot(v: Var, offset: number, t: Type, tok: Token): Node {
    const base: Node = { kind: 'addr', tok, type: pointerTo(charType), lhs: { kind: 'var', tok, type: v.type, var: v } };
    const at: Node = offset ? { kind: 'add', tok, type: pointerTo(charType), lhs: base, rhs: this.num(offset, tok) } : base;
    const unconst = t.isConst ? { ...t, isConst: false } : t;
    return { kind: 'deref', tok, type: unconst, lhs: { kind: 'cast', tok, type: pointerTo(unconst), lhs: at } };
  }
}

function writeLE(bytes: number[], offset: number, v: number, size: number): void {
  for (let k = 0; k < size; k++) bytes[offset + k] = (v >>> (8 * k)) & 0xff;
}

function normalizeTo(v: number, t: Type): number {
  if (t.kind === 'char') return t.unsigned ? v & 0xff : (v << 24) >> 24;
  if (t.kind === 'short') return t.unsigned ? v & 0xffff : (v << 16) >> 16;
  return v | 0;
}

export { intType };
