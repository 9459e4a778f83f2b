// Benchmarks of the C compiler (npm run bench):
//   cc-speed     lines per second compiling every C file under userland/,
//                kernel/ and test/c (to assembly; headers not counted as
//                lines); host work only, so no `instructions`
//   cc-<name>    for each test/bench/c/<name>.c: instructions retired on the
//                bare machine inside bench_main and its callees (as the
//                baseline counts gcc's: callgrind --toggle-collect=bench_main)
//                next to gcc -O0's count on x86 from gcc-baseline.json;
//                `total_instructions` is the whole run, start-up included
//   cc-editor-build  the page editor's Build on a small program: compile and
//                link in memory from the toolchain bundle (compile.ts, no
//                file system), median host ms of 7 builds after a warm-up;
//                the goal is under a second (docs/web.md, "The editor")
//   cc-inline    test/c/242-static-inline.c (static inline helpers in a
//                loop) without and with -O: instructions retired by the
//                whole run each way (the output must be the same)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark } from '../../scripts/bench.ts';
import { buildBare, compileToAsm, ROOT, toolchainBundle } from '../../toolchain/cc/driver.ts';
import { buildProgramInMemory } from '../../toolchain/cc/compile.ts';
import { runBare } from '../../toolchain/cc/run.ts';

function cFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'errors') out.push(...cFiles(p)); } else if (p.endsWith('.c')) out.push(p);
  }
  return out.sort();
}

function includePathsFor(file: string): string[] {
  if (file.startsWith(join(ROOT, 'kernel'))) return [join(ROOT, 'kernel/include'), join(ROOT, 'kernel')];
  return [join(ROOT, 'userland/bin/lib'), join(ROOT, 'test/c')];
}

const benchDir = join(ROOT, 'test/bench/c');

/** gcc -O0 instruction counts by program name, from whatever baseline file the bench directory holds. */
function gccBaseline(): Record<string, number> {
  const out: Record<string, number> = {};
  if (!existsSync(benchDir)) return out;
  for (const f of readdirSync(benchDir)) {
    if (f.endsWith('.c')) continue;
    const text = readFileSync(join(benchDir, f), 'utf8');
    if (f.endsWith('.json')) {
      try {
        const j = JSON.parse(text) as Record<string, unknown>;
        const visit = (o: unknown, name?: string) => {
          if (typeof o === 'number' && name) out[name] = o;
          else if (Array.isArray(o)) o.forEach((x) => visit(x));
          else if (o && typeof o === 'object') {
            const r = o as Record<string, unknown>;
            const n = (r.name ?? r.program ?? name) as string | undefined;
            const v = r.gcc_o0_instructions ?? r.instructions ?? r.gcc_o0;
            if (n && typeof v === 'number') out[n.replace(/\.c$/, '')] = v;
            else for (const [k, x] of Object.entries(r)) visit(x, k.replace(/\.c$/, ''));
          }
        };
        visit(j);
      } catch { /* not ours */ }
    } else {
      for (const line of text.split('\n')) {
        const m = /^\s*([\w.-]+?)(?:\.c)?\s*[:=\s]\s*(\d+)\s*$/.exec(line);
        if (m) out[m[1]] = Number(m[2]);
      }
    }
  }
  return out;
}

const speed: Benchmark = {
  name: 'cc-speed',
  async run() {
    const files = [...cFiles(join(ROOT, 'userland')), ...cFiles(join(ROOT, 'kernel')), ...cFiles(join(ROOT, 'test/c'))];
    const sources = files.map((f) => ({ f, text: readFileSync(f, 'utf8') }));
    const lines = sources.reduce((n, s) => n + s.text.split('\n').length, 0);
    const start = performance.now();
    let failed = 0;
    for (const s of sources) if (!compileToAsm(s.f, s.text, { includePaths: includePathsFor(s.f) }).ok) failed++;
    const seconds = (performance.now() - start) / 1000;
    return { files: files.length, lines, failed, lines_per_second: Math.round(lines / seconds), seconds };
  },
};

const programs: Benchmark[] = (existsSync(benchDir) ? readdirSync(benchDir).filter((f) => f.endsWith('.c')).sort() : []).map((f) => ({
  name: `cc-${f.replace(/\.c$/, '')}`,
  async run() {
    const path = join(benchDir, f);
    const built = buildBare(path, readFileSync(path, 'utf8'), { includePaths: [benchDir, join(ROOT, 'test/c')] });
    if (!built.ok) throw new Error(built.error);
    const start = performance.now();
    const r = await runBare(built.elf, { cmdline: f, input: '', maxInstructions: 2e10, measure: 'bench_main' });
    const seconds = (performance.now() - start) / 1000;
    if (r.error || r.exitCode !== 0) throw new Error(`${f}: ${r.error ?? `exit status ${r.exitCode}`}`);
    if (r.measured === undefined) throw new Error(`${f}: bench_main never returned`);
    const gcc = gccBaseline()[f.replace(/\.c$/, '')];
    return {
      instructions: r.measured,
      total_instructions: r.instructions,
      ...(gcc !== undefined ? { gcc_o0_instructions: gcc, ratio: Math.round((r.measured / gcc) * 1000) / 1000 } : {}),
      seconds,
    };
  },
}));

const inlining: Benchmark = {
  name: 'cc-inline',
  async run() {
    const path = join(ROOT, 'test/c/242-static-inline.c');
    const text = readFileSync(path, 'utf8');
    const runWith = async (optimize: boolean) => {
      const built = buildBare(path, text, { includePaths: [join(ROOT, 'test/c')], optimize });
      if (!built.ok) throw new Error(built.error);
      let output = '';
      const r = await runBare(built.elf, { cmdline: 'inline', input: '', onOutput: (b) => { output += Buffer.from(b).toString('latin1'); } });
      if (r.error || r.exitCode !== 0) throw new Error(`${path}: ${r.error ?? `exit status ${r.exitCode}`}`);
      return { output, instructions: r.instructions };
    };
    const plain = await runWith(false);
    const optimized = await runWith(true);
    if (plain.output !== optimized.output) throw new Error('-O changed the output');
    return {
      instructions: plain.instructions,
      instructions_O: optimized.instructions,
      ratio_O: Math.round((optimized.instructions / plain.instructions) * 1000) / 1000,
    };
  },
};

const EDITOR_PROGRAM = '#include <stdio.h>\n#include <string.h>\n\nint main(void) {\n  int sum = 0;\n  for (int i = 1; i <= 10; i++) sum += i;\n  printf("sum is %d (%d)\\n", sum, (int)strlen("hako"));\n  return 0;\n}\n';

const editorBuild: Benchmark = {
  name: 'cc-editor-build',
  async run() {
    const b = toolchainBundle();
    if (!b.ok) throw new Error(b.error);
    const once = () => {
      const t = performance.now();
      const r = buildProgramInMemory('/host/sum.c', EDITOR_PROGRAM, b.bundle);
      if (!r.ok) throw new Error(r.error);
      return performance.now() - t;
    };
    once();
    const times = Array.from({ length: 7 }, once).sort((x, y) => x - y);
    return { median_ms: Math.round(times[3]), min_ms: Math.round(times[0]), max_ms: Math.round(times[6]), goal_ms: 1000, met: times[3] < 1000 };
  },
};

export const benchmarks: Benchmark[] = [speed, ...programs, inlining, editorBuild];
