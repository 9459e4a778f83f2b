// crypt() and SHA-256 of the Hako libc (userland/lib/crypt.c, sha256.c),
// compiled with the host's gcc and checked against independent oracles:
// glibc's crypt (through perl's crypt builtin, or `openssl passwd -5` when
// perl is missing) on a table of passwords and salts, and Node's SHA-256
// (OpenSSL) on every length from 0 to 300 bytes. The libc objects get the
// prefix hk_ (as in libc-host.test.ts) so they link next to glibc.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const LIB = join(ROOT, 'userland', 'lib');
const FLAGS = [
  '-std=c99', '-O2', '-ffreestanding', '-fno-builtin', '-nostdinc', '-fno-stack-protector',
  '-fno-tree-loop-distribute-patterns', '-Wall', '-Wextra', '-Werror', '-I', join(ROOT, 'userland', 'include'), '-I', LIB,
];
// crypt and what it uses from the rest of libc
const SOURCES = ['crypt', 'sha256', 'string', 'strtol', 'strtoll', 'errno', 'ctype'];

let work = '';
let driver = '';

function run(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hako-crypt-'));
  const objs = SOURCES.map((s) => {
    const o = join(work, `${s}.o`);
    run('gcc', [...FLAGS, '-c', '-o', o, join(LIB, `${s}.c`)]);
    return o;
  });
  run('ld', ['-r', '-o', join(work, 'libc.o'), ...objs]);
  run('objcopy', ['--prefix-symbols=hk_', join(work, 'libc.o'), join(work, 'libc_hk.o')]);
  driver = join(work, 'driver');
  run('gcc', ['-std=gnu99', '-O1', '-o', driver, join(ROOT, 'test/userland/users/crypt_driver.c'), join(work, 'libc_hk.o')]);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const hasPerl = spawnSync('perl', ['-e', 'exit 0']).status === 0;

/** glibc's answers for each [key, salt]. */
function oracle(cases: [string, string][]): string[] {
  if (hasPerl) {
    const script = 'while (<STDIN>) { chomp; my ($k, $s) = split /\\t/, $_, 2; my $r = crypt($k, $s); print defined $r ? "$r\\n" : "(null)\\n"; }';
    return run('perl', ['-e', script], cases.map(([k, s]) => `${k}\t${s}\n`).join('')).split('\n').slice(0, -1);
  }
  return cases.map(([k, s]) => {
    const m = /^\$5\$(?:rounds=(\d+)\$)?([^$]*)/.exec(s)!;
    const args = ['passwd', '-5', '-salt', m[2], '-stdin'];
    if (m[1]) throw new Error('openssl passwd cannot give rounds: install perl');
    return run('openssl', args, k + '\n').trim();
  });
}

/** A deterministic pseudo-random generator (the table must be the same every run). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x;
  };
}

describe('crypt() against glibc', () => {
  it('agrees on a table of passwords and salts ($5$, default and custom rounds, salt lengths 0-16 and longer)', () => {
    const salt64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const cases: [string, string][] = [
      ['pw', '$5$salt$'],
      ['hako', '$5$hakosalt'],
      ['', '$5$emptykey$'],
      ['Hello world!', '$5$saltstring'],
      ['Hello world!', '$5$rounds=10000$saltstringsaltstring'],
      ['This is just a test', '$5$rounds=5000$toolongsaltstring'],
      ['a very much longer text to encrypt.  This one even stretches over morethan one line.', '$5$rounds=1400$anotherlongsaltstring'],
      ['we have a short salt string but not a short password', '$5$rounds=77777$short'],
      ['a short string', '$5$rounds=123456$asaltof16chars..'],
      ['x'.repeat(200), '$5$long$'],
      ['root', '$5$$'],
      ['pw', '$5$salt$ignored-after-the-dollar'],
    ];
    for (let n = 0; n <= 17; n++) cases.push([`pass${n}`, `$5$${'abcdefghijklmnopq'.slice(0, n)}$`]);
    const next = lcg(12345);
    for (let i = 0; i < 40; i++) {
      let key = '';
      const klen = next() % 80;
      for (let j = 0; j < klen; j++) key += String.fromCharCode(33 + (next() % 94));
      let salt = '';
      const slen = 1 + (next() % 16);
      for (let j = 0; j < slen; j++) salt += salt64[next() % 64];
      cases.push([key.replace(/\t/g, ' '), i % 4 === 0 ? `$5$rounds=${1000 + (next() % 3000)}$${salt}` : `$5$${salt}`]);
    }
    const ours = run(driver, ['crypt'], cases.map(([k, s]) => `${k}\t${s}\n`).join('')).split('\n').slice(0, -1);
    const theirs = oracle(cases);
    expect(theirs.length).toBe(cases.length);
    expect(theirs.every((r) => r.startsWith('$5$'))).toBe(true);
    for (let i = 0; i < cases.length; i++) expect(ours[i], JSON.stringify(cases[i])).toBe(theirs[i]);
  });

  it('clamps rounds below 1000 to 1000 as the specification says (libxcrypt refuses them instead)', () => {
    const out = run(driver, ['crypt'], 'the minimum number is still observed\t$5$rounds=10$roundstoolow\n').trim();
    const at1000 = oracle([['the minimum number is still observed', '$5$rounds=1000$roundstoolow']])[0];
    expect(at1000.startsWith('$5$rounds=1000$roundstoolow$')).toBe(true);
    expect(out).toBe(at1000);
  });

  it('refuses what is not a $5$ salt (NULL, EINVAL) instead of guessing', () => {
    const out = run(driver, ['crypt'], 'pw\tab\npw\t$6$salt$\npw\t$5$rounds=x$salt\npw\t$5$sa:lt$\n');
    expect(out).toBe('(null)\n(null)\n(null)\n(null)\n');
  });
});

describe('SHA-256', () => {
  it('matches Node/OpenSSL for every length 0-300 (split updates across blocks)', () => {
    const out = run(driver, ['sha', '300']).split('\n').slice(0, -1);
    expect(out.length).toBe(301);
    for (let len = 0; len <= 300; len++) {
      const data = Buffer.alloc(len);
      for (let i = 0; i < len; i++) data[i] = i % 251;
      expect(out[len], `length ${len}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});
