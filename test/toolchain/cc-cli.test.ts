// The command line: -S, -c, -o, -I, -D, --run with arguments and stdin,
// exit statuses, and diagnostics on stderr.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');
const main = join(root, 'toolchain/cc/main.ts');

function cc(args: string[], input = '', cwd = root) {
  const r = spawnSync(tsx, [main, ...args], { input, cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cc command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hako-cc-'));
  writeFileSync(join(dir, 'defs.h'), '#define GREETING "hi"\n');
  writeFileSync(join(dir, 'prog.c'), [
    '#include <stdio.h>', '#include <defs.h>',
    'int main(int argc, char **argv) {',
    '  char line[64];',
    '  printf("%s %d %s %d\\n", GREETING, argc, argv[argc - 1], EXTRA);',
    '  while (fgets(line, sizeof line, stdin)) printf("in: %s", line);',
    '  return 7;', '}', ''].join('\n'));

  it('-S writes tidy assembly', () => {
    const out = join(dir, 'prog.s');
    const r = cc(['-S', '-I', dir, '-DEXTRA=5', '-o', out, join(dir, 'prog.c')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const asm = readFileSync(out, 'utf8');
    expect(asm).toMatch(/^\s+global main$/m);
    expect(asm).toMatch(/^main:$/m);
    expect(asm).toMatch(/call printf/);
  }, 60_000);

  it('-c writes an ELF32 relocatable object', () => {
    const out = join(dir, 'prog.o');
    const r = cc(['-c', '-I', dir, '-D', 'EXTRA=5', '-o', out, join(dir, 'prog.c')]);
    expect(r.status).toBe(0);
    const elf = readFileSync(out);
    expect([...elf.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(elf[4]).toBe(1); // ELFCLASS32
    expect(elf.readUInt16LE(16)).toBe(1); // ET_REL
    expect(elf.readUInt16LE(18)).toBe(0x4b48); // EM_HAKO
  }, 60_000);

  it('without -S/-c links an OS executable at 0x08048000 with crt0 and libc', () => {
    const out = join(dir, 'prog');
    const r = cc(['-I', dir, '-DEXTRA=1', '-o', out, join(dir, 'prog.c')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const elf = readFileSync(out);
    expect(elf.readUInt16LE(16)).toBe(2); // ET_EXEC
    expect(elf.readUInt16LE(18)).toBe(0x4b48);
    const entry = elf.readUInt32LE(24);
    expect(entry).toBeGreaterThanOrEqual(0x08048000);
    expect(entry).toBeLessThan(0x08100000);
    const syms = spawnSync('readelf', ['-Ws', out], { encoding: 'utf8' });
    expect(syms.stderr).toBe('');
    for (const name of ['_start', 'main', 'printf', 'fgets', '__sys_isatty']) {
      expect(syms.stdout).toMatch(new RegExp(`\\s${name.replace(/\$/g, '\\$')}$`, 'm'));
    }
  }, 60_000);

  it('declares the POSIX calls the kernel offers, and links them for the OS', () => {
    const src = join(dir, 'posix.c');
    writeFileSync(src, [
      '#include <stdio.h>', '#include <unistd.h>', '#include <signal.h>', '#include <sys/wait.h>',
      '#include <sys/time.h>', '#include <sys/sysinfo.h>', '#include <sys/stat.h>', '#include <fcntl.h>',
      'int main(void) {', '  struct sysinfo si; int st;',
      '  if (sysinfo(&si) == 0 && si.mem_unit) printf("%lu\\n", si.totalram);',
      '  setpgid(0, 0); getpgrp(); getpgid(0); setsid(); getsid(0); getuid(); geteuid(); getgid(); getegid();',
      '  alarm(0); sync(); rename("a", "b"); utimes("a", 0); wait4(-1, &st, WNOHANG, 0);',
      '  kill(getpid(), 0); if (st < 0) pause();',
      '  return 0;', '}', ''].join('\n'));
    const out = join(dir, 'posix');
    const r = cc(['-o', out, src]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);

  it('--run boots the program with its arguments and stdin and exits with its status', () => {
    const r = cc(['-I', dir, '-DEXTRA=9', '--run', join(dir, 'prog.c'), 'alpha', 'beta'], 'one\ntwo\n');
    expect(r.stdout).toBe('hi 3 beta 9\nin: one\nin: two\n');
    expect(r.status).toBe(7);
  }, 60_000);

  it('reports a compile error as file:line:col with a caret and exits 1', () => {
    const bad = join(dir, 'bad.c');
    writeFileSync(bad, 'int main(void) {\n  return 1 +;\n}\n');
    const r = cc(['--run', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${bad}:2:13: error: expected expression before ';'\n  return 1 +;\n            ^\n`);
    expect(r.stdout).toBe('');
  }, 60_000);

  it('says it cannot write an output into a missing directory, with the OS reason, and exits 1', () => {
    const prog = join(dir, 'prog.c');
    for (const mode of [[], ['-c'], ['-S']]) {
      const r = cc([...mode, '-DEXTRA=1', '-I', dir, '-o', '/nonexistent/dir/o', prog]);
      expect(r.stderr).toBe('cc: error: cannot write /nonexistent/dir/o: no such file or directory (ENOENT)\n');
      expect(r.status).toBe(1);
    }
  }, 60_000);

  it('rejects unknown options and missing files with exit status 1', () => {
    expect(cc(['-Q', 'x.c']).status).toBe(1);
    const r = cc(['-c', join(dir, 'missing.c')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing\.c: no such file/);
    expect(existsSync(join(root, 'missing.o'))).toBe(false);
  }, 60_000);
});

// A CPU exception in a --run program: the bare runtime's trap handlers
// report it on the console and power off with 128 + the signal; a stack
// overflow, which leaves no stack for the trap, is named by the runner.
// Before, a divide by zero or a runaway recursion hung forever (the vector
// table was empty) and a wild read returned all ones (exit 255, silently).
describe('cc --run on a CPU exception', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hako-cc-fault-'));
  const run = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, '#include <stdio.h>\nint zero(void) { return 0; }\n' + body);
    return { file, ...cc(['--run', file]) };
  };

  it('a divide by zero prints the exception, the address and the function, and exits 136 (SIGFPE)', () => {
    const r = run('div.c', 'int divide(int a, int b) { return a / b; }\n' +
      'int main(void) { printf("before\\n"); return divide(1, zero()); }\n');
    expect(r.stdout).toMatch(new RegExp(`^before\\n${r.file}: divide error \\(#DE\\) at 0x001[0-9a-f]{5} in divide\\n$`));
    expect(r.status).toBe(136);
  }, 60_000);

  it('a null pointer read is a page fault at address 0 (exit 139, SIGSEGV)', () => {
    const r = run('null.c', 'int main(void) { int *p = (int *)zero(); return *p; }\n');
    expect(r.stdout).toMatch(/page fault \(#PF\) reading 0x00000000 at 0x001[0-9a-f]{5} in main: a null pointer/);
    expect(r.status).toBe(139);
  }, 60_000);

  it('a read of a kernel address says nothing is there (the bare machine has RAM only)', () => {
    const r = run('kaddr.c', 'int main(void) { volatile int *p = (int *)0xC0000000; return *p; }\n');
    expect(r.stdout).toMatch(/page fault \(#PF\) reading 0xc0000000 at 0x001[0-9a-f]{5} in main: no memory there \(RAM ends at 0x02000000\)\n$/);
    expect(r.status).toBe(139);
  }, 60_000);

  it('a runaway recursion is reported as a stack overflow in the recursing function, exit 1', () => {
    const r = run('deep.c', 'int down(int n) { return down(n + 1) + 1; }\nint main(void) { return down(zero()); }\n');
    expect(r.stderr).toMatch(new RegExp(`^cc: ${r.file}: stack overflow at 0x001[0-9a-f]{5} in down: .*triple fault\\)\\n$`));
    expect(r.status).toBe(1);
  }, 60_000);
});
