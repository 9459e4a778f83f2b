// The worker's side of the lessons pane: lesson expressions evaluated
// against the running machine with the same engine the headless runner uses
// (lessons/engine/expr.ts, run.ts's `fill`) and the same probes
// (lessons/engine/probes.ts: the kernel's published tables and the page
// tables in guest memory, read like the debug pane reads them — the kernel
// is never asked). Pure TypeScript; web/worker.ts calls it with the
// Inspector's MachineView.
//
// Invariants: never throws — a mistake in the lesson or a missing machine
// comes back as `error`; the probes are read afresh on every request, and
// all of one request's probes see the same moment (the guest does not run
// while it is evaluated).
//
// Stale tables: kdebugd republishes every 50 ms of guest time, so the
// tables can miss a process started since (the shell, right after a boot or
// a restored snapshot, which is taken at the prompt before the shell's row
// is published). waitForFreshTables lets the machine run until a refresh
// that began after the request.
//
// Torn tables: the page's machine runs between requests (the headless one
// stands still while probed), so a run slice can end while the kernel is
// rewriting a table (odd generation: KernelTables reads it as none). A
// lesson would then see "no such process" for a moment; tablesSettled()
// tells the worker to let the machine run a little and ask again.

import { evaluate, parseExpr, type Value } from '../lessons/engine/expr.ts';
import { fill } from '../lessons/engine/run.ts';
import type { MachineView } from '../lessons/engine/probes.ts';
import { tableRefreshedSince } from './kernel-tables.ts';
import type { LessonEvalRequest, LessonEvalResult } from './protocol.ts';

export function evaluateLessonRequest(view: MachineView | null, request: LessonEvalRequest): LessonEvalResult {
  const result: LessonEvalResult = { vars: { ...request.vars }, filled: [], values: [], error: null };
  if (!view) return { ...result, error: 'no machine is running' };
  try {
    const vars = new Map<string, Value>(Object.entries(request.vars));
    const fns = view.functions();
    for (const b of request.bindings) vars.set(b.name, evaluate(parseExpr(b.source), vars, fns));
    result.filled = request.templates.map((t) => fill(t, vars, fns));
    result.values = request.exprs.map((e) => evaluate(parseExpr(e), vars, fns));
    result.vars = Object.fromEntries(vars);
  } catch (e) {
    // a LessonError, or a SyntaxError from a regular expression the lesson got wrong
    return { ...result, filled: [], values: [], error: e instanceof Error ? e.message : String(e) };
  }
  return result;
}

/** Whether the kernel's tables read whole now (true, too, for an image that publishes none: nothing to wait for). */
export function tablesSettled(view: MachineView | null, publishes: boolean): boolean {
  return !view || !publishes || (view.tables.processes() !== null && view.tables.memory() !== null);
}

/**
 * Lets the machine run (each `pause` lets it) until the kernel has
 * republished its process table by a refresh begun after this call, while
 * `keepWaiting` says to (false: paused, stopped, out of time). Returns
 * whether it saw one; an image that publishes nothing has nothing to wait for.
 */
export async function waitForFreshTables(view: MachineView, keepWaiting: () => boolean, pause: () => Promise<unknown>): Promise<boolean> {
  const asked = view.tables.processGeneration();
  if (asked === null) return false;
  while (!tableRefreshedSince(asked, view.tables.processGeneration())) {
    if (!keepWaiting()) return false;
    await pause();
  }
  return true;
}
