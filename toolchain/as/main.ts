// Command line: `tsx toolchain/as/main.ts [-o out.o] in.s` assembles one
// file. Diagnostics go to stderr as file:line:col with the source line and a
// caret; the exit status is 1 on any error and never a stack trace.

import { readFileSync, writeFileSync } from 'node:fs';
import { assemble, formatDiagnostic } from './assemble.ts';

function main(args: string[]): number {
  let out: string | undefined;
  const inputs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-o') {
      out = args[++i];
      if (!out) { process.stderr.write('as: -o needs a file name\n'); return 1; }
    } else if (args[i].startsWith('-')) {
      process.stderr.write(`as: unknown option ${args[i]}\nusage: as [-o out.o] in.s\n`);
      return 1;
    } else inputs.push(args[i]);
  }
  if (inputs.length !== 1) { process.stderr.write('usage: as [-o out.o] in.s\n'); return 1; }
  const input = inputs[0];
  let source: string;
  try {
    source = readFileSync(input, 'utf8');
  } catch (e) {
    process.stderr.write(`as: cannot read ${input}: ${(e as Error).message}\n`);
    return 1;
  }
  const result = assemble(source, input);
  if (!result.ok) {
    for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    return 1;
  }
  const target = out ?? input.replace(/\.s$/, '') + '.o';
  try {
    writeFileSync(target, result.object);
  } catch (e) {
    process.stderr.write(`as: cannot write ${target}: ${(e as Error).message}\n`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`as: internal error: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
