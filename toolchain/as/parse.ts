// Turns source lines into statements: labels, directives, data and
// instructions with parsed operands. Purely syntactic — no addresses are
// known here — but it already resolves local-label scope (`.x` belongs to
// the last non-local label) by rewriting names to `parent.x`.
//
// Invariants: every statement keeps its 1-based line and the columns of its
// parts; a line with an error yields a Diagnostic and no statement; register
// names are recognised case-insensitively and never become symbols, unless
// written `$name` (see asmSymbol).

import { CONTROL_REGISTERS, REGISTERS } from '../../isa/table.ts';
import { AsmError, ExprParser, renameSymbols, type Expr } from './expr.ts';
import { LexError, tokenize, type Token } from './lexer.ts';

export type MemSize = 1 | 2 | 4 | 0;

export type ParsedOperand =
  | { k: 'reg'; reg: number; col: number }
  | { k: 'cr'; reg: number; col: number }
  | { k: 'imm'; expr: Expr; size: MemSize; col: number }
  | { k: 'mem'; size: MemSize; base: number; index: number; scale: number; disp: Expr | null; col: number };

export type StatementBody =
  | { k: 'label'; name: string; local: boolean }
  | { k: 'equ'; name: string; expr: Expr }
  | { k: 'section'; name: string }
  | { k: 'global' | 'extern'; names: { name: string; col: number }[] }
  | { k: 'data'; width: 1 | 2 | 4; items: ({ expr: Expr } | { bytes: number[]; col: number })[] }
  | { k: 'res'; width: 1 | 2 | 4; count: Expr }
  | { k: 'align'; n: Expr }
  | { k: 'file'; name: string }
  | { k: 'loc'; srcLine: number }
  | { k: 'instr'; mnemonic: string; operands: ParsedOperand[] };

export type Statement = StatementBody & { line: number; col: number; times?: Expr };

const REGISTER_NUMBER = new Map<string, number>(REGISTERS.map((r, i) => [r, i]));
const CONTROL_NUMBER = new Map<string, number>(Object.entries(CONTROL_REGISTERS).map(([n, name]) => [name, Number(n)]));
const X86_NARROW = /^(al|ah|bl|bh|cl|ch|dl|dh|ax|bx|cx|dx|si|di|sp|bp|sil|dil|spl|bpl)$/;
const SIZE_WORDS: Record<string, MemSize> = { byte: 1, word: 2, dword: 4 };
const DATA_WIDTH: Record<string, 1 | 2 | 4> = { db: 1, dw: 2, dd: 4 };
const RES_WIDTH: Record<string, 1 | 2 | 4> = { resb: 1, resw: 2, resd: 4 };

export function registerNumber(name: string): number | undefined {
  return REGISTER_NUMBER.get(name.toLowerCase());
}

/** A clear error for names that look like registers Hako does not have; undefined if the name is not register-like. */
export function badRegisterMessage(name: string): string | undefined {
  const n = name.toLowerCase();
  if (X86_NARROW.test(n)) return `bad register '${name}': Hako has only the 32-bit registers ${REGISTERS.join(' ')}`;
  if (/^cr[0-9]+$/.test(n) && !CONTROL_NUMBER.has(n)) return `bad register '${name}': the control registers are cr0, cr2 and cr3`;
  return undefined;
}

/** A reserved word: a register (or one Hako lacks), a size, `ptr` or `equ`. */
function isReserved(name: string): boolean {
  const n = name.toLowerCase();
  return REGISTER_NUMBER.has(n) || CONTROL_NUMBER.has(n) || badRegisterMessage(n) !== undefined ||
    n in SIZE_WORDS || n === 'ptr' || n === 'equ';
}

/**
 * How a symbol is written in assembly: `$name` when the name is also a
 * reserved word (a C global called `sp`, `eax` or `dword`), else as is.
 * The symbol table holds the plain name either way.
 */
export function asmSymbol(name: string): string {
  return isReserved(name) ? '$' + name : name;
}

class LineParser {
  pos = 0;
  constructor(readonly tokens: Token[], readonly endCol: number) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  next(): Token {
    const t = this.tokens[this.pos];
    if (!t) throw new AsmError('unexpected end of line', this.endCol);
    this.pos++;
    return t;
  }

  expr(): Expr {
    const p = new ExprParser(this.tokens, this.pos, this.endCol);
    const e = p.parse();
    this.pos = p.pos;
    return e;
  }

  expectEnd(): void {
    const t = this.peek();
    if (t) throw new AsmError(`unexpected '${t.text}'`, t.col);
  }

  isPunct(text: string): boolean {
    const t = this.peek();
    return !!t && t.kind === 'punct' && t.text === text;
  }
}

interface Scoped {
  statements: Statement[];
}

export interface ParseResult {
  statements: Statement[];
  errors: { line: number; col: number; message: string }[];
}

export function parseSource(source: string): ParseResult {
  const lines = source.split('\n');
  const statements: Statement[] = [];
  const errors: ParseResult['errors'] = [];
  let scope = '';
  const scoped = (name: string): string => (name.startsWith('.') && !name.startsWith('..') ? scope + name : name);
  lines.forEach((text, i) => {
    const lineNo = i + 1;
    try {
      const out: Scoped = { statements: [] };
      parseLine(text.replace(/\r$/, ''), lineNo, out);
      for (const st of out.statements) {
        if (st.k === 'label') {
          if (!st.local) scope = st.name;
          else st.name = scoped(st.name);
        }
        renameIn(st, scoped);
        statements.push(st);
      }
    } catch (e) {
      if (e instanceof AsmError || e instanceof LexError) errors.push({ line: lineNo, col: e.col, message: e.message });
      else throw e;
    }
  });
  return { statements, errors };
}

function renameIn(st: Statement, rename: (n: string) => string): void {
  if (st.times) renameSymbols(st.times, rename);
  switch (st.k) {
    case 'equ': renameSymbols(st.expr, rename); break;
    case 'data': for (const it of st.items) if ('expr' in it) renameSymbols(it.expr, rename); break;
    case 'res': renameSymbols(st.count, rename); break;
    case 'align': renameSymbols(st.n, rename); break;
    case 'global': case 'extern': for (const n of st.names) n.name = rename(n.name); break;
    case 'instr':
      for (const op of st.operands) {
        if (op.k === 'imm') renameSymbols(op.expr, rename);
        else if (op.k === 'mem' && op.disp) renameSymbols(op.disp, rename);
      }
      break;
    default: break;
  }
}

function parseLine(text: string, line: number, out: Scoped): void {
  const tokens = tokenize(text);
  const p = new LineParser(tokens, text.length + 1);
  if (p.atEnd()) return;
  const first = p.peek()!;
  // label:
  if (first.kind === 'ident' && p.peek(1)?.text === ':' && p.peek(1)?.kind === 'punct') {
    checkSymbolName(first);
    p.pos += 2;
    const t = p.peek();
    if (t && t.kind === 'ident' && !t.escaped && t.text.toLowerCase() === 'equ') {
      p.pos++;
      const expr = p.expr();
      p.expectEnd();
      out.statements.push({ k: 'equ', name: first.text, expr, line, col: first.col });
      return;
    }
    out.statements.push({ k: 'label', name: first.text, local: first.text.startsWith('.'), line, col: first.col });
    if (p.atEnd()) return;
  } else if (first.kind === 'ident' && p.peek(1)?.kind === 'ident' && !p.peek(1)!.escaped && p.peek(1)!.text.toLowerCase() === 'equ') {
    checkSymbolName(first);
    p.pos += 2;
    const expr = p.expr();
    p.expectEnd();
    out.statements.push({ k: 'equ', name: first.text, expr, line, col: first.col });
    return;
  }
  const st = parseBody(p, line);
  if (st) out.statements.push(st);
}

function checkSymbolName(t: Token): void {
  if (!t.escaped && (registerNumber(t.text) !== undefined || CONTROL_NUMBER.has(t.text.toLowerCase()))) {
    throw new AsmError(`'${t.text}' is a register and cannot be a label`, t.col);
  }
  if (/^\.+$/.test(t.text)) throw new AsmError(`bad label name '${t.text}'`, t.col);
}

function parseBody(p: LineParser, line: number): Statement | undefined {
  const word = p.next();
  if (word.kind !== 'ident' || word.escaped) throw new AsmError(`expected a mnemonic or directive, found '${word.escaped ? '$' : ''}${word.text}'`, word.col);
  const lower = word.text.toLowerCase();
  const col = word.col;

  if (lower === 'times') {
    const times = p.expr();
    if (p.atEnd()) throw new AsmError('times needs a line to repeat', p.endCol);
    const inner = parseBody(p, line);
    if (!inner) throw new AsmError('times needs a line to repeat', col);
    if (inner.times) throw new AsmError('times cannot be nested', inner.col);
    if (inner.k !== 'data' && inner.k !== 'instr' && inner.k !== 'res' && inner.k !== 'align') {
      throw new AsmError(`times can repeat only data, reservations, align and instructions`, inner.col);
    }
    return { ...inner, times };
  }
  if (lower === 'section' || lower === 'segment') {
    const name = p.next();
    if (name.kind !== 'ident') throw new AsmError('expected a section name', name.col);
    p.expectEnd();
    return { k: 'section', name: name.text, line, col };
  }
  if (lower === 'global' || lower === 'extern') {
    const names: { name: string; col: number }[] = [];
    do {
      const t = p.next();
      if (t.kind !== 'ident') throw new AsmError('expected a symbol name', t.col);
      checkSymbolName(t);
      names.push({ name: t.text, col: t.col });
    } while (p.isPunct(',') && p.next());
    p.expectEnd();
    return { k: lower, names, line, col };
  }
  if (lower in DATA_WIDTH) {
    const width = DATA_WIDTH[lower];
    const items: ({ expr: Expr } | { bytes: number[]; col: number })[] = [];
    do {
      const t = p.peek();
      if (t && t.kind === 'str') {
        if (width !== 1) throw new AsmError(`strings are allowed only in db, not ${lower}`, t.col);
        p.pos++;
        items.push({ bytes: t.bytes!, col: t.col });
      } else {
        items.push({ expr: p.expr() });
      }
    } while (p.isPunct(',') && p.next());
    p.expectEnd();
    return { k: 'data', width, items, line, col };
  }
  if (lower in RES_WIDTH) {
    const count = p.expr();
    p.expectEnd();
    return { k: 'res', width: RES_WIDTH[lower], count, line, col };
  }
  if (lower === 'align') {
    const n = p.expr();
    p.expectEnd();
    return { k: 'align', n, line, col };
  }
  if (lower === '.file') {
    const t = p.next();
    if (t.kind !== 'str') throw new AsmError('.file needs a quoted file name', t.col);
    p.expectEnd();
    return { k: 'file', name: new TextDecoder().decode(Uint8Array.from(t.bytes!)), line, col };
  }
  if (lower === '.loc') {
    const nums: number[] = [];
    while (!p.atEnd()) {
      const t = p.next();
      if (t.kind !== 'num') throw new AsmError('.loc needs line numbers', t.col);
      nums.push(Number(t.value));
    }
    if (nums.length === 0) throw new AsmError('.loc needs a line number', p.endCol);
    return { k: 'loc', srcLine: nums[0], line, col };
  }
  if (lower.startsWith('.')) throw new AsmError(`unknown directive '${word.text}'`, col);

  let mnemonic = lower;
  if (lower === 'rep') {
    const t = p.next();
    if (t.kind !== 'ident') throw new AsmError('rep needs a string instruction', t.col);
    mnemonic = `rep ${t.text.toLowerCase()}`;
  }
  const operands: ParsedOperand[] = [];
  if (!p.atEnd()) {
    do operands.push(parseOperand(p));
    while (p.isPunct(',') && p.next());
    p.expectEnd();
  }
  return { k: 'instr', mnemonic, operands, line, col };
}

function parseOperand(p: LineParser): ParsedOperand {
  const start = p.peek();
  if (!start) throw new AsmError('expected an operand', p.endCol);
  let size: MemSize = 0;
  // `byte`, `word` and `dword` are sizes only when an operand follows them;
  // otherwise they are ordinary symbols (a C global may be called `word`).
  const following = p.peek(1);
  const operandFollows = !!following && (following.kind !== 'punct' || ['[', '(', '$', '-', '~'].includes(following.text));
  if (start.kind === 'ident' && !start.escaped && start.text.toLowerCase() in SIZE_WORDS && operandFollows) {
    size = SIZE_WORDS[start.text.toLowerCase()];
    p.pos++;
    const after = p.peek();
    if (after?.kind === 'ident' && !after.escaped && after.text.toLowerCase() === 'ptr') p.pos++;
  }
  const t = p.peek();
  if (!t) throw new AsmError('expected an operand after the size', p.endCol);
  if (t.kind === 'punct' && t.text === '[') {
    p.pos++;
    const inner = p.expr();
    if (!p.isPunct(']')) {
      const bad = p.peek();
      throw new AsmError("expected ']'", bad ? bad.col : p.endCol);
    }
    p.pos++;
    return { k: 'mem', size, ...splitAddress(inner), col: start.col };
  }
  if (t.kind === 'ident' && !t.escaped) {
    const next = p.peek(1);
    // A register followed by an operator is part of an expression (and an error there).
    const alone = !next || next.kind !== 'punct' || next.text === ',';
    const reg = registerNumber(t.text);
    const cr = CONTROL_NUMBER.get(t.text.toLowerCase());
    const bad = badRegisterMessage(t.text);
    if (alone && (reg !== undefined || cr !== undefined || bad)) {
      if (bad) throw new AsmError(bad, t.col);
      if (size) throw new AsmError(`a size cannot apply to register ${t.text}`, start.col);
      p.pos++;
      return reg !== undefined ? { k: 'reg', reg, col: t.col } : { k: 'cr', reg: cr!, col: t.col };
    }
  }
  const expr = p.expr();
  checkNoRegisters(expr);
  return { k: 'imm', expr, size, col: start.col };
}

function checkNoRegisters(e: Expr): void {
  if (e.k === 'sym' && !e.escaped) {
    const bad = badRegisterMessage(e.name);
    if (bad) throw new AsmError(bad, e.col);
    if (registerNumber(e.name) !== undefined || CONTROL_NUMBER.has(e.name.toLowerCase())) {
      throw new AsmError(`register ${e.name} cannot be part of an expression (memory operands are written [${e.name} + …])`, e.col);
    }
  } else if (e.k === 'un') checkNoRegisters(e.e);
  else if (e.k === 'bin') { checkNoRegisters(e.a); checkNoRegisters(e.b); }
}

/** Splits `[...]` contents into base, index*scale and the remaining displacement expression. */
function splitAddress(e: Expr): { base: number; index: number; scale: number; disp: Expr | null } {
  const terms: { e: Expr; neg: boolean }[] = [];
  const flatten = (x: Expr, neg: boolean): void => {
    if (x.k === 'bin' && (x.op === '+' || x.op === '-')) {
      flatten(x.a, neg);
      flatten(x.b, x.op === '-' ? !neg : neg);
    } else terms.push({ e: x, neg });
  };
  flatten(e, false);
  const regs: { reg: number; scale: number; scaled: boolean; col: number }[] = [];
  let disp: Expr | null = null;
  for (const { e: term, neg } of terms) {
    const r = registerTerm(term);
    if (r) {
      if (neg) throw new AsmError('a register cannot be subtracted in an address', term.col);
      regs.push(r);
      continue;
    }
    checkNoRegisters(term);
    const signed: Expr = neg ? { k: 'un', op: '-', e: term, col: term.col } : term;
    disp = disp ? { k: 'bin', op: '+', a: disp, b: signed, col: term.col } : signed;
  }
  if (regs.length > 2) throw new AsmError('an address has at most two registers', regs[2].col);
  let base = 8;
  let index = 8;
  let scale = 1;
  const scaled = regs.filter((r) => r.scaled);
  if (scaled.length > 1) throw new AsmError('only one register can be scaled', scaled[1].col);
  if (scaled.length === 1) {
    index = scaled[0].reg;
    scale = scaled[0].scale;
    const other = regs.find((r) => !r.scaled);
    if (other) base = other.reg;
  } else if (regs.length === 2) {
    base = regs[0].reg;
    index = regs[1].reg;
  } else if (regs.length === 1) {
    base = regs[0].reg;
  }
  return { base, index, scale, disp };
}

function registerTerm(e: Expr): { reg: number; scale: number; scaled: boolean; col: number } | undefined {
  if (e.k === 'sym' && e.escaped) return undefined;
  if (e.k === 'sym') {
    const bad = badRegisterMessage(e.name);
    if (bad) throw new AsmError(bad, e.col);
    if (CONTROL_NUMBER.has(e.name.toLowerCase())) throw new AsmError(`${e.name} cannot be used in an address`, e.col);
    const reg = registerNumber(e.name);
    return reg === undefined ? undefined : { reg, scale: 1, scaled: false, col: e.col };
  }
  if (e.k === 'bin' && e.op === '*') {
    const isReg = (x: Expr) => x.k === 'sym' && !x.escaped && registerNumber(x.name) !== undefined;
    const [r, n] = isReg(e.a) ? [e.a, e.b] : [e.b, e.a];
    if (r.k !== 'sym' || !isReg(r)) return undefined;
    if (n.k !== 'num' || ![1n, 2n, 4n, 8n].includes(n.v)) throw new AsmError('the scale must be 1, 2, 4 or 8', n.col);
    return { reg: registerNumber(r.name)!, scale: Number(n.v), scaled: true, col: r.col };
  }
  return undefined;
}
