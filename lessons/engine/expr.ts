// The small expression language of lesson blocks: the conditions of a
// check, the answer of a predict card, the values a `let` names and the
// `{{…}}` holes in commands and links. Pure TypeScript (no Node, no DOM),
// so the page and its worker use the same code as the headless runner.
//
//   expr := or;  or := and ('or' and)*;  and := not ('and' not)*
//   not  := 'not' not | cmp;  cmp := sum (('=='|'!='|'<'|'<='|'>'|'>='|'~') sum)?
//   sum  := term (('+'|'-') term)*;  term := unary (('*'|'/'|'%') unary)*
//   unary := '-' unary | primary
//   primary := NUMBER | 0xHEX | "STRING" | true | false | none | NAME
//            | NAME '(' [expr (',' expr)*] ')' | '(' expr ')'
//
// Values are numbers, strings, booleans or none (null). A name is a lesson
// variable; a call is a function the caller supplies (the machine's probes,
// lessons/engine/probes.ts) or one of the pure helpers below. `a ~ "re"` is
// a regular-expression test. Invariants: parsing never evaluates, so a
// lesson's expressions are all checked when it is loaded; evaluation never
// throws for what the machine holds (a gone process gives none, and a
// comparison with none is false) — only for a mistake in the lesson (an
// unknown name or function), reported as a LessonError naming the text.

export type Value = number | string | boolean | null;

export class LessonError extends Error {}

export type Expr =
  | { kind: 'literal'; value: Value }
  | { kind: 'name'; name: string }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'unary'; op: '-' | 'not'; arg: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr };

type Token = { kind: 'num' | 'str' | 'name' | 'op'; text: string; value?: Value };

const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '~', '+', '-', '*', '/', '%', '(', ')', ','];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '"') {
      let text = '';
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === '\\' && i + 1 < source.length) {
          const next = source[i + 1];
          // \" \\ \n \t are the string's own escapes; any other backslash stays (regular expressions need \d)
          text += next === '"' || next === '\\' ? next : next === 'n' ? '\n' : next === 't' ? '\t' : `\\${next}`;
          i += 2;
        } else text += source[i++];
      }
      if (i >= source.length) throw new LessonError(`unterminated string in: ${source}`);
      i++;
      tokens.push({ kind: 'str', text, value: text });
      continue;
    }
    const number = /^(0x[0-9a-fA-F]+|\d+(\.\d+)?)/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: 'num', text: number[0], value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (name) { tokens.push({ kind: 'name', text: name[0] }); i += name[0].length; continue; }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new LessonError(`unexpected "${c}" in: ${source}`);
    tokens.push({ kind: 'op', text: op });
    i += op.length;
  }
  return tokens;
}

export function parseExpr(source: string): Expr {
  const tokens = tokenize(source);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isOp = (text: string): boolean => peek()?.kind === 'op' && peek()!.text === text;
  const isWord = (text: string): boolean => peek()?.kind === 'name' && peek()!.text === text;
  const expect = (text: string): void => {
    if (!isOp(text)) throw new LessonError(`expected "${text}" in: ${source}`);
    at++;
  };
  const binaryLevel = (ops: string[], next: () => Expr, words = false): (() => Expr) => () => {
    let left = next();
    for (;;) {
      const t = peek();
      if (!t || !ops.includes(t.text) || (words ? t.kind !== 'name' : t.kind !== 'op')) return left;
      at++;
      left = { kind: 'binary', op: t.text, left, right: next() };
    }
  };
  const primary = (): Expr => {
    const t = peek();
    if (!t) throw new LessonError(`unexpected end of: ${source}`);
    at++;
    if (t.kind === 'num' || t.kind === 'str') return { kind: 'literal', value: t.value! };
    if (t.kind === 'op' && t.text === '(') { const e = or(); expect(')'); return e; }
    if (t.kind === 'name') {
      if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true' };
      if (t.text === 'none') return { kind: 'literal', value: null };
      if (!isOp('(')) return { kind: 'name', name: t.text };
      at++;
      const args: Expr[] = [];
      if (!isOp(')')) {
        args.push(or());
        while (isOp(',')) { at++; args.push(or()); }
      }
      expect(')');
      return { kind: 'call', name: t.text, args };
    }
    throw new LessonError(`unexpected "${t.text}" in: ${source}`);
  };
  const unary = (): Expr => {
    if (isOp('-')) { at++; return { kind: 'unary', op: '-', arg: unary() }; }
    return primary();
  };
  const term = binaryLevel(['*', '/', '%'], unary);
  const sum = binaryLevel(['+', '-'], term);
  const cmp = (): Expr => {
    const left = sum();
    const t = peek();
    if (t?.kind === 'op' && ['==', '!=', '<', '<=', '>', '>=', '~'].includes(t.text)) {
      at++;
      return { kind: 'binary', op: t.text, left, right: sum() };
    }
    return left;
  };
  const not = (): Expr => {
    if (isWord('not')) { at++; return { kind: 'unary', op: 'not', arg: not() }; }
    return cmp();
  };
  const and = binaryLevel(['and'], not, true);
  const or = binaryLevel(['or'], and, true);
  const e = or();
  if (at < tokens.length) throw new LessonError(`unexpected "${tokens[at].text}" in: ${source}`);
  return e;
}

/** The functions an expression may call: the machine's probes and the pure helpers. */
export type Functions = Record<string, (...args: Value[]) => Value>;

/** Helpers that need no machine. */
export const PURE_FUNCTIONS: Functions = {
  /** Capture group 1 (or the whole match) of the first match of `re` in `text`; a number when it reads as one. */
  match: (text, re) => {
    const m = new RegExp(String(re), 'm').exec(String(text ?? ''));
    return m ? asValue(m[1] ?? m[0]) : null;
  },
  /** How many lines of `text` match `re`. */
  count_lines: (text, re) => String(text ?? '').split('\n').filter((l) => new RegExp(String(re)).test(l)).length,
  /** "0804e000" or "0x0804e000" (as /proc/PID/maps prints addresses) → the number. */
  // (match() turns an all-digit address such as "08069000" into a number: its digits are still the hex text)
  parse_hex: (text) => {
    const digits = typeof text === 'number' && Number.isInteger(text) && text >= 0 ? String(text) : text;
    return typeof digits === 'string' && /^(0x)?[0-9a-fA-F]+$/.test(digits) ? parseInt(digits.replace(/^0x/, ''), 16) : null;
  },
  hex: (n) => (typeof n === 'number' ? `0x${(n >>> 0).toString(16).padStart(8, '0')}` : null),
  int: (v) => (v === null ? null : Math.trunc(Number(v))),
};

/** "42" → 42, "0x1f" → 31, anything else stays a string. */
export function asValue(text: string): Value {
  return /^(0x[0-9a-fA-F]+|-?\d+(\.\d+)?)$/.test(text.trim()) ? Number(text.trim()) : text;
}

export function evaluate(e: Expr, vars: ReadonlyMap<string, Value>, fns: Functions): Value {
  switch (e.kind) {
    case 'literal': return e.value;
    case 'name':
      if (!vars.has(e.name)) throw new LessonError(`unknown name "${e.name}"`);
      return vars.get(e.name)!;
    case 'call': {
      const f = fns[e.name] ?? PURE_FUNCTIONS[e.name];
      if (!f) throw new LessonError(`unknown function "${e.name}"`);
      return f(...e.args.map((a) => evaluate(a, vars, fns)));
    }
    case 'unary': {
      const v = evaluate(e.arg, vars, fns);
      if (e.op === 'not') return !truthy(v);
      return typeof v === 'number' ? -v : null;
    }
    case 'binary': {
      if (e.op === 'and') return truthy(evaluate(e.left, vars, fns)) && truthy(evaluate(e.right, vars, fns));
      if (e.op === 'or') return truthy(evaluate(e.left, vars, fns)) || truthy(evaluate(e.right, vars, fns));
      const a = evaluate(e.left, vars, fns);
      const b = evaluate(e.right, vars, fns);
      switch (e.op) {
        case '==': return a === b;
        case '!=': return a !== b;
        case '~': return a !== null && b !== null && new RegExp(String(b), 'm').test(String(a));
      }
      if (typeof a !== 'number' || typeof b !== 'number') return e.op === '+' && typeof a === 'string' && b !== null ? a + String(b) : null;
      switch (e.op) {
        case '<': return a < b;
        case '<=': return a <= b;
        case '>': return a > b;
        case '>=': return a >= b;
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return b === 0 ? null : a / b;
        case '%': return b === 0 ? null : a % b;
      }
      throw new LessonError(`unknown operator ${e.op}`);
    }
  }
}

export function truthy(v: Value): boolean {
  return v !== null && v !== false && v !== 0 && v !== '';
}

/** Names of every function an expression calls, for checking a lesson against the probes it may use. */
export function calledFunctions(e: Expr, into: Set<string> = new Set()): Set<string> {
  if (e.kind === 'call') { into.add(e.name); e.args.forEach((a) => calledFunctions(a, into)); }
  else if (e.kind === 'unary') calledFunctions(e.arg, into);
  else if (e.kind === 'binary') { calledFunctions(e.left, into); calledFunctions(e.right, into); }
  return into;
}

/** A value as the runner prints it. */
export function show(v: Value): string {
  return typeof v === 'string' ? JSON.stringify(v) : v === null ? 'none' : String(v);
}
