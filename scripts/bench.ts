// npm run bench [-- NAME...]: runs every benchmark in test/bench/*.ts (or the
// named ones) and prints one JSON object per line.
//
// A benchmark module exports `benchmarks: Benchmark[]`. A benchmark returns
// its measurements; `name` is added here. A line carries only figures
// measured for it: `instructions` (retired, deterministic) when it runs
// guest code, `seconds` (host wall time) of what that line measures. A
// figure that was not measured is left out, never written as 0 or borrowed
// from a larger run.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface Benchmark {
  name: string;
  run(): Promise<Record<string, number | string | boolean>>;
}

const wanted = new Set(process.argv.slice(2));
const dir = fileURLToPath(new URL('../test/bench/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
let ran = 0;
let failed = 0;
for (const f of files) {
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { benchmarks?: Benchmark[] };
  for (const b of mod.benchmarks ?? []) {
    if (wanted.size && !wanted.has(b.name)) continue;
    ran++;
    try {
      const result = await b.run();
      console.log(JSON.stringify({ name: b.name, ...result }));
    } catch (e) {
      failed++;
      console.log(JSON.stringify({ name: b.name, error: String((e as Error)?.message ?? e) }));
    }
  }
}
if (ran === 0) {
  console.error(wanted.size ? `no benchmark named ${[...wanted].join(', ')}` : 'no benchmarks yet');
  process.exit(1);
}
process.exit(failed ? 1 : 0);
