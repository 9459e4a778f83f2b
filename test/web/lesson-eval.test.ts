// The worker's side of the lessons pane (web/lesson-eval.ts): lesson
// expressions over the engine's probes of a machine whose kernel tables are
// written by hand into RAM (test/web/fake-kernel.ts, as in kernel-tables.test.ts): bindings, holes
// and expressions in order, a lesson mistake or a missing machine as an
// error (never a throw), and a table caught mid-rewrite reported as not
// settled so the worker lets the guest run on before it evaluates; and the
// wait for a table refresh begun after the request (a process the kernel has
// not published yet, such as the shell right after a boot, is then seen).
import { describe, it, expect } from 'vitest';
import { Machine } from '../../emulator/machine.ts';
import { MachineView } from '../../lessons/engine/probes.ts';
import { evaluateLessonRequest, tablesSettled, waitForFreshTables } from '../../web/lesson-eval.ts';
import { tableRefreshedSince } from '../../web/kernel-tables.ts';
import { proc_state } from '../../web/gen/kdebug-layout.ts';
import { FakeKernel } from './fake-kernel.ts';

function kernel(procsGeneration = 4): FakeKernel {
  const k = new FakeKernel();
  k.procs([
    { pid: 1, ppid: 0, state: proc_state.P_SLEEPING, rss_pages: 8, name: 'init' },
    { pid: 4, ppid: 1, state: proc_state.P_SLEEPING, rss_pages: 8, name: 'sh' },
  ], procsGeneration);
  k.mem({ total_frames: 256, free_frames: 100, pagecache_pages: 20, pgfault: 1234, context_switches: 777 });
  return k;
}

function machine(procsGeneration = 4): Machine {
  return kernel(procsGeneration).m;
}

describe('lesson expressions in the worker', () => {
  it('evaluates bindings, then holes, then expressions against the machine\'s probes', () => {
    const view = new MachineView(machine());
    const r = evaluateLessonRequest(view, {
      vars: { output: 'MemTotal: 1024 kB\n' },
      bindings: [{ name: 'shell', source: 'pid("sh")' }, { name: 'parent', source: 'ppid(shell)' }],
      templates: ['kill {{shell}}', 'echo {{counter("total_frames") * 4}}'],
      exprs: ['match(output, "MemTotal: (\\\\d+)") == counter("total_frames") * 4', 'state(shell)', 'exists(99)', 'pid("nothing")'],
    });
    expect(r.error).toBeNull();
    expect(r.vars).toEqual({ output: 'MemTotal: 1024 kB\n', shell: 4, parent: 1 });
    expect(r.filled).toEqual(['kill 4', 'echo 1024']);
    expect(r.values).toEqual([true, 'sleeping', false, null]);
  });

  it('reports a lesson mistake or no machine as an error, not a throw', () => {
    const view = new MachineView(machine());
    const empty = { vars: {}, bindings: [], templates: [], exprs: [] };
    expect(evaluateLessonRequest(view, { ...empty, exprs: ['nosuch(1)'] }).error).toMatch(/unknown function "nosuch"/);
    expect(evaluateLessonRequest(view, { ...empty, exprs: ['undefined_name'] }).error).toMatch(/unknown name/);
    expect(evaluateLessonRequest(view, { ...empty, templates: ['kill {{pid("gone")}}'] }).error).toMatch(/is none/);
    expect(evaluateLessonRequest(view, { ...empty, exprs: ['"x" ~ "("'] }).error).toBeTruthy();
    expect(evaluateLessonRequest(null, { ...empty, exprs: ['1'] }).error).toMatch(/no machine/);
  });

  it('says when the kernel was caught rewriting a table', () => {
    expect(tablesSettled(new MachineView(machine(4)), true)).toBe(true);
    const torn = new MachineView(machine(5));
    expect(tablesSettled(torn, true)).toBe(false);
    expect(evaluateLessonRequest(torn, { vars: {}, bindings: [], templates: [], exprs: ['pid("sh")'] }).values).toEqual([null]);
    expect(tablesSettled(torn, false)).toBe(true); // an image that publishes nothing: nothing to wait for
    expect(tablesSettled(null, true)).toBe(true);
  });

  it('counts a refresh only when it began after the moment asked about (generations wrap)', () => {
    expect(tableRefreshedSince(4, 4)).toBe(false);
    expect(tableRefreshedSince(4, 5)).toBe(false); // under way: it may have read the kernel before that moment
    expect(tableRefreshedSince(4, 6)).toBe(true);
    expect(tableRefreshedSince(5, 6)).toBe(true); // a refresh under way reads the kernel atomically: done counts
    expect(tableRefreshedSince(5, 7)).toBe(false);
    expect(tableRefreshedSince(0xfffffffe, 0)).toBe(true);
    expect(tableRefreshedSince(4, null)).toBe(false);
  });

  it('waits for a refresh begun after the request, so a process started just before it is seen', async () => {
    const k = kernel(8);
    const view = new MachineView(k.m);
    const ask = { vars: {}, bindings: [], templates: [], exprs: ['pid("memhog")'] };
    expect(evaluateLessonRequest(view, ask).values).toEqual([null]); // the kernel has not published it yet
    let turns = 0;
    const newRows = [
      { pid: 1, ppid: 0, state: proc_state.P_SLEEPING, rss_pages: 8, name: 'init' },
      { pid: 4, ppid: 1, state: proc_state.P_SLEEPING, rss_pages: 8, name: 'sh' },
      { pid: 9, ppid: 4, state: proc_state.P_STOPPED, rss_pages: 300, name: 'memhog' },
    ];
    // each turn of the machine: kdebugd half way (odd), then done (even) with the new row
    const seen = await waitForFreshTables(view, () => turns < 10, async () => { turns++; k.procs(newRows, 8 + turns); });
    expect(seen).toBe(true);
    expect(turns).toBe(2);
    expect(evaluateLessonRequest(view, ask).values).toEqual([9]);
    // a machine that stops (paused, gone) ends the wait without an answer newer than it has
    const stuck = new MachineView(kernel(8).m);
    expect(await waitForFreshTables(stuck, () => false, async () => {})).toBe(false);
    expect(await waitForFreshTables(new MachineView(new Machine({ ramBytes: 1 << 20 })), () => true, async () => {})).toBe(false); // publishes nothing
  });
});
