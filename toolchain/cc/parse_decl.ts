// Declarations' types: specifiers, declarators, struct/union/enum bodies.
//
// Owns declaration specifiers (type words, qualifiers, storage classes,
// typedef names, gcc's __attribute__), declarators (including nested ones
// like `int (*fp)(int)` and parameter lists), struct and union bodies with
// their bit-fields (laid out by types.ts), and enum bodies. Each parse
// function has its grammar rule in a comment above it. Invariants: a
// struct, union or enum tag names one shared Type per scope, completed in
// place when its body is read; what a declaration means for symbols
// (globals, locals, functions) is parse.ts's.

import { fail } from './diag.ts';
import type { Token } from './lex.ts';
import { KEYWORDS } from './parse_expr.ts';
import { InitParser } from './parse_init.ts';
import {
  arrayOf, boolType, charType, enumType, funcType, intType, isInteger, isStructLike, layoutStruct, llongType, longType,
  pointerTo, qualified, shortType, structType, typeName, uintType, ullongType, ulongType, ucharType, ushortType,
  voidType, type MemberDecl, type Type,
} from './types.ts';

export interface DeclSpec {
  type: Type;
  isTypedef: boolean;
  isStatic: boolean;
  isExtern: boolean;
  isInline?: boolean;
}

export interface Declarator {
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

export abstract class DeclParser extends InitParser {
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
  protected declspec(allowStorage: boolean): DeclSpec {
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

  protected basicType(counts: Record<string, number>, at: Token): Type {
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
  protected skipAttribute(): string[] {
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
  protected structDecl(kind: 'struct' | 'union', at: Token): Type {
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
  protected bitfieldDecl(d: Declarator, members: MemberDecl[]): MemberDecl {
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
  protected enumDecl(at: Token): Type {
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
  protected declarator(base: Type): Declarator {
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

  protected isNestedDeclarator(): boolean {
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
  protected typeSuffix(t: Type, name?: Token): { type: Type; paramNames?: (Token | undefined)[] } {
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
  protected funcParams(ret: Type): { type: Type; paramNames: (Token | undefined)[] } {
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
}
