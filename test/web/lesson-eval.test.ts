// The worker's side of the lessons pane (web/lesson-eval.ts): lesson
// expressions over the engine's probes of a machine whose kernel tables are
// written by hand into RAM (as in kernel-tables.test.ts): bindings, holes
// and expressions in order, a lesson mistake or a missing machine as an
// error (never a throw), and a table caught mid-rewrite reported as not
// settled so the worker lets the guest run on before it evaluates.
import { describe, it, expect } from 'vitest';
import { Machine } from '../../emulator/machine.ts';
import { SymbolTable } from '../../emulator/loader.ts';
import { MachineView } from '../../lessons/engine/probes.ts';
import { evaluateLessonRequest, tablesSettled } from '../../web/lesson-eval.ts';

const KERNBASE = 0xc0000000;
const PROCS = 0x10000, MEM = 0x11000;

function machine(procsGeneration = 4): Machine {
  const m = new Machine({ ramBytes: 1 << 20 });
  const sym = (name: string, phys: number, size: number) => ({ name, value: phys + KERNBASE, size, type: 'object' as const });
  m.symbols = new SymbolTable([sym('kdebug_procs', PROCS, 32 + 64 * 4), sym('kdebug_mem', MEM, 64)]);
  const w = (a: number, v: number) => m.memory.write32(a, v);
  w(PROCS, 0x53504b48); w(PROCS + 4, 2); w(PROCS + 8, 2); w(PROCS + 12, 64); w(PROCS + 16, procsGeneration);
  [[1, 0, 'init'], [4, 1, 'sh']].forEach(([pid, ppid, name], i) => {
    const e = PROCS + 32 + 64 * i;
    w(e, pid as number); w(e + 4, ppid as number); w(e + 16, 4); w(e + 28, 8);
    for (let k = 0; k < 16; k++) m.memory.write8(e + 48 + k, k < (name as string).length ? (name as string).charCodeAt(k) : 0);
  });
  [0x4d4d4b48, 1, 64, 2, 256, 100, 20, 0, 0, 1234, 0, 0, 0, 0, 777, 36].forEach((v, i) => w(MEM + 4 * i, v));
  return m;
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
});
