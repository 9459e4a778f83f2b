// The lessons' cc(TEXT, FLAGS) function (lessons/engine/cc-probe.ts): Hako's
// compiler on a program's text, giving the -fescape lines and the
// -Wreturn-local-addr warning as cc prints them, a failed compile's error,
// a refusal of flags it does not offer; and a MachineView whose host has
// not loaded the compiler answers none rather than guessing.
import { describe, it, expect } from 'vitest';
import { Machine } from '../../emulator/machine.ts';
import { ccNotes } from '../../lessons/engine/cc-probe.ts';
import { MachineView } from '../../lessons/engine/probes.ts';

const PROGRAM = 'int *g;\nint *f(void) {\n  int a = 1;\n  return &a;\n}\nvoid h(void) {\n  int b;\n  g = &b;\n}\nint k(void) {\n  int c = 2;\n  int *p = &c;\n  return *p;\n}\n';

describe('the lessons\' cc function', () => {
  it('prints the escape lines and the warning as cc does', () => {
    const out = String(ccNotes(PROGRAM, '-fescape'));
    expect(out.split('\n')).toEqual([
      "prog.c:4:10: warning: function returns address of local variable 'a' [-Wreturn-local-addr]",
      '  return &a;',
      '         ^',
      'prog.c:4:10: &a escapes (returned from f)',
      'prog.c:8:7: &b escapes (stored in a global or heap object)',
    ]);
    expect(String(ccNotes(PROGRAM, ''))).not.toMatch(/escapes/);
    expect(String(ccNotes(PROGRAM, ''))).toMatch(/-Wreturn-local-addr/);
  });

  it('gives a failed compile\'s error, refuses other flags, and answers none for no text', () => {
    expect(ccNotes('int f( {', '')).toMatch(/^prog\.c:1:\d+: error: /);
    expect(ccNotes(PROGRAM, '-O2')).toMatch(/knows only -fescape, not -O2/);
    expect(ccNotes(null, '-fescape')).toBeNull();
  });

  it('is none in a MachineView whose host has not loaded the compiler', () => {
    const view = new MachineView(new Machine({ ramBytes: 1 << 20 }));
    expect(view.functions().cc(PROGRAM, '-fescape')).toBeNull();
    view.cc = ccNotes;
    expect(view.functions().cc(PROGRAM, '-fescape')).toMatch(/&a escapes/);
  });
});
