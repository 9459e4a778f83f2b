// The LessonHost of a headless run: the terminal is a HeadlessSession, the
// probes are a MachineView of its machine, and links are checked against
// what the debug pane would open (web/worker-inspect.ts's Inspector for a
// frame's owners). Pure TypeScript. As the page's worker does
// (web/lesson-eval.ts tablesSettled), a settle that ends while kdebugd is
// rewriting the kernel's tables lets the machine run on in 2 ms steps until
// they read whole, so a probe right after a command never sees the process
// table missing for an instant.

import { Inspector } from '../../web/worker-inspect.ts';
import { FRAME_OWNER_NAMES, FRAME_PROCESS } from '../../web/protocol.ts';
import type { Value } from './expr.ts';
import { MachineView } from './probes.ts';
import { tablesSettled } from '../../web/lesson-eval.ts';
import { ccNotes } from './cc-probe.ts';
import type { LessonHost } from './run.ts';
import type { HeadlessSession } from './session.ts';

/** How the page's worker waits out a torn table (web/worker.ts): up to 200 steps of 2 ms. */
const TORN_RETRIES = 200;
const TORN_STEP_SECONDS = 0.002;

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

export function headlessHost(session: HeadlessSession): LessonHost {
  const view = new MachineView(session.machine);
  view.cc = ccNotes;
  const inspector = new Inspector();
  inspector.attach(session.machine);
  return {
    type: (command, continued) => session.type(command, continued),
    typeThenPress: (command, key) => session.typeThenPress(command, key),
    settle: async (seconds) => {
      await session.settle(seconds);
      const publishes = session.machine.symbols.byName('kdebug_root') !== undefined;
      for (let i = 0; i < TORN_RETRIES && !tablesSettled(view, publishes); i++) await session.settle(TORN_STEP_SECONDS);
    },
    functions: () => view.functions(),
    describeLink: (kind, params) => describeLink(view, inspector, kind, params),
  };
}

function describeLink(view: MachineView, inspector: Inspector, kind: string, params: Record<string, Value>): { ok: boolean; text: string } {
  const fns = view.functions();
  switch (kind) {
    case 'process': {
      const p = view.process(params.pid);
      return p ? { ok: true, text: `pid ${p.pid} (${p.command}), ${p.state}, ${p.rssKiB / 4} pages resident` } : { ok: false, text: 'no such process' };
    }
    case 'pagetables': {
      const p = view.process(params.pid);
      if (!p || !p.cr3) return { ok: false, text: p ? `pid ${p.pid} has no user address space` : 'no such process' };
      if (params.addr === undefined) return { ok: true, text: `page directory at ${hex(p.cr3)} (pid ${p.pid}, ${p.command})` };
      const frame = fns.frame(params.pid, params.addr);
      if (typeof frame === 'number') return { ok: true, text: `${hex(params.addr as number)} → frame ${hex(frame)} in pid ${p.pid} (${p.command})` };
      return { ok: true, text: `${hex(params.addr as number)} not present in pid ${p.pid}${fns.in_swap(params.pid, params.addr) ? ' (in swap)' : ''}` };
    }
    case 'frame': {
      const frame = params.frame;
      const total = view.memory()?.totalFrames ?? 0;
      if (typeof frame !== 'number' || frame < 0 || frame >= total) return { ok: false, text: `not a frame of this machine (0–${total - 1})` };
      const info = inspector.frameInfo(frame);
      const owner = info.owner >= FRAME_PROCESS ? 'one process' : FRAME_OWNER_NAMES[info.owner] ?? 'unknown';
      // a user mapping says more than the kernel's direct map of all RAM, which every frame has
      const where = info.mappedBy.find((m) => m.includes('(user')) ?? info.mappedBy[0];
      return { ok: true, text: `${owner}${where ? `: ${where}` : ''}` };
    }
    case 'goroutines': {
      if (typeof params.pid !== 'number') return { ok: false, text: 'no such process' };
      const g = inspector.goroutines(params.pid);
      if (!g.ok) return { ok: false, text: g.reason ?? 'no runtime' };
      const c = g.gCounts!;
      return { ok: true, text: `pid ${g.pid}: ${g.ps!.length} Ps, ${g.ms!.length} Ms, Gs ${c.running} running, ${c.runnable} runnable, ${c.waiting} waiting, ${c.syscall} in a system call` };
    }
    default:
      return { ok: true, text: 'opens' };
  }
}
