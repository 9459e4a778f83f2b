// top's %CPU on the one CPU: with several busy processes, no frame shows a
// process, or all processes together, or the us+sy+id summary above 100%
// (the kernel charges whole 10 ms ticks, so an interval's ticks can exceed
// its elapsed centiseconds; top divides by what was accounted), and the
// busy ones together still get nearly all of it.
import { describe, it, expect } from 'vitest';
import { runShell, outputOf } from './shell-session.ts';

const NCPU = 1;

/** The frames of top -b output: the summary's us/sy/id and each task's %CPU. */
function frames(text: string): { us: number; sy: number; id: number; cpus: number[]; names: string[] }[] {
  return text.split(/^top - /m).slice(1).map((f) => {
    const lines = f.split('\n');
    const sum = lines.find((l) => l.startsWith('%Cpu(s):'))!;
    const m = /^%Cpu\(s\): +([\d.]+) us, +([\d.]+) sy, +[\d.]+ ni, +([\d.]+) id$/.exec(sum);
    expect(m, sum).not.toBeNull();
    const head = lines.findIndex((l) => l.includes('%CPU'));
    const rows = lines.slice(head + 1).filter((l) => /^ *\d+ /.test(l)).map((l) => l.trim().split(/ +/));
    return { us: Number(m![1]), sy: Number(m![2]), id: Number(m![3]), cpus: rows.map((r) => Number(r[8])), names: rows.map((r) => r[11]) };
  });
}

describe('top %CPU', () => {
  it('stays within 100% per CPU, per process and in total, with busy processes', async () => {
    const cmds = [
      'cat /dev/zero > /dev/null & top -b -n 3 -d 1; kill $!',
      'yes > /dev/null & yes > /dev/null & yes > /dev/null & top -b -n 3 -d 0.5; kill %1 %2 %3',
    ];
    const out = await runShell(cmds, { ramMiB: 32, budget: 1_500_000_000 });
    for (const c of cmds) {
      const fs = frames(outputOf(out, c));
      expect(fs.length).toBe(3);
      for (const f of fs) {
        const total = f.cpus.reduce((a, b) => a + b, 0);
        for (const p of f.cpus) expect(p).toBeLessThanOrEqual(100 * NCPU);
        expect(total, JSON.stringify(f)).toBeLessThanOrEqual(100 * NCPU);
        expect(f.us + f.sy + f.id, JSON.stringify(f)).toBeLessThanOrEqual(100 * NCPU);
        // the busy loops have the CPU: together at least 90% of it
        const busy = f.cpus.filter((_, i) => f.names[i] === 'cat' || f.names[i] === 'yes');
        expect(busy.reduce((a, b) => a + b, 0), JSON.stringify(f)).toBeGreaterThanOrEqual(90);
      }
    }
  }, 600_000);
});
