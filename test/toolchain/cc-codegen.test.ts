// The shape of the assembly the compiler emits: the code-quality rules of
// issue 3 (locals in registers, memory operands and immediates used
// directly, constants folded, compare-and-branch without booleans) and the
// conventions students read with -S (C names as labels, .Ln local labels).
// Behaviour is tested by running programs (test/c); this checks form.
import { describe, expect, it } from 'vitest';
import { compileToAsm, assembleText } from '../../toolchain/cc/driver.ts';

function asm(src: string): string {
  const r = compileToAsm('t.c', src, { systemPaths: [] });
  if (!r.ok) throw new Error(r.diagnostics);
  const o = assembleText(r.asm, 't.s', true);
  if (!o.ok) throw new Error(o.diagnostics);
  return r.asm;
}

/** The instruction lines of one function (from its label to the next function label). */
function body(text: string, fn: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`${fn}:`);
  expect(start).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (let k = start + 1; k < lines.length && !/^[A-Za-z_]\w*:$/.test(lines[k]) && !lines[k].includes('section'); k++) {
    if (lines[k].trim() && !lines[k].trim().startsWith('global')) out.push(lines[k].trim());
  }
  return out;
}

describe('cc code generation', () => {
  it('labels functions with their C names, exports non-static ones and uses .Ln labels', () => {
    const a = asm('static int helper(int x) { return x ? 1 : 2; }\nint api(int y) { return helper(y); }');
    expect(a).toMatch(/^\s+global api$/m);
    expect(a).not.toMatch(/global helper/);
    expect(a).toMatch(/^helper:$/m);
    expect(a).toMatch(/^\.L\d+:$/m);
  });

  it('keeps scalar locals in callee-saved registers', () => {
    const b = body(asm('int sum(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }'), 'sum');
    const loop = b.join('\n');
    expect(loop).toMatch(/add (ebx|esi|edi), (ebx|esi|edi)/);
    expect(loop).not.toMatch(/\[ebp-\d+\]/); // no local lives in the frame
    expect(b).toContain('push ebx');
    expect(b[b.length - 1]).toBe('ret');
  });

  it('keeps a local whose address is taken in memory', () => {
    const b = body(asm('void set(int *p);\nint f(void) { int x = 1; set(&x); return x; }'), 'f').join('\n');
    expect(b).toMatch(/lea eax, \[ebp-4\]/);
    expect(b).toMatch(/mov eax, \[ebp-4\]/);
  });

  it('uses memory operands and immediates directly', () => {
    const b = body(asm('int g; int h[4];\nint f(void) { return g + 10 - h[2]; }'), 'f');
    expect(b).toContain('mov eax, [g]');
    expect(b).toContain('add eax, 10');
    expect(b).toContain('sub eax, [h+8]');
  });

  it('folds constant expressions', () => {
    const b = body(asm('int f(void) { return (2 * 3 + 4) << 2 | sizeof(int); }'), 'f');
    expect(b).toContain(`mov eax, ${((2 * 3 + 4) << 2) | 4}`);
    expect(b.filter((l) => /^(imul|shl|or|add)/.test(l))).toEqual([]);
  });

  it('compiles conditions to compare-and-branch without materialising booleans', () => {
    const b = body(asm('int f(int a, int b) { if (a < 10 && b != a) return 1; return 2; }'), 'f');
    expect(b.some((l) => /^cmp (dword )?\S+, 10$/.test(l))).toBe(true);
    expect(b.some((l) => l.startsWith('jge'))).toBe(true);
    expect(b.some((l) => l.startsWith('set'))).toBe(false);
  });

  it('uses unsigned jumps and shifts for unsigned operands', () => {
    const b = body(asm('unsigned f(unsigned a, unsigned b) { if (a < b) return a / 8; return b >> 3; }'), 'f').join('\n');
    expect(b).toMatch(/jae /);
    expect(b).toMatch(/shr \w+, 3/);
    expect(b).not.toMatch(/\bdiv\b|sar/);
  });

  it('materialises a comparison with setcc when its value is used', () => {
    const b = body(asm('int f(int a) { return a == 3; }'), 'f');
    expect(b.some((l) => l === 'sete eax')).toBe(true);
  });

  it('indexes arrays with scaled addressing', () => {
    const b = body(asm('int f(int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }'), 'f');
    expect(b.some((l) => /^add \w+, \[\w+\+\w+\*4\]$/.test(l))).toBe(true);
  });

  it('returns a struct through the hidden pointer and returns that pointer in eax', () => {
    const b = body(asm('struct P { int x, y; };\nstruct P mk(int v) { struct P p; p.x = v; p.y = 2; return p; }'), 'mk').join('\n');
    expect(b).toMatch(/mov eax, \[ebp\+8\]/); // the hidden pointer is the first argument
    expect(b).toMatch(/mov dword \[eax\+4\], \w+/);
  });

  it('returns a long long in edx:eax (high:low), as gcc -m32, with no hidden pointer', () => {
    const src = 'long long g(long long);\nlong long id(long long v) { return v; }\nint low(long long v) { return (int)g(v); }';
    const text = asm(src);
    const b = body(text, 'id').join('\n');
    expect(b).toMatch(/mov eax, \[ecx\]\nmov edx, \[ecx\+4\]/);
    expect(b).toMatch(/lea ecx, \[ebp\+8\]/); // v is the first argument: nothing hidden before it
    // the caller pushes only v's 8 bytes and stores edx:eax into its result block
    const c = body(text, 'low').join('\n');
    expect(c).toMatch(/call g\nadd esp, 8\nmov dword \[ebp-(\d+)\], eax\nmov dword \[ebp-(\d+)\], edx/);
    const m = /mov dword \[ebp-(\d+)\], eax\nmov dword \[ebp-(\d+)\], edx/.exec(c)!;
    expect(Number(m[1]) - Number(m[2])).toBe(4); // low word below the high word
  });

  it('pushes arguments right to left and pops them after the call', () => {
    const b = body(asm('int g(int, int, int);\nint f(void) { return g(1, 2, 3); }'), 'f');
    const at = b.indexOf('push 3');
    expect(b.slice(at, at + 5)).toEqual(['push 3', 'push 2', 'push 1', 'call g', 'add esp, 12']);
  });

  it('puts data in the right sections with the right contents', () => {
    const a = asm('int z; int one = 1; const char msg[] = "hi"; int *p = &one;\nchar *s = "x\\n";');
    expect(a).toMatch(/section \.bss\n\s+global z\n\s+align 4\nz:\n\s+resb 4/);
    expect(a).toMatch(/one:\n\s+dd 1/);
    expect(a).toMatch(/section \.rodata[\s\S]*msg:\n\s+db "hi", 0/);
    expect(a).toMatch(/p:\n\s+dd one/);
    expect(a).toMatch(/str\$\d+:\n\s+db "x", 10, 0/);
  });
});
