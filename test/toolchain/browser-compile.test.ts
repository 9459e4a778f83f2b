// The in-memory compile path the page's editor uses (toolchain/cc/compile.ts):
// it imports no Node module, builds the same executable as the Node driver
// from a bundle of headers and the prebuilt runtime, and reports errors at
// file:line:col.

import { join } from 'node:path';
import { importClosure, nodeOffenders } from './import-closure.ts';
import { describe, expect, it } from 'vitest';
import { buildProgramInMemory } from '../../toolchain/cc/compile.ts';
import { compileToObject, linkProgram, ROOT, toolchainBundle } from '../../toolchain/cc/driver.ts';
import { dirnameOf, joinPath } from '../../toolchain/cc/preprocess.ts';

const HELLO = '#include <stdio.h>\n#include <string.h>\nint main(void) { printf("hello %d\\n", (int)strlen("abc")); return 0; }\n';

describe('the browser compile path', () => {
  it('imports no Node module and uses no Node global anywhere below compile.ts', () => {
    const closure = importClosure(join(ROOT, 'toolchain/cc/compile.ts'));
    expect(closure.size).toBeGreaterThan(10);
    expect(closure.has(join(ROOT, 'toolchain/cc/preprocess.ts'))).toBe(true);
    expect(nodeOffenders(closure, ROOT)).toEqual([]);
  });

  it('builds the same executable as the Node driver, from the bundle alone', () => {
    const b = toolchainBundle();
    if (!b.ok) throw new Error(b.error);
    expect(b.bundle.headers['/usr/include/stdio.h']).toContain('printf');
    const inMemory = buildProgramInMemory('/host/hello.c', HELLO, b.bundle);
    if (!inMemory.ok) throw new Error(inMemory.error);
    const obj = compileToObject('/host/hello.c', HELLO, { readFile: (p) => b.bundle.headers[p], systemPaths: ['/usr/include'] });
    if (!obj.ok) throw new Error(obj.diagnostics);
    const onNode = linkProgram([{ name: '/host/hello.o', data: obj.object }], 'hako');
    if (!onNode.ok) throw new Error(onNode.error);
    expect([...inMemory.elf.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(Buffer.from(inMemory.elf).equals(Buffer.from(onNode.elf))).toBe(true);
  });

  it('reports a compile error at file:line:col and a missing symbol from the linker', () => {
    const b = toolchainBundle();
    if (!b.ok) throw new Error(b.error);
    const bad = buildProgramInMemory('/host/bad.c', 'int main(void) {\n  return x;\n}\n', b.bundle);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^\/host\/bad\.c:2:10: error: /);
    const unlinked = buildProgramInMemory('/host/u.c', 'int nowhere(void);\nint main(void) { return nowhere(); }\n', b.bundle);
    expect(unlinked.ok).toBe(false);
    if (!unlinked.ok) expect(unlinked.error).toMatch(/ld: error: .*nowhere/);
    const missing = buildProgramInMemory('/host/m.c', '#include <nosuch.h>\n', b.bundle);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatch(/^\/host\/m\.c:1:\d+: error: 'nosuch\.h' file not found/);
  });

  it('joins include paths as POSIX does', () => {
    expect(dirnameOf('/host/a.c')).toBe('/host');
    expect(dirnameOf('a.c')).toBe('.');
    expect(dirnameOf('/a.c')).toBe('/');
    expect(joinPath('/usr/include', 'sys/types.h')).toBe('/usr/include/sys/types.h');
    expect(joinPath('/host/src', '../inc/./x.h')).toBe('/host/inc/x.h');
    expect(joinPath('.', 'x.h')).toBe('x.h');
    expect(joinPath('a', '../../x.h')).toBe('../x.h');
  });
});
