// The declaration and statement half of the C parser: tokens to a Program.
//
// Owns declaration specifiers, declarators (including nested ones like
// `int (*fp)(int)`), struct/union/enum bodies, typedefs, statements, function
// definitions and the symbol rules between declarations of the same name.
// Initializers live in parse_init.ts, expressions in parse_expr.ts. Each
// parse function has its grammar rule in a comment above it. Invariants:
// names resolve in the innermost scope; every use of a global refers to one
// shared Var however often it is redeclared; a function body is checked
// completely (labels, break/continue targets, returns) before it is kept.

import type { Fn, Node, Program, Var } from './ast.ts';
import { fail, progress } from './diag.ts';
import type { Token } from './lex.ts';
import { KEYWORDS } from './parse_expr.ts';
import { InitParser } from './parse_init.ts';
import {
  arrayOf, charType, enumType, funcType, intType, isInteger, isMemoryValue, isStructLike, layoutStruct, llongType, longType, ullongType,
  pointerTo, promote, qualified, sameType, shortType, structType, typeName, uintType, ulongType, ucharType,
  ushortType, voidType, boolType, type MemberDecl, type Type,
} from './types.ts';
import { appendAll } from './append.ts';

interface DeclSpec {
  type: Type;
  isTypedef: boolean;
  isStatic: boolean;
  isExtern: boolean;
  isInline?: boolean;
}

interface Declarator {
  type: Type;
  name?: Token;
  /** Function declarators: the parameter names (for a definition). */
  paramNames?: (Token | undefined)[];
}

const TYPE_WORDS = new Set([
  'void', 'char', 'short', 'int', 'long', 'signed', 'unsigned', 'struct', 'union', 'enum', 'typedef', 'static',
  'extern', 'const', 'volatile', 'auto', 'register', 'inline', '__inline', '__inline__', 'restrict', '__restrict',
  '__restrict__', 'float', 'double', '_Bool', '_Noreturn', '__attribute__', '__const', '_Complex', '_Thread_local',
  '_Alignas', '__builtin_va_list',
]);

export function parse(tokens: Token[]): Program {
  return new Parser(tokens).program();
}

class Parser extends InitParser {
  private functions: Fn[] = [];
  private breakTargets: Node[] = [];
  private continueTargets: Node[] = [];
  private switches: Node[] = [];
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
      while (this.tok.kind === 'str') msg += Buffer.from(this.toks[this.i++].bytes!).toString();
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
    if (isMemoryValue(this.fnRet)) {
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

  // ---- declaration specifiers ---------------------------------------------

  protected isTypeName(): boolean {
    const t = this.tok;
    if (t.kind !== 'ident') return false;
    if (TYPE_WORDS.has(t.text)) return true;
    return !KEYWORDS.has(t.text) && !!this.typedefOf(t);
  }

  // declspec = ("void" | "char" | "short" | "int" | "long" | "signed" | "unsigned"
  //            | struct-decl | union-decl | enum-decl | typedef-name
  //            | "typedef" | "static" | "extern" | "const" | "volatile" | ...)+
  private declspec(allowStorage: boolean): DeclSpec {
    const counts: Record<string, number> = {};
    let base: Type | undefined;
    let isConst = false;
    let isVolatile = false;
    const spec: DeclSpec = { type: intType, isTypedef: false, isStatic: false, isExtern: false };
    const start = this.tok;
    let any = false;
    for (;;) {
      const t = this.tok;
      if (t.kind !== 'ident') break;
      const w = t.text;
      if (w === 'typedef' || w === 'static' || w === 'extern' || w === 'auto' || w === 'register' || w === '_Thread_local') {
        if (!allowStorage) fail(t.pos, `storage class '${w}' is not allowed here`);
        this.i++;
        if (w === 'typedef') spec.isTypedef = true;
        else if (w === 'static') spec.isStatic = true;
        else if (w === 'extern') spec.isExtern = true;
        any = true;
        continue;
      }
      if (w === 'const' || w === '__const') { this.i++; isConst = true; any = true; continue; }
      if (w === 'volatile' || w === '__volatile__') { this.i++; isVolatile = true; any = true; continue; }
      if (w === 'inline' || w === '__inline' || w === '__inline__') spec.isInline = true;
      if (['inline', '__inline', '__inline__', 'restrict', '__restrict', '__restrict__', '_Noreturn'].includes(w)) { this.i++; continue; }
      if (w === '__attribute__') { this.skipAttribute(); continue; }
      if (w === 'float' || w === 'double' || w === '_Complex') fail(t.pos, `'${w}': floating point is not supported (Hako has no floating point yet)`);
      if (w === '_Alignas') fail(t.pos, "'_Alignas' is not supported");
      if (w === 'struct' || w === 'union' || w === 'enum' || w === '__builtin_va_list' || w === '_Bool' || (!KEYWORDS.has(w) && this.typedefOf(t) && !base && !Object.keys(counts).length)) {
        if (base || Object.keys(counts).length) fail(t.pos, 'two or more data types in declaration specifiers');
        this.i++;
        if (w === 'struct' || w === 'union') base = this.structDecl(w, t);
        else if (w === 'enum') base = this.enumDecl(t);
        else if (w === '__builtin_va_list') base = pointerTo(charType);
        else if (w === '_Bool') base = boolType;
        else base = this.typedefOf(t)!;
        any = true;
        continue;
      }
      if (['void', 'char', 'short', 'int', 'long', 'signed', 'unsigned'].includes(w)) {
        if (base) fail(t.pos, 'two or more data types in declaration specifiers');
        this.i++;
        counts[w] = (counts[w] ?? 0) + 1;
        this.basicType(counts, t); // reports a bad combination at the word that made it
        any = true;
        continue;
      }
      break;
    }
    if (!any) fail(start.pos, `unknown type name '${start.text}'`);
    if (!base) base = this.basicType(counts, start);
    spec.type = qualified(base, isConst, isVolatile);
    return spec;
  }

  private basicType(counts: Record<string, number>, at: Token): Type {
    if ((counts.long ?? 0) > 2) fail(at.pos, "'long long long' is too long");
    const longLong = counts.long === 2;
    const c = { ...counts };
    if (longLong) delete c.long;
    const n = (k: string) => c[k] ?? 0;
    if (n('signed') && n('unsigned')) fail(at.pos, "both 'signed' and 'unsigned' in declaration specifiers");
    const sizes = n('void') + n('char') + n('short') + n('long') + (longLong ? 1 : 0);
    if (sizes > 1 || n('void') && (n('int') || n('signed') || n('unsigned')) || n('char') && n('int')) {
      fail(at.pos, 'two or more data types in declaration specifiers');
    }
    for (const k of Object.keys(c)) if (c[k] > 1) fail(at.pos, `duplicate '${k}'`);
    const u = n('unsigned') > 0;
    if (n('void')) return voidType;
    if (n('char')) return u ? ucharType : charType;
    if (n('short')) return u ? ushortType : shortType;
    if (longLong) return u ? ullongType : llongType;
    if (n('long')) return u ? ulongType : longType;
    if (Object.keys(c).length === 0) return intType; // only qualifiers/storage: implicit int
    return u ? uintType : intType;
  }

  /** Skips `__attribute__((…))`; returns the words inside (`packed` for `__packed__`). */
  private skipAttribute(): string[] {
    this.i++;
    this.expect('(');
    let depth = 1;
    const words: string[] = [];
    while (depth > 0) {
      if (this.tok.kind === 'eof') fail(this.tok.pos, 'unterminated __attribute__');
      if (this.is('(')) depth++;
      else if (this.is(')')) depth--;
      else if (this.tok.kind === 'ident') words.push(this.tok.text.replace(/^__(.*)__$/, '$1'));
      this.i++;
    }
    return words;
  }

  // struct-decl = ident? ("{" (declspec declarator ("," declarator)* ";")* "}")?
  private structDecl(kind: 'struct' | 'union', at: Token): Type {
    let tag: Token | undefined;
    let packed = false;
    while (this.is('__attribute__')) packed = this.skipAttribute().includes('packed') || packed;
    if (this.tok.kind === 'ident' && !KEYWORDS.has(this.tok.text)) tag = this.toks[this.i++];
    if (!tag && !this.is('{')) fail(this.tok.pos, `expected '{' or a tag name after '${kind}'`);
    if (!this.is('{')) {
      const found = this.lookupTag(tag!.text);
      if (found) {
        if (found.kind !== kind) fail(tag!.pos, `'${tag!.text}' defined as wrong kind of tag`);
        return found;
      }
      const t = structType(kind, tag!.text);
      this.scope.tags.set(tag!.text, t);
      return t;
    }
    const open = this.toks[this.i++];
    let t: Type;
    const here = tag ? this.scope.tags.get(tag.text) : undefined;
    if (here) {
      if (here.kind !== kind) fail(tag!.pos, `'${tag!.text}' defined as wrong kind of tag`);
      if (here.members) fail(tag!.pos, `redefinition of '${kind} ${tag!.text}'`);
      t = here;
    } else {
      t = structType(kind, tag?.text);
      if (tag) this.scope.tags.set(tag.text, t);
    }
    const members: MemberDecl[] = [];
    while (!this.consume('}')) {
      if (this.tok.kind === 'eof') fail(open.pos, `expected '}' to close the ${kind} body`);
      const spec = this.declspec(false);
      if (this.consume(';')) {
        // An anonymous struct or union member.
        if (isStructLike(spec.type) && !spec.type.tag) members.push({ name: '', type: spec.type });
        continue;
      }
      for (;;) {
        const d = this.declarator(spec.type);
        if (this.is(':')) {
          members.push(this.bitfieldDecl(d, members));
          if (this.consume(';')) break;
          if (!this.is(',')) this.expect(';', "';', ',' or '}'");
          this.i++;
          continue;
        }
        if (!d.name) fail(this.tok.pos, 'expected a member name');
        const mt = d.type;
        if (mt.kind === 'func') fail(d.name.pos, `field '${d.name.text}' declared as a function`);
        const flexible = mt.kind === 'array' && mt.len! < 0 && this.is(';') && this.peek().text === '}';
        if (!flexible && (mt.kind === 'void' || (isStructLike(mt) && !mt.members) || (mt.kind === 'array' && mt.len! < 0))) {
          fail(d.name.pos, `field '${d.name.text}' has incomplete type`);
        }
        if (members.some((m) => m.name === d.name!.text)) fail(d.name.pos, `duplicate member '${d.name.text}'`);
        members.push({ name: d.name.text, type: mt, tok: d.name });
        if (this.consume(';')) break;
        if (!this.is(',')) this.expect(';', "';', ',' or '}'");
        this.i++;
      }
    }
    void at;
    while (this.is('__attribute__')) packed = this.skipAttribute().includes('packed') || packed;
    if (packed && members.some((m) => m.bits !== undefined)) fail(open.pos, `packed ${kind}s with bit-fields are not supported`);
    layoutStruct(t, members, packed);
    return t;
  }

  // bit-field = declarator? ":" const-expr
  private bitfieldDecl(d: Declarator, members: MemberDecl[]): MemberDecl {
    const colon = this.toks[this.i++];
    const bits = this.constExpr();
    const t = d.type;
    const what = d.name ? `'${d.name.text}'` : '<anonymous>';
    const at = d.name ?? colon;
    if (!isInteger(t)) fail(at.pos, `bit-field ${what} has invalid type '${typeName(t)}'`);
    if (t.kind === 'llong') fail(at.pos, 'long long bit-fields are not supported (use a 32-bit type)');
    if (bits < 0) fail(at.pos, `negative width in bit-field ${what}`);
    const max = t.isBool ? 1 : t.size * 8;
    if (bits > max) fail(at.pos, `width of ${what} exceeds its type`);
    if (bits === 0 && d.name) fail(at.pos, `zero width for bit-field ${what}`);
    if (d.name && members.some((m) => m.name === d.name!.text)) fail(d.name.pos, `duplicate member '${d.name.text}'`);
    return { name: d.name?.text ?? '', type: t, tok: d.name, bits };
  }

  // enum-decl = ident? ("{" ident ("=" const-expr)? ("," ident ("=" const-expr)?)* ","? "}")?
  private enumDecl(at: Token): Type {
    let tag: Token | undefined;
    if (this.tok.kind === 'ident' && !KEYWORDS.has(this.tok.text)) tag = this.toks[this.i++];
    if (!tag && !this.is('{')) fail(this.tok.pos, "expected '{' or a tag name after 'enum'");
    if (!this.is('{')) {
      const found = this.lookupTag(tag!.text);
      if (found) {
        if (found.kind !== 'enum') fail(tag!.pos, `'${tag!.text}' defined as wrong kind of tag`);
        return found;
      }
      const t = enumType(tag!.text);
      this.scope.tags.set(tag!.text, t);
      return t;
    }
    this.i++;
    const t = enumType(tag?.text);
    if (tag) {
      const here = this.scope.tags.get(tag.text);
      if (here?.members) fail(tag.pos, `redefinition of 'enum ${tag.text}'`);
      this.scope.tags.set(tag.text, t);
    }
    let value = 0;
    while (!this.consume('}')) {
      const name = this.ident('an enumerator name');
      if (this.consume('=')) value = this.constExpr();
      const prev = this.scope.names.get(name.text);
      if (prev) fail(name.pos, `redeclaration of '${name.text}'`);
      this.scope.names.set(name.text, { enumValue: value });
      if (value < 0) t.hasNegative = true;
      value = (value + 1) | 0;
      if (this.consume('}')) break;
      this.expect(',', "',' or '}'");
    }
    t.members = [];
    void at;
    return t;
  }

  // ---- declarators ------------------------------------------------------------

  // declarator = ("*" ("const" | "volatile" | "restrict")*)* ("(" declarator ")" | ident?) type-suffix
  private declarator(base: Type): Declarator {
    let t = base;
    while (this.consume('*')) {
      t = pointerTo(t);
      for (;;) {
        if (this.is('const') || this.is('__const')) { this.i++; t = qualified(t, true, false); }
        else if (this.is('volatile')) { this.i++; t = qualified(t, false, true); }
        else if (this.is('restrict') || this.is('__restrict') || this.is('__restrict__')) this.i++;
        else if (this.is('__attribute__')) this.skipAttribute();
        else break;
      }
    }
    if (this.is('(') && this.isNestedDeclarator()) {
      // `(declarator) suffix`: the suffix applies first, so parse the inner
      // declarator twice — once to skip it, once with the real type.
      const start = this.i;
      this.i++;
      while (this.is('__attribute__')) this.skipAttribute();
      this.declarator(intType);
      this.expect(')');
      const suffixed = this.typeSuffix(t);
      const end = this.i;
      this.i = start + 1;
      while (this.is('__attribute__')) this.skipAttribute();
      const inner = this.declarator(suffixed.type);
      this.expect(')');
      this.i = end;
      // `int (f)(int a)` declares f with the suffix's parameter names.
      return { ...inner, paramNames: inner.paramNames ?? suffixed.paramNames };
    }
    let name: Token | undefined;
    if (this.tok.kind === 'ident' && !KEYWORDS.has(this.tok.text)) name = this.toks[this.i++];
    while (this.is('__attribute__') || this.is('__asm__') || this.is('asm')) {
      if (this.is('__attribute__')) this.skipAttribute();
      else { this.i++; this.expect('('); while (this.tok.kind === 'str') this.i++; this.expect(')'); }
    }
    const s = this.typeSuffix(t, name);
    // `void f(void) __attribute__((noreturn))`: attributes after the declarator.
    while (this.is('__attribute__')) this.skipAttribute();
    return { type: s.type, name, paramNames: s.paramNames };
  }

  private isNestedDeclarator(): boolean {
    let k = 1;
    // `(__attribute__((x)) *p)`: look past attributes.
    while (this.peek(k).text === '__attribute__' && this.peek(k + 1).text === '(') {
      let depth = 0;
      k++;
      do {
        if (this.peek(k).kind === 'eof') return false;
        if (this.peek(k).text === '(') depth++;
        else if (this.peek(k).text === ')') depth--;
        k++;
      } while (depth > 0);
    }
    const n = this.peek(k);
    if (n.kind === 'punct') return n.text === '*' || n.text === '(' || n.text === '[';
    if (n.kind === 'ident') return !TYPE_WORDS.has(n.text) && !this.typedefOf(n);
    return false;
  }

  // type-suffix = "(" func-params | "[" const-expr? "]" type-suffix | ε
  private typeSuffix(t: Type, name?: Token): { type: Type; paramNames?: (Token | undefined)[] } {
    if (this.is('(')) {
      const open = this.toks[this.i++];
      if (t.kind === 'func') fail(open.pos, 'function returning a function');
      if (t.kind === 'array') fail(open.pos, 'function returning an array');
      return this.funcParams(t);
    }
    if (this.is('[')) {
      const open = this.toks[this.i++];
      let len = -1;
      // A parameter's `[static 5]`, `[const 5]`, `[restrict *]`: the qualifiers
      // apply to the pointer it becomes, and `static` only promises a size.
      while (['static', 'const', '__const', 'volatile', 'restrict', '__restrict', '__restrict__'].some((w) => this.is(w))) this.i++;
      if (this.is('*') && this.peek().text === ']') this.i++;
      else if (!this.is(']')) {
        const sizeTok = this.tok;
        len = this.constExpr();
        if (len < 0) fail(sizeTok.pos, 'size of array is negative');
      }
      this.expect(']');
      const inner = this.typeSuffix(t, name).type;
      const what = name ? `declaration of '${name.text}' as` : 'declaration of an';
      if (inner.kind === 'func') fail((name ?? open).pos, `${what} array of functions`);
      if (inner.kind === 'void') fail((name ?? open).pos, `${what} array of voids`);
      if (inner.kind === 'array' && inner.len! < 0) fail(open.pos, 'array type has incomplete element type');
      if (isStructLike(inner) && !inner.members) fail(open.pos, `array type has incomplete element type '${typeName(inner)}'`);
      return { type: arrayOf(inner, len) };
    }
    return { type: t };
  }

  // func-params = ("void" | param ("," param)* ("," "...")?)? ")"
  // param = declspec declarator
  private funcParams(ret: Type): { type: Type; paramNames: (Token | undefined)[] } {
    if (this.consume(')')) return { type: funcType(ret, [], false, true), paramNames: [] };
    if (this.is('void') && this.peek().text === ')') {
      this.i += 2;
      return { type: funcType(ret, [], false), paramNames: [] };
    }
    const params: Type[] = [];
    const names: (Token | undefined)[] = [];
    let variadic = false;
    for (;;) {
      if (this.consume('...')) { variadic = true; this.expect(')'); break; }
      if (!this.isTypeName()) {
        if (this.tok.kind === 'ident' && !KEYWORDS.has(this.tok.text)) fail(this.tok.pos, `unknown type name '${this.tok.text}'`);
        fail(this.tok.pos, `expected a parameter declaration before '${this.tok.text}'`);
      }
      const spec = this.declspec(true);
      const d = this.declarator(spec.type);
      let pt = d.type;
      if (pt.kind === 'void') fail(d.name?.pos ?? this.tok.pos, "'void' must be the only parameter");
      if (pt.kind === 'array') pt = pointerTo(pt.base!);
      else if (pt.kind === 'func') pt = pointerTo(pt);
      params.push(pt);
      names.push(d.name);
      if (this.consume(')')) break;
      this.expect(',', "',' or ')'");
    }
    return { type: funcType(ret, params, variadic), paramNames: names };
  }

  // type-name = declspec abstract-declarator
  protected typeName(): Type {
    const spec = this.declspec(false);
    return this.declarator(spec.type).type;
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
          if (this.valueType(cond).kind === 'llong') fail(cond.tok.pos, 'switch on a long long is not supported (cast it to int or long)');
          this.expect(')');
          const n = node('switch', { cond: this.cast(cond, promote(this.valueType(cond)), tok), cases: [] });
          this.switches.push(n);
          this.breakTargets.push(n);
          n.then = this.stmt();
          this.breakTargets.pop();
          this.switches.pop();
          return n;
        }
        case 'case': {
          this.i++;
          const sw = this.switches[this.switches.length - 1];
          if (!sw) fail(tok.pos, "case label not within a switch statement");
          const v = this.constExpr();
          this.expect(':');
          if (sw.cases!.some((c) => c.val === v)) fail(tok.pos, 'duplicate case value');
          const n = node('case', { val: v });
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
