// Grading: build what the student wrote, boot it, run every check in order.
// A program that does not compile fails the grading with the compiler's
// file:line:col diagnostics and boots nothing; a check that hangs gets
// Ctrl-C (the terminal's rule) and fails, and the checks after it still run.

import { HeadlessSession } from '../../lessons/engine/session.ts';
import { buildPrograms, labKernel, labRootImage } from './build.ts';
import type { CheckResult, Lab } from './lab.ts';
import { failureOf, LabSession } from './session.ts';

export interface Grading {
  /** Set when nothing could run: the build's errors. */
  buildErrors: string | null;
  results: CheckResult[];
  passed: boolean;
}

/**
 * Grades the programs in `dir` (and, for a kernel lab, the kernel from
 * `kernelOverlay`: null for this checkout's kernel/ as it stands).
 * stopAtFirstFailure: end at the first failing check (the test's proof
 * that a starter fails needs no more).
 */
export async function gradeLab(lab: Lab, dir: string, kernelOverlay: string | null, onResult?: (r: CheckResult) => void,
  options: { stopAtFirstFailure?: boolean } = {}): Promise<Grading> {
  const programs = buildPrograms(lab, dir);
  if (!programs.ok) return { buildErrors: programs.errors, results: [], passed: false };
  const kernel = await labKernel(lab, kernelOverlay);
  if (!kernel.ok) return { buildErrors: kernel.errors, results: [], passed: false };
  const root = labRootImage(lab, programs.value);
  const terminal = await HeadlessSession.boot(kernel.value, root, { ramMiB: lab.ramMiB ?? 16, swapMiB: 0 }, { commandSeconds: lab.commandSeconds ?? 10 });
  const session = new LabSession(terminal);
  const results: CheckResult[] = [];
  for (const check of lab.checks) {
    let detail: string | null;
    try {
      detail = await check.run(session);
    } catch (e) {
      detail = failureOf(e);
    }
    const r = { name: check.name, ok: detail === null, detail };
    results.push(r);
    onResult?.(r);
    if (!r.ok && options.stopAtFirstFailure) break;
  }
  return { buildErrors: null, results, passed: results.every((r) => r.ok) };
}
