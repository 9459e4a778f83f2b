// What a lab is, for the grader and the page alike: a statement in two
// languages (en.md, ja.md beside the lab's grade.ts), the programs the
// student writes (C files compiled with our toolchain against our libc and
// put on the root disk), optionally a kernel the student edits, and checks
// that boot the OS and judge behaviour: output, exit statuses and machine
// state read the way the debug panes read it.
//
// A check never trusts what the student's program says about itself when
// the machine can tell: a frame number printed by a program is compared
// with the page tables, a count of system calls with the CPU's own counter.

import type { GuestFile } from '../../toolchain/os-build.ts';
import type { LabSession } from './session.ts';

export interface LabProgram {
  /** The C file in the student's folder (the starter's name). */
  source: string;
  /** Where the compiled program goes on the root disk. */
  guestPath: string;
}

export interface LabCheck {
  /** What is being checked, one line, shown before ok/FAIL. */
  name: string;
  /** Resolves with null when the check holds, or what went wrong (shown to the student). */
  run: (s: LabSession) => Promise<string | null>;
}

export interface Lab {
  /** The folder name (NN-name). */
  name: string;
  title: { en: string; ja: string };
  programs: LabProgram[];
  /** True when the student edits the kernel: the grader builds kernel/ from their tree and boots it. */
  kernel?: boolean;
  /** Files the checks need on the disk besides the programs. */
  files?: GuestFile[];
  ramMiB?: number;
  /** Emulated seconds one command may take before it counts as hung (default 10). */
  commandSeconds?: number;
  checks: LabCheck[];
}

export interface CheckResult { name: string; ok: boolean; detail: string | null }

/** Prints at most `n` characters of a console text for a failure message. */
export function excerpt(text: string, n = 300): string {
  const t = text.trim();
  return t.length <= n ? JSON.stringify(t) : `${JSON.stringify(t.slice(0, n))}…`;
}
