// The C preprocessor: tokens of a file to the tokens the parser sees.
//
// Owns directives (#include, #define, #undef, #if/#ifdef/#ifndef/#elif/#else/
// #endif, #error, #pragma, #line) and macro expansion. Expansion follows
// Prosser's algorithm: every token carries a hide set, the macros it came
// out of, and a macro never expands a token whose hide set names it, which
// is what stops recursion. Invariants: pending input is one stack of tokens
// (the top is the next token, so an expansion is pushed back in front of the
// rest); a token produced by an expansion takes the position of the macro
// name it replaced, so diagnostics point at code the user wrote; the output
// has no directives, no newlines and ends with 'eof'.

import { fail, type Pos, type SourceFile } from './diag.ts';
import { tokenize, type Token } from './lex.ts';
import { appendAll } from './append.ts';
import { evaluateCondition } from './pp_condition.ts';

export interface PreprocessOptions {
  /** -I directories, searched for both "…" and <…>. */
  includePaths?: string[];
  /** Searched last (the default is userland/include). */
  systemPaths?: string[];
  /** -D NAME[=VALUE]: value '1' when not given. */
  defines?: Record<string, string>;
  /** Returns a file's text, or undefined when it does not exist. */
  readFile(file: string): string | undefined;
}

interface Macro {
  name: string;
  /** Parameter names of a function-like macro; undefined for object-like. */
  params?: string[];
  variadic: boolean;
  body: Token[];
  /** __FILE__ and __LINE__: computed from the token being replaced. */
  builtin?: (at: Token) => Token;
}

interface Conditional {
  /** The #if that opened it (for "unterminated #if"), and its '#'. */
  tok: Token;
  hash: Token;
  /** A branch of this chain has been taken already. */
  taken: boolean;
  /** The branch being read now is live. */
  active: boolean;
  sawElse: boolean;
}

const MAX_INCLUDE_DEPTH = 200;

const tokenCache = new Map<string, { text: string; tokens: Token[] }>();

export function preprocess(file: SourceFile, options: PreprocessOptions): Token[] {
  return new Preprocessor(options).run(file);
}

class Preprocessor {
  private macros = new Map<string, Macro>();
  /** Pending input, reversed: the next token is at the end. */
  private stack: Token[] = [];
  private conditionals: Conditional[] = [];
  private onceFiles = new Set<string>();
  private includeDepth = 0;

  constructor(private options: PreprocessOptions) {}

  run(file: SourceFile): Token[] {
    this.definePredefined(file);
    this.pushFile(file);
    const out: Token[] = [];
    for (;;) {
      const tok = this.next();
      if (isIncludeEnd(tok)) { tok.onEnd(); continue; }
      if (tok.kind === 'eof') {
        const open = this.conditionals[this.conditionals.length - 1];
        if (open) fail(open.hash.pos, `unterminated #${open.tok.text}`);
        out.push(tok);
        return out;
      }
      if (tok.kind === 'punct' && tok.text === '#' && tok.bol) { this.directive(tok); continue; }
      if (this.expandMacro(tok)) continue;
      if (tok.stray) fail(tok.pos, `stray '${tok.text}' in program`);
      out.push(tok);
    }
  }

  private definePredefined(file: SourceFile): void {
    const src: SourceFile = { name: '<built-in>', text: '' };
    const at: Pos = { file: src, line: 1, col: 1 };
    const simple = (name: string, value: string) => {
      const toks = tokenize({ name: '<built-in>', text: value }).slice(0, -1);
      for (const t of toks) t.pos = at;
      this.macros.set(name, { name, variadic: false, body: toks });
    };
    simple('__hako__', '1');
    simple('__STDC__', '1');
    simple('__STDC_VERSION__', '199901L');
    simple('__STDC_HOSTED__', '1');
    simple('__CHAR_BIT__', '8');
    simple('__SIZEOF_INT__', '4');
    simple('__SIZEOF_LONG__', '4');
    simple('__SIZEOF_LONG_LONG__', '8');
    simple('__SIZEOF_POINTER__', '4');
    simple('__ILP32__', '1');
    for (const [name, value] of Object.entries(this.options.defines ?? {})) simple(name, value);
    this.macros.set('__FILE__', {
      name: '__FILE__', variadic: false, body: [],
      builtin: (t) => stringToken(this.lineMap.get(t.pos.file.name)?.name ?? t.pos.file.name, t),
    });
    this.macros.set('__LINE__', {
      name: '__LINE__', variadic: false, body: [],
      builtin: (t) => ({ kind: 'num', text: String(t.pos.line + (this.lineMap.get(t.pos.file.name)?.shift ?? 0)), pos: t.pos, bol: false, space: t.space }),
    });
    void file;
  }

  private pushFile(file: SourceFile): void {
    // Headers are read by many compilations: their tokens are kept (tokens
    // are never changed after lexing, only copied), keyed by name and text.
    let toks = tokenCache.get(file.name);
    if (!toks || toks.text !== file.text) {
      toks = { text: file.text, tokens: tokenize(file) };
      if (tokenCache.size > 500) tokenCache.clear();
      tokenCache.set(file.name, toks);
    }
    const list = toks.tokens;
    // The last token is eof: the stack's own end stands for it.
    for (let i = list.length - 2; i >= 0; i--) this.stack.push(list[i]);
  }

  private next(): Token {
    const t = this.stack.pop();
    if (t) return t;
    return { kind: 'eof', text: '', pos: this.lastPos ?? { file: { name: '<input>', text: '' }, line: 1, col: 1 }, bol: true, space: false };
  }

  private lastPos?: Pos;
  /** #pragma push_macro: the definitions saved per name (undefined: it was not defined). */
  private pushedMacros = new Map<string, (Macro | undefined)[]>();
  /** #line: per source file, what to add to a line number for __LINE__, and the name __FILE__ gives. */
  private lineMap = new Map<string, { shift: number; name?: string }>();
  /** The '#' of the directive being read: directive errors point at it. */
  private hash?: Token;

  private peek(): Token | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** The rest of a directive line (tokens up to the next one that starts a line). */
  private restOfLine(): Token[] {
    const toks: Token[] = [];
    while (this.stack.length && !this.peek()!.bol) toks.push(this.stack.pop()!);
    return toks;
  }

  private skipLine(): void {
    this.restOfLine();
  }

  // ---- directives -------------------------------------------------------

  private directive(hash: Token): void {
    this.lastPos = hash.pos;
    this.hash = hash;
    const nameTok = this.peek();
    if (!nameTok || nameTok.bol) return; // the null directive
    this.stack.pop();
    const name = nameTok.text;
    switch (name) {
      case 'include': return this.include(nameTok);
      case 'define': return this.define(nameTok);
      case 'undef': {
        const line = this.restOfLine();
        if (!line.length || line[0].kind !== 'ident') fail(nameTok.pos, 'macro name missing after #undef');
        this.macros.delete(line[0].text);
        return;
      }
      case 'if': {
        const v = this.evalCondition(nameTok, this.restOfLine());
        this.conditionals.push({ tok: nameTok, hash, taken: v, active: v, sawElse: false });
        if (!v) this.skipBranch();
        return;
      }
      case 'ifdef':
      case 'ifndef': {
        const line = this.restOfLine();
        if (!line.length || line[0].kind !== 'ident') fail(nameTok.pos, `macro name missing after #${name}`);
        const v = this.macros.has(line[0].text) === (name === 'ifdef');
        this.conditionals.push({ tok: nameTok, hash, taken: v, active: v, sawElse: false });
        if (!v) this.skipBranch();
        return;
      }
      case 'elif':
      case 'else':
      case 'endif': {
        const c = this.conditionals[this.conditionals.length - 1];
        if (!c) fail(hash.pos, `#${name} without #if`);
        if (name === 'endif') { this.restOfLine(); this.conditionals.pop(); return; }
        if (c.sawElse) fail(nameTok.pos, `#${name} after #else`);
        // We were in a live branch: everything up to #endif is skipped.
        this.restOfLine();
        if (name === 'else') c.sawElse = true;
        c.active = false;
        this.skipBranch();
        return;
      }
      case 'error': {
        const line = this.restOfLine();
        fail(hash.pos, `#error ${line.map((t, i) => (i && t.space ? ' ' : '') + t.text).join('')}`);
        return;
      }
      case 'line': return this.lineDirective(hash, nameTok, this.expandList(this.restOfLine()));
      case 'warning':
      case 'ident':
        this.skipLine();
        return;
      case 'pragma': {
        const line = this.restOfLine();
        if (line[0]?.text === 'once') this.onceFiles.add(nameTok.pos.file.name);
        // push_macro("NAME") / pop_macro("NAME") (gcc, MSVC): save and restore a definition.
        const which = line[0]?.text;
        if ((which === 'push_macro' || which === 'pop_macro') && line[1]?.text === '(' && line[2]?.kind === 'str') {
          const name = line[2].text.slice(1, -1);
          const saved = this.pushedMacros.get(name) ?? [];
          if (which === 'push_macro') {
            saved.push(this.macros.get(name));
            this.pushedMacros.set(name, saved);
          } else if (saved.length) {
            const m = saved.pop();
            if (m) this.macros.set(name, m);
            else this.macros.delete(name);
          }
        }
        return;
      }
      default:
        // `# 12 "file"`: a line marker, as #line.
        if (nameTok.kind === 'num') return this.lineDirective(hash, nameTok, [nameTok, ...this.restOfLine()]);
        fail(hash.pos, `invalid preprocessing directive #${name}`);
    }
  }

  /**
   * `#line N ["FILE"]` (operands macro-expanded): the next line is line N
   * (of FILE) for __LINE__ and __FILE__; diagnostics keep real positions.
   */
  private lineDirective(hash: Token, at: Token, line: Token[]): void {
    const n = line[0];
    if (!n || n.kind !== 'num' || !/^[0-9]+$/.test(n.text)) fail(n?.pos ?? at.pos, `"${n?.text ?? ''}" after #line is not a positive integer`);
    const name = line[1]?.kind === 'str' ? line[1].text.slice(1, -1) : this.lineMap.get(hash.pos.file.name)?.name;
    this.lineMap.set(hash.pos.file.name, { shift: Number(n.text) - (at.pos.line + 1), name });
  }

  /**
   * Skips tokens of a dead branch until the #elif/#else/#endif that ends it
   * (nested conditionals inside are skipped whole). A taken #elif or #else
   * makes its branch live and returns.
   */
  private skipBranch(): void {
    const c = this.conditionals[this.conditionals.length - 1];
    let depth = 0;
    for (;;) {
      const tok = this.stack.pop();
      if (!tok || isIncludeEnd(tok)) fail(c.hash.pos, `unterminated #${c.tok.text}`);
      if (!(tok.kind === 'punct' && tok.text === '#' && tok.bol)) continue;
      const d = this.peek();
      if (!d || d.bol) continue;
      if (d.text === 'if' || d.text === 'ifdef' || d.text === 'ifndef') { depth++; this.skipLine(); continue; }
      if (d.text === 'endif') {
        if (depth) { depth--; this.skipLine(); continue; }
        this.stack.pop();
        this.restOfLine();
        this.conditionals.pop();
        return;
      }
      if (depth) continue;
      if (d.text === 'else') {
        this.stack.pop();
        this.restOfLine();
        if (c.sawElse) fail(d.pos, '#else after #else');
        c.sawElse = true;
        if (!c.taken) { c.taken = true; c.active = true; return; }
        continue;
      }
      if (d.text === 'elif') {
        this.stack.pop();
        const line = this.restOfLine();
        if (c.sawElse) fail(d.pos, '#elif after #else');
        if (!c.taken && this.evalCondition(d, line)) { c.taken = true; c.active = true; return; }
        continue;
      }
    }
  }

  private include(at: Token): void {
    let line = this.restOfLine();
    if (line.length && line[0].kind === 'ident') line = this.expandList(line);
    let name: string;
    let quoted: boolean;
    if (line.length && line[0].kind === 'str') {
      name = line[0].text.slice(1, -1);
      quoted = true;
    } else if (line.length && line[0].text === '<') {
      const end = line.findIndex((t) => t.text === '>');
      if (end < 0) fail(line[0].pos, "missing '>' in #include");
      name = line.slice(1, end).map((t, i) => (i && t.space ? ' ' : '') + t.text).join('');
      quoted = false;
    } else {
      fail(line[0]?.pos ?? at.pos, '#include expects "FILENAME" or <FILENAME>');
    }
    const dirs = [
      ...(quoted ? [dirnameOf(at.pos.file.name)] : []),
      ...(this.options.includePaths ?? []),
      ...(this.options.systemPaths ?? []),
    ];
    for (const dir of name.startsWith('/') ? [''] : dirs) {
      const full = dir ? joinPath(dir, name) : name;
      const text = this.options.readFile(full);
      if (text === undefined) continue;
      if (this.onceFiles.has(full)) return;
      if (++this.includeDepth > MAX_INCLUDE_DEPTH) fail(at.pos, '#include nested too deeply');
      // Includes are read eagerly onto the stack, so depth counts nesting at
      // read time; an end marker pops it again.
      this.stack.push(endOfInclude(at, () => this.includeDepth--));
      this.pushFile({ name: full, text });
      return;
    }
    fail(line[0].pos, `'${name}' file not found`);
  }

  private define(at: Token): void {
    const line = this.restOfLine();
    const nameTok = line[0];
    if (!nameTok || nameTok.kind !== 'ident') fail(nameTok?.pos ?? at.pos, 'macro names must be identifiers');
    if (nameTok.text === 'defined') fail(nameTok.pos, '"defined" cannot be used as a macro name');
    let i = 1;
    if (line[1] && line[1].text === '(' && !line[1].space) {
      // Function-like: parameters up to ')'.
      const params: string[] = [];
      let variadic = false;
      i = 2;
      if (line[i]?.text === ')') i++;
      else {
        for (;;) {
          const p = line[i];
          if (!p) fail(line[i - 1].pos, "expected ')' in macro parameter list");
          if (p.text === '...') { variadic = true; i++; }
          else if (p.kind === 'ident') {
            if (params.includes(p.text)) fail(p.pos, `duplicate macro parameter '${p.text}'`);
            params.push(p.text);
            i++;
          } else fail(p.pos, 'expected a parameter name in macro parameter list');
          const sep = line[i];
          if (sep?.text === ')') { i++; break; }
          if (variadic || sep?.text !== ',') fail(sep?.pos ?? p.pos, "expected ',' or ')' in macro parameter list");
          i++;
        }
      }
      const body = line.slice(i);
      this.checkBody(body, params, variadic);
      this.macros.set(nameTok.text, { name: nameTok.text, params, variadic, body });
    } else {
      const body = line.slice(i);
      if (body.length && (body[0].text === '##' || body[body.length - 1].text === '##')) {
        fail(body[0].text === '##' ? body[0].pos : body[body.length - 1].pos, "'##' cannot appear at either end of a macro expansion");
      }
      this.macros.set(nameTok.text, { name: nameTok.text, variadic: false, body });
    }
  }

  private checkBody(body: Token[], params: string[], variadic: boolean): void {
    if (body.length && (body[0].text === '##' || body[body.length - 1].text === '##')) {
      fail(body[0].text === '##' ? body[0].pos : body[body.length - 1].pos, "'##' cannot appear at either end of a macro expansion");
    }
    for (let k = 0; k < body.length; k++) {
      if (body[k].kind === 'punct' && body[k].text === '#') {
        const p = body[k + 1];
        if (!p || !(params.includes(p.text) || (variadic && p.text === '__VA_ARGS__'))) {
          fail(body[k].pos, "'#' is not followed by a macro parameter");
        }
      }
    }
  }

  // ---- #if expressions ---------------------------------------------------

  private evalCondition(at: Token, line: Token[]): boolean {
    if (!line.length) fail({ ...at.pos, col: at.pos.col + at.text.length }, `#${at.text} with no expression`);
    // `defined X` / `defined(X)` first: their operand must not be expanded.
    const replaced: Token[] = [];
    for (let i = 0; i < line.length; i++) {
      const t = line[i];
      if (t.kind === 'ident' && t.text === 'defined') {
        let name = line[i + 1];
        let close = false;
        if (name?.text === '(') { name = line[i + 2]; close = true; }
        if (!name || name.kind !== 'ident') fail((name ?? t).pos, "macro name missing after 'defined'");
        if (close && line[i + 3]?.text !== ')') fail(name.pos, "missing ')' after 'defined'");
        i += close ? 3 : 1;
        replaced.push({ ...t, kind: 'num', text: this.macros.has(name.text) ? '1' : '0' });
      } else replaced.push(t);
    }
    const toks = this.expandList(replaced).map((t): Token => (t.kind === 'ident' ? { ...t, kind: 'num', text: '0' } : t));
    return evaluateCondition(toks, at);
  }

  // ---- macro expansion -----------------------------------------------------

  /** Macro-expands a list of tokens on their own (macro arguments, #if lines). */
  private expandList(toks: Token[]): Token[] {
    const saved = this.stack;
    this.stack = [];
    for (let i = toks.length - 1; i >= 0; i--) this.stack.push(toks[i]);
    const out: Token[] = [];
    try {
      for (;;) {
        const t = this.stack.pop();
        if (!t) break;
        if (t.kind === 'eof') continue; // an include end marker cannot be here
        if (!this.expandMacro(t)) out.push(t);
      }
    } finally {
      this.stack = saved;
    }
    return out;
  }

  /** If `tok` names a macro it may expand, pushes the expansion and returns true. */
  private expandMacro(tok: Token): boolean {
    if (tok.kind !== 'ident') return false;
    const m = this.macros.get(tok.text);
    if (!m || tok.hide?.has(m.name)) return false;
    if (m.builtin) { this.stack.push(m.builtin(tok)); return true; }
    if (!m.params) {
      const hide = new Set(tok.hide ?? []);
      hide.add(m.name);
      this.pushExpansion(this.paste(m.body), hide, tok);
      return true;
    }
    // Function-like: only a name followed by '(' is an invocation.
    if (this.peek()?.text !== '(' || this.peek()?.kind !== 'punct') return false;
    this.stack.pop();
    const { args, rparen } = this.readArgs(m, tok);
    const hide = new Set<string>();
    for (const h of tok.hide ?? []) if (rparen.hide?.has(h)) hide.add(h);
    hide.add(m.name);
    this.pushExpansion(this.substitute(m, args, tok), hide, tok);
    return true;
  }

  private pushExpansion(body: Token[], hide: Set<string>, at: Token): void {
    for (let i = body.length - 1; i >= 0; i--) {
      const t = body[i];
      let merged: ReadonlySet<string> = hide;
      if (t.hide && t.hide.size) {
        // Most body tokens carry no hide set of their own: they share `hide`.
        const m = new Set(hide);
        for (const h of t.hide) m.add(h);
        merged = m;
      }
      this.stack.push({ ...t, pos: at.pos, bol: false, space: i === 0 ? at.space : t.space, hide: merged });
    }
  }

  private readArgs(m: Macro, name: Token): { args: Token[][]; rparen: Token } {
    const args: Token[][] = [[]];
    let depth = 0;
    for (;;) {
      const t = this.stack.pop();
      if (!t || t.kind === 'eof') fail(name.pos, `unterminated argument list invoking macro '${m.name}'`);
      if (t.kind === 'punct' && t.text === '#' && t.bol) fail(t.pos, `directive inside the arguments of macro '${m.name}' is not supported`);
      if (t.kind === 'punct') {
        if (t.text === '(') depth++;
        else if (t.text === ')') {
          if (depth === 0) {
            const params = m.params!;
            const want = params.length;
            if (args.length === 1 && args[0].length === 0 && want === 0) args.pop();
            // gcc's words, at the macro's name.
            const few = (n: number) => fail(name.pos, `macro "${m.name}" requires ${want} argument${want === 1 ? '' : 's'}, but only ${n} given`);
            const many = (n: number) => fail(name.pos, `macro "${m.name}" passed ${n} arguments, but takes just ${want}`);
            if (m.variadic) {
              if (args.length < want) few(args.length);
              while (args.length < want + 1) args.push([]);
              if (args.length > want + 1) {
                // Glue the extra arguments back into __VA_ARGS__ with their commas.
                const rest = args.splice(want);
                const merged: Token[] = [];
                rest.forEach((a, k) => { if (k) merged.push(commaToken(a[0] ?? t)); appendAll(merged, a); });
                args.push(merged);
              }
            } else if (want === 0 && (args.length > 1 || args[0]?.length)) {
              many(args.length);
            } else if (args.length < want) few(args.length);
            else if (args.length > want) many(args.length);
            return { args, rparen: t };
          }
          depth--;
        } else if (t.text === ',' && depth === 0) {
          args.push([]);
          continue;
        }
      }
      args[args.length - 1].push(t);
    }
  }

  private substitute(m: Macro, args: Token[][], at: Token): Token[] {
    const params = m.params!;
    const argOf = (t: Token): Token[] | undefined => {
      if (t.kind !== 'ident') return undefined;
      if (m.variadic && t.text === '__VA_ARGS__') return args[params.length];
      const k = params.indexOf(t.text);
      return k >= 0 ? args[k] : undefined;
    };
    const expanded = new Map<Token[], Token[]>();
    const out: Token[] = [];
    const body = m.body;
    for (let i = 0; i < body.length; i++) {
      const t = body[i];
      if (t.kind === 'punct' && t.text === '#' && argOf(body[i + 1]!)) {
        out.push(stringToken(stringize(argOf(body[i + 1])!), t, t.space));
        i++;
        continue;
      }
      // GNU comma elision: `, ## __VA_ARGS__` drops the comma when empty.
      if (t.text === ',' && body[i + 1]?.text === '##' && m.variadic && body[i + 2]?.text === '__VA_ARGS__') {
        const va = args[params.length];
        if (va.length) { out.push(t); appendAll(out, va); }
        i += 2;
        continue;
      }
      const arg = argOf(t);
      if (arg) {
        const pasted = body[i + 1]?.text === '##' || body[i - 1]?.text === '##';
        if (pasted) {
          // An empty operand of ## is a placemarker: paste with nothing.
          if (!arg.length) out.push({ ...t, kind: 'punct', text: '', space: t.space });
          else arg.forEach((a, k) => out.push(k === 0 ? { ...a, space: t.space } : a));
        } else {
          let e = expanded.get(arg);
          if (!e) { e = this.expandList(arg); expanded.set(arg, e); }
          e.forEach((a, k) => out.push(k === 0 ? { ...a, space: t.space } : a));
        }
        continue;
      }
      out.push(t);
    }
    void at;
    return this.paste(out);
  }

  /** Performs the ## operators of a substituted body. */
  private paste(toks: Token[]): Token[] {
    if (!toks.some((t) => t.kind === 'punct' && t.text === '##')) return toks;
    const out: Token[] = [];
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.kind === 'punct' && t.text === '##' && out.length && i + 1 < toks.length) {
        const left = out.pop()!;
        const right = toks[++i];
        const text = left.text + right.text;
        if (text === '') { out.push({ ...left, text: '' }); continue; }
        const lexed = tokenize({ name: left.pos.file.name, text }).slice(0, -1);
        if (lexed.length !== 1) fail(left.pos, `pasting "${left.text}" and "${right.text}" does not give a valid preprocessing token`);
        out.push({ ...lexed[0], pos: left.pos, space: left.space, bol: false, hide: left.hide });
        continue;
      }
      out.push(t);
    }
    return out.filter((t) => !(t.kind === 'punct' && t.text === ''));
  }
}

interface IncludeEnd extends Token {
  onEnd(): void;
}

function isIncludeEnd(t: Token): t is IncludeEnd {
  return t.kind === 'eof' && t.text === '<end of include>';
}

/** A marker pushed under an included file's tokens: popping it ends the include. */
function endOfInclude(at: Token, onEnd: () => void): IncludeEnd {
  return { kind: 'eof', text: '<end of include>', pos: at.pos, bol: true, space: false, onEnd };
}

function commaToken(at: Token): Token {
  return { kind: 'punct', text: ',', pos: at.pos, bol: false, space: false };
}

/** The spelling of a token list as # makes it: one space where there was any. */
function stringize(toks: Token[]): string {
  return toks.map((t, i) => (i && t.space ? ' ' : '') + t.text).join('');
}

/** A string-literal token whose contents are `s`. */
function stringToken(s: string, at: Token, space = at.space): Token {
  const quoted = '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
  const bytes = [...new TextEncoder().encode(s)];
  return { kind: 'str', text: quoted, pos: at.pos, bol: false, space, bytes };
}


// Include paths are joined here rather than with node:path so the preprocessor
// also runs in the browser (the page's editor compiles in a worker).

/** The directory part of a '/'-separated path ('.' when there is none), as POSIX dirname. */
export function dirnameOf(file: string): string {
  const cut = file.replace(/\/+$/, '').lastIndexOf('/');
  if (cut < 0) return '.';
  return cut === 0 ? '/' : file.slice(0, cut);
}

/** dir + '/' + name with '.' and '..' components resolved, as path.posix.join. */
export function joinPath(dir: string, name: string): string {
  const absolute = dir.startsWith('/');
  const out: string[] = [];
  for (const part of `${dir}/${name}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  const joined = (absolute ? '/' : '') + out.join('/');
  return joined || '.';
}
