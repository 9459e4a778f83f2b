// The `cc(TEXT, FLAGS)` lesson function: Hako's C compiler (toolchain/cc)
// run on a program's text, answering what `cc FLAGS -S prog.c` prints —
// its warnings and, with -fescape, the escape-analysis lines — or its error.
// The compiler runs outside the machine, as the page's editor Build does
// (there is no compiler inside the guest); a lesson hands it the text of a
// file the guest printed (`cat`), so it compiles exactly what the student
// wrote. Headers are not available here: the program must not #include.
// Kept out of probes.ts so the page's worker loads the compiler only when a
// lesson asks for it (web/worker.ts); the headless host loads it at once.

import { compileSource } from '../../toolchain/cc/compile.ts';
import type { Value } from './expr.ts';

export const CC_FILE = 'prog.c';

/** What cc prints for `text` with `flags` ("-fescape" or ""): notes one per line, or the diagnostics of a failed compile. */
export function ccNotes(text: Value, flags: Value): Value {
  if (typeof text !== 'string') return null;
  const f = typeof flags === 'string' ? flags.split(/\s+/).filter(Boolean) : [];
  for (const flag of f) if (flag !== '-fescape') return `cc: error: this lesson's cc knows only -fescape, not ${flag}`;
  const r = compileSource(CC_FILE, text.replace(/\r\n/g, '\n'), { escape: f.includes('-fescape'), systemPaths: [], readFile: () => undefined });
  return r.ok ? (r.notes ?? []).join('\n') : r.diagnostics;
}
