// The scheduler timeline's model: from the trace ring's context-switch
// events (TR_SWITCH: from pid, to pid, from's state afterwards) to one lane
// per process of spans — running, runnable (preempted or yielded, waiting
// for the CPU), blocked (asleep), stopped — each with the switch reasons
// that began and ended it. Pure: the pane (web/panes/timeline.ts) draws it,
// the unit test feeds it a fake event list.
//
// What the events can and cannot say: a switch names both sides, so runs
// are exact; a process that went to sleep is woken without an event, so a
// blocked span lasts until the process runs again (its runnable wait after
// the wakeup is inside it). A zombie's lane ends at its last switch. Pid 0
// is the idle loop (no process ran). Times are the events' µs of uptime.
//
// Invariants: a lane's spans are in time order and do not overlap; every
// span has start ≤ end; spans still open at the last event end there.

import { proc_state, proc_state_names, trace_kind } from './gen/kdebug-layout.ts';

export type SpanState = 'running' | 'runnable' | 'blocked' | 'stopped';

export interface Span {
  pid: number;
  state: SpanState;
  /** µs of uptime. */
  start: number;
  end: number;
  /** Why it began and why it ended (e.g. "switched in from pid 4", "preempted (runnable)"). */
  began: string;
  ended: string;
}

export interface Lane { pid: number; spans: Span[] }

export interface Timeline { lanes: Lane[]; start: number; end: number; switches: number }

/** The fields of a trace event the builder reads (a KdebugTraceEvent has them). */
export interface SwitchEventLike { time_us: number; kind: number; args: readonly number[] }

/** What the `from` side becomes, by its proc_state after the switch. */
function stateAfter(reason: number): SpanState | null {
  if (reason === proc_state.P_RUNNABLE || reason === proc_state.P_RUNNING) return 'runnable';
  if (reason === proc_state.P_SLEEPING) return 'blocked';
  if (reason === proc_state.P_STOPPED) return 'stopped';
  return null; // zombie, unused: the lane ends
}

function reasonText(reason: number): string {
  const name = proc_state_names[reason] ?? String(reason);
  if (reason === proc_state.P_RUNNABLE || reason === proc_state.P_RUNNING) return `preempted or yielded (${name})`;
  if (reason === proc_state.P_SLEEPING) return 'went to sleep (sleeping)';
  if (reason === proc_state.P_ZOMBIE) return 'exited (zombie)';
  return name;
}

/** Build the lanes from events in seq order (other kinds are ignored). */
export function buildTimeline(events: readonly SwitchEventLike[]): Timeline {
  const lanes = new Map<number, Span[]>();
  const open = new Map<number, Span>();
  let start = Infinity, end = -Infinity, switches = 0;
  const lane = (pid: number) => { let l = lanes.get(pid); if (!l) { l = []; lanes.set(pid, l); } return l; };
  const close = (pid: number, t: number, why: string) => {
    const s = open.get(pid);
    if (!s) return;
    s.end = Math.max(s.start, t);
    s.ended = why;
    open.delete(pid);
  };
  const begin = (pid: number, state: SpanState, t: number, why: string) => {
    const s: Span = { pid, state, start: t, end: t, began: why, ended: '' };
    lane(pid).push(s);
    open.set(pid, s);
  };
  for (const e of events) {
    if (e.kind !== trace_kind.TR_SWITCH) continue;
    const t = e.time_us >>> 0;
    const [from, to, reason] = e.args;
    switches++;
    if (t < start) start = t;
    if (t > end) end = t;
    const fromText = reasonText(reason);
    close(from, t, `switched out to pid ${to}: ${fromText}`);
    const after = stateAfter(reason);
    if (after) begin(from, after, t, `switched out: ${fromText}`);
    else lane(from);
    close(to, t, `switched in from pid ${from}`);
    begin(to, 'running', t, `switched in from pid ${from} (${fromText})`);
  }
  for (const s of open.values()) { s.end = Math.max(s.start, end); s.ended = 'still so at the last event'; }
  const sorted = [...lanes.entries()].sort((a, b) => a[0] - b[0]).map(([pid, spans]) => ({ pid, spans }));
  return { lanes: sorted, start: start === Infinity ? 0 : start, end: end === -Infinity ? 0 : end, switches };
}
