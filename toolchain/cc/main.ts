// `npm run cc -- [-O] [-fescape] [-S] [-c] [-o OUT] [-I DIR] [-D NAME[=V]] FILE...`
// `npm run cc -- [-O] [-I DIR] [-D NAME[=V]] --run FILE.c [ARGS...]`
//
// The command line of the C compiler. Without -S or -c it compiles and
// links for the OS (crt0 + libc of userland/lib/sys/hako); --run builds for
// the bare machine, boots it, streams the console to stdout, feeds stdin to
// the UART and exits with the program's status. Diagnostics go to stderr;
// any failure exits 1. Inputs may be .c, .s and .o files.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { assembleText, buildBare, compileToAsm, compileToObject, linkProgram, readTextFile, type CompileOptions } from './driver.ts';
import { runBare } from './run.ts';

const USAGE = `usage: cc [-O] [-fescape] [-S] [-c] [-o OUT] [-I DIR] [-D NAME[=VALUE]] FILE...
       cc [-O] [-I DIR] [-D NAME[=VALUE]] --run FILE.c [ARGS...]
  -O  inline small static inline functions (-O0: do not; -O1 -O2 -O3 -Os: as -O)
  -fescape  print \`file:line:col: &x escapes (why)\` for each local whose address
            leaves its function (escape analysis, as Go's -m)`;

function die(message: string): never {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  process.exit(1);
}

/** The OS's reason, as `no such file or directory (ENOENT)`, from a Node fs error. */
function osReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const text = err?.message?.match(/^[A-Z]+: ([^,]+)/)?.[1];
  return err?.code && text ? `${text} (${err.code})` : String(err?.message ?? e);
}

/** Writes an output file, or says why it cannot and exits 1. */
function writeOutput(path: string, data: string | Uint8Array, mode?: number): void {
  try {
    writeFileSync(path, data, mode === undefined ? undefined : { mode });
  } catch (e) {
    die(`cc: error: cannot write ${path}: ${osReason(e)}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const options: CompileOptions & { includePaths: string[]; defines: Record<string, string> } = { includePaths: [], defines: {} };
  let mode: 'link' | 'S' | 'c' = 'link';
  let out: string | undefined;
  const files: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const value = (flag: string): string => {
      if (a.length > flag.length) return a.slice(flag.length);
      if (k + 1 >= argv.length) die(`cc: error: missing argument to '${flag}'\n${USAGE}`);
      return argv[++k];
    };
    if (a === '--run') {
      if (k + 1 >= argv.length) die(`cc: error: --run needs a C file\n${USAGE}`);
      return run(argv[k + 1], argv.slice(k + 2), options);
    }
    if (/^-O[0-3s]?$/.test(a)) options.optimize = a !== '-O0';
    else if (a === '-fescape') options.escape = true;
    else if (a === '-S') mode = 'S';
    else if (a === '-c') mode = 'c';
    else if (a.startsWith('-o')) out = value('-o');
    else if (a.startsWith('-I')) options.includePaths.push(value('-I'));
    else if (a.startsWith('-D')) {
      const d = value('-D');
      const eq = d.indexOf('=');
      if (eq < 0) options.defines[d] = '1';
      else options.defines[d.slice(0, eq)] = d.slice(eq + 1);
    } else if (a === '-h' || a === '--help') { process.stdout.write(USAGE + '\n'); return; }
    else if (a.startsWith('-') && a !== '-') die(`cc: error: unknown option '${a}'\n${USAGE}`);
    else files.push(a);
  }
  if (!files.length) die(`cc: error: no input files\n${USAGE}`);
  if (out && files.length > 1 && mode !== 'link') die('cc: error: -o with -S or -c needs exactly one input file');

  const objects: { name: string; data: Uint8Array }[] = [];
  let failed = false;
  for (const f of files) {
    if (f.endsWith('.o')) {
      try {
        objects.push({ name: f, data: new Uint8Array(readFileSync(f)) });
      } catch (e) {
        process.stderr.write(`cc: error: cannot read ${f}: ${osReason(e)}\n`);
        failed = true;
      }
      continue;
    }
    const text = readTextFile(f);
    if (text === undefined) { process.stderr.write(`cc: error: ${f}: no such file\n`); failed = true; continue; }
    if (f.endsWith('.s')) {
      if (mode === 'S') { process.stderr.write(`cc: error: ${f} is already assembly\n`); failed = true; continue; }
      const r = assembleText(text, f);
      if (!r.ok) { process.stderr.write(r.diagnostics + '\n'); failed = true; continue; }
      if (mode === 'c') writeOutput(out ?? basename(f).replace(/\.s$/, '.o'), r.object);
      else objects.push({ name: f, data: r.object });
      continue;
    }
    if (mode === 'S') {
      const r = compileToAsm(f, text, options);
      if (!r.ok) { process.stderr.write(r.diagnostics + '\n'); failed = true; continue; }
      for (const note of r.notes ?? []) process.stderr.write(note + '\n');
      writeOutput(out ?? basename(f).replace(/\.c$/, '') + '.s', r.asm);
      continue;
    }
    const r = compileToObject(f, text, options);
    if (!r.ok) { process.stderr.write(r.diagnostics + '\n'); failed = true; continue; }
    for (const note of r.notes ?? []) process.stderr.write(note + '\n');
    if (mode === 'c') writeOutput(out ?? basename(f).replace(/\.c$/, '') + '.o', r.object);
    else objects.push({ name: f.replace(/\.c$/, '.o'), data: r.object });
  }
  if (failed) process.exit(1);
  if (mode !== 'link') return;
  const linked = linkProgram(objects, 'hako');
  if (!linked.ok) die(linked.error);
  writeOutput(out ?? 'a.out', linked.elf, 0o755);
}

async function run(file: string, args: string[], options: CompileOptions): Promise<void> {
  const text = readTextFile(file);
  if (text === undefined) die(`cc: error: ${file}: no such file`);
  const built = buildBare(file, text, options);
  if (!built.ok) die(built.error);
  const stdin = process.stdin;
  const outcome = await runBare(built.elf, {
    cmdline: [file, ...args].join(' '),
    onOutput: (bytes) => process.stdout.write(bytes),
    stream: {
      onData: (cb) => stdin.on('data', (b: Buffer) => cb(new Uint8Array(b))),
      onEnd: (cb) => stdin.on('end', cb),
    },
  });
  stdin.pause();
  stdin.unref?.();
  if (outcome.error) die(`cc: ${file}: ${outcome.error}`);
  process.exitCode = outcome.exitCode ?? 1;
  // Let stdout drain, then leave even if stdin is still open.
  process.stdout.write('', () => process.exit(process.exitCode));
}

main(process.argv.slice(2)).catch((e) => die(`cc: internal error: ${(e as Error)?.message ?? e}`));
