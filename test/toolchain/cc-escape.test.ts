// Escape analysis (toolchain/cc/escape.ts): `cc -fescape` names, Go -m
// style, each local whose address leaves its function — returned, stored in
// a global or heap object, passed to a function not defined here, or to one
// defined here that leaks that parameter, or held by a local that escapes —
// and stays silent for addresses that only travel inside the frame or into
// callees that do not keep them. Every compile warns when a function
// returns a local's address directly (gcc's -Wreturn-local-addr).
import { describe, expect, it } from 'vitest';
import { compileToAsm } from '../../toolchain/cc/driver.ts';

function notes(src: string, escape = true): string[] {
  const r = compileToAsm('e.c', src, { systemPaths: [], escape });
  if (!r.ok) throw new Error(r.diagnostics);
  return r.notes ?? [];
}

const escapeLines = (src: string) => notes(src).filter((l) => /escapes/.test(l));

describe('cc -fescape', () => {
  it('reports a returned address at the &', () => {
    const src = 'int *f(void) {\n  int x = 1;\n  int *p = &x;\n  return p;\n}\n';
    expect(escapeLines(src)).toEqual(['e.c:3:12: &x escapes (returned from f)']);
  });

  it('reports stores into a global and into heap memory', () => {
    const src = [
      'int *g;',
      'void *malloc(unsigned long n);',
      'void f(void) {',
      '  int a, b;',
      '  int **box = malloc(4);',
      '  g = &a;',
      '  *box = &b;',
      '}',
    ].join('\n');
    expect(escapeLines(src)).toEqual([
      'e.c:6:7: &a escapes (stored in a global or heap object)',
      'e.c:7:10: &b escapes (stored in a global or heap object)',
    ]);
  });

  it('reports an address passed to a function not defined here, or through a pointer', () => {
    const src = [
      'void use(int *p);',
      'void f(void (*fp)(int *)) {',
      '  int a, b;',
      '  use(&a);',
      '  fp(&b);',
      '}',
    ].join('\n');
    expect(escapeLines(src)).toEqual([
      'e.c:4:7: &a escapes (passed to use, not defined here)',
      'e.c:5:6: &b escapes (passed to a call through a pointer)',
    ]);
  });

  it('follows parameters of functions defined in the file: keeping leaks, reading does not', () => {
    const src = [
      'int *kept;',
      'static int read(int *p) { return *p; }',
      'static void keep(int *p) { kept = p; }',
      'static void keep_too(int *q) { keep(q); }',
      'int f(void) {',
      '  int a = 1, b = 2, c = 3;',
      '  keep_too(&b);',
      '  keep(&c);',
      '  return read(&a);',
      '}',
    ].join('\n');
    expect(escapeLines(src)).toEqual([
      'e.c:7:12: &b escapes (passed to keep_too, which leaks parameter q)',
      'e.c:8:8: &c escapes (passed to keep, which leaks parameter p)',
    ]);
  });

  it('an object holding an escaping address makes it escape with it', () => {
    const src = [
      'struct node { int *v; };',
      'struct node *g;',
      'void f(void) {',
      '  int x;',
      '  struct node n;',
      '  n.v = &x;',
      '  g = &n;',
      '}',
    ].join('\n');
    expect(escapeLines(src)).toEqual([
      'e.c:6:9: &x escapes (held by n, which escapes)',
      'e.c:7:7: &n escapes (stored in a global or heap object)',
    ]);
  });

  it('says nothing for addresses that stay in the frame', () => {
    const src = [
      'static void set(int *p, int v) { *p = v; }',
      'int f(void) {',
      '  int x = 0, arr[4];',
      '  int *p = &x;',
      '  int *q = arr + 1;',
      '  *q = 2;',
      '  set(p, 5);',
      '  set(&arr[2], 1);',
      '  return x + *p + arr[1];',
      '}',
      'static int s;',
      'int *h(void) { static int t; return s ? &s : &t; }',
    ].join('\n');
    expect(notes(src)).toEqual([]);
  });

  it('prints nothing about escapes without -fescape', () => {
    expect(notes('void use(int *p);\nvoid f(void) { int a; use(&a); }', false)).toEqual([]);
  });
});

describe('-Wreturn-local-addr (always on)', () => {
  it('warns for return &x and for a local array, with gcc\'s wording and a caret', () => {
    const src = 'int *f(void) {\n  int x;\n  return &x;\n}\nchar *g(void) {\n  char buf[8];\n  return buf + 1;\n}\n';
    const n = notes(src, false);
    expect(n).toEqual([
      "e.c:3:10: warning: function returns address of local variable 'x' [-Wreturn-local-addr]\n  return &x;\n         ^",
      "e.c:7:10: warning: function returns address of local variable 'buf' [-Wreturn-local-addr]\n  return buf + 1;\n         ^",
    ]);
  });

  it('does not warn for a static, a global, or a parameter\'s pointee', () => {
    const src = 'int g;\nint *f(int *p) { static int s; if (p) return p; if (g) return &g; return &s; }\n';
    expect(notes(src, false)).toEqual([]);
  });
});
