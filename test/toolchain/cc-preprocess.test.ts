// The preprocessor: macros (object-like, function-like, #, ##, variadic,
// recursion stopped by hide sets), conditionals, includes and its errors.
import { describe, expect, it } from 'vitest';
import { preprocess } from '../../toolchain/cc/preprocess.ts';
import { CompileError } from '../../toolchain/cc/diag.ts';

function pp(text: string, files: Record<string, string> = {}, defines?: Record<string, string>): string {
  const toks = preprocess({ name: 'main.c', text }, { readFile: (f) => files[f], includePaths: ['inc'], systemPaths: ['sys'], defines });
  return toks.filter((t) => t.kind !== 'eof').map((t) => t.text).join(' ');
}

function ppError(text: string, files: Record<string, string> = {}): { line: number; col: number; message: string } {
  try {
    pp(text, files);
  } catch (e) {
    if (e instanceof CompileError) return { line: e.pos!.line, col: e.pos!.col, message: e.message };
    throw e;
  }
  throw new Error('no error');
}

describe('cc preprocessor', () => {
  it('expands object-like and function-like macros', () => {
    expect(pp('#define N 10\n#define SQ(x) ((x) * (x))\nint a = SQ(N + 1);')).toBe('int a = ( ( 10 + 1 ) * ( 10 + 1 ) ) ;');
  });

  it('stringizes and pastes', () => {
    expect(pp('#define S(x) #x\n#define CAT(a, b) a ## b\nS(a  +  "q") CAT(foo, 42)')).toBe('"a + \\"q\\"" foo42');
  });

  it('handles variadic macros and GNU comma elision', () => {
    expect(pp('#define P(fmt, ...) printf(fmt, ##__VA_ARGS__)\nP("a") P("b", 1, 2)')).toBe('printf ( "a" ) printf ( "b" , 1 , 2 )');
  });

  it('does not expand a macro inside its own expansion', () => {
    expect(pp('#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)')).toBe('2 * 9 * g');
    expect(pp('#define x x + 1\nx')).toBe('x + 1');
  });

  it('evaluates #if with defined(), arithmetic and #elif chains', () => {
    const src = '#define A 3\n#if defined(A) && A * 2 == 6\none\n#elif 1\ntwo\n#else\nthree\n#endif\n#ifndef B\nfour\n#endif';
    expect(pp(src)).toBe('one four');
    expect(pp('#if 0\n#if 1\nx\n#endif\n#elif 2 > 1\ny\n#endif')).toBe('y');
  });

  it('does not evaluate the right of 0 && / 1 || or the unchosen arm of ?: (no division by zero there)', () => {
    expect(pp('#if 0 && (0/0)\nno\n#else\nyes\n#endif')).toBe('yes');
    expect(pp('#if 1 || 1 % 0\na\n#endif')).toBe('a');
    expect(pp('#if 1 ? 2 : 1/0\nb\n#endif')).toBe('b');
    expect(pp('#if 0 ? 1/0 : 0 || 0 && 5/0\nno\n#else\nc\n#endif')).toBe('c');
    expect(pp('#if (0 && (1 ? 1/0 : 2)) || 1\nd\n#endif')).toBe('d');
    // Evaluated operands still divide: these are errors.
    expect(ppError('#if 1 && (0/0)\n#endif')).toMatchObject({ line: 1, col: 12, message: 'division by zero in preprocessor expression' });
    expect(ppError('#if 0 || 2 % 0\n#endif')).toMatchObject({ line: 1, col: 12, message: 'division by zero in preprocessor expression' });
    expect(ppError('#if 0 ? 1 : 1/0\n#endif')).toMatchObject({ line: 1, col: 14, message: 'division by zero in preprocessor expression' });
    expect(ppError('#if (0 && 1) || 1/0\n#endif')).toMatchObject({ line: 1, col: 18 });
  });

  it('computes #if in intmax_t/uintmax_t (64 bits): an unsigned operand makes the operation unsigned', () => {
    const yes = (cond: string) => pp(`#if ${cond}\nyes\n#else\nno\n#endif`);
    expect(yes('4294967295U > 0')).toBe('yes');            // was -1 > 0 in 32-bit signed arithmetic
    expect(yes('18446744073709551615ULL > 0')).toBe('yes');
    expect(yes('-1 < 0u')).toBe('no');                      // -1 converts to the largest unsigned value
    expect(yes('-1 < 0')).toBe('yes');
    expect(yes('(1LL << 40) == 1099511627776')).toBe('yes');
    expect(yes('0x7fffffffffffffff + 1 < 0')).toBe('yes');  // wraps like intmax_t on gcc (with a warning there)
    expect(yes('2147483647 + 1 == 2147483648')).toBe('yes');
    expect(yes('-9223372036854775807 - 1 < 0 && (0u - 1) / 2 == 9223372036854775807')).toBe('yes');
    expect(yes('(0 ? 1u : -1) > 0')).toBe('yes');           // ?: converts both arms to unsigned
  });

  it('skips anything in a dead branch, even bad numbers', () => {
    expect(pp('#if 0\n1.5e3 @ $\n#endif\nok')).toBe('ok');
  });

  it('includes quoted files relative to the includer, then -I, then system paths', () => {
    const files = { 'a.h': 'from_dir', 'inc/b.h': 'from_inc', 'sys/c.h': 'from_sys' };
    expect(pp('#include "a.h"\n#include <b.h>\n#include <c.h>', files)).toBe('from_dir from_inc from_sys');
  });

  it('honours include guards and #pragma once', () => {
    const files = { 'g.h': '#ifndef G\n#define G\nguarded\n#endif', 'o.h': '#pragma once\nonce' };
    expect(pp('#include "g.h"\n#include "g.h"\n#include "o.h"\n#include "o.h"', files)).toBe('guarded once');
  });

  it('knows __FILE__, __LINE__, __hako__ and -D', () => {
    expect(pp('__FILE__ __LINE__\n__LINE__ __hako__ V', {}, { V: '7' })).toBe('"main.c" 1 2 1 7');
  });

  it('reports errors at the directive', () => {
    expect(ppError('int x;\n#error stop here')).toEqual({ line: 2, col: 1, message: '#error stop here' });
    expect(ppError('#include "missing.h"')).toMatchObject({ line: 1, col: 10, message: "'missing.h' file not found" });
    expect(ppError('#if 1\nx\n')).toMatchObject({ line: 1, col: 1, message: 'unterminated #if' });
    expect(ppError('  #endif')).toMatchObject({ line: 1, col: 3, message: '#endif without #if' });
    expect(ppError('#define F(a) a\nx F(1, 2)')).toMatchObject({ line: 2, col: 3, message: 'macro "F" passed 2 arguments, but takes just 1' });
    expect(ppError('#define G(a, b) a\nG(1)')).toMatchObject({ line: 2, col: 1, message: 'macro "G" requires 2 arguments, but only 1 given' });
    expect(ppError('#foo')).toMatchObject({ message: 'invalid preprocessing directive #foo' });
  });
});
