// Bad C gives `file:line:col: error: message`, the source line and a caret,
// at the position of the offending token — for syntax, type, undefined
// names and unsupported features alike. Positions follow the convention of
// test/c/errors (directives at their '#', a missing ';' right after the
// previous token, a member or label at its name, a macro call at its name).
import { describe, expect, it } from 'vitest';
import { compileToAsm } from '../../toolchain/cc/driver.ts';

function diag(src: string): { line: number; col: number; message: string; text: string } {
  const r = compileToAsm('bad.c', src, { systemPaths: [] });
  if (r.ok) throw new Error('compiled without error');
  const m = /^bad\.c:(\d+):(\d+): error: (.*)$/m.exec(r.diagnostics);
  if (!m) throw new Error(`not a diagnostic: ${r.diagnostics}`);
  return { line: Number(m[1]), col: Number(m[2]), message: m[3], text: r.diagnostics };
}

describe('cc diagnostics', () => {
  it('prints the source line and a caret under the column', () => {
    const d = diag('int main(void) {\n\treturn x;\n}');
    expect(d.text).toBe("bad.c:2:9: error: 'x' undeclared\n\treturn x;\n\t       ^");
  });

  const cases: [string, string, number, number, RegExp][] = [
    ['missing semicolon after a declaration', 'int f(void) {\n  int a = 1\n  return a;\n}', 3, 3, /expected ';' or ',' before 'return'/],
    ['missing semicolon after a statement', 'int f(void) {\n  int b;\n  b = 2\n  return b;\n}', 3, 8, /expected ';' before 'return'/],
    ['missing parenthesis', 'int h(void) { return (1 + 2; }', 1, 28, /expected '\)' before ';'/],
    ['undeclared variable', 'int f(void) { return y + 1; }', 1, 22, /'y' undeclared/],
    ['implicit function', 'int f(void) { return g(1); }', 1, 22, /implicit declaration of function 'g'/],
    ['float type', 'float x;', 1, 1, /floating point is not supported/],
    ['double type', 'int f(void) { double d; return 0; }', 1, 15, /floating point/],
    ['float constant', 'int x = 1.5;', 1, 9, /floating-point constants are not supported/],
    ['duplicate long long case (after conversion)', 'int f(unsigned long long x) { switch (x) { case -1: case 0xffffffffffffffffULL: return 0; } return 1; }', 1, 53, /duplicate case value/],
    ['bit-field wider than its type', 'struct s { char a : 9; };', 1, 17, /width of 'a' exceeds its type/],
    ['unknown member', 'struct s { int a; };\nint f(struct s *p) { return p->b; }', 2, 32, /has no member named 'b'/],
    ['deref of int', 'int f(int a) { return *a; }', 1, 23, /invalid type argument of unary '\*'/],
    ['assign to rvalue', 'int f(int a) { a + 1 = 2; return a; }', 1, 22, /lvalue required/],
    ['assign to const', 'int f(void) { const int c = 1; c = 2; return c; }', 1, 34, /read-only variable 'c'/],
    ['too few arguments', 'int g(int, int);\nint f(void) { return g(1); }', 2, 22, /too few arguments to function 'g'/],
    ['too many arguments', 'int g(int);\nint f(void) { return g(1, 2); }', 2, 22, /too many arguments to function 'g'/],
    ['pointer from int', 'int f(void) { int *p = 5; return 0; }', 1, 24, /from integer/],
    ['break outside loop', 'int f(void) { break; }', 1, 15, /break statement not within loop or switch/],
    ['case outside switch', 'int f(void) { case 1: return 0; }', 1, 15, /case label not within a switch/],
    ['duplicate case', 'int f(int x) { switch (x) { case 1: case 1: return 0; } return 1; }', 1, 37, /duplicate case value/],
    ['undefined label', 'int x;\nint f(void) { goto out; }', 2, 20, /label 'out' used but not defined/],
    ['redefinition', 'int f(void) { int a; int a; return 0; }', 1, 26, /redefinition of 'a'/],
    ['conflicting types', 'int g(int);\nchar g(int);', 2, 6, /conflicting types for 'g'/],
    ['unterminated string', 'char *s = "abc;\n', 1, 11, /missing terminating "/],
    ['unterminated comment', 'int a; /* no end', 1, 8, /unterminated comment/],
    ['stray character', 'int a = 1 @ 2;', 1, 11, /stray '@'/],
    ['void value used', 'void v(void);\nint f(void) { return v() + 1; }', 2, 22, /void value not ignored/],
    ['long long bit-field', 'struct s { long long a : 3; };', 1, 22, /long long bit-fields are not supported/],
    ['incomplete struct variable', 'struct s; struct s v;', 1, 20, /storage size of 'v' isn't known/],
    ['array of void', 'void a[3];', 1, 6, /declaration of 'a' as array of voids/],
    ['bad #if', '#if 1 +\n#endif', 1, 7, /expected value/],
    ['#error', '#error no\n', 1, 1, /#error no/],
    ['return value from void', 'void f(void) { return 1; }', 1, 16, /'return' with a value/],
    ['non-constant global initializer', 'int a; int b = a;', 1, 16, /initializer element is not constant/],
    ['excess array elements', 'int a[2] = {1, 2, 3};', 1, 19, /excess elements in array initializer/],
    ['string too long', 'char s[2] = "abc";', 1, 13, /initializer-string for array of chars is too long/],
    ['call of non-function', 'int f(int a) { return a(1); }', 1, 23, /called object is not a function/],
    ['subscript of int', 'int f(int a) { return a[1]; }', 1, 24, /subscripted value is neither array nor pointer/],
    ['struct to int', 'struct s { int a; };\nint f(struct s v) { return v; }', 2, 28, /incompatible types|from type/],
  ];
  for (const [name, src, line, col, message] of cases) {
    it(`${name} → ${line}:${col}`, () => {
      const d = diag(src);
      expect(d.message).toMatch(message);
      expect({ line: d.line, col: d.col }).toEqual({ line, col });
      expect(d.message).not.toMatch(/internal compiler error/);
    });
  }
});
