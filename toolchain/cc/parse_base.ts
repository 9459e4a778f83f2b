// The parser's foundation: tokens, scopes and typed node builders.
//
// Owns reading tokens, the scopes of ordinary identifiers and tags, and the
// C type rules applied when building expression nodes: integer promotions,
// usual arithmetic conversions, scaled pointer arithmetic, array and
// function decay, lvalue and assignment checks, and constant folding.
// Invariants: every node built here has a type, and its operands are
// already converted the way C converts them, so codegen never decides a C
// rule; a node whose operands are constants is folded to a constant.
// long long operations are lowered here (parse_llong.ts): what reaches
// codegen is only calls, copies and 8-byte constants in memory.

import type { Node, NodeKind, Var } from './ast.ts';
import { fail } from './diag.ts';
import { convertNumber, type Token } from './lex.ts';
import {
  arrayOf, charType, commonType, funcType, intType, isInteger, isMemoryValue, isPointerLike, isScalar, isStructLike, longType,
  pointerTo, promote, sameType, typeName, uintType, ulongType, voidType, type Member, type Type,
} from './types.ts';
import { foldLongLong, LL_HELPER, llBytes } from './parse_llong.ts';
import { appendAll } from './append.ts';

export interface ScopeEntry {
  var?: Var;
  typedef?: Type;
  enumValue?: number;
}

interface Scope {
  names: Map<string, ScopeEntry>;
  tags: Map<string, Type>;
}

export const KEYWORDS = new Set([
  'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum', 'extern',
  'float', 'for', 'goto', 'if', 'inline', 'int', 'long', 'register', 'restrict', 'return', 'short', 'signed',
  'sizeof', 'static', 'struct', 'switch', 'typedef', 'union', 'unsigned', 'void', 'volatile', 'while',
  '_Bool', '_Complex', '_Alignof', '_Alignas', '_Static_assert', '_Noreturn', '_Thread_local', '__inline',
  '__inline__', '__restrict', '__restrict__', '__const', '__volatile__', '__attribute__', '__asm__', 'asm',
]);

export const ASSIGN_OPS: Record<string, NodeKind> = {
  '+=': 'add', '-=': 'sub', '*=': 'mul', '/=': 'div', '%=': 'mod', '&=': 'band', '|=': 'bor', '^=': 'bxor',
  '<<=': 'shl', '>>=': 'shr',
};

export abstract class NodeBuilder {
  protected i = 0;
  protected scopes: Scope[] = [{ names: new Map(), tags: new Map() }];
  /** Every global object: variables, functions, string literals. */
  readonly globals: Var[] = [];
  protected stringCount = 0;
  /** Locals of the function being parsed (codegen gives them frame slots). */
  protected locals: Var[] = [];
  /** Loop nesting, to weight variable uses for register allocation. */
  protected loopDepth = 0;
  /** The function being parsed, for __func__. */
  protected fnName = '';

  constructor(protected toks: Token[]) {}


  // ---- tokens -----------------------------------------------------------

  protected get tok(): Token {
    return this.toks[this.i];
  }

  protected peek(k = 1): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)];
  }

  protected is(s: string): boolean {
    const t = this.toks[this.i];
    return (t.kind === 'punct' || t.kind === 'ident') && t.text === s;
  }

  protected consume(s: string): boolean {
    if (this.is(s)) { this.i++; return true; }
    return false;
  }

  protected expect(s: string, what = `'${s}'`): Token {
    if (!this.is(s)) {
      const before = this.tok.kind === 'eof' ? 'at end of input' : `before '${this.tok.text}'`;
      // Like gcc: a statement's missing ';' is reported right after the
      // previous token.
      const prev = this.toks[this.i - 1];
      if (s === ';' && what === "';'" && prev && prev.pos.file === this.tok.pos.file) {
        fail({ ...prev.pos, col: prev.pos.col + prev.text.length }, `expected ';' ${before}`);
      }
      fail(this.tok.pos, `expected ${what} ${before}`);
    }
    return this.toks[this.i++];
  }

  protected ident(what = 'identifier'): Token {
    const t = this.tok;
    if (t.kind !== 'ident' || KEYWORDS.has(t.text)) fail(t.pos, `expected ${what} before '${t.text || 'end of file'}'`);
    this.i++;
    return t;
  }

  // ---- scopes ------------------------------------------------------------

  /** Locals declared in each open scope, to close their ranges when it ends. */
  private scopeLocals: Var[][] = [];

  protected enterScope(): void {
    this.scopes.push({ names: new Map(), tags: new Map() });
    this.scopeLocals.push([]);
  }
  protected leaveScope(): void {
    this.scopes.pop();
    for (const v of this.scopeLocals.pop() ?? []) v.scopeEnd = this.i;
  }
  protected lookup(name: string): ScopeEntry | undefined {
    for (let k = this.scopes.length - 1; k >= 0; k--) {
      const e = this.scopes[k].names.get(name);
      if (e) return e;
    }
    return undefined;
  }
  protected lookupTag(name: string): Type | undefined {
    for (let k = this.scopes.length - 1; k >= 0; k--) {
      const t = this.scopes[k].tags.get(name);
      if (t) return t;
    }
    return undefined;
  }
  protected get scope(): Scope {
    return this.scopes[this.scopes.length - 1];
  }
  protected typedefOf(t: Token): Type | undefined {
    return t.kind === 'ident' ? this.lookup(t.text)?.typedef : undefined;
  }

  /** A new local variable in the current function and scope. */
  protected newLocal(name: string, type: Type, tok: Token): Var {
    const v: Var = { name, type, tok, isLocal: true, asmName: name, isStatic: false, isExtern: false, uses: 0, scopeStart: this.i };
    this.scopeLocals[this.scopeLocals.length - 1]?.push(v);
    if (isMemoryValue(type) || type.kind === 'array' || type.isVolatile) v.addrTaken = true;
    this.locals.push(v);
    return v;
  }

  /**
   * Adjacent string literal tokens as one: its bytes, or, when any of them
   * is wide (L"…"), its code units (a narrow part's characters decoded).
   */
  protected stringTokens(): { bytes: number[]; wide?: number[] } {
    const bytes: number[] = [];
    const units: number[] = [];
    let wide = false;
    while (this.tok.kind === 'str') {
      const t = this.toks[this.i++];
      appendAll(bytes, t.bytes!);
      if (t.wide) wide = true;
      appendAll(units, t.wide ?? [...new TextDecoder().decode(new Uint8Array(t.bytes!))].map((c) => c.codePointAt(0)!));
    }
    return wide ? { bytes, wide: units } : { bytes };
  }

  /** A wide string literal: an anonymous global wchar_t (long) array of its code units. */
  protected wideStringLiteral(units: number[], tok: Token): Node {
    const type = arrayOf(longType, units.length + 1);
    const bytes: number[] = [];
    for (const u of [...units, 0]) for (let k = 0; k < 4; k++) bytes.push((u >>> (8 * k)) & 0xff);
    const v: Var = {
      name: tok.text, type, tok, isLocal: false, asmName: `str$${this.stringCount++}`, isStatic: true,
      isExtern: false, uses: 0, defined: true, init: { bytes, relocs: [] }, referenced: true,
    };
    this.globals.push(v);
    return { kind: 'var', tok, type, var: v };
  }

  /** A string literal becomes an anonymous global char array. */
  protected stringLiteral(bytes: number[], tok: Token): Node {
    const type = arrayOf(charType, bytes.length + 1);
    const v: Var = {
      name: tok.text, type, tok, isLocal: false, asmName: `str$${this.stringCount++}`, isStatic: true,
      isExtern: false, uses: 0, defined: true, init: { bytes: [...bytes, 0], relocs: [] }, referenced: true,
    };
    this.globals.push(v);
    return { kind: 'var', tok, type, var: v };
  }

  // ---- node builders ---------------------------------------------------------

  protected num(val: number, tok: Token, type: Type = intType): Node {
    return { kind: 'num', tok, type, val: normalize(val, type) };
  }

  /** The type an operand has as a value: arrays and functions decay to pointers. */
  protected valueType(n: Node): Type {
    if (n.type.kind === 'array') return pointerTo(n.type.base!);
    if (n.type.kind === 'func') return pointerTo(n.type);
    return n.type;
  }

  /** Converts `n` to type `to`, checking the conversion is allowed; `what` names the context. */
  protected convert(n: Node, to: Type, tok: Token, what: string): Node {
    const from = this.valueType(n);
    if (to.kind === 'void') return { kind: 'cast', tok, type: voidType, lhs: n };
    if (isStructLike(to) || isStructLike(from)) {
      if (!sameType(to, from)) fail(tok.pos, `incompatible types when ${what} type '${typeName(to)}' from type '${typeName(from)}'`);
      return n;
    }
    if (from.kind === 'void') fail(n.tok.pos, `void value not ignored as it ought to be`);
    if (to.kind === 'ptr' && isInteger(from) && !(n.kind === 'num' && n.val === 0)) {
      fail(tok.pos, `${what} '${typeName(to)}' from integer '${typeName(from)}' without a cast`);
    }
    if (isInteger(to) && from.kind === 'ptr') {
      fail(tok.pos, `${what} '${typeName(to)}' from pointer '${typeName(from)}' without a cast`);
    }
    return this.cast(n, to, tok);
  }

  /** An explicit or implicit conversion between scalar types. */
  protected cast(n: Node, to: Type, tok: Token): Node {
    if (to.kind === 'void') return { kind: 'cast', tok, type: voidType, lhs: n };
    const from = this.valueType(n);
    if (to.isBool && !from.isBool && isScalar(from)) {
      // Any scalar becomes _Bool by comparing with zero.
      const test = this.compare('ne', n, this.num(0, tok), tok);
      if (test.kind === 'num') return { ...test, type: to };
      return { kind: 'cast', tok, type: to, lhs: test };
    }
    if (!isScalar(to)) fail(tok.pos, `conversion to non-scalar type '${typeName(to)}' requested`);
    if (!isScalar(from)) fail(tok.pos, `cannot convert a value of type '${typeName(from)}' to '${typeName(to)}'`);
    if (to.kind === 'llong' || from.kind === 'llong') return this.castLongLong(n, from, to, tok);
    if (n.kind === 'num') return { ...n, type: to, val: normalize(n.val!, to) };
    if (n.type === to) return n;
    return { kind: 'cast', tok, type: to, lhs: n };
  }

  // ---- long long: lowered to constants and helper calls ------------------------

  private constCount = 0;
  private helpers = new Map<string, Var>();

  /** A long long constant: a read-only 8-byte object holding it (codegen copies it like a struct). */
  protected llConst(value: bigint, type: Type, tok: Token): Node {
    const v: Var = {
      name: tok.text, type: { ...type, isConst: true }, tok, isLocal: false, asmName: `const$${this.constCount++}`,
      isStatic: true, isExtern: false, uses: 0, defined: true, init: { bytes: llBytes(value), relocs: [] }, referenced: true,
    };
    this.globals.push(v);
    const unqualified = { ...type, isConst: false, isVolatile: false };
    return { kind: 'var', tok, type: unqualified, var: v, llconst: type.unsigned ? BigInt.asUintN(64, value) : BigInt.asIntN(64, value) };
  }

  /** A call of the libc helper `name` (userland/lib/llong.c), declared on first use. */
  protected helperCall(name: string, ret: Type, args: Node[], tok: Token): Node {
    let fv = this.helpers.get(name);
    if (!fv) {
      fv = {
        name, type: funcType(ret, args.map((a) => a.type), false), tok, isLocal: false, asmName: name, isStatic: false,
        isExtern: true, uses: 0, isFunction: true, referenced: true,
      };
      this.helpers.set(name, fv);
      this.globals.push(fv);
    }
    const n: Node = { kind: 'call', tok, type: ret, lhs: { kind: 'var', tok, type: fv.type, var: fv }, args };
    if (isMemoryValue(ret)) n.retBuf = this.newLocal('', ret, tok);
    return n;
  }

  private castLongLong(n: Node, from: Type, to: Type, tok: Token): Node {
    const plainTo: Type = { ...to, isConst: false, isVolatile: false };
    if (from.kind === 'llong' && to.kind === 'llong') {
      if (n.llconst !== undefined) return this.llConst(n.llconst, plainTo, tok);
      return from.unsigned === to.unsigned ? n : { ...n, type: plainTo };
    }
    if (to.kind === 'llong') {
      if (n.kind === 'num') return this.llConst(BigInt(from.unsigned ? n.val! >>> 0 : n.val!), plainTo, tok);
      const signed = !from.unsigned;
      const value = this.cast(n, signed ? intType : uintType, tok);
      return this.helperCall(signed ? LL_HELPER.fromInt : LL_HELPER.fromUint, plainTo, [value], tok);
    }
    // long long to a 32-bit or narrower type: its low 32 bits, then as C narrows.
    if (n.llconst !== undefined) return this.cast(this.num(Number(BigInt.asIntN(32, n.llconst)), tok), to, tok);
    return this.cast(this.helperCall(LL_HELPER.toInt, intType, [n], tok), to, tok);
  }

  /** `l op r` on long long operands already converted to `t` (for shifts: r is an int). */
  private arithLongLong(kind: NodeKind, l: Node, r: Node, t: Type, tok: Token): Node {
    if (l.llconst !== undefined && (r.llconst !== undefined || r.kind === 'num')) {
      const folded = foldLongLong(kind, l.llconst, r.llconst ?? BigInt(r.val!), t.unsigned);
      if (folded !== undefined) return this.llConst(folded, t, tok);
    }
    const name = LL_HELPER.op(kind, t.unsigned);
    if (!name) fail(tok.pos, `internal compiler error: long long operator ${kind}`);
    return this.helperCall(name, t, [l, r], tok);
  }

  /** A long long condition as an int: x != 0. */
  protected truth(n: Node, tok: Token): Node {
    return this.valueType(n).kind === 'llong' ? this.compare('ne', n, this.num(0, tok), tok) : n;
  }

  /** No calls, assignments or increments inside: evaluating it twice is the same as once. */
  protected isPure(n: Node | undefined): boolean {
    if (!n) return true;
    if (n.kind === 'call' || n.kind === 'assign' || n.kind === 'opassign' || n.kind === 'preinc' || n.kind === 'postinc') return false;
    return this.isPure(n.lhs) && this.isPure(n.rhs) && this.isPure(n.cond) && this.isPure(n.then) && this.isPure(n.els);
  }

  /** A void value used as an operand is gcc's "void value not ignored". */
  protected checkNotVoid(...ns: Node[]): void {
    for (const n of ns) if (n.type.kind === 'void') fail(n.tok.pos, 'void value not ignored as it ought to be');
  }

  protected arith(kind: NodeKind, l: Node, r: Node, tok: Token): Node {
    this.checkNotVoid(l, r);
    const lt = this.valueType(l);
    const rt = this.valueType(r);
    if (!isInteger(lt) || !isInteger(rt)) {
      fail(tok.pos, `invalid operands to binary ${tok.text} (have '${typeName(lt)}' and '${typeName(rt)}')`);
    }
    if (kind === 'shl' || kind === 'shr') {
      const p = promote(lt);
      if (p.kind === 'llong') return this.arithLongLong(kind, this.cast(l, p, tok), this.cast(r, intType, tok), p, tok);
      return this.fold({ kind, tok, type: p, lhs: l, rhs: this.cast(r, intType, tok) });
    }
    const t = commonType(lt, rt);
    if (t.kind === 'llong') return this.arithLongLong(kind, this.cast(l, t, tok), this.cast(r, t, tok), t, tok);
    return this.fold({ kind, tok, type: t, lhs: this.cast(l, t, tok), rhs: this.cast(r, t, tok) });
  }

  protected add(l: Node, r: Node, tok: Token): Node {
    this.checkNotVoid(l, r);
    const lt = this.valueType(l);
    const rt = this.valueType(r);
    if (isInteger(lt) && isInteger(rt)) return this.arith('add', l, r, tok);
    if (lt.kind === 'ptr' && rt.kind === 'ptr') fail(tok.pos, `invalid operands to binary + (have '${typeName(lt)}' and '${typeName(rt)}')`);
    if (isInteger(lt)) return this.add(r, l, tok);
    if (lt.kind !== 'ptr' || !isInteger(rt)) fail(tok.pos, `invalid operands to binary + (have '${typeName(lt)}' and '${typeName(rt)}')`);
    return this.fold({ kind: 'add', tok, type: lt, lhs: l, rhs: this.scaled(r, lt, tok) });
  }

  protected sub(l: Node, r: Node, tok: Token): Node {
    this.checkNotVoid(l, r);
    const lt = this.valueType(l);
    const rt = this.valueType(r);
    if (isInteger(lt) && isInteger(rt)) return this.arith('sub', l, r, tok);
    if (lt.kind === 'ptr' && isInteger(rt)) return this.fold({ kind: 'sub', tok, type: lt, lhs: l, rhs: this.scaled(r, lt, tok) });
    if (lt.kind === 'ptr' && rt.kind === 'ptr') {
      if (!sameType(lt.base!, rt.base!)) fail(tok.pos, `invalid operands to binary - (have '${typeName(lt)}' and '${typeName(rt)}')`);
      const size = this.elementSize(lt, tok);
      const diff: Node = { kind: 'sub', tok, type: intType, lhs: l, rhs: r };
      return size === 1 ? diff : this.fold({ kind: 'div', tok, type: intType, lhs: diff, rhs: this.num(size, tok) });
    }
    return fail(tok.pos, `invalid operands to binary - (have '${typeName(lt)}' and '${typeName(rt)}')`);
  }

  protected elementSize(p: Type, tok: Token): number {
    const b = p.base!;
    if (b.kind === 'void') return 1; // GNU C: arithmetic on void * counts bytes
    if (b.kind === 'func') fail(tok.pos, 'arithmetic on a pointer to a function');
    if (isStructLike(b) && !b.members) fail(tok.pos, `arithmetic on a pointer to an incomplete type '${typeName(b)}'`);
    return b.size;
  }

  /** `i * sizeof *p`, as an int, for pointer arithmetic. */
  protected scaled(i: Node, p: Type, tok: Token): Node {
    const size = this.elementSize(p, tok);
    const n = this.cast(i, intType, tok);
    if (size === 1) return n;
    return this.fold({ kind: 'mul', tok, type: intType, lhs: n, rhs: this.num(size, tok) });
  }

  protected compare(kind: 'eq' | 'ne' | 'lt' | 'le', l: Node, r: Node, tok: Token): Node {
    this.checkNotVoid(l, r);
    const lt = this.valueType(l);
    const rt = this.valueType(r);
    let opType: Type;
    if (isInteger(lt) && isInteger(rt)) {
      opType = commonType(lt, rt);
      l = this.cast(l, opType, tok);
      r = this.cast(r, opType, tok);
      if (opType.kind === 'llong') {
        // Compare through the helper's -1/0/1 (or the constants' values).
        if (l.llconst !== undefined && r.llconst !== undefined) {
          const a = l.llconst, b = r.llconst;
          return this.num(kind === 'eq' ? +(a === b) : kind === 'ne' ? +(a !== b) : kind === 'lt' ? +(a < b) : +(a <= b), tok);
        }
        l = this.helperCall(opType.unsigned ? LL_HELPER.ucmp : LL_HELPER.cmp, intType, [l, r], tok);
        r = this.num(0, tok);
        opType = intType;
      }
    } else if (lt.kind === 'ptr' && rt.kind === 'ptr') {
      opType = uintType;
    } else if ((lt.kind === 'ptr' && isInteger(rt) && r.kind === 'num') || (rt.kind === 'ptr' && isInteger(lt) && l.kind === 'num')) {
      opType = uintType;
    } else {
      return fail(tok.pos, `invalid operands to binary ${tok.text} (have '${typeName(lt)}' and '${typeName(rt)}')`);
    }
    return this.fold({ kind, tok, type: intType, lhs: l, rhs: r, opType });
  }

  protected checkScalar(n: Node, tok: Token, what: string): void {
    this.checkNotVoid(n);
    const t = this.valueType(n);
    if (!isScalar(t)) fail(tok.pos, `${what} requires a scalar value, not '${typeName(t)}'`);
  }

  protected checkLvalue(n: Node, tok: Token, what: string): void {
    const ok = (n.kind === 'var' && n.type.kind !== 'array' && n.type.kind !== 'func') || n.kind === 'deref' ||
      (n.kind === 'member' && n.type.kind !== 'array');
    if (!ok || n.llconst !== undefined) fail(tok.pos, `lvalue required as ${what}`);
    if (n.type.isConst) fail(tok.pos, `${what === 'left operand of assignment' ? 'assignment' : what} of read-only ${n.kind === 'var' ? `variable '${n.var!.name}'` : 'location'}`);
  }

  protected assign(l: Node, r: Node, tok: Token): Node {
    this.checkLvalue(l, tok, 'left operand of assignment');
    if (isStructLike(l.type) && !l.type.members) fail(tok.pos, `assignment to incomplete type '${typeName(l.type)}'`);
    return { kind: 'assign', tok, type: l.type, lhs: l, rhs: this.convert(r, l.type, tok, 'assigning to') };
  }

  /** Folds an operator whose operands are constants into a constant. */
  protected fold(n: Node): Node {
    const l = n.lhs;
    const r = n.rhs;
    if (!l || l.kind !== 'num' || (r && r.kind !== 'num')) return n;
    const t = n.opType ?? n.type;
    const unsigned = t.unsigned;
    const a = l.val!;
    const b = r ? r.val! : 0;
    const ua = a >>> 0;
    const ub = b >>> 0;
    let v: number;
    switch (n.kind) {
      case 'add': v = a + b; break;
      case 'sub': v = a - b; break;
      case 'mul': v = Math.imul(a, b); break;
      case 'div': case 'mod':
        if (b === 0) return n; // left for run time (#DE), like C's undefined behaviour
        if (unsigned) v = n.kind === 'div' ? Math.floor(ua / ub) : ua % ub;
        else if (a === -0x80000000 && b === -1) return n;
        else v = n.kind === 'div' ? Math.trunc(a / b) : a % b;
        break;
      case 'band': v = a & b; break;
      case 'bor': v = a | b; break;
      case 'bxor': v = a ^ b; break;
      case 'shl': v = a << (b & 31); break;
      case 'shr': v = n.type.unsigned ? ua >>> (b & 31) : a >> (b & 31); break;
      case 'eq': v = a === b ? 1 : 0; break;
      case 'ne': v = a !== b ? 1 : 0; break;
      case 'lt': v = unsigned ? (ua < ub ? 1 : 0) : a < b ? 1 : 0; break;
      case 'le': v = unsigned ? (ua <= ub ? 1 : 0) : a <= b ? 1 : 0; break;
      case 'neg': v = -a; break;
      case 'bnot': v = ~a; break;
      case 'lognot': v = a ? 0 : 1; break;
      default: return n;
    }
    return { kind: 'num', tok: n.tok, type: n.type, val: normalize(v, n.type) };
  }

}

/** The members to go through to reach `name`, looking into anonymous structs and unions. */
export function findMember(t: Type, name: string): Member[] | undefined {
  for (const m of t.members ?? []) {
    if (m.name === name) return [m];
    if (!m.name && isStructLike(m.type)) {
      const inner = findMember(m.type, name);
      if (inner) return [m, ...inner];
    }
  }
  return undefined;
}

/** A value as it is stored in a variable of type `t` (truncated and extended). */
export function normalize(v: number, t: Type): number {
  if (t.kind === 'char') return t.unsigned ? v & 0xff : (v << 24) >> 24;
  if (t.kind === 'short') return t.unsigned ? v & 0xffff : (v << 16) >> 16;
  return v | 0;
}

