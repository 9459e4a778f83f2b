// The scheduler timeline's span builder (web/timeline-spans.ts) from a fake
// list of trace events: runs, runnable and blocked spans per lane, reasons,
// a zombie's lane ending, other kinds ignored.
import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../web/timeline-spans.ts';
import { proc_state, trace_kind } from '../../web/gen/kdebug-layout.ts';

const sw = (t: number, from: number, to: number, reason: number) => ({ time_us: t, kind: trace_kind.TR_SWITCH, args: [from, to, reason, 0, 0, 0] });

describe('buildTimeline', () => {
  const events = [
    sw(100, 1, 2, proc_state.P_SLEEPING),     // 1 sleeps, 2 runs
    { time_us: 150, kind: trace_kind.TR_SYS_ENTER, args: [20, 0, 0, 0, 0, 0] }, // ignored
    sw(200, 2, 3, proc_state.P_RUNNABLE),     // 2 preempted, 3 runs
    sw(300, 3, 2, proc_state.P_RUNNABLE),     // 3 preempted, 2 runs again
    sw(400, 2, 1, proc_state.P_ZOMBIE),       // 2 exits, 1 runs
    sw(500, 1, 3, proc_state.P_STOPPED),      // 1 stopped, 3 runs
  ];
  const tl = buildTimeline(events);
  const lane = (pid: number) => tl.lanes.find((l) => l.pid === pid)!.spans.map((s) => [s.state, s.start, s.end]);

  it('makes one lane per process, in pid order, and counts the switches', () => {
    expect(tl.lanes.map((l) => l.pid)).toEqual([1, 2, 3]);
    expect(tl.switches).toBe(5);
    expect([tl.start, tl.end]).toEqual([100, 500]);
  });
  it('runs between switch-in and switch-out; blocked until it runs again; runnable while preempted', () => {
    expect(lane(1)).toEqual([['blocked', 100, 400], ['running', 400, 500], ['stopped', 500, 500]]);
    expect(lane(2)).toEqual([['running', 100, 200], ['runnable', 200, 300], ['running', 300, 400]]);
    expect(lane(3)).toEqual([['running', 200, 300], ['runnable', 300, 500], ['running', 500, 500]]);
  });
  it('says why each span began and ended', () => {
    const two = tl.lanes.find((l) => l.pid === 2)!.spans;
    expect(two[0].ended).toMatch(/switched out to pid 3: preempted/);
    expect(two[1].began).toMatch(/preempted or yielded \(runnable\)/);
    expect(two[2].ended).toMatch(/exited \(zombie\)/);
    expect(tl.lanes.find((l) => l.pid === 1)!.spans[0].began).toMatch(/went to sleep/);
  });
  it('spans in a lane are ordered and never overlap', () => {
    for (const l of tl.lanes) for (let i = 1; i < l.spans.length; i++) expect(l.spans[i].start).toBeGreaterThanOrEqual(l.spans[i - 1].end);
  });
  it('an empty list gives no lanes', () => {
    expect(buildTimeline([])).toEqual({ lanes: [], start: 0, end: 0, switches: 0 });
  });
});
