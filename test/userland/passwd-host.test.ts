// The Hako libc's user and group database readers (userland/lib/pwd.c,
// grp.c, dbfile.c) on the host: compiled with host gcc (symbols prefixed
// hk_, system layer from test/userland/host/shim.c), they read the host's
// own /etc/passwd and /etc/group, and must agree with an independent parse
// of those files here: every entry and field, lookups by name and id (the
// first match, as glibc's files backend), getgrouplist (primary group
// first, then each group naming the user, no duplicates; -1 and the count
// needed when the array is too small).

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const LIB = join(ROOT, 'userland', 'lib');
const FLAGS = [
  '-std=c99', '-O2', '-ffreestanding', '-fno-builtin', '-nostdinc', '-fno-stack-protector',
  '-fno-tree-loop-distribute-patterns', '-fno-common', '-Wall', '-Wextra', '-Werror',
  '-I', join(ROOT, 'userland', 'include'), '-I', LIB,
];

let work = '';
let output = '';

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hako-pwd-'));
  const objs = readdirSync(LIB).filter((f) => f.endsWith('.c')).map((f) => {
    const o = join(work, basename(f, '.c') + '.o');
    run('gcc', [...FLAGS, '-c', '-o', o, join(LIB, f)]);
    return o;
  });
  run('ld', ['-r', '-o', join(work, 'libc.o'), ...objs]);
  run('objcopy', ['--prefix-symbols=hk_', join(work, 'libc.o'), join(work, 'libc_hk.o')]);
  const driver = join(work, 'driver');
  run('gcc', ['-std=gnu99', '-O1', '-o', driver, join(ROOT, 'test/userland/users/pwd_driver.c'),
    join(ROOT, 'test/userland/host/shim.c'), join(work, 'libc_hk.o')]);
  output = run(driver, []);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const numeric = (s: string) => /^\d+$/.test(s);

/** Lines of an /etc file split at ':' with exactly n fields and numeric id fields; others are skipped. */
function entries(path: string, n: number, ids: number[]): string[][] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '')
    .map((l) => l.split(':')).filter((f) => f.length === n && ids.every((i) => numeric(f[i])));
}

function lines(tag: string): string[] {
  return output.split('\n').filter((l) => l.startsWith(`${tag} `)).map((l) => l.slice(tag.length + 1));
}

describe('getpwent/getgrent & co. on the host files', () => {
  it('list every well-formed entry of /etc/passwd and /etc/group with every field', () => {
    const users = entries('/etc/passwd', 7, [2, 3]);
    expect(users.length).toBeGreaterThan(0);
    expect(lines('P')).toEqual(users.map((f) => f.join(':')));
    const groups = entries('/etc/group', 4, [2]);
    expect(lines('G')).toEqual(groups.map((f) => [f[0], f[1], f[2], f[3].split(',').filter((m) => m !== '').join(',')].join(':')));
  });

  it('find users by name and by id (the first line with that id), and report unknown names', () => {
    const users = entries('/etc/passwd', 7, [2, 3]);
    const firstByUid = new Map<string, string>();
    for (const f of users) if (!firstByUid.has(f[2])) firstByUid.set(f[2], f[0]);
    const firstByName = new Map<string, string>();
    for (const f of users) if (!firstByName.has(f[0])) firstByName.set(f[0], f[2]);
    expect(lines('N')).toEqual(users.map((f) => `${f[0]} ${firstByName.get(f[0])} ${firstByUid.get(firstByName.get(f[0])!)}`));
    const root = entries('/etc/group', 4, [2]);
    const rootName = root.find((f) => f[0] === 'root')?.[0] ?? '(none)';
    const gid0 = root.find((f) => f[2] === '0')?.[0] ?? '(none)';
    expect(lines('R')).toEqual([rootName, gid0]);
    expect(lines('X')).toEqual(['(none)']);
  });

  it('getgrouplist: the primary group, then every group naming the user, once each; too small gives -1 and the count', () => {
    const users = entries('/etc/passwd', 7, [2, 3]);
    const groups = entries('/etc/group', 4, [2]);
    const expected = users.map((u) => {
      const list = [Number(u[3])];
      for (const g of groups) {
        if (g[3].split(',').includes(u[0]) && !list.includes(Number(g[2]))) list.push(Number(g[2]));
      }
      return `${u[0]} ${list.join(' ')}`;
    });
    expect(lines('L')).toEqual(expected);
    const first = expected[0].split(' ').length - 1;
    expect(lines('S')).toEqual([`-1 ${first}`]);
  });
});
