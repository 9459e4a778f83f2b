// The C lexer: source text to preprocessing tokens.
//
// Owns the token shape every later stage uses. A token keeps where it came
// from (file, line, column) so any stage can point at it, whether it starts a
// line (`bol`, so the preprocessor can spot directives) and whether space
// came before it (`space`, for # stringification). Invariants: identifiers
// and keywords are both kind 'ident' (the parser tells them apart, after
// macro expansion); string and char literals carry their decoded bytes;
// numbers get their value and type from convertNumber when used (a skipped
// #if block may hold anything); the list always ends with one 'eof'.
// Floating constants are rejected by convertNumber with a clear diagnostic.

import { fail, type Pos, type SourceFile } from './diag.ts';

export type TokenKind = 'ident' | 'num' | 'str' | 'char' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The spelling, exactly as written (for strings and chars, with quotes). */
  text: string;
  pos: Pos;
  /** First token on its line. */
  bol: boolean;
  /** Whitespace came before it. */
  space: boolean;
  /** num and char: the value (as a 32-bit number). */
  value?: number;
  /** num: the C type of the constant. */
  numType?: 'int' | 'unsigned' | 'long' | 'unsigned long' | 'long long' | 'unsigned long long';
  /** num: the whole value (value holds its low 32 bits). */
  bigValue?: bigint;
  /** str: the bytes, without the terminating NUL. */
  bytes?: number[];
  /** A wide string literal (L"…", U"…"): its code units, one per character or escape. */
  wide?: number[];
  /** A character that is no C token ('@', '`'): an error only if it survives preprocessing. */
  stray?: boolean;
  /** Macros that must not expand this token again (the preprocessor's hide set). */
  hide?: ReadonlySet<string>;
}

const PUNCTUATORS = [
  '<<=', '>>=', '...', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '##',
];
const SINGLE = '+-*/%&|^~!<>=?:;,.()[]{}#';

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
}
function isIdentChar(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9');
}

/** Punctuators by first character, longest first (the lexer tries only those). */
const PUNCT_BY_FIRST = new Map<string, string[]>();
for (const p of PUNCTUATORS) {
  const list = PUNCT_BY_FIRST.get(p[0]) ?? [];
  list.push(p);
  list.sort((a, b) => b.length - a.length);
  PUNCT_BY_FIRST.set(p[0], list);
}

/** Tokenizes a whole file (or a line of text made up by the preprocessor). */
export function tokenize(file: SourceFile): Token[] {
  const spliced = file.text.includes('\\\n') || file.text.includes('\\\r\n') ? splice(file.text) : undefined;
  const src = spliced ? spliced.text : file.text;
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let bol = true;
  let space = false;
  const posAt = (offset: number): Pos => spliced
    ? { file, line: spliced.line[Math.min(offset, src.length)], col: spliced.col[Math.min(offset, src.length)] }
    : { file, line, col: offset - lineStart + 1 };

  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { i++; line++; lineStart = i; bol = true; space = false; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') { i++; space = true; continue; }
    if (c === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      i += src[i + 1] === '\n' ? 2 : 3; line++; lineStart = i; space = true; continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      space = true; continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const start = posAt(i);
      const end = src.indexOf('*/', i + 2);
      if (end < 0) fail(start, 'unterminated comment');
      for (let k = i; k < end; k++) if (src[k] === '\n') { line++; lineStart = k + 1; }
      i = end + 2; space = true; continue;
    }
    const pos = posAt(i);
    const start = i;
    let tok: Token;
    if ((c >= '0' && c <= '9') || (c === '.' && src[i + 1] >= '0' && src[i + 1] <= '9')) {
      // A preprocessing number: digits, letters, dots and exponent signs.
      i++;
      while (i < src.length) {
        const d = src[i];
        if ((d === '+' || d === '-') && /[eEpP]/.test(src[i - 1]) && !/^0[xX]/.test(src.slice(start, i))) i++;
        else if (isIdentChar(d) || d === '.') i++;
        else break;
      }
      // Converted to a value only when used (convertNumber), so a skipped
      // #if block may hold anything that looks like a number.
      tok = { kind: 'num', text: src.slice(start, i), pos, bol, space };
    } else if (isIdentStart(c)) {
      i++;
      for (;;) {
        const k = src.charCodeAt(i);
        // [A-Za-z0-9_$]
        if ((k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95 || k === 36) i++;
        else break;
      }
      const word = src.slice(start, i);
      if ((word === 'L' || word === 'u' || word === 'U') && src[i] === "'") {
        // A wide character constant: its code point, as an int (wchar_t is 32 bits).
        const r = readQuoted(src, i, "'", pos, true);
        if (r.units.length === 0) fail(pos, 'empty character constant');
        if (r.units.length > 1) fail(pos, 'multi-character character constant is not supported');
        const value = r.units[0];
        i = r.end;
        tok = { kind: 'char', text: src.slice(start, i), pos, bol, space, value: word === 'u' ? value & 0xffff : value };
      } else if (word === 'u8' && src[i] === '"') {
        // A UTF-8 string literal is an ordinary one here: source text is UTF-8 already.
        const r = readQuoted(src, i, '"', pos);
        i = r.end;
        tok = { kind: 'str', text: src.slice(start, i), pos, bol, space, bytes: r.bytes };
      } else if (word === 'u' && src[i] === '"') {
        fail(pos, 'u"..." (char16_t) string literals are not supported; use L"..." or U"..."');
      } else if ((word === 'L' || word === 'U') && src[i] === '"') {
        const r = readQuoted(src, i, '"', pos, true);
        i = r.end;
        tok = { kind: 'str', text: src.slice(start, i), pos, bol, space, bytes: r.bytes, wide: r.units };
      } else tok = { kind: 'ident', text: word, pos, bol, space };
    } else if (c === '"' || c === "'") {
      const r = readQuoted(src, i, c, pos);
      i = r.end;
      if (c === '"') tok = { kind: 'str', text: src.slice(start, i), pos, bol, space, bytes: r.bytes };
      else {
        if (r.bytes.length === 0) fail(pos, 'empty character constant');
        if (r.bytes.length > 1) fail(pos, 'multi-character character constant is not supported');
        // char is signed: '\xff' is -1, as on i386.
        tok = { kind: 'char', text: src.slice(start, i), pos, bol, space, value: (r.bytes[0] << 24) >> 24 };
      }
    } else {
      const p = PUNCT_BY_FIRST.get(c)?.find((s) => src.startsWith(s, i));
      let stray = false;
      if (p) i += p.length;
      else if (SINGLE.includes(c)) i++;
      else { i += c.length; stray = true; }
      tok = { kind: 'punct', text: src.slice(start, i), pos, bol, space, stray };
    }
    tokens.push(tok);
    bol = false;
    space = false;
  }
  tokens.push({ kind: 'eof', text: '', pos: posAt(i), bol: true, space: false });
  return tokens;
}

/**
 * Translation phase 2: removes backslash-newlines (they may split any
 * token, even a string), remembering where each remaining character was.
 */
function splice(text: string): { text: string; line: Int32Array; col: Int32Array } {
  const line = new Int32Array(text.length + 1);
  const col = new Int32Array(text.length + 1);
  let out = '';
  let l = 1;
  let c = 1;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (ch === '\\' && (text[k + 1] === '\n' || (text[k + 1] === '\r' && text[k + 2] === '\n'))) {
      k += text[k + 1] === '\n' ? 1 : 2;
      l++;
      c = 1;
      continue;
    }
    line[out.length] = l;
    col[out.length] = c;
    out += ch;
    if (ch === '\n') { l++; c = 1; } else c++;
  }
  line[out.length] = l;
  col[out.length] = c;
  return { text: out, line, col };
}

/**
 * Reads a "…" or '…' literal starting at `i`; returns its bytes and the
 * offset after it, and with `wide` also its code units (a character's code
 * point, an escape's whole value).
 */
function readQuoted(src: string, i: number, quote: string, pos: Pos, wide = false): { bytes: number[]; end: number; units: number[] } {
  const bytes: number[] = [];
  const units: number[] = [];
  let k = i + 1;
  for (;;) {
    if (k >= src.length || src[k] === '\n') {
      fail(pos, quote === '"' ? 'unterminated string literal (missing terminating " character)' : "unterminated character constant (missing terminating ' character)");
    }
    const ch = src[k];
    if (ch === quote) return { bytes, end: k + 1, units };
    if (ch !== '\\') {
      // Source is read as text; non-ASCII characters become their UTF-8 bytes.
      const cp = src.codePointAt(k)!;
      const s = String.fromCodePoint(cp);
      units.push(cp);
      for (const b of new TextEncoder().encode(s)) bytes.push(b);
      k += s.length;
      continue;
    }
    k++;
    const e = src[k];
    const simple: Record<string, number> = {
      n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34, '?': 63, a: 7, b: 8, f: 12, v: 11, e: 27,
    };
    if (e >= '0' && e <= '7') {
      let v = 0;
      let n = 0;
      while (n < 3 && src[k] >= '0' && src[k] <= '7') { v = v * 8 + Number(src[k]); k++; n++; }
      bytes.push(v & 0xff);
      units.push(v);
    } else if (e === 'x') {
      k++;
      let v = 0;
      let n = 0;
      while (/[0-9a-fA-F]/.test(src[k] ?? '')) { v = wide ? (v * 16 + parseInt(src[k], 16)) >>> 0 : (v * 16 + parseInt(src[k], 16)) & 0xffff; k++; n++; }
      if (n === 0) fail(pos, '\\x used with no following hex digits');
      bytes.push(v & 0xff);
      units.push(v);
    } else if (e in simple) {
      bytes.push(simple[e]);
      units.push(simple[e]);
      k++;
    } else if (e === '\n' || e === undefined) {
      fail(pos, quote === '"' ? 'unterminated string literal (missing terminating " character)' : "unterminated character constant (missing terminating ' character)");
    } else {
      fail({ ...pos, col: pos.col + (k - 1 - i) }, `unknown escape sequence '\\${e}'`);
    }
  }
}

/** Gives a num token its value and type (C's rules for decimal, octal and hex constants). */
export function convertNumber(tok: Token): void {
  const t = tok.text;
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)$/.exec(t);
  if (!m) {
    if (/^(0[xX])?[0-9a-fA-F]*\.|[eEpP][+-]?[0-9]|[fF]$/.test(t) && !/^0[xX][0-9a-fA-F]+$/.test(t)) {
      fail(tok.pos, 'floating-point constants are not supported (Hako has no floating point yet)');
    }
    fail(tok.pos, `invalid number '${t}'`);
  }
  const digits = m[1];
  const suffix = m[2].toLowerCase();
  if (!['', 'u', 'l', 'ul', 'lu', 'll', 'ull', 'llu'].includes(suffix)) fail(tok.pos, `invalid suffix '${m[2]}' on integer constant`);
  let value: bigint;
  if (/^0[0-7]+$/.test(digits) || digits === '0') value = BigInt('0o' + (digits.slice(1) || '0'));
  else if (/^0[0-9]+$/.test(digits)) fail(tok.pos, `invalid digit in octal constant '${t}'`);
  else value = BigInt(digits.replace(/^0[bB]/, '0b'));
  if (value > 0xffffffffffffffffn) fail(tok.pos, 'integer constant is too large (more than 64 bits)');
  const decimal = /^[1-9]/.test(digits) || digits === '0';
  const unsigned = suffix.includes('u');
  const longLong = suffix.includes('ll');
  const long = suffix.includes('l');
  // C99 6.4.4.1: the first type of the list that holds the value (long is 32 bits).
  let type: Token['numType'];
  if (unsigned) type = longLong || value > 0xffffffffn ? 'unsigned long long' : long ? 'unsigned long' : 'unsigned';
  else if (!longLong && value <= 0x7fffffffn) type = long ? 'long' : 'int';
  else if (!longLong && !decimal && value <= 0xffffffffn) type = long ? 'unsigned long' : 'unsigned';
  else if (value <= 0x7fffffffffffffffn) type = 'long long';
  else if (decimal) fail(tok.pos, 'integer constant is too large for long long (use a u suffix)');
  else type = 'unsigned long long';
  tok.value = Number(BigInt.asIntN(32, value));
  tok.bigValue = value;
  tok.numType = type;
}
