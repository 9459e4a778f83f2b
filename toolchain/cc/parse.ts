// The declaration and statement half of the C parser: tokens to a Program.
//
// Owns what declarations mean (globals, locals, typedefs, function
// definitions and the symbol rules between declarations of the same name)
// and statements. The types declarations spell (specifiers, declarators,
// struct/union/enum bodies) are parse_decl.ts's, initializers
// parse_init.ts's, expressions parse_expr.ts's. Each
// parse function has its grammar rule in a comment above it. Invariants:
// names resolve in the innermost scope; every use of a global refers to one
// shared Var however often it is redeclared; a function body is checked
// completely (labels, break/continue targets, returns) before it is kept.

import type { Fn, Node, Program, Var } from './ast.ts';
import { fail, progress } from './diag.ts';
import type { Token } from './lex.ts';
import { KEYWORDS } from './parse_expr.ts';
import { DeclParser, type Declarator, type DeclSpec } from './parse_decl.ts';
import { arrayOf, intType, isInteger, isMemoryValue, isStructLike, pointerTo, promote, returnsThroughPointer, sameType, typeName, uintType, voidType, type Type } from './types.ts';
import { appendAll } from './append.ts';

export function parse(tokens: Token[]): Program {
  return new Parser(tokens).program();
}

class Parser extends DeclParser {
  private functions: Fn[] = [];
  private breakTargets: Node[] = [];
  private continueTargets: Node[] = [];
  private switches: Node[] = [];
  /** A switch on a long long: its case values so far (each case's val is its 1-based index here). */
  private wideCases = new Map<Node, bigint[]>();
  private labels = new Map<string, Token>();
  private gotos: Token[] = [];
  private fnRet: Type = voidType;
  private staticCount = 0;
  /** The first token of the function definition being parsed. */
  private fnStart!: Token;

  // program = (function-definition | declaration)*
  program(): Program {
    while (this.tok.kind !== 'eof') {
      if (this.consume(';')) continue;
      if (this.is('_Static_assert')) { this.staticAssert(); continue; }
      const start = this.tok;
      progress.pos = start.pos;
      this.fnStart = start;
      const spec = this.declspec(true);
      if (this.consume(';')) { this.checkEmptyDeclaration(spec, start); continue; }
      let first = true;
      for (;;) {
        const d = this.declarator(spec.type);
        if (!d.name) fail(this.tok.pos, 'expected identifier or \'(\'');
        if (first && d.type.kind === 'func' && this.is('{')) {
          this.functionDefinition(spec, d);
          break;
        }
        first = false;
        this.globalDeclaration(spec, d);
        if (this.consume(';')) break;
        if (!this.is(',')) this.expect(';', "';' or ','");
        this.i++;
      }
    }
    for (const g of this.globals) {
      if (g.isFunction || g.isLocal || g.isExtern) continue;
      if (g.defined === undefined) g.defined = true;
      // A tentative `int a[];` becomes one element, as in gcc.
      if (g.type.kind === 'array' && g.type.len! < 0 && !g.init) g.type = arrayOf(g.type.base!, 1);
      if (isStructLike(g.type) && !g.type.members) fail(g.tok.pos, `storage size of '${g.name}' isn't known`);
    }
    return { functions: this.functions, globals: this.globals };
  }

  private checkEmptyDeclaration(spec: DeclSpec, start: Token): void {
    if (!isStructLike(spec.type) && spec.type.kind !== 'enum') {
      fail(start.pos, 'useless type name in empty declaration');
    }
  }

  // static-assert = "_Static_assert" "(" const-expr "," string ")" ";"
  private staticAssert(): void {
    const tok = this.toks[this.i++];
    this.expect('(');
    const v = this.constExpr();
    let msg = '';
    if (this.consume(',')) {
      while (this.tok.kind === 'str') msg += new TextDecoder().decode(new Uint8Array(this.toks[this.i++].bytes!));
    }
    this.expect(')');
    this.expect(';');
    if (!v) fail(tok.pos, `static assertion failed${msg ? ': "' + msg + '"' : ''}`);
  }

  private globalDeclaration(spec: DeclSpec, d: Declarator): void {
    const name = d.name!;
    if (spec.isTypedef) return this.defineTypedef(name, d.type);
    const isFunc = d.type.kind === 'func';
    const existing = this.scopes[0].names.get(name.text);
    let v = existing?.var;
    if (existing && !v) fail(name.pos, `'${name.text}' redeclared as a different kind of symbol`);
    if (v) {
      if (!sameType(v.type, d.type)) fail(name.pos, `conflicting types for '${name.text}'; have '${typeName(d.type)}'`);
      if (v.type.kind === 'array' && v.type.len! < 0 && d.type.kind === 'array') v.type = d.type;
      if (v.type.kind === 'func' && v.type.noPrototype && !d.type.noPrototype) v.type = d.type;
    } else {
      v = {
        name: name.text, type: d.type, tok: name, isLocal: false, asmName: name.text, isStatic: spec.isStatic,
        isExtern: spec.isExtern || isFunc, uses: 0, isFunction: isFunc,
      };
      this.globals.push(v);
      this.scopes[0].names.set(name.text, { var: v });
    }
    if (spec.isStatic) v.isStatic = true;
    if (!spec.isExtern && !isFunc) v.isExtern = false;
    if (this.is('=')) {
      const eq = this.toks[this.i++];
      if (isFunc) fail(eq.pos, `function '${name.text}' is initialized like a variable`);
      if (v.init) fail(name.pos, `redefinition of '${name.text}'`);
      v.init = this.staticInitializer(v, v.type);
      v.defined = true;
      v.isExtern = false;
    } else if (!isFunc && !spec.isExtern) {
      // A tentative definition: zero-initialized storage unless defined elsewhere here.
      if (v.defined === undefined) v.defined = undefined;
    }
    if (!isFunc && v.type.kind === 'void') fail(name.pos, `variable '${name.text}' declared void`);
  }

  private defineTypedef(name: Token, type: Type): void {
    const prev = this.scope.names.get(name.text);
    if (prev && (!prev.typedef || !sameType(prev.typedef, type))) fail(name.pos, `conflicting types for '${name.text}'`);
    this.scope.names.set(name.text, { typedef: type });
  }

  // function-definition = declspec declarator "{" compound-stmt
  private functionDefinition(spec: DeclSpec, d: Declarator): void {
    const name = d.name!;
    const prev = this.scopes[0].names.get(name.text)?.var;
    if (prev?.defined) fail(name.pos, `redefinition of '${name.text}'`);
    this.globalDeclaration({ ...spec, isExtern: false }, d);
    const fv = this.scopes[0].names.get(name.text)!.var!;
    fv.defined = true;
    fv.type = d.type;
    this.locals = [];
    this.labels = new Map();
    this.gotos = [];
    this.fnRet = d.type.ret!;
    this.fnName = name.text;
    this.enterScope();
    const params: Var[] = [];
    let retPtr: Var | undefined;
    if (returnsThroughPointer(this.fnRet)) {
      retPtr = this.newLocal('', pointerTo(this.fnRet), name);
      retPtr.isParam = true;
    }
    d.type.params!.forEach((t, k) => {
      const pn = d.paramNames![k];
      if (!pn) fail(name.pos, `parameter ${k + 1} of '${name.text}' has no name`);
      if (isStructLike(t) && !t.members) fail(pn.pos, `parameter '${pn.text}' has incomplete type '${typeName(t)}'`);
      const v = this.newLocal(pn.text, t, pn);
      v.isParam = true;
      if (this.scope.names.has(pn.text)) fail(pn.pos, `redefinition of parameter '${pn.text}'`);
      this.scope.names.set(pn.text, { var: v });
      params.push(v);
    });
    const body = this.compoundStmt();
    this.leaveScope();
    for (const g of this.gotos) if (!this.labels.has(g.text)) fail(g.pos, `label '${g.text}' used but not defined`);
    this.functions.push({ name: name.text, type: d.type, tok: name, isStatic: fv.isStatic, isInline: spec.isInline, params, locals: this.locals, body, retPtr });
  }

  // ---- statements ---------------------------------------------------------------

  // compound-stmt = (declaration | stmt)* "}"
  private compoundStmt(): Node {
    const open = this.expect('{');
    const body: Node[] = [];
    this.enterScope();
    while (!this.consume('}')) {
      if (this.tok.kind === 'eof') fail(open.pos, "expected '}' at end of input");
      if (this.isDeclarationStart()) this.localDeclaration(body);
      else body.push(this.stmt());
    }
    this.leaveScope();
    return { kind: 'block', tok: open, type: voidType, body };
  }

  private isDeclarationStart(): boolean {
    if (this.is('_Static_assert')) return true;
    if (!this.isTypeName()) return false;
    // `T:` is a label even when T names a type.
    return !(this.peek().text === ':' && this.typedefOf(this.tok));
  }

  // declaration = declspec (declarator ("=" initializer)? ("," declarator ("=" initializer)?)*)? ";"
  private localDeclaration(out: Node[]): void {
    if (this.is('_Static_assert')) { this.staticAssert(); return; }
    const start = this.tok;
    const spec = this.declspec(true);
    if (this.consume(';')) { this.checkEmptyDeclaration(spec, start); return; }
    for (;;) {
      const d = this.declarator(spec.type);
      const name = d.name;
      if (!name) fail(this.tok.pos, "expected identifier or '('");
      if (spec.isTypedef) this.defineTypedef(name, d.type);
      else if (d.type.kind === 'func' || spec.isExtern) this.localExtern(spec, d);
      else {
        const prev = this.scope.names.get(name.text);
        if (prev) fail(name.pos, `redefinition of '${name.text}'`);
        if (d.type.kind === 'void') fail(name.pos, `variable '${name.text}' declared void`);
        if (spec.isStatic) {
          const v: Var = {
            name: name.text, type: d.type, tok: name, isLocal: false, asmName: `${name.text}$${this.staticCount++}`,
            isStatic: true, isExtern: false, uses: 0, defined: true,
          };
          this.globals.push(v);
          this.scope.names.set(name.text, { var: v });
          if (this.consume('=')) v.init = this.staticInitializer(v, v.type);
          this.checkComplete(v);
        } else {
          const v = this.newLocal(name.text, d.type, name);
          // The name is visible in its own initializer (int x = sizeof x).
          this.scope.names.set(name.text, { var: v });
          if (this.is('=')) {
            const eq = this.toks[this.i++];
            appendAll(out, this.localInitializer(v, eq));
          }
          this.checkComplete(v);
        }
      }
      if (this.consume(';')) return;
      if (!this.is(',')) this.expect(';', "';' or ','");
      this.i++;
    }
  }

  private checkComplete(v: Var): void {
    const t = v.type;
    if ((isStructLike(t) && !t.members) || (t.kind === 'array' && t.len! < 0)) {
      fail(v.tok.pos, `storage size of '${v.name}' isn't known`);
    }
  }

  private localExtern(spec: DeclSpec, d: Declarator): void {
    const saveScopes = this.scopes;
    this.scopes = [this.scopes[0]];
    try {
      this.globalDeclaration(spec, d);
    } finally {
      this.scopes = saveScopes;
    }
    this.scope.names.set(d.name!.text, { var: this.scopes[0].names.get(d.name!.text)!.var! });
  }

  // stmt = "return" expr? ";" | "if" "(" expr ")" stmt ("else" stmt)?
  //      | "switch" "(" expr ")" stmt | "case" const-expr ":" stmt | "default" ":" stmt
  //      | "for" "(" (declaration | expr? ";") expr? ";" expr? ")" stmt
  //      | "while" "(" expr ")" stmt | "do" stmt "while" "(" expr ")" ";"
  //      | "goto" ident ";" | "break" ";" | "continue" ";" | ident ":" stmt
  //      | "{" compound-stmt | expr? ";"
  private stmt(): Node {
    const tok = this.tok;
    progress.pos = tok.pos;
    const node = (kind: Node['kind'], extra: Partial<Node> = {}): Node => ({ kind, tok, type: voidType, ...extra });
    if (tok.kind === 'ident') {
      switch (tok.text) {
        case 'return': {
          this.i++;
          if (this.consume(';')) return node('return');
          const e = this.expr();
          if (this.fnRet.kind === 'void') {
            if (e.type.kind !== 'void') fail(tok.pos, "'return' with a value, in function returning void");
            this.expect(';');
            return node('return', { lhs: { kind: 'cast', tok, type: voidType, lhs: e } });
          }
          const v = this.convert(e, this.fnRet, e.tok, 'returning');
          this.expect(';');
          return node('return', { lhs: v });
        }
        case 'if': {
          this.i++;
          this.expect('(');
          const cond = this.condition(tok);
          this.expect(')');
          const then = this.stmt();
          const els = this.consume('else') ? this.stmt() : undefined;
          return node('if', { cond, then, els });
        }
        case 'switch': {
          this.i++;
          this.expect('(');
          const cond = this.expr();
          if (!isInteger(this.valueType(cond))) fail(cond.tok.pos, 'switch quantity not an integer');
          this.expect(')');
          const wide = this.valueType(cond).kind === 'llong';
          const n = node('switch', { cond: wide ? cond : this.cast(cond, promote(this.valueType(cond)), tok), cases: [] });
          if (wide) this.wideCases.set(n, []);
          this.switches.push(n);
          this.breakTargets.push(n);
          n.then = this.stmt();
          this.breakTargets.pop();
          this.switches.pop();
          if (wide) this.lowerWideSwitch(n, tok);
          return n;
        }
        case 'case': {
          this.i++;
          const sw = this.switches[this.switches.length - 1];
          if (!sw) fail(tok.pos, "case label not within a switch statement");
          const wide = this.wideCases.get(sw);
          const v = wide ? this.wideCaseValue(sw.cond!.type) : this.constExpr();
          this.expect(':');
          if (wide ? wide.includes(v as bigint) : sw.cases!.some((c) => c.val === v)) fail(tok.pos, 'duplicate case value');
          const n = node('case', { val: wide ? wide.push(v as bigint) : (v as number) });
          sw.cases!.push(n);
          n.then = this.isLabelEnd() ? undefined : this.stmt();
          return n;
        }
        case 'default': {
          this.i++;
          const sw = this.switches[this.switches.length - 1];
          if (!sw) fail(tok.pos, "'default' label not within a switch statement");
          this.expect(':');
          if (sw.defaultCase) fail(tok.pos, "multiple default labels in one switch");
          const n = node('case');
          sw.defaultCase = n;
          n.then = this.isLabelEnd() ? undefined : this.stmt();
          return n;
        }
        case 'for': {
          this.i++;
          this.expect('(');
          this.enterScope();
          const n = node('for');
          const init: Node[] = [];
          if (this.isDeclarationStart()) this.localDeclaration(init);
          else if (!this.consume(';')) { init.push(node('expr', { lhs: this.expr() })); this.expect(';'); }
          n.init = { kind: 'block', tok, type: voidType, body: init };
          this.loopDepth++;
          if (!this.is(';')) n.cond = this.condition(tok);
          this.expect(';');
          if (!this.is(')')) n.inc = this.expr();
          this.expect(')');
          n.then = this.loopBody(n);
          this.loopDepth--;
          this.leaveScope();
          return n;
        }
        case 'while': {
          this.i++;
          this.expect('(');
          this.loopDepth++;
          const n = node('for', { cond: this.condition(tok) });
          this.expect(')');
          n.then = this.loopBody(n);
          this.loopDepth--;
          return n;
        }
        case 'do': {
          this.i++;
          this.loopDepth++;
          const n = node('do');
          n.then = this.loopBody(n);
          if (!this.is('while')) fail(this.tok.pos, `expected 'while' before '${this.tok.text}'`);
          this.i++;
          this.expect('(');
          n.cond = this.condition(tok);
          this.expect(')');
          this.expect(';');
          this.loopDepth--;
          return n;
        }
        case 'goto': {
          this.i++;
          const name = this.ident('a label name');
          this.expect(';');
          this.gotos.push(name);
          return node('goto', { label: name.text });
        }
        case 'break': case 'continue': {
          this.i++;
          const targets = tok.text === 'break' ? this.breakTargets : this.continueTargets;
          const target = targets[targets.length - 1];
          if (!target) fail(tok.pos, `${tok.text} statement not within ${tok.text === 'break' ? 'loop or switch' : 'a loop'}`);
          this.expect(';');
          return node(tok.text, { target });
        }
        case 'else':
          fail(tok.pos, "'else' without a previous 'if'");
      }
      if (this.peek().text === ':' && !KEYWORDS.has(tok.text)) {
        this.i += 2;
        if (this.labels.has(tok.text)) fail(tok.pos, `duplicate label '${tok.text}'`);
        this.labels.set(tok.text, tok);
        return node('label', { label: tok.text, then: this.isLabelEnd() ? undefined : this.stmt() });
      }
    }
    if (this.is('{')) return this.compoundStmt();
    if (this.consume(';')) return node('block', { body: [] });
    const e = this.expr();
    this.expect(';');
    return node('expr', { lhs: e });
  }

  /** A label right before '}' labels nothing (allowed as an extension, like gcc). */
  /** A case label of a switch on a long long: any integer constant, as the switch's type. */
  private wideCaseValue(type: Type): bigint {
    const tok = this.tok;
    const e = this.conditional();
    let v: bigint;
    if (e.llconst !== undefined) v = e.llconst;
    else if (e.kind === 'num' && isInteger(e.type)) v = BigInt(e.type.unsigned ? e.val! >>> 0 : e.val!);
    else return fail(tok.pos, 'expression is not an integer constant');
    return type.unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v);
  }

  /**
   * A switch on a long long becomes an int switch on the index of the case
   * that matches (1, 2, …; 0 for none): the value is stored once in a
   * temporary, whose two 32-bit halves are compared with each case's
   * (`lo == L1 && hi == H1 ? 1 : … : 0`), so no helper is called and the
   * int switch keeps its jump table, fall-through and default.
   */
  private lowerWideSwitch(n: Node, tok: Token): void {
    const values = this.wideCases.get(n)!;
    this.wideCases.delete(n);
    const cond = n.cond!;
    const type = this.valueType(cond);
    const tmp: Node = { kind: 'var', tok, type, var: this.newLocal('', type, tok) };
    const half = (offset: number): Node =>
      ({ kind: 'member', tok, type: uintType, lhs: tmp, member: { name: offset ? 'high' : 'low', type: uintType, offset, tok } });
    let pick = this.num(0, tok);
    for (let k = values.length - 1; k >= 0; k--) {
      const bits = BigInt.asUintN(64, values[k]);
      const low = this.compare('eq', half(0), this.num(Number(bits & 0xffffffffn), tok, uintType), tok);
      const high = this.compare('eq', half(4), this.num(Number(bits >> 32n), tok, uintType), tok);
      const both: Node = { kind: 'logand', tok, type: intType, lhs: low, rhs: high };
      pick = { kind: 'cond', tok, type: intType, cond: both, then: this.num(k + 1, tok), els: pick };
    }
    n.cond = { kind: 'comma', tok, type: intType, lhs: this.assign(tmp, cond, tok), rhs: pick };
  }

  private isLabelEnd(): boolean {
    return this.is('}');
  }

  private condition(at: Token): Node {
    const c = this.expr();
    this.checkScalar(c, at, `the condition of '${at.text}'`);
    return this.truth(c, at);
  }

  private loopBody(loop: Node): Node {
    this.breakTargets.push(loop);
    this.continueTargets.push(loop);
    const body = this.stmt();
    this.breakTargets.pop();
    this.continueTargets.pop();
    return body;
  }
}
