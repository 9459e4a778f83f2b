// Runs the c-testsuite project's single-exec tests through our C compiler
// on the bare machine and compares each program's output with its
// .expected file (docs/toolchain.md, "Checking against c-testsuite").
//
//   npx tsx scripts/c-testsuite.ts PATH [--only NNNNN,...] [--list]
//
// PATH is a checkout of https://github.com/c-testsuite/c-testsuite (or its
// tests/single-exec folder). The suite is not part of this repository and
// this check is not part of `npm test`: it measures how much of an outside
// suite we pass. A test passes when it compiles, exits with status 0 and
// prints exactly its .expected text (console output; the bare machine has
// one console for stdout and stderr, as the suite's "stdout+stderr").
// Each failure is printed with its first diagnostic or the output's first
// difference, so it can be sorted into "unsupported feature" and "bug".

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBare } from '../toolchain/cc/driver.ts';
import { runBare } from '../toolchain/cc/run.ts';

async function main(argv: string[]): Promise<void> {
  const root = argv.find((a) => !a.startsWith('--'));
  if (!root) {
    process.stderr.write('usage: tsx scripts/c-testsuite.ts PATH-TO-c-testsuite [--only 00001,00002] [--list]\n');
    process.exit(2);
  }
  const dir = existsSync(join(root, 'tests/single-exec')) ? join(root, 'tests/single-exec') : root;
  if (!existsSync(dir)) {
    process.stderr.write(`c-testsuite: ${dir}: no such folder\n`);
    process.exit(2);
  }
  const onlyArg = argv[argv.indexOf('--only') + 1];
  const only = argv.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : undefined;
  const tests = readdirSync(dir).filter((f) => /\.c$/.test(f)).sort()
    .filter((f) => !only || only.has(f.replace(/\.c$/, '')));
  let passed = 0;
  const failures: string[] = [];
  for (const f of tests) {
    const path = join(dir, f);
    const expectedPath = path + '.expected';
    const expected = existsSync(expectedPath) ? readFileSync(expectedPath, 'latin1') : '';
    const verdict = await runOne(path, expected);
    if (verdict === 'pass') passed++;
    else failures.push(`${f}: ${verdict}`);
    if (argv.includes('--list')) process.stdout.write(`${f}: ${verdict}\n`);
  }
  if (!argv.includes('--list')) for (const line of failures) process.stdout.write(line + '\n');
  process.stdout.write(`c-testsuite single-exec: ${passed}/${tests.length} pass\n`);
}

async function runOne(path: string, expected: string): Promise<string> {
  const built = buildBare(path, readFileSync(path, 'utf8'));
  if (!built.ok) return 'compile: ' + firstLine(built.error);
  let output = '';
  const r = await runBare(built.elf, {
    cmdline: path,
    input: '',
    onOutput: (b) => { output += Buffer.from(b).toString('latin1'); },
    maxInstructions: 1e9,
  });
  if (r.error) return 'run: ' + firstLine(r.error);
  if (r.exitCode !== 0) return `exit status ${r.exitCode}${output ? ', output ' + JSON.stringify(output.slice(0, 80)) : ''}`;
  if (output !== expected) return `output differs: got ${JSON.stringify(output.slice(0, 80))}, expected ${JSON.stringify(expected.slice(0, 80))}`;
  return 'pass';
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.includes('error')) ?? s.split('\n')[0];
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`c-testsuite: ${(e as Error)?.stack ?? e}\n`);
  process.exit(2);
});
