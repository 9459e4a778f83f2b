// The in-guest usertests suite seen from a kernel test: which cases a run
// reported, the check that exactly the expected ones passed, the one-boot
// run of a list of cases, and e2fsck -fn of the disk they left behind.
// Every boot test that runs usertests goes through these, so "passed"
// means the same thing everywhere: the named cases, in the runner's order
// (table order, then each table's order), each `test NAME: OK`, nothing
// else reported, and the runner's own ALL TESTS PASSED (n) line.
import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { SHELL_PROMPT, userlandDisk } from './shell-session.ts';

/** Every `test NAME: STATUS` line the runner printed in `out`, in order. */
export function usertestsResults(out: string): string[] {
  return out.split('\n').filter((l) => /^test \S+: /.test(l));
}

/** Fails unless `out` reports exactly `cases` (in the runner's order), each
 * OK, and the runner's summary line for that many. */
export function expectUsertestsPassed(out: string, cases: string[]): void {
  expect(cases.length).toBeGreaterThan(0);
  expect(usertestsResults(out), out.slice(-3000)).toEqual(cases.map((c) => `test ${c}: OK`));
  expect(out).toContain(`ALL TESTS PASSED (${cases.length})\n`);
}

export interface UsertestsRun {
  /** Console text, \n line ends. */
  out: string;
  /** The root disk the run wrote to. */
  store: MemoryBlockStore;
}

/** Boots a fresh userland disk, types `usertests CASES; poweroff $?` and
 * fails unless exactly `cases` passed and the runner exited 0 (the machine
 * powered off with that code). */
export async function runUsertests(cases: string[], opts: { budget: number; ramMiB?: number; cmdline?: string; wasm?: boolean }): Promise<UsertestsRun> {
  const store = new MemoryBlockStore(userlandDisk());
  const script = [{ after: SHELL_PROMPT, send: `usertests ${cases.join(' ')}; poweroff $?\r` }];
  const r = await boot({ ramMiB: opts.ramMiB ?? 32, disks: [store], script, budget: opts.budget, cmdline: opts.cmdline, wasm: opts.wasm });
  const out = r.output.replace(/\r\n/g, '\n');
  if (process.env.DEBUG_OUT) console.log(out);
  expect(r.state, `${r.deadReason}\n${out.slice(-2000)}`).toBe('off');
  expectUsertestsPassed(out, cases);
  expect(r.exitCode).toBe(0);
  return { out, store };
}

/** Debian's e2fsck -fn on a copy of `image`: its exit status and text. */
export function fsck(image: Uint8Array): { status: number | null; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hako-fsck-'));
  try {
    const img = join(dir, 'disk.img');
    writeFileSync(img, image);
    const r = spawnSync('e2fsck', ['-fn', img], { encoding: 'utf8' });
    return { status: r.status, text: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fails unless e2fsck -fn ran all five passes on `image` and found nothing. */
export function expectFsckClean(image: Uint8Array): void {
  const r = fsck(image);
  expect(r.text).toMatch(/Pass 5/);
  expect(r.status, r.text).toBe(0);
}
