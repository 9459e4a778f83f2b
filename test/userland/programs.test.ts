// toolchain/userland-build.ts on the host: which sources make which
// program, that the programs are Hako ELF executables a standard tool can
// read, and that a broken program gives the compiler's or the linker's
// diagnostic instead of an exception. (The programs' behaviour is tested
// on the booted system: test/kernel/userland.test.ts.)
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildUserland, listPrograms } from '../../toolchain/userland-build.ts';
import { ROOT } from '../kernel/harness.ts';

describe('userland build', () => {
  it('maps every source file to its program path', () => {
    const progs = listPrograms(ROOT);
    const paths = progs.map((p) => p.guestPath);
    const utilities = readdirSync(join(ROOT, 'userland/bin')).filter((f) => f.endsWith('.c')).map((f) => `/bin/${f.slice(0, -2)}`);
    expect(utilities.length).toBeGreaterThanOrEqual(30);
    for (const u of utilities) expect(paths).toContain(u);
    expect(paths).toContain('/sbin/init');
    const sh = progs.find((p) => p.guestPath === '/bin/sh')!;
    expect(sh.sources.map((s) => s.slice(s.lastIndexOf('/') + 1))).toEqual(expect.arrayContaining(['main.c', 'lex.c', 'parse.c', 'eval.c', 'command.c', 'builtins.c', 'lineedit.c']));
    const ut = progs.find((p) => p.guestPath === '/bin/usertests')!;
    expect(ut.sources.some((s) => s.endsWith('.s'))).toBe(true);
    expect(paths).not.toContain('/bin/lib');
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('links executables for the OS: ELF32 ET_EXEC, EM_HAKO, entry _start at the user base', () => {
    const r = buildUserland(ROOT, ['/bin/true', '/bin/echo']);
    expect(r.errors).toEqual([]);
    expect(r.files.map((f) => f.guestPath).sort()).toEqual(['/bin/echo', '/bin/true']);
    for (const f of r.files) {
      const v = new DataView(f.data.buffer, f.data.byteOffset, f.data.byteLength);
      expect([...f.data.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
      expect(f.data[4]).toBe(1);                  // ELFCLASS32
      expect(v.getUint16(16, true)).toBe(2);      // ET_EXEC
      expect(v.getUint16(18, true)).toBe(0x4b48); // EM_HAKO
      expect(v.getUint32(24, true)).toBe(0x08048000); // crt0's _start opens .text
      expect(f.mode).toBe(0o755);
    }
    const dir = mkdtempSync(join(tmpdir(), 'hako-ul-'));
    try {
      const path = join(dir, 'echo');
      writeFileSync(path, r.files.find((f) => f.guestPath === '/bin/echo')!.data);
      const syms = execFileSync('readelf', ['-s', path], { encoding: 'utf8' });
      expect(syms).toMatch(/FUNC +GLOBAL +DEFAULT +\d+ _start\n/);
      expect(syms).toMatch(/FUNC +GLOBAL +DEFAULT +\d+ main\n/);
      expect(syms).toMatch(/OBJECT +GLOBAL +DEFAULT +\d+ environ\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('installs an alias as a copy of its program: /bin/[ is /bin/test', () => {
    const r = buildUserland(ROOT, ['/bin/test']);
    expect(r.errors).toEqual([]);
    const byPath = new Map(r.files.map((f) => [f.guestPath, f.data]));
    expect([...byPath.keys()].sort()).toEqual(['/bin/[', '/bin/test']);
    expect(byPath.get('/bin/[')).toEqual(byPath.get('/bin/test'));
  });

  it('reports a compile error as file:line:col and an undefined function as a link error, and builds the rest', () => {
    const root = mkdtempSync(join(tmpdir(), 'hako-ul-'));
    try {
      // the shared helpers (and libc's missing pieces) come along
      cpSync(join(ROOT, 'userland/bin/lib'), join(root, 'userland/bin/lib'), { recursive: true });
      writeFileSync(join(root, 'userland/bin/ok.c'), 'int main(void) { return 0; }\n');
      writeFileSync(join(root, 'userland/bin/broken.c'), 'int main(void) {\n  return 0 +;\n}\n');
      writeFileSync(join(root, 'userland/bin/unlinked.c'), 'int nowhere(void);\nint main(void) { return nowhere(); }\n');
      const r = buildUserland(root);
      expect(r.ok).toBe(false);
      expect(r.errors.join('\n')).toMatch(/userland\/bin\/broken\.c:2:\d+: error: /);
      expect(r.errors.join('\n')).toMatch(/\/bin\/unlinked: .*nowhere/);
      expect(r.files.map((f) => f.guestPath)).toEqual(['/bin/ok']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
