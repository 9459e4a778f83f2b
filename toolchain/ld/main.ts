// Command line: `tsx toolchain/ld/main.ts -o out [--base 0x..]
// [--phys-offset 0x..] [-e sym] in.o lib.a ...` links objects and archives.
// Errors go to stderr, one per line; the exit status is 1 on any error and
// never a stack trace.

import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { link, type LinkOptions } from './link.ts';

const USAGE = 'usage: ld -o out [--base ADDR] [--phys-offset N] [-e SYMBOL] in.o lib.a ...\n';

function number(text: string | undefined, option: string): number {
  if (text === undefined || !/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text)) throw new Error(`${option} needs a number, not '${text ?? ''}'`);
  const v = Number(text);
  if (v > 0xffffffff) throw new Error(`${option} ${text} does not fit in 32 bits`);
  return v;
}

function main(args: string[]): number {
  let out: string | undefined;
  const opts: LinkOptions = {};
  const files: string[] = [];
  try {
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-o') out = args[++i];
      else if (a === '--base') opts.base = number(args[++i], a);
      else if (a === '--phys-offset') opts.physOffset = number(args[++i], a);
      else if (a === '-e' || a === '--entry') {
        opts.entry = args[++i];
        if (!opts.entry) throw new Error(`${a} needs a symbol`);
      } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
      else files.push(a);
    }
  } catch (e) {
    process.stderr.write(`ld: ${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  if (!out || files.length === 0) { process.stderr.write(USAGE); return 1; }
  const inputs: { name: string; data: Uint8Array }[] = [];
  for (const f of files) {
    try {
      inputs.push({ name: f, data: new Uint8Array(readFileSync(f)) });
    } catch (e) {
      process.stderr.write(`ld: cannot read ${f}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  const result = link(inputs, opts);
  if (!result.ok) {
    for (const e of result.errors) process.stderr.write(`ld: error: ${e}\n`);
    return 1;
  }
  try {
    writeFileSync(out, result.elf);
    chmodSync(out, 0o755);
  } catch (e) {
    process.stderr.write(`ld: cannot write ${out}: ${(e as Error).message}\n`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`ld: internal error: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
