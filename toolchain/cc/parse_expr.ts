// The expression grammar of the C parser.
//
// Owns C's expression syntax, from the comma operator down to primary
// expressions, and the builtins (__builtin_va_*, __func__). Each parse
// function has its grammar rule in a comment above it. The type rules and
// node builders it uses are parse_base.ts's; declarations (type names for
// casts and sizeof) come from parse.ts. Invariant: every node returned is
// typed and converted as C says (see parse_base.ts).

import type { Node, NodeKind } from './ast.ts';
import { fail } from './diag.ts';
import { convertNumber, type Token } from './lex.ts';
import { ASSIGN_OPS, findMember, KEYWORDS } from './parse_base.ts';
import { BitfieldBuilder } from './parse_bitfield.ts';
import {
  charType, commonType, intType, isInteger, isMemoryValue, isScalar, isStructLike, llongType, longType, pointerTo, promote,
  sameType, typeName, uintType, ullongType, ulongType, unqualified, voidType, type Type,
} from './types.ts';

export { findMember, KEYWORDS, normalize, type ScopeEntry } from './parse_base.ts';

export abstract class ExprParser extends BitfieldBuilder {
  // The declaration half provides these.
  protected abstract isTypeName(): boolean;
  protected abstract typeName(): Type;
  /** `(T){ … }` after its `(T)`: an unnamed object of type T (parse_init.ts). */
  protected abstract compoundLiteral(t: Type, tok: Token): Node;

  // ---- grammar ---------------------------------------------------------------

  // expr = assign ("," assign)*
  protected expr(): Node {
    let n = this.assignExpr();
    while (this.is(',')) {
      const tok = this.toks[this.i++];
      const r = this.assignExpr();
      n = { kind: 'comma', tok, type: r.type.kind === 'array' ? this.valueType(r) : r.type, lhs: n, rhs: r };
    }
    return n;
  }

  // assign = conditional (("=" | "+=" | "-=" | ... | ">>=") assign)?
  protected assignExpr(): Node {
    const l = this.conditional();
    const tok = this.tok;
    if (tok.kind !== 'punct') return l;
    if (tok.text === '=') {
      this.i++;
      return this.assign(l, this.assignExpr(), tok);
    }
    const op = ASSIGN_OPS[tok.text];
    if (!op) return l;
    this.i++;
    const r = this.assignExpr();
    if (l.bitfield) return this.opAssignBitfield(op, l, r, tok);
    this.checkLvalue(l, tok, 'left operand of assignment');
    // Type-check `l op r` as C would, then keep the operation for codegen.
    const lt = l.type;
    let rhs: Node;
    let opType: Type;
    if (lt.kind === 'ptr' && (op === 'add' || op === 'sub')) {
      if (!isInteger(this.valueType(r))) fail(tok.pos, `invalid operands to binary ${tok.text.slice(0, -1)} (have '${typeName(lt)}' and '${typeName(this.valueType(r))}')`);
      rhs = this.scaled(r, lt, tok);
      opType = lt;
    } else {
      const rt = this.valueType(r);
      if (!isInteger(lt) || !isInteger(rt)) fail(tok.pos, `invalid operands to binary ${tok.text.slice(0, -1)} (have '${typeName(lt)}' and '${typeName(rt)}')`);
      opType = op === 'shl' || op === 'shr' ? promote(lt) : commonType(lt, rt);
      if (opType.kind === 'llong' || lt.kind === 'llong' || lt.isBool) {
        // l = l op r, with l's address computed once.
        return this.once(l, tok, (lv) => this.assign(lv(), this.arith(op, lv(), r, tok), tok));
      }
      rhs = this.cast(r, op === 'shl' || op === 'shr' ? intType : opType, tok);
    }
    return { kind: 'opassign', tok, type: lt, op, lhs: l, rhs, opType };
  }

  // conditional = logor ("?" expr ":" conditional)?
  protected conditional(): Node {
    const c = this.logor();
    if (!this.is('?')) return c;
    const tok = this.toks[this.i++];
    this.checkScalar(c, tok, 'the condition of ?:');
    const cond = this.truth(c, tok);
    let a = this.expr();
    this.expect(':');
    let b = this.conditional();
    const at = this.valueType(a);
    const bt = this.valueType(b);
    let type: Type;
    if (isInteger(at) && isInteger(bt)) {
      type = commonType(at, bt);
      a = this.cast(a, type, tok);
      b = this.cast(b, type, tok);
    } else if (at.kind === 'void' || bt.kind === 'void') type = voidType;
    else if (at.kind === 'ptr' && bt.kind === 'ptr') type = at.base!.kind === 'void' ? bt : at;
    else if (at.kind === 'ptr' && b.kind === 'num' && b.val === 0) type = at;
    else if (bt.kind === 'ptr' && a.kind === 'num' && a.val === 0) type = bt;
    else if (isStructLike(at) && sameType(at, bt)) type = at;
    else return fail(tok.pos, `type mismatch in conditional expression ('${typeName(at)}' and '${typeName(bt)}')`);
    if (cond.kind === 'num' && a.kind === 'num' && b.kind === 'num') return cond.val ? a : b;
    return { kind: 'cond', tok, type, cond, then: a, els: b };
  }

  // logor = logand ("||" logand)*
  protected logor(): Node {
    let n = this.logand();
    while (this.is('||')) {
      const tok = this.toks[this.i++];
      const r = this.logand();
      this.checkScalar(n, tok, 'operand of ||');
      this.checkScalar(r, tok, 'operand of ||');
      n = this.truth(n, tok);
      const r2 = this.truth(r, tok);
      if (n.kind === 'num' && r2.kind === 'num') n = this.num(n.val || r2.val ? 1 : 0, tok);
      else n = { kind: 'logor', tok, type: intType, lhs: n, rhs: r2 };
    }
    return n;
  }

  // logand = bitor ("&&" bitor)*
  protected logand(): Node {
    let n = this.bitor();
    while (this.is('&&')) {
      const tok = this.toks[this.i++];
      const r = this.bitor();
      this.checkScalar(n, tok, 'operand of &&');
      this.checkScalar(r, tok, 'operand of &&');
      n = this.truth(n, tok);
      const r2 = this.truth(r, tok);
      if (n.kind === 'num' && r2.kind === 'num') n = this.num(n.val && r2.val ? 1 : 0, tok);
      else n = { kind: 'logand', tok, type: intType, lhs: n, rhs: r2 };
    }
    return n;
  }

  // bitor = bitxor ("|" bitxor)*
  protected bitor(): Node {
    let n = this.bitxor();
    while (this.is('|')) { const tok = this.toks[this.i++]; n = this.arith('bor', n, this.bitxor(), tok); }
    return n;
  }

  // bitxor = bitand ("^" bitand)*
  protected bitxor(): Node {
    let n = this.bitand();
    while (this.is('^')) { const tok = this.toks[this.i++]; n = this.arith('bxor', n, this.bitand(), tok); }
    return n;
  }

  // bitand = equality ("&" equality)*
  protected bitand(): Node {
    let n = this.equality();
    while (this.is('&')) { const tok = this.toks[this.i++]; n = this.arith('band', n, this.equality(), tok); }
    return n;
  }

  // equality = relational (("==" | "!=") relational)*
  protected equality(): Node {
    let n = this.relational();
    for (;;) {
      const tok = this.tok;
      if (this.consume('==')) n = this.compare('eq', n, this.relational(), tok);
      else if (this.consume('!=')) n = this.compare('ne', n, this.relational(), tok);
      else return n;
    }
  }

  // relational = shift (("<" | "<=" | ">" | ">=") shift)*
  protected relational(): Node {
    let n = this.shift();
    for (;;) {
      const tok = this.tok;
      // a > b is b < a: the operands' evaluation order is unspecified in C.
      if (this.consume('<')) n = this.compare('lt', n, this.shift(), tok);
      else if (this.consume('<=')) n = this.compare('le', n, this.shift(), tok);
      else if (this.consume('>')) n = this.compare('lt', this.shift(), n, tok);
      else if (this.consume('>=')) n = this.compare('le', this.shift(), n, tok);
      else return n;
    }
  }

  // shift = additive (("<<" | ">>") additive)*
  protected shift(): Node {
    let n = this.additive();
    for (;;) {
      const tok = this.tok;
      if (this.consume('<<')) n = this.arith('shl', n, this.additive(), tok);
      else if (this.consume('>>')) n = this.arith('shr', n, this.additive(), tok);
      else return n;
    }
  }

  // additive = multiplicative (("+" | "-") multiplicative)*
  protected additive(): Node {
    let n = this.multiplicative();
    for (;;) {
      const tok = this.tok;
      if (this.consume('+')) n = this.add(n, this.multiplicative(), tok);
      else if (this.consume('-')) n = this.sub(n, this.multiplicative(), tok);
      else return n;
    }
  }

  // multiplicative = cast (("*" | "/" | "%") cast)*
  protected multiplicative(): Node {
    let n = this.castExpr();
    for (;;) {
      const tok = this.tok;
      let kind: NodeKind;
      if (this.consume('*')) kind = 'mul';
      else if (this.consume('/')) kind = 'div';
      else if (this.consume('%')) kind = 'mod';
      else return n;
      const r = this.castExpr();
      n = this.arith(kind, n, r, tok);
    }
  }

  // cast = "(" type-name ")" cast | unary
  protected castExpr(): Node {
    if (this.is('(') && this.isTypeNameAt(1)) {
      const tok = this.toks[this.i++];
      const t = this.typeName();
      this.expect(')');
      if (this.is('{')) return this.postfixOps(this.compoundLiteral(t, tok));
      const n = this.castExpr();
      if (t.kind !== 'void' && isStructLike(t)) fail(tok.pos, `conversion to non-scalar type '${typeName(t)}' requested`);
      return this.cast(n, t, tok);
    }
    return this.unary();
  }

  protected isTypeNameAt(k: number): boolean {
    const save = this.i;
    this.i += k;
    const r = this.isTypeName();
    this.i = save;
    return r;
  }

  // unary = ("+" | "-" | "*" | "&" | "!" | "~") cast
  //       | ("++" | "--") unary
  //       | "sizeof" unary | "sizeof" "(" type-name ")"
  //       | postfix
  protected unary(): Node {
    const tok = this.tok;
    if (tok.kind === 'punct') {
      switch (tok.text) {
        case '+': { this.i++; const n = this.castExpr(); return this.arith('add', this.num(0, tok), n, tok); }
        case '-': {
          this.i++;
          const n = this.castExpr();
          const t = this.valueType(n);
          if (!isInteger(t)) fail(tok.pos, `wrong type argument to unary minus ('${typeName(t)}')`);
          const p = promote(t);
          if (p.kind === 'llong') return this.arith('sub', this.llConst(0n, p, tok), n, tok);
          return this.fold({ kind: 'neg', tok, type: p, lhs: this.cast(n, p, tok) });
        }
        case '~': {
          this.i++;
          const n = this.castExpr();
          const t = this.valueType(n);
          if (!isInteger(t)) fail(tok.pos, `wrong type argument to bit-complement ('${typeName(t)}')`);
          const p = promote(t);
          if (p.kind === 'llong') return this.arith('bxor', n, this.llConst(-1n, p, tok), tok);
          return this.fold({ kind: 'bnot', tok, type: p, lhs: this.cast(n, p, tok) });
        }
        case '!': {
          this.i++;
          const n = this.castExpr();
          this.checkScalar(n, tok, 'operand of !');
          return this.fold({ kind: 'lognot', tok, type: intType, lhs: this.truth(n, tok) });
        }
        case '*': {
          this.i++;
          return this.deref(this.castExpr(), tok);
        }
        case '&': {
          this.i++;
          const n = this.castExpr();
          return this.addressOf(n, tok);
        }
        case '++': case '--': {
          this.i++;
          const n = this.unary();
          return this.incdec('preinc', n, tok, tok.text === '++' ? 1 : -1);
        }
      }
    }
    if (tok.kind === 'ident' && tok.text === 'sizeof') {
      this.i++;
      let t: Type;
      let at = tok;
      if (this.is('(') && this.isTypeNameAt(1)) {
        this.i++;
        at = this.tok;
        t = this.typeName();
        this.expect(')');
        // sizeof (T){ … }: the size of the literal (its array length may come from the braces).
        if (this.is('{')) t = this.postfixOps(this.compoundLiteral(t, tok)).type;
      } else {
        const save = this.locals.length;
        const saveUses = this.loopDepth;
        const operand = this.unary();
        this.rejectBitfield(operand, tok, 'sizeof');
        t = operand.type;
        void save; void saveUses;
      }
      if (t.kind === 'func') fail(tok.pos, "invalid application of 'sizeof' to a function type");
      if (t.kind === 'void' || (isStructLike(t) && !t.members) || (t.kind === 'array' && t.len! < 0)) {
        fail(tok.pos, `invalid application of 'sizeof' to incomplete type '${typeName(t)}'`);
      }
      return this.num(t.size, tok, uintType);
    }
    if (tok.kind === 'ident' && (tok.text === '_Alignof' || tok.text === '__alignof__')) {
      this.i++;
      this.expect('(');
      const t = this.typeName();
      this.expect(')');
      return this.num(t.align, tok, uintType);
    }
    return this.postfix();
  }

  protected deref(n: Node, tok: Token): Node {
    const t = this.valueType(n);
    if (t.kind !== 'ptr') fail(tok.pos, `invalid type argument of unary '*' (have '${typeName(t)}')`);
    if (t.base!.kind === 'func') return n; // *f is f
    if (t.base!.kind === 'void') fail(tok.pos, "dereferencing 'void *' pointer");
    return { kind: 'deref', tok, type: t.base!, lhs: n };
  }

  protected addressOf(n: Node, tok: Token): Node {
    this.rejectBitfield(n, tok, 'address');
    if (n.kind === 'deref') return { ...n.lhs!, type: pointerTo(n.type) };
    if (n.kind === 'var') {
      if (n.var!.isLocal) n.var!.addrTaken = true;
      return { kind: 'addr', tok, type: pointerTo(n.type), lhs: n };
    }
    if (n.kind === 'member') return { kind: 'addr', tok, type: pointerTo(n.type), lhs: n };
    return fail(tok.pos, 'lvalue required as unary \'&\' operand');
  }

  protected incdec(kind: 'preinc' | 'postinc', n: Node, tok: Token, dir: number): Node {
    if (n.bitfield) return this.incDecBitfield(kind === 'postinc', n, tok, dir);
    this.checkLvalue(n, tok, dir > 0 ? 'increment operand' : 'decrement operand');
    const t = n.type;
    if (!isScalar(t)) fail(tok.pos, `wrong type argument to ${dir > 0 ? 'increment' : 'decrement'}`);
    const amount = t.kind === 'ptr' ? dir * this.elementSize(t, tok) : dir;
    if (t.kind === 'llong' || t.isBool) {
      return this.once(n, tok, (lv) => {
        const bump = (from: Node) => this.assign(lv(), this.arith('add', from, this.num(dir, tok), tok), tok);
        if (kind === 'preinc') return bump(lv());
        // x++: (old = x, x = old + 1, old)
        const old: Node = { kind: 'var', tok, type: unqualified(t), var: this.newLocal('', unqualified(t), tok) };
        const save = this.assign(old, lv(), tok);
        return { kind: 'comma', tok, type: old.type, lhs: save, rhs: { kind: 'comma', tok, type: old.type, lhs: bump(old), rhs: old } };
      });
    }
    return { kind, tok, type: t, lhs: n, amount };
  }

  // postfix = primary ("[" expr "]" | "." ident | "->" ident | "++" | "--" | "(" args ")")*
  protected postfix(): Node {
    return this.postfixOps(this.primary());
  }

  /** The postfix operators after an operand (a primary expression or a compound literal). */
  private postfixOps(n: Node): Node {
    for (;;) {
      const tok = this.tok;
      if (this.consume('[')) {
        const idx = this.expr();
        this.expect(']');
        const lt = this.valueType(n);
        const it = this.valueType(idx);
        if (!(lt.kind === 'ptr' && isInteger(it)) && !(it.kind === 'ptr' && isInteger(lt))) {
          fail(tok.pos, lt.kind === 'ptr' || it.kind === 'ptr' ? 'array subscript is not an integer' : 'subscripted value is neither array nor pointer');
        }
        n = this.deref(this.add(n, idx, tok), tok);
      } else if (this.consume('.')) {
        if (!isStructLike(n.type)) fail(tok.pos, `request for member '${this.tok.text}' in something not a structure or union`);
        n = this.memberAccess(n, this.ident('member name'), tok);
      } else if (this.consume('->')) {
        const t = this.valueType(n);
        if (t.kind !== 'ptr' || !isStructLike(t.base!)) fail(tok.pos, `invalid type argument of '->' (have '${typeName(t)}')`);
        n = this.memberAccess({ kind: 'deref', tok, type: t.base!, lhs: n }, this.ident('member name'), tok);
      } else if (this.consume('++')) {
        n = this.incdec('postinc', n, tok, 1);
      } else if (this.consume('--')) {
        n = this.incdec('postinc', n, tok, -1);
      } else if (this.is('(')) {
        n = this.call(n);
      } else {
        return n;
      }
    }
  }

  protected memberAccess(n: Node, name: Token, op: Token = name): Node {
    const t = n.type;
    if (!t.members) fail(name.pos, `invalid use of incomplete type '${typeName(t)}'`);
    const path = findMember(t, name.text);
    if (!path) fail(name.pos, `'${typeName(t)}' has no member named '${name.text}'`);
    void op;
    for (const m of path) {
      if (m.bitWidth !== undefined) return this.bitfieldMember(n, m, name);
      let mt = m.type;
      if (n.type.isConst) mt = { ...mt, isConst: true };
      n = { kind: 'member', tok: name, type: mt, lhs: n, member: m };
    }
    return n;
  }

  // args = "(" (assign ("," assign)*)? ")"
  protected call(callee: Node): Node {
    const tok = this.expect('(');
    const ct = this.valueType(callee);
    if (ct.kind !== 'ptr' || ct.base!.kind !== 'func') fail(callee.tok.pos, `called object is not a function or function pointer`);
    const ft = ct.base!;
    const name = callee.kind === 'var' ? `'${callee.var!.name}'` : '';
    const args: Node[] = [];
    if (!this.is(')')) {
      do {
        const a = this.assignExpr();
        const k = args.length;
        if (!ft.noPrototype && k >= ft.params!.length && !ft.variadic) fail(callee.tok.pos, `too many arguments to function ${name}`.trim());
        if (!ft.noPrototype && k < ft.params!.length) args.push(this.convert(a, ft.params![k], a.tok, 'passing argument of'));
        else {
          const at = this.valueType(a);
          if (at.kind === 'void') fail(a.tok.pos, 'void value not ignored as it ought to be');
          args.push(isInteger(at) ? this.cast(a, promote(at), a.tok) : a);
        }
      } while (this.consume(','));
    }
    const close = this.expect(')');
    if (!ft.noPrototype && args.length < ft.params!.length) fail(callee.tok.pos, `too few arguments to function ${name}`.trim());
    const ret = ft.ret!;
    // Diagnostics about a call point at what is called, as gcc's do.
    const n: Node = { kind: 'call', tok: callee.tok, type: ret, lhs: callee, args };
    void close; void tok;
    if (isMemoryValue(ret)) n.retBuf = this.newLocal('', ret, tok);
    return n;
  }

  // primary = "(" expr ")" | ident | str+ | num | char
  protected primary(): Node {
    const tok = this.tok;
    if (this.consume('(')) {
      if (this.is('{')) fail(tok.pos, 'statement expressions are not supported');
      const n = this.expr();
      this.expect(')');
      return n;
    }
    if (tok.kind === 'num') {
      this.i++;
      convertNumber(tok);
      const t = {
        int: intType, unsigned: uintType, long: longType, 'unsigned long': ulongType, 'long long': llongType, 'unsigned long long': ullongType,
      }[tok.numType!];
      if (t.kind === 'llong') return this.llConst(tok.bigValue!, t, tok);
      return this.num(tok.value!, tok, t);
    }
    if (tok.kind === 'char') {
      this.i++;
      return this.num(tok.value!, tok);
    }
    if (tok.kind === 'str') {
      const s = this.stringTokens();
      return s.wide ? this.wideStringLiteral(s.wide, tok) : this.stringLiteral(s.bytes, tok);
    }
    if (tok.kind === 'ident' && (tok.text === 'asm' || tok.text === '__asm__' || tok.text === '__asm')) {
      fail(tok.pos, 'inline assembly (asm) is not supported: write it in a .s file');
    }
    if (tok.kind === 'ident' && !KEYWORDS.has(tok.text)) {
      if (tok.text.startsWith('__builtin_va_')) return this.vaBuiltin(tok);
      if (tok.text === '__builtin_expect' && !this.lookup(tok.text)) return this.builtinExpect(tok);
      if (tok.text === '_Generic') return this.genericSelection(tok);
      if ((tok.text === '__func__' || tok.text === '__FUNCTION__') && this.fnName && !this.lookup(tok.text)) {
        this.i++;
        return this.stringLiteral([...new TextEncoder().encode(this.fnName)], tok);
      }
      this.i++;
      const e = this.lookup(tok.text);
      if (e?.enumValue !== undefined) return this.num(e.enumValue, tok);
      if (!e?.var) {
        if (this.is('(')) fail(tok.pos, `implicit declaration of function '${tok.text}'`);
        fail(tok.pos, `'${tok.text}' undeclared`);
      }
      const v = e.var;
      if (e.typedef) fail(tok.pos, `unexpected type name '${tok.text}': expected expression`);
      v.uses += Math.min(1 << (3 * this.loopDepth), 1 << 15);
      v.referenced = true;
      return { kind: 'var', tok, type: v.type, var: v };
    }
    if (tok.kind === 'eof') fail(tok.pos, 'expected expression before end of file');
    return fail(tok.pos, `expected expression before '${tok.text}'`);
  }

  // generic-selection = "_Generic" "(" assign ("," (type-name | "default") ":" assign)+ ")"
  /** C11 6.5.1.1: the association whose type is compatible with the operand's (after lvalue conversion). */
  private genericSelection(tok: Token): Node {
    this.i++;
    this.expect('(');
    const operand = this.assignExpr();
    const ctrl = unqualified(this.valueType(operand));
    let chosen: Node | undefined;
    let fallback: Node | undefined;
    while (this.consume(',')) {
      const at = this.tok;
      let t: Type | undefined;
      if (this.consume('default')) {
        if (fallback) fail(at.pos, "duplicate 'default' in _Generic");
      } else t = this.typeName();
      this.expect(':');
      const e = this.assignExpr();
      if (!t) fallback = e;
      else if (!chosen && strictlyCompatible(ctrl, t)) chosen = e;
    }
    this.expect(')');
    const n = chosen ?? fallback;
    if (!n) fail(tok.pos, `'_Generic' selector of type '${typeName(ctrl)}' is not compatible with any association`);
    return n;
  }

  /** __builtin_expect(e, c): a hint for gcc's branch layout; the value is e, as a long. */
  private builtinExpect(tok: Token): Node {
    this.i++;
    this.expect('(');
    const e = this.assignExpr();
    this.expect(',');
    const c = this.assignExpr();
    this.expect(')');
    this.checkScalar(e, tok, 'the first argument of __builtin_expect');
    const v = this.cast(e, longType, tok);
    return this.isPure(c) ? v : { kind: 'comma', tok, type: longType, lhs: { kind: 'cast', tok, type: voidType, lhs: c }, rhs: v };
  }

  /** __builtin_va_start/arg/end/copy, over va_list = char * (docs/abi.md). */
  private vaBuiltin(tok: Token): Node {
    this.i++;
    this.expect('(');
    const ap = this.assignExpr();
    const apType = this.valueType(ap);
    if (apType.kind !== 'ptr' || apType.base!.kind !== 'char') fail(ap.tok.pos, `first argument to '${tok.text}' must be a va_list`);
    let n: Node;
    const round = (size: number) => (size + 3) & ~3;
    const charPtr = pointerTo(charType);
    switch (tok.text) {
      case '__builtin_va_start': {
        this.expect(',');
        const last = this.assignExpr();
        if (last.kind !== 'var' || !last.var!.isParam) fail(last.tok.pos, "second argument to 'va_start' must be the last named parameter");
        const addr = this.cast(this.addressOf(last, tok), charPtr, tok);
        n = this.assign(ap, this.add(addr, this.num(round(last.type.size), tok), tok), tok);
        break;
      }
      case '__builtin_va_arg': {
        this.expect(',');
        const t = this.typeName();
        const size = round(t.size);
        const bumped: Node = { kind: 'opassign', tok, type: ap.type, op: 'add', lhs: ap, rhs: this.num(size, tok), opType: ap.type };
        const at = this.sub(bumped, this.num(size, tok), tok);
        n = { kind: 'deref', tok, type: t, lhs: this.cast(at, pointerTo(t), tok) };
        break;
      }
      case '__builtin_va_copy': {
        this.expect(',');
        n = this.assign(ap, this.assignExpr(), tok);
        break;
      }
      case '__builtin_va_end':
        n = { kind: 'cast', tok, type: voidType, lhs: ap };
        break;
      default:
        return fail(tok.pos, `unknown builtin '${tok.text}'`);
    }
    this.expect(')');
    return n;
  }

  /** A constant expression (array sizes, case labels, enum values, bit widths). */
  protected constExpr(): number {
    const tok = this.tok;
    const n = this.conditional();
    if (n.llconst !== undefined) {
      // A long long constant is fine where its value fits the 32 bits these uses take.
      if (n.llconst < -0x80000000n || n.llconst > 0xffffffffn) fail(tok.pos, 'integer constant does not fit in 32 bits here');
      return Number(BigInt.asIntN(32, n.llconst));
    }
    if (n.kind !== 'num') fail(tok.pos, 'expression is not an integer constant');
    return n.val!;
  }
}

/** Type compatibility as _Generic needs it: qualifiers count (below the top level of the operand), long is not int. */
function strictlyCompatible(a: Type, b: Type): boolean {
  if (!!a.isConst !== !!b.isConst || !!a.isVolatile !== !!b.isVolatile) return false;
  if (a.kind === 'ptr' && b.kind === 'ptr') return strictlyCompatible(a.base!, b.base!);
  if (a.kind !== b.kind) return false;
  if (isInteger(a)) return a.unsigned === b.unsigned && !!a.isBool === !!b.isBool && (a.kind !== 'enum' || a.members === b.members);
  if (a.kind === 'array') return strictlyCompatible(a.base!, b.base!) && (a.len === b.len || a.len! < 0 || b.len! < 0);
  return sameType(a, b);
}
