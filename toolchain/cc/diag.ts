// Diagnostics of the C compiler: positions, the error type and its printing.
//
// Owns: `SourceFile` (a named text, shared by every token lexed from it),
// `Pos` (a place in a source file) and `CompileError`. Every stage reports a
// bad input by throwing a CompileError carrying the position of the offending
// token; the driver catches it and prints `file:line:col: error: message`,
// the source line and a caret. Invariant: a position always names a real
// line of a real file, so the caret can always be drawn.

export interface SourceFile {
  /** The name as given on the command line or found by #include. */
  readonly name: string;
  readonly text: string;
}

export interface Pos {
  readonly file: SourceFile;
  /** 1-based line and column (columns count characters, a tab is one). */
  readonly line: number;
  readonly col: number;
}

export class CompileError extends Error {
  constructor(readonly pos: Pos | undefined, message: string) {
    super(message);
  }
}

/**
 * Where the compiler is working (the statement or declaration being parsed
 * or generated), so an internal error can still name a source position.
 */
export const progress: { pos: Pos | undefined } = { pos: undefined };

/** Throws a CompileError at `pos`. Declared to return `never` so callers can `return fail(...)`. */
export function fail(pos: Pos | undefined, message: string): never {
  throw new CompileError(pos, message);
}

/** The text of line `line` (1-based) of a file, without its newline. */
export function sourceLine(file: SourceFile, line: number): string {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = file.text.indexOf('\n', start);
    if (nl < 0) return '';
    start = nl + 1;
  }
  const end = file.text.indexOf('\n', start);
  return file.text.slice(start, end < 0 ? file.text.length : end).replace(/\r$/, '');
}

/**
 * Formats a diagnostic the way gcc does: the position line, then the source
 * line and a caret under the column (tabs are copied so the caret lines up).
 */
export function formatDiagnostic(pos: Pos | undefined, message: string, severity = 'error'): string {
  if (!pos) return `cc: ${severity}: ${message}`;
  const text = sourceLine(pos.file, pos.line);
  const lead = text.slice(0, Math.max(0, pos.col - 1)).replace(/[^\t]/g, ' ');
  return `${pos.file.name}:${pos.line}:${pos.col}: ${severity}: ${message}\n${text}\n${lead}^`;
}
