// regcomp/regexec of our libc (userland/lib/regcomp.c, regexec.c) against glibc's as the
// oracle. regcomp.c, regexec.c, ctype.c and string.c are compiled with host gcc against
// userland/include only and every symbol gets the prefix hk_ (as in
// libc-host.test.ts), so they link into a glibc program beside glibc's own
// regex; malloc/free come from glibc through two one-line wrappers. The
// program reads cases (cflags, pattern, subject, hex-encoded) and compares
// whether each pattern compiles and, for every subject, regexec's result
// and pmatch[0] (the leftmost-longest match), and for the cases that ask,
// pmatch[1..9] (the groups, which sed's \1 uses). The cases: a fixed list of
// the forms grep users write, and patterns drawn at random (seeded) from a
// grammar of well-defined POSIX forms, in BRE and ERE, with REG_ICASE and
// REG_NEWLINE, over short subjects built from the letters they use.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const INCLUDE = join(ROOT, 'userland', 'include');
const LIB = join(ROOT, 'userland', 'lib');
const LIBC_FLAGS = [
  '-std=c99', '-O2', '-g', '-ffreestanding', '-fno-builtin', '-nostdinc', '-fno-stack-protector',
  '-fno-tree-loop-distribute-patterns', '-fno-strict-aliasing', '-fno-common',
  '-Wall', '-Wextra', '-Werror', '-I', INCLUDE, '-I', LIB,
];
const REG_EXTENDED = 1, REG_ICASE = 2, REG_NEWLINE = 4, REG_NOSUB = 8;

const DRIVER = String.raw`
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef struct { size_t re_nsub; void *guts; int cflags; } hk_regex_t;
typedef struct { int rm_so, rm_eo; } hk_regmatch_t;
int hk_regcomp(hk_regex_t *, const char *, int);
int hk_regexec(const hk_regex_t *, const char *, size_t, hk_regmatch_t *, int);
void hk_regfree(hk_regex_t *);
size_t hk_regerror(int, const hk_regex_t *, char *, size_t);
void *hk_malloc(size_t n) { return malloc(n); }
void hk_free(void *p) { free(p); }
void *hk_calloc(size_t n, size_t m) { return calloc(n, m); }
/* glibc's flag values, to map ours (1 2 4 8) onto */
static int host_cflags(int f) {
  return (f & 1 ? REG_EXTENDED : 0) | (f & 2 ? REG_ICASE : 0) | (f & 4 ? REG_NEWLINE : 0) | (f & 8 ? REG_NOSUB : 0);
}
static void unhex(const char *h, char *out) {
  while (h[0] && h[1] && h[0] != '\n') { unsigned v; sscanf(h, "%2x", &v); *out++ = (char)v; h += 2; }
  *out = 0;
}
int main(void) {
  static char line[70000], pat[4096], subj[4096], ourmsg[200], hostmsg[200];
  long checks = 0, failures = 0;
  hk_regex_t ours; regex_t host; int ours_ok = 0, host_ok = 0, flags = 0, groups = 0;
  while (fgets(line, sizeof line, stdin)) {
    if (line[0] == 'P') {           /* P flags exact-code groups-compared hexpattern */
      int exact; char hx[9000];
      if (ours_ok) hk_regfree(&ours);
      if (host_ok) regfree(&host);
      sscanf(line + 2, "%d %d %d %8999s", &flags, &exact, &groups, hx);
      unhex(hx, pat);
      int a = hk_regcomp(&ours, pat, flags), b = regcomp(&host, pat, host_cflags(flags));
      ours_ok = a == 0; host_ok = b == 0;
      checks++;
      if (ours_ok != host_ok || (exact && a != b)) {
        hk_regerror(a, &ours, ourmsg, sizeof ourmsg); regerror(b, &host, hostmsg, sizeof hostmsg);
        if (failures++ < 40) printf("FAIL compile /%s/ flags %d: ours %d (%s), glibc %d (%s)\n", pat, flags, a, ourmsg, b, hostmsg);
      } else if (!ours_ok && exact) {
        hk_regerror(a, &ours, ourmsg, sizeof ourmsg); regerror(b, &host, hostmsg, sizeof hostmsg);
        checks++;
        if (strcmp(ourmsg, hostmsg) && failures++ < 40) printf("FAIL message for /%s/: ours '%s', glibc '%s'\n", pat, ourmsg, hostmsg);
      }
    } else if (line[0] == 'S' && ours_ok && host_ok) {   /* S eflags hexsubject */
      int eflags; char hx[9000] = "";
      sscanf(line + 2, "%d %8999s", &eflags, hx);
      if (hx[0] == '-') hx[0] = 0;
      unhex(hx, subj);
      hk_regmatch_t om[10]; regmatch_t hm[10];
      for (int i = 0; i < 10; i++) om[i].rm_so = om[i].rm_eo = -7;
      int a = hk_regexec(&ours, subj, 10, om, eflags), b = regexec(&host, subj, 10, hm, eflags);
      checks++;
      int same = (a == 0) == (b == 0);
      if (same && a == 0 && !(flags & 8)) same = om[0].rm_so == hm[0].rm_so && om[0].rm_eo == hm[0].rm_eo;
      for (int i = 1; same && a == 0 && !(flags & 8) && i <= groups; i++) {
        same = om[i].rm_so == hm[i].rm_so && om[i].rm_eo == hm[i].rm_eo;
        if (!same && failures < 40) printf("FAIL group %d: ours [%d,%d], glibc [%d,%d]\n", i, om[i].rm_so, om[i].rm_eo, (int)hm[i].rm_so, (int)hm[i].rm_eo);
      }
      if (!same && failures++ < 40) {
        for (char *c = subj; *c; c++) if (*c == '\n') *c = '|';
        printf("FAIL exec /%s/ flags %d on '%s' (newline shown as |) eflags %d: ours %d [%d,%d], glibc %d [%d,%d]\n",
               pat, flags, subj, eflags, a, om[0].rm_so, om[0].rm_eo, b, (int)hm[0].rm_so, (int)hm[0].rm_eo);
      }
    }
  }
  printf("regex: %ld checks, %ld failures\n", checks, failures);
  return failures != 0;
}
`;

let work = '';
let driver = '';

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}\n${r.stdout}${r.stderr}`);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hako-regex-'));
  const objects = ['regcomp', 'regexec', 'ctype', 'string'].map((name) => {
    const obj = join(work, `${name}.o`);
    run('gcc', [...LIBC_FLAGS, '-c', '-o', obj, join(LIB, `${name}.c`)]);
    return obj;
  });
  run('ld', ['-r', '-o', join(work, 'part.o'), ...objects]);
  run('objcopy', ['--prefix-symbols=hk_', join(work, 'part.o'), join(work, 'part_hk.o')]);
  writeFileSync(join(work, 'driver.c'), DRIVER);
  driver = join(work, 'driver');
  run('gcc', ['-std=gnu99', '-O1', '-g', '-Wall', '-o', driver, join(work, 'driver.c'), join(work, 'part_hk.o')]);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const hex = (s: string) => (s === '' ? '-' : Buffer.from(s, 'latin1').toString('hex'));

interface Case { pattern: string; cflags: number; exactError?: boolean; subjects: string[]; eflags?: number[]; groups?: number }

/** Runs the cases through the driver; returns the number of checks after asserting no failure. */
function compare(cases: Case[]): number {
  const lines: string[] = [];
  for (const c of cases) {
    lines.push(`P ${c.cflags} ${c.exactError ? 1 : 0} ${c.groups ?? 0} ${Buffer.from(c.pattern, 'latin1').toString('hex') || '00'}`);
    for (const s of c.subjects) for (const e of c.eflags ?? [0]) lines.push(`S ${e} ${hex(s)}`);
  }
  const r = spawnSync(driver, [], { input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 120_000 });
  expect(r.stdout.split('\n').filter((l) => l.startsWith('FAIL')), r.stdout + r.stderr).toEqual([]);
  const m = /^regex: (\d+) checks, (\d+) failures$/m.exec(r.stdout);
  expect(m, r.stdout + r.stderr).not.toBeNull();
  expect(r.status).toBe(0);
  return Number(m![1]);
}

// A small deterministic generator (xorshift), so a failure can be rerun.
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

const BRACKETS = ['[ab]', '[^a]', '[a-c]', '[[:alpha:]]', '[[:digit:]]', '[]a]', '[^]a]', '[a-]', '[.]', '[[:space:]]',
  '[^[:alnum:]]', '[[:upper:]]', '[[:lower:]x]', '[^b-z]'];

/** A random pattern of forms POSIX defines the same in BRE/ERE as in glibc. */
function randomPattern(next: () => number, ere: boolean, depth = 0): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const atom = (): string => {
    const r = next();
    if (r < 0.45) return pick(['a', 'b', 'a', 'b', 'c', 'A', '1', ' ']);
    if (r < 0.6) return '.';
    if (r < 0.75) return pick(BRACKETS);
    if (r < 0.8) return ere ? '\\.' : '\\*';
    if (depth < 2) {
      const inner = randomPattern(next, ere, depth + 1);
      return ere ? `(${inner})` : `\\(${inner}\\)`;
    }
    return 'b';
  };
  const piece = (): string => {
    const a = atom();
    const r = next();
    if (r < 0.2) return a + '*';
    if (ere && r < 0.28) return a + '+';
    if (ere && r < 0.35) return a + '?';
    if (r < 0.42) {
      const m = Math.floor(next() * 3);
      const form = pick([`${m}`, `${m},`, `${m},${m + Math.floor(next() * 3)}`]);
      return ere ? `${a}{${form}}` : `${a}\\{${form}\\}`;
    }
    return a;
  };
  const branch = (): string => {
    let s = '';
    const n = 1 + Math.floor(next() * 3);
    for (let i = 0; i < n; i++) s += piece();
    if (depth === 0 && next() < 0.2) s = '^' + s;
    if (depth === 0 && next() < 0.2) s = s + '$';
    return s;
  };
  let out = branch();
  if (ere && next() < 0.3) out += '|' + branch();
  return out;
}

function randomSubject(next: () => number): string {
  const letters = 'aabbcA1 .*\nB';
  let s = '';
  const n = Math.floor(next() * 9);
  for (let i = 0; i < n; i++) s += letters[Math.floor(next() * letters.length)];
  return s;
}

describe('regcomp/regexec match glibc', () => {
  it('nested and ambiguous loops that a naive backtracker takes exponential time over finish and agree', () => {
    const long = ['a'.repeat(40), 'a'.repeat(60) + 'b', 'a'.repeat(50) + 'c', 'ab'.repeat(30)];
    const cases: Case[] = ['(a*)*b', '(a|aa)*c', '(a+)+$', '((a*)*)*x', '(a|ab|b)*c', '(.*)*b'].map((pattern) => ({
      pattern, cflags: REG_EXTENDED, subjects: long,
    }));
    cases.push({ pattern: '\\(a*\\)*b', cflags: REG_NOSUB, subjects: long });
    expect(compare(cases)).toBe(7 + 7 * long.length);
  });

  it('grep-style patterns: anchors, classes, alternation, intervals, escapes, in BRE and ERE', () => {
    const lines = ['SwapTotal:       0 kB', 'MemTotal:    32768 kB', 'pswpin 12', 'pswpout 3', 'Cached: 10 kB', '0 zero',
      'a.b', 'axb', 'hello world', 'Hello World', '', 'abcabc', 'x{2}', 'tab\there', 'foo(bar)', 'a+b', '$HOME', '^caret'];
    const bre = ['^Swap', 'Mem.*kB$', '^[0-9]', 'kB$', 'a\\.b', 'a.b', '[[:digit:]]\\{2,\\}', '\\(abc\\)*', '\\(abc\\)\\{2\\}',
      'o*', '^$', '^', '$', 'x{2}', 'a+b', '\\$HOME', '^\\^', '[[:space:]][0-9]', '[^[:alpha:] ]', 'l\\{2\\}', '*a', '^*',
      'a\\|b', 'pswp\\(in\\|out\\)', 'a\\+', 'b\\?c', '[[:upper:]][[:lower:]]*', 'W.r', '\\w\\+', '\\S\\s', '[.]'];
    const ere = ['pswpin|pswpout', '^(Swap|Mem)', '[0-9]+ kB$', '(abc){2}', '(ab|abc)+', 'x\\{2\\}', 'a\\+b', '^\\$',
      'o{1,2}', '(a|b|c)*', 'l+o', 'foo\\(', '^[^:]+:', '(^a|c$)', 'x?y?z?', '[[:alnum:]]{5}', '(|a)b', 'a{0}', '()',
      '(a*)*b', '(a|ab)(c|bcd)', '\\w+ \\w+'];
    const cases: Case[] = [];
    for (const icase of [0, REG_ICASE]) {
      for (const p of bre) cases.push({ pattern: p, cflags: icase, subjects: lines, eflags: [0, 1, 2] });
      for (const p of ere) cases.push({ pattern: p, cflags: REG_EXTENDED | icase, subjects: lines, eflags: [0, 1, 2] });
    }
    expect(compare(cases)).toBeGreaterThan(3000);
  });

  it('REG_NEWLINE: . and [^…] stop at a newline, ^ and $ match around it; without it they do not', () => {
    const subjects = ['ab\ncd', 'x\n', '\nab', 'a\nb\nc', 'cd\nab'];
    const cases: Case[] = [];
    for (const p of ['^ab', 'b$', 'a.b', 'a[^x]b', '^cd$', '^$', 'b.*', '.*']) {
      for (const f of [0, REG_NEWLINE, REG_EXTENDED, REG_EXTENDED | REG_NEWLINE]) cases.push({ pattern: p, cflags: f, subjects, eflags: [0, 1, 2, 3] });
    }
    expect(compare(cases)).toBeGreaterThan(500);
  });

  it('groups (pmatch[1..9]) and back-references \\1..\\9 in BRE and ERE, ±REG_ICASE, match glibc', () => {
    const subjects = ['abcabc', 'a  x', 'hello world', 'key=value', 'aa bb cc', 'abab', 'xyzzy', 'Abca', 'foo bar foo', '2026-12-07',
      'a-b-c', '', 'aaaa', 'ab ba', 'The the cat', 'noon', 'xx yy xy'];
    const bre = ['\\([a-z]*\\) \\([a-z]*\\)', '\\([^=]*\\)=\\(.*\\)', '\\(a\\)\\(b\\)\\(c\\)', '\\(ab\\)*',
      '\\([0-9]*\\)-\\([0-9]*\\)-\\([0-9]*\\)', '\\(.\\)\\1', '\\([a-z]*\\) .* \\1', '\\(ab\\)\\1',
      '^\\(.*\\)\\1$', '\\([a-z]\\)\\([a-z]\\)\\2\\1', '\\(x\\(y\\)\\)', '\\([[:alpha:]]*\\)',
      'a\\(b\\)\\{0,1\\}c', '\\(the\\) \\1', '\\(a*\\)\\(a*\\)', '\\([a-z]\\{2\\}\\) \\1'];
    // glibc's choice of groups for ambiguous patterns (equal-length alternatives, empty
    // iterations a minimum needs) follows its own DFA rules; these are the forms sed users
    // write, where the greedy leftmost path is the one glibc reports too
    const ere = ['([a-z]+) ([a-z]+)', '( *)*x', '(a*)*', '(a|b)*c', '([^=]*)=(.*)', '(a|b)+', '((a)(b))c', '(.)\\1', '(ab|cd)\\1', '([a-z]+)-([a-z]+)',
      '(x)?y', '(foo|bar) (foo|bar)', '([0-9]+)-([0-9]+)'];
    const cases: Case[] = [];
    for (const icase of [0, REG_ICASE]) {
      for (const p of bre) cases.push({ pattern: p, cflags: icase, subjects, groups: 9 });
      for (const p of ere) cases.push({ pattern: p, cflags: REG_EXTENDED | icase, subjects, groups: 9 });
    }
    // a reference to a group not yet opened is an error, as in glibc
    for (const [pattern, cflags] of [['\\1', 0], ['\\(a\\)\\2', 0], ['(a)\\2', REG_EXTENDED], ['a\\1(b)', REG_EXTENDED]] as [string, number][]) {
      cases.push({ pattern, cflags, exactError: true, subjects: [] });
    }
    expect(compare(cases)).toBeGreaterThan(800);
  });

  it('bad patterns fail with glibc\'s error code and message', () => {
    const bad: [string, number][] = [['a\\(b', 0], ['(ab', REG_EXTENDED], ['[ab', 0], ['[ab', REG_EXTENDED], ['a\\{2,1\\}', 0],
      ['a{2,1}', REG_EXTENDED], ['[[:nope:]]', 0], ['ab\\', 0], ['ab\\', REG_EXTENDED], ['[b-a]', 0], ['*a', REG_EXTENDED],
      ['a|*b', REG_EXTENDED], ['a\\{1', 0], ['a{1', REG_EXTENDED], ['a\\{x\\}', 0], ['[[:alpha:]', 0], ['[a-', 0]];
    const cases: Case[] = bad.map(([pattern, cflags]) => ({ pattern, cflags, exactError: true, subjects: [] }));
    // and they still fail, with the same code, when case is ignored
    for (const [pattern, cflags] of bad) cases.push({ pattern, cflags: cflags | REG_ICASE, exactError: true, subjects: [] });
    expect(compare(cases)).toBe(bad.length * 4);
  });

  it('random patterns from a grammar of defined forms, BRE and ERE, ±REG_ICASE ±REG_NOSUB, agree with glibc', () => {
    const next = rng(20261125);
    const cases: Case[] = [];
    for (let i = 0; i < 3000; i++) {
      const ere = i % 2 === 1;
      const pattern = randomPattern(next, ere);
      const subjects = Array.from({ length: 25 }, () => randomSubject(next));
      const cflags = (ere ? REG_EXTENDED : 0) | (i % 4 >= 2 ? REG_ICASE : 0) | (i % 7 === 0 ? REG_NOSUB : 0);
      cases.push({ pattern, cflags, subjects });
    }
    expect(compare(cases)).toBeGreaterThan(70_000);
  });
});
