// Lab 06 — pagewalk: the grader. Every frame the program prints is checked
// against the process's page tables, walked by the grader itself in the
// machine's RAM (the debug pane's walk): the data, stack and written heap
// pages must show their real frames, the never-touched heap page must be
// reported not present — and really be absent.

import { excerpt, type Lab } from '../engine/lab.ts';
import type { LabSession } from '../engine/session.ts';

/** A printed line, and what the page table said while the program still ran. */
interface Line { address: number; frame: number | null; truth: number | null }
let lines: Map<string, Line> | null = null;
let pid: number | null = null;
let printed = '';

const LINE = /^(\w+) 0x([0-9a-f]+) (?:frame 0x([0-9a-f]+)|(not present))$/;

async function run(s: LabSession): Promise<string | null> {
  const from = await s.start('pagewalk', 0.5);
  await s.settle(0.1);
  printed = s.since(from);
  const found = s.view.functions().pid('pagewalk');
  pid = typeof found === 'number' ? found : null;
  lines = new Map();
  for (const l of printed.split('\n')) {
    const m = LINE.exec(l.trim());
    if (!m) continue;
    const address = parseInt(m[2], 16);
    const truth = pid === null ? null : s.view.functions().frame(pid, address);
    lines.set(m[1], { address, frame: m[4] ? null : parseInt(m[3], 16), truth: typeof truth === 'number' ? truth : null });
  }
  await s.press('\r');
  await s.finish(from, 'pagewalk');
  return null;
}

function frameCheck(name: string): (s: LabSession) => Promise<string | null> {
  return async (s) => {
    if (lines === null) await run(s);
    const l = lines!.get(name);
    if (!l) return `no "${name} 0xADDRESS frame 0xFRAME" line in ${excerpt(printed)}`;
    if (pid === null) return 'the grader did not find pagewalk running';
    const truth = l.truth;
    if (l.frame === null) return `${name} said not present, but the page table maps 0x${l.address.toString(16)} to frame ${truth === null ? 'none' : `0x${truth.toString(16)}`}`;
    return truth === l.frame ? null : `${name}: printed frame 0x${l.frame.toString(16)}, the page table says ${truth === null ? 'not present' : `0x${truth.toString(16)}`}`;
  };
}

const lab: Lab = {
  name: '06-pagewalk',
  title: { en: 'pagewalk: the frame behind a variable', ja: 'pagewalk: 変数の裏にあるフレーム' },
  programs: [{ source: 'pagewalk.c', guestPath: '/usr/local/bin/pagewalk' }],
  checks: [
    { name: 'the data segment\'s variable: its frame, as the page table says', run: async (s) => { lines = null; return frameCheck('data')(s); } },
    { name: 'the stack variable\'s frame', run: frameCheck('stack') },
    { name: 'the written heap page\'s frame', run: frameCheck('heap') },
    {
      name: 'the never-touched heap page: "not present", and really absent',
      run: async (s) => {
        const l = lines?.get('untouched');
        if (!l) return `no "untouched 0xADDRESS ..." line in ${excerpt(printed)}`;
        if (l.frame !== null) return `it printed frame 0x${l.frame.toString(16)} for a page nobody touched (demand paging gives it no frame until the first access)`;
        if (pid === null) return 'the grader did not find pagewalk running';
        return l.truth === null ? null : `the page table maps it after all (frame 0x${l.truth.toString(16)})`;
      },
    },
  ],
};

export default lab;
