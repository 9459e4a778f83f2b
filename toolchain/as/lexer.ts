// Splits one line of assembly into tokens with 1-based columns, so every
// later error can point at the offending text. It owns the spelling of
// numbers, characters and strings (C escapes) and where comments start.
//
// `$name` is the symbol `name` even when `name` is a register or keyword
// (NASM's escape): a C global called `eax` or `byte` is written `$eax`.
//
// Invariants: a token's `col` is the column of its first character; numbers
// are exact (bigint); a `;` outside a string or character ends the line;
// malformed input gives a LexError carrying the column, never a crash.

export type TokenKind = 'ident' | 'num' | 'str' | 'punct';

export interface Token {
  kind: TokenKind;
  /** The source text of the token (for punctuation, the operator itself). */
  text: string;
  col: number;
  /** Numeric value of numbers and one-character constants. */
  value?: bigint;
  /** Bytes of a string literal. */
  bytes?: number[];
  /** An identifier written `$name`: a symbol, never a register or keyword. */
  escaped?: boolean;
}

export class LexError extends Error {
  constructor(message: string, readonly col: number) {
    super(message);
  }
}

const TWO_CHAR_PUNCT = new Set(['<<', '>>']);
const ONE_CHAR_PUNCT = new Set([',', ':', '[', ']', '(', ')', '+', '-', '*', '/', '%', '&', '|', '^', '~', '$']);

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '.';
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9') || c === '$';
}

/** Reads the escaped characters of a quoted literal starting after the quote; returns bytes and the index after the closing quote. */
function readQuoted(line: string, start: number, quote: string): { bytes: number[]; end: number } {
  const bytes: number[] = [];
  let i = start;
  while (i < line.length && line[i] !== quote) {
    const c = line[i];
    if (c !== '\\') {
      for (const b of new TextEncoder().encode(c)) bytes.push(b);
      i++;
      continue;
    }
    const e = line[i + 1];
    if (e === undefined) break;
    const simple: Record<string, number> = {
      n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, '"': 34, "'": 39, '?': 63,
    };
    if (e in simple) { bytes.push(simple[e]); i += 2; continue; }
    if (e === 'x') {
      let j = i + 2;
      let v = 0;
      while (j < line.length && /[0-9a-fA-F]/.test(line[j]) && j < i + 4) { v = v * 16 + parseInt(line[j], 16); j++; }
      if (j === i + 2) throw new LexError('\\x needs hexadecimal digits', i + 1);
      bytes.push(v);
      i = j;
      continue;
    }
    if (e >= '0' && e <= '7') {
      let j = i + 1;
      let v = 0;
      while (j < line.length && j < i + 4 && line[j] >= '0' && line[j] <= '7') { v = v * 8 + Number(line[j]); j++; }
      if (v > 255) throw new LexError('octal escape out of range', i + 1);
      bytes.push(v);
      i = j;
      continue;
    }
    throw new LexError(`unknown escape '\\${e}'`, i + 1);
  }
  if (i >= line.length) throw new LexError(`missing closing ${quote}`, start);
  return { bytes, end: i + 1 };
}

export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    const col = i + 1;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') { i++; continue; }
    if (c === ';') break;
    if (c >= '0' && c <= '9') {
      let j = i;
      while (j < line.length && /[0-9A-Za-z_]/.test(line[j])) j++;
      const text = line.slice(i, j);
      const clean = text.replace(/_/g, '');
      let value: bigint;
      if (/^0[xX][0-9a-fA-F]+$/.test(clean) || /^0[bB][01]+$/.test(clean) || /^[0-9]+$/.test(clean)) value = BigInt(clean);
      else throw new LexError(`bad number '${text}'`, col);
      out.push({ kind: 'num', text, col, value });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < line.length && isIdentPart(line[j])) j++;
      out.push({ kind: 'ident', text: line.slice(i, j), col });
      i = j;
      continue;
    }
    if (c === '$' && i + 1 < line.length && isIdentStart(line[i + 1]) && line[i + 1] !== '.') {
      let j = i + 2;
      while (j < line.length && isIdentPart(line[j])) j++;
      out.push({ kind: 'ident', text: line.slice(i + 1, j), col, escaped: true });
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      const { bytes, end } = readQuoted(line, i + 1, c);
      const text = line.slice(i, end);
      if (c === "'" && bytes.length === 1) out.push({ kind: 'num', text, col, value: BigInt(bytes[0]) });
      else if (c === "'" && bytes.length === 0) throw new LexError('empty character constant', col);
      else out.push({ kind: 'str', text, col, bytes });
      i = end;
      continue;
    }
    const two = line.slice(i, i + 2);
    if (TWO_CHAR_PUNCT.has(two)) { out.push({ kind: 'punct', text: two, col }); i += 2; continue; }
    if (ONE_CHAR_PUNCT.has(c)) { out.push({ kind: 'punct', text: c, col }); i++; continue; }
    throw new LexError(`unexpected character '${c}'`, col);
  }
  return out;
}
