// The constant expression of an #if line, evaluated as C99 6.10.1 says: in
// the widest types, intmax_t and uintmax_t (64 bits here), with C's
// operators, precedence and usual arithmetic conversions (an unsigned
// operand makes the operation unsigned; comparisons and logical operators
// give a signed 0 or 1). Identifiers left after macro expansion were
// already replaced by 0 and `defined` was resolved by the caller.
//
// The operand C does not evaluate (the right of `0 &&` or `1 ||`, the
// unchosen arm of `?:`) is parsed but not computed, so `0 && 1/0` is valid
// (C99 6.6p3: only evaluated operands must be free of division by zero).
// Invariant: every value is kept wrapped to 64 bits in its signedness.

import { fail } from './diag.ts';
import { convertNumber, type Token } from './lex.ts';

interface Value {
  v: bigint;
  unsigned: boolean;
}

const wrap = (v: bigint, unsigned: boolean): Value => ({ v: unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v), unsigned });
const truth = (b: boolean): Value => ({ v: b ? 1n : 0n, unsigned: false });

/** Whether the #if expression `toks` (of the directive `at`) is true. */
export function evaluateCondition(toks: Token[], at: Token): boolean {
  return new ConditionEvaluator(toks, at).evaluate().v !== 0n;
}

const LEVELS: string[][] = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
];

class ConditionEvaluator {
  private i = 0;
  /** > 0 while parsing an operand that is not evaluated. */
  private unevaluated = 0;
  constructor(private toks: Token[], private at: Token) {}

  evaluate(): Value {
    const v = this.conditional();
    if (this.i < this.toks.length) fail(this.toks[this.i].pos, `token "${this.toks[this.i].text}" is not valid in preprocessor expressions`);
    return v;
  }

  private peek(): string | undefined {
    return this.toks[this.i]?.text;
  }

  private accept(s: string): boolean {
    const t = this.toks[this.i];
    if (t && t.kind === 'punct' && t.text === s) { this.i++; return true; }
    return false;
  }

  private conditional(): Value {
    const c = this.binary(0);
    if (!this.accept('?')) return c;
    const a = this.operand(c.v === 0n, () => this.conditional());
    if (!this.accept(':')) fail(this.toks[this.i]?.pos ?? this.at.pos, "expected ':' in preprocessor expression");
    const b = this.operand(c.v !== 0n, () => this.conditional());
    const unsigned = a.unsigned || b.unsigned;
    return wrap(c.v !== 0n ? a.v : b.v, unsigned);
  }

  /** Parses an operand, as unevaluated when `skipped`. */
  private operand(skipped: boolean, parse: () => Value): Value {
    if (skipped) this.unevaluated++;
    try {
      return parse();
    } finally {
      if (skipped) this.unevaluated--;
    }
  }

  private binary(level: number): Value {
    if (level === LEVELS.length) return this.unary();
    let l = this.binary(level + 1);
    for (;;) {
      const op = this.peek();
      const t = this.toks[this.i];
      if (!op || t.kind !== 'punct' || !LEVELS[level].includes(op)) return l;
      this.i++;
      const r = this.operand((op === '&&' && l.v === 0n) || (op === '||' && l.v !== 0n), () => this.binary(level + 1));
      l = this.apply(op, l, r, t);
    }
  }

  private apply(op: string, l: Value, r: Value, t: Token): Value {
    if (op === '||') return truth(l.v !== 0n || r.v !== 0n);
    if (op === '&&') return truth(l.v !== 0n && r.v !== 0n);
    // Shifts keep the left operand's type; the others convert both to the common one.
    if (op === '<<' || op === '>>') {
      const n = r.v & 63n;
      return wrap(op === '<<' ? l.v << n : l.v >> n, l.unsigned);
    }
    const unsigned = l.unsigned || r.unsigned;
    const a = wrap(l.v, unsigned).v;
    const b = wrap(r.v, unsigned).v;
    switch (op) {
      case '|': return wrap(a | b, unsigned);
      case '^': return wrap(a ^ b, unsigned);
      case '&': return wrap(a & b, unsigned);
      case '==': return truth(a === b);
      case '!=': return truth(a !== b);
      case '<': return truth(a < b);
      case '>': return truth(a > b);
      case '<=': return truth(a <= b);
      case '>=': return truth(a >= b);
      case '+': return wrap(a + b, unsigned);
      case '-': return wrap(a - b, unsigned);
      case '*': return wrap(a * b, unsigned);
      case '/': case '%':
        if (b === 0n) {
          if (!this.unevaluated) fail(t.pos, 'division by zero in preprocessor expression');
          return wrap(0n, unsigned);
        }
        return wrap(op === '/' ? a / b : a % b, unsigned); // BigInt truncates toward zero, as C does
    }
    return fail(t.pos, `token "${op}" is not valid in preprocessor expressions`);
  }

  private unary(): Value {
    const t = this.toks[this.i];
    if (!t) fail(this.toks[this.i - 1]?.pos ?? this.at.pos, 'expected value in preprocessor expression');
    if (t.kind === 'punct') {
      this.i++;
      switch (t.text) {
        case '!': return truth(this.unary().v === 0n);
        case '-': { const v = this.unary(); return wrap(-v.v, v.unsigned); }
        case '+': return this.unary();
        case '~': { const v = this.unary(); return wrap(~v.v, v.unsigned); }
        case '(': {
          const v = this.conditional();
          if (!this.accept(')')) fail(this.toks[this.i]?.pos ?? t.pos, "missing ')' in preprocessor expression");
          return v;
        }
      }
      fail(t.pos, `token "${t.text}" is not valid in preprocessor expressions`);
    }
    this.i++;
    if (t.kind === 'num') {
      convertNumber(t);
      return wrap(t.bigValue!, t.numType!.startsWith('unsigned'));
    }
    if (t.kind === 'char') return wrap(BigInt(t.value!), false);
    return fail(t.pos, `token ${t.text} is not valid in preprocessor expressions`);
  }
}
