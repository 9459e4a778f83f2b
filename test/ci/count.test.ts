// .ci/count.mjs: the counts behind CI's closing line `N passed, N failed`.
// Reports shaped as vitest's JSON reporter writes them (a file whose
// beforeAll threw: status "failed", its tests "skipped" with no failure of
// their own). Run as CI runs it: node .ci/count.mjs REPORT [EXIT_STATUS].
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../toolchain/os-build.ts';

type Status = 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
const file = (status: 'passed' | 'failed', tests: Status[]) => ({ status, assertionResults: tests.map((s) => ({ status: s })) });

function count(report: unknown, exitStatus?: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'hako-count-'));
  try {
    const path = join(dir, 'report.json');
    if (report !== undefined) writeFileSync(path, typeof report === 'string' ? report : JSON.stringify(report));
    const r = spawnSync(process.execPath, [join(REPO_ROOT, '.ci/count.mjs'), path, ...(exitStatus === undefined ? [] : [String(exitStatus)])], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    return r.stdout.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('.ci/count.mjs', () => {
  it('counts passing and failing tests', () => {
    expect(count({ success: false, testResults: [file('failed', ['passed', 'failed', 'passed'])] }, 1)).toBe('2 1 0');
  });

  it('counts the tests of a file whose beforeAll threw as failed, not as nothing', () => {
    expect(count({ success: false, testResults: [file('failed', ['skipped', 'skipped']), file('passed', ['passed'])] }, 1)).toBe('1 2 0');
  });

  it('counts a failed file without tests (an import error) as one failure', () => {
    expect(count({ success: false, testResults: [file('failed', [])] }, 1)).toBe('0 1 0');
  });

  it('reports skipped, pending and todo tests apart, never as passed', () => {
    expect(count({ success: true, testResults: [file('passed', ['passed', 'skipped', 'pending', 'todo'])] }, 0)).toBe('1 0 3');
  });

  it('a run that failed with no failed test (a global setup that threw) is one failure', () => {
    expect(count({ success: false, testResults: [] }, 1)).toBe('0 1 0');
    expect(count({ success: true, testResults: [file('passed', ['passed'])] }, 1)).toBe('1 1 0');
  });

  it('a missing or unreadable report is one failure', () => {
    expect(count(undefined)).toBe('0 1 0');
    expect(count('{ not json')).toBe('0 1 0');
  });

  it('a clean run counts only its passes', () => {
    expect(count({ success: true, testResults: [file('passed', ['passed', 'passed'])] }, 0)).toBe('2 0 0');
  });
});
