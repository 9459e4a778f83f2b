// Constant expressions of the assembly language: their syntax tree, a
// precedence-climbing parser over tokens, and evaluation to a Value that is
// either a plain number or `symbol ± constant` (relocatable).
//
// Invariants: arithmetic is exact in 64-bit two's complement (like NASM), so
// range checks at the point of use see the real value; only + and − may
// involve a relocatable operand, and `a − b` of two places in the same
// section is a plain number; evaluation errors are AsmError with a column.

import type { Token } from './lexer.ts';

export class AsmError extends Error {
  constructor(message: string, readonly col: number) {
    super(message);
  }
}

export type Expr =
  | { k: 'num'; v: bigint; col: number }
  | { k: 'sym'; name: string; col: number; escaped?: boolean }
  | { k: 'here'; col: number }
  | { k: 'un'; op: string; e: Expr; col: number }
  | { k: 'bin'; op: string; a: Expr; b: Expr; col: number };

/** What a relocatable value is relative to: a section of this object, or an external symbol. */
export type Base = { sec: number } | { ext: string };

export interface Value {
  add: bigint;
  base: Base | null;
  /** True when a label, `$` or an external symbol took part (such a displacement is always disp32). */
  mentionsPlace: boolean;
}

const BINARY_PRECEDENCE: Record<string, number> = {
  '|': 1, '^': 2, '&': 3, '<<': 4, '>>': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6,
};

/** Parses tokens[pos…] as an expression; stops at the first token that cannot continue it. */
export class ExprParser {
  pos: number;

  constructor(private readonly tokens: Token[], start: number, private readonly endCol: number) {
    this.pos = start;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  parse(minPrec = 1): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (!t || t.kind !== 'punct') break;
      const prec = BINARY_PRECEDENCE[t.text];
      if (prec === undefined || prec < minPrec) break;
      this.pos++;
      const right = this.parse(prec + 1);
      left = { k: 'bin', op: t.text, a: left, b: right, col: t.col };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (!t) throw new AsmError('expected an expression', this.endCol);
    if (t.kind === 'punct' && (t.text === '-' || t.text === '~' || t.text === '+')) {
      this.pos++;
      return { k: 'un', op: t.text, e: this.unary(), col: t.col };
    }
    if (t.kind === 'punct' && t.text === '(') {
      this.pos++;
      const e = this.parse();
      const close = this.peek();
      if (!close || close.text !== ')') throw new AsmError("expected ')'", close ? close.col : this.endCol);
      this.pos++;
      return e;
    }
    if (t.kind === 'num') { this.pos++; return { k: 'num', v: t.value!, col: t.col }; }
    if (t.kind === 'punct' && t.text === '$') { this.pos++; return { k: 'here', col: t.col }; }
    if (t.kind === 'ident') { this.pos++; return { k: 'sym', name: t.text, col: t.col, escaped: t.escaped }; }
    throw new AsmError(`expected an expression, found '${t.text}'`, t.col);
  }
}

export interface EvalContext {
  /** The value of `$`. */
  here(): Value;
  /** The value of a symbol; throws AsmError when it cannot have one. */
  symbol(name: string, col: number): Value;
}

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

export function constant(v: bigint): Value {
  return { add: v, base: null, mentionsPlace: false };
}

function sameBase(a: Base, b: Base): boolean {
  if ('sec' in a) return 'sec' in b && a.sec === b.sec;
  return 'ext' in b && a.ext === b.ext;
}

export function evaluate(e: Expr, ctx: EvalContext): Value {
  switch (e.k) {
    case 'num': return constant(wrap(e.v));
    case 'here': return ctx.here();
    case 'sym': return ctx.symbol(e.name, e.col);
    case 'un': {
      const v = evaluate(e.e, ctx);
      if (e.op === '+') return v;
      if (v.base) throw new AsmError(`'${e.op}' cannot apply to an address`, e.col);
      return { add: e.op === '-' ? wrap(-v.add) : wrap(~v.add), base: null, mentionsPlace: v.mentionsPlace };
    }
    case 'bin': {
      const a = evaluate(e.a, ctx);
      const b = evaluate(e.b, ctx);
      const mentionsPlace = a.mentionsPlace || b.mentionsPlace;
      if (e.op === '+') {
        if (a.base && b.base) throw new AsmError('cannot add two addresses', e.col);
        return { add: wrap(a.add + b.add), base: a.base ?? b.base, mentionsPlace };
      }
      if (e.op === '-') {
        if (b.base) {
          if (!a.base || !sameBase(a.base, b.base)) {
            throw new AsmError('not a relocatable expression: can subtract an address only from one in the same section', e.col);
          }
          return { add: wrap(a.add - b.add), base: null, mentionsPlace };
        }
        return { add: wrap(a.add - b.add), base: a.base, mentionsPlace };
      }
      if (a.base || b.base) throw new AsmError(`'${e.op}' cannot apply to an address (only symbol ± constant is relocatable)`, e.col);
      const x = a.add;
      const y = b.add;
      let r: bigint;
      switch (e.op) {
        case '*': r = x * y; break;
        case '/': if (y === 0n) throw new AsmError('division by zero', e.col); r = x / y; break;
        case '%': if (y === 0n) throw new AsmError('division by zero', e.col); r = x % y; break;
        case '<<': r = y < 0n || y > 63n ? 0n : x << y; break;
        case '>>': r = y < 0n || y > 63n ? (x < 0n ? -1n : 0n) : x >> y; break;
        case '&': r = x & y; break;
        case '|': r = x | y; break;
        case '^': r = x ^ y; break;
        default: throw new AsmError(`unknown operator '${e.op}'`, e.col);
      }
      return { add: wrap(r), base: null, mentionsPlace };
    }
  }
}

/** Every symbol name an expression mentions (for scoping and reference checks). */
export function symbolsIn(e: Expr, out: { name: string; col: number }[] = []): { name: string; col: number }[] {
  if (e.k === 'sym') out.push({ name: e.name, col: e.col });
  else if (e.k === 'un') symbolsIn(e.e, out);
  else if (e.k === 'bin') { symbolsIn(e.a, out); symbolsIn(e.b, out); }
  return out;
}

/** Rewrites symbol names (local-label scoping) in place. */
export function renameSymbols(e: Expr, rename: (name: string) => string): void {
  if (e.k === 'sym') e.name = rename(e.name);
  else if (e.k === 'un') renameSymbols(e.e, rename);
  else if (e.k === 'bin') { renameSymbols(e.a, rename); renameSymbols(e.b, rename); }
}

/** The column where an expression's text starts (errors about its value point there). */
export function startCol(e: Expr): number {
  return e.k === 'bin' ? Math.min(e.col, startCol(e.a)) : e.col;
}
