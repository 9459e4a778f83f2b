// Lab 07 — copy-on-write: the grader. The frames the program prints must
// tell the story fork and the fault handler wrote into the page tables —
// and the grader reads those tables itself while both processes live: the
// child's copy, the parent's untouched original, the parent's entry still
// marked copy-on-write.

import { excerpt, type Lab } from '../engine/lab.ts';
import type { LabSession } from '../engine/session.ts';

interface Seen { frame: number; own: boolean }
interface Run {
  printed: string;
  address: number | null;
  lines: Map<string, Seen>;
  /** Read from the page tables while the child waited. */
  parentFrame: number | null;
  childFrame: number | null;
  parentCow: boolean | null;
}
let last: Run | null = null;

const LINE = /^(parent before|child before|child after|parent after): frame 0x([0-9a-f]+|-1) (own|shared)$/;

async function run(s: LabSession): Promise<Run> {
  const from = await s.start('cowsee', 0.6);
  await s.settle(0.1);
  const text = s.since(from);
  const address = /address 0x([0-9a-f]+)/.exec(text);
  const r: Run = { printed: text, address: address ? parseInt(address[1], 16) : null, lines: new Map(), parentFrame: null, childFrame: null, parentCow: null };
  const fns = s.view.functions();
  const parent = s.view.processes().filter((p) => p.command === 'cowsee').map((p) => p.pid).sort((a, b) => a - b);
  if (r.address !== null && parent.length === 2) {
    const pf = fns.frame(parent[0], r.address);
    const cf = fns.frame(parent[1], r.address);
    const cow = fns.cow(parent[0], r.address);
    r.parentFrame = typeof pf === 'number' ? pf : null;
    r.childFrame = typeof cf === 'number' ? cf : null;
    r.parentCow = typeof cow === 'boolean' ? cow : null;
  }
  await s.press('\r');
  r.printed = await s.finish(from, 'cowsee');
  for (const l of r.printed.split('\n')) {
    const m = LINE.exec(l.trim());
    if (m) r.lines.set(m[1], { frame: m[2] === '-1' ? -1 : parseInt(m[2], 16), own: m[3] === 'own' });
  }
  return r;
}

function need(r: Run, ...names: string[]): string | null {
  for (const n of names) if (!r.lines.has(n)) return `no "${n}: frame 0x... own|shared" line in ${excerpt(r.printed)}`;
  return null;
}

const hex = (n: number | null) => (n === null ? 'none' : `0x${n.toString(16)}`);

const lab: Lab = {
  name: '07-cow',
  title: { en: 'cowsee: copy-on-write, frame by frame', ja: 'cowsee: コピーオンライトをフレーム単位で見る' },
  programs: [{ source: 'cowsee.c', guestPath: '/usr/local/bin/cowsee' }],
  checks: [
    {
      name: 'after fork, parent and child map the same frame, shared',
      run: async (s) => {
        last = await run(s);
        const missing = need(last, 'parent before', 'child before');
        if (missing) return missing;
        const p = last.lines.get('parent before')!;
        const c = last.lines.get('child before')!;
        if (p.frame !== c.frame) return `parent before: ${hex(p.frame)}, child before: ${hex(c.frame)} — fork copies no page`;
        return c.own ? 'the child\'s page is marked its own right after fork: is the parent still there, mapping it too?' : null;
      },
    },
    {
      name: 'the child\'s write gives it a new frame of its own',
      run: async () => {
        const r = last!;
        const missing = need(r, 'child before', 'child after');
        if (missing) return missing;
        const before = r.lines.get('child before')!;
        const after = r.lines.get('child after')!;
        if (after.frame === before.frame) return `child after: still ${hex(after.frame)} — nothing made the kernel copy the page`;
        return after.own ? null : 'child after: the new frame is not its own';
      },
    },
    {
      name: 'the page tables agree: the child maps its copy, the parent the original, still copy-on-write',
      run: async () => {
        const r = last!;
        if (r.address === null) return `no "address 0x..." line in ${excerpt(r.printed)}`;
        const after = r.lines.get('child after');
        const before = r.lines.get('parent before');
        if (!after || !before) return need(r, 'child after', 'parent before');
        if (r.childFrame !== after.frame) return `the child's page table maps ${hex(r.childFrame)}, it printed ${hex(after.frame)}`;
        if (r.parentFrame !== before.frame) return `the parent's page table maps ${hex(r.parentFrame)}, it printed ${hex(before.frame)}`;
        return r.parentCow ? null : 'the parent\'s entry is no longer marked copy-on-write, yet the parent never wrote';
      },
    },
    {
      name: 'once the child is gone, the parent\'s frame is its own again, unmoved',
      run: async () => {
        const r = last!;
        const missing = need(r, 'parent before', 'parent after');
        if (missing) return missing;
        const before = r.lines.get('parent before')!;
        const after = r.lines.get('parent after')!;
        const lines = r.printed.split('\n').map((l) => l.trim());
        if (lines.findIndex((l) => l.startsWith('parent after')) < lines.findIndex((l) => l.startsWith('child after'))) {
          return 'the parent reported before the child wrote: wait for the child first';
        }
        if (after.frame !== before.frame) return `parent after: ${hex(after.frame)}, before: ${hex(before.frame)}`;
        return after.own ? null : 'parent after: still shared, though no other process maps the frame';
      },
    },
  ],
};

export default lab;
