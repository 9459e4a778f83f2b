// gen-isa: the CPU's per-instruction code, generated from the ISA table's
// `sem` column (isa/table.ts), so an instruction is defined in one place.
//
// Outputs (generated, never edited by hand; committed):
//   emulator/cpu.ts, between `// generated:begin NAME` and `// generated:end NAME`:
//     imports  the alu.ts helpers the templates call
//     cases       the interpreter's switch: one case per frequent opcode
//     cold-cases  the switch of its cold function: the rarely run opcodes (isCold)
//   emulator/cpu/block-source.gen.ts  the block compiler's JS source for each
//     compilable instruction, with the operands filled in at compile time
//
// Each template is expanded twice. In the interpreter `$r0` is `st[r0]` (the
// decoded register field), `$imm` is `imm[idx]`, `$ea` the address the loop
// computed before dispatch, `$jump(x)` sets eip, memory goes through the
// CPU's accessors. In a block everything known at compile time is a literal,
// `$jump(x)` returns x from the block function (after counting what it
// retired), and dword accesses take the TLB fast path inline, through
// temporaries the block function declares (ta te for reads, tw tv twe tp for
// writes: a write's value may contain a read); in a loop's block each access
// site also keeps the last page it hit (cachedAccesses). Register, flag-slot and
// eflags-bit names become literal numbers (V8 does not fold imported
// constants as well as literals), with the name in a comment in the
// interpreter.
//
// Usage: tsx emulator/cpu/gen-isa.ts [--check]   (--check: exit 1 when a
// generated file on disk is stale instead of writing it). `npm run gen` runs it.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONDITION_SOURCE, ISA, type IsaRow } from '../../isa/table.ts';
import * as alu from './alu.ts';
import { FLAG_OPS } from './flag-ops.ts';

export const GEN_COMMAND = 'npm run gen';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CPU_FILE = 'emulator/cpu.ts';
const ALU_FILE = 'emulator/cpu/alu.ts';
const BLOCK_FILE = 'emulator/cpu/block-source.gen.ts';

/** The interpreter; a loop's block (state in locals, flag operations inlined); any other block (state in st, calls). */
type Mode = 'interp' | 'block' | 'plain';

/** alu.ts's numeric names that templates may use: registers, flag slots, eflags bits. */
const NAMED_NUMBERS = new Map(Object.entries(alu)
  .filter(([k, v]) => typeof v === 'number' && /^(E[A-Z]{2}|F_[A-Z]+|FL_[A-Z0-9]+|ZERO_REG)$/.test(k)) as [string, number][]);

/** The argument list of the call whose '(' is at `open`; returns the arguments and the index after ')'. */
function callArgs(s: string, open: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0, start = open + 1;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) { args.push(s.slice(start, i).trim()); return { args, end: i + 1 }; }
    } else if (c === ',' && depth === 1) { args.push(s.slice(start, i).trim()); start = i + 1; }
  }
  throw new Error(`unbalanced call in: ${s}`);
}

/** Replace every call `name(...)` in s by what `f` makes of its (already rewritten) arguments. */
function rewriteCalls(s: string, name: string, f: (args: string[]) => string): string {
  const re = new RegExp(`(?<![\\w$.])${name.replace('$', '\\$')}\\(`, 'g');
  let out = '';
  let at = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const { args, end } = callArgs(s, m.index + m[0].length - 1);
    out += s.slice(at, m.index) + f(args.map((a) => rewriteCalls(a, name, f)));
    at = end;
    re.lastIndex = end;
  }
  return out + s.slice(at);
}

function noNestedAccess(arg: string, what: string): string {
  if (/\b(rd|wr)32w?\(/.test(arg)) throw new Error(`${what}: a dword access inside the address of another is not supported`);
  return arg;
}

/** Expand one row's template for the interpreter or for a block. */
export function expand(row: IsaRow, mode: Mode): string {
  let s = row.sem ?? '';
  const name = `0x${row.op.toString(16)} ${row.mnemonic}`;
  if (s.includes('$cond')) {
    if (row.cc === undefined) throw new Error(`${name}: $cond without a condition`);
    s = s.replaceAll('$cond', CONDITION_SOURCE[row.cc]);
  }
  s = rewriteCalls(s, '$jump', ([x]) => mode === 'interp' ? `eip = ${x}` : `\${jump(\`${x}\`)}`);
  if (mode === 'interp') {
    s = s.replace(/(?<![\w$.])(rd8|rd16|rd32|rd32w|wr8|wr16|wr32)\(/g, 'cpu.$1(');
    s = s.replaceAll('$eaNow', 'ea(st, w, disp[idx])').replaceAll('$ea', 'm')
      .replaceAll('$r0', 'st[r0]').replaceAll('$r1', 'st[r1]')
      .replaceAll('$rel', '((eip + imm[idx]) | 0)').replaceAll('$next', 'eip').replaceAll('$imm', 'imm[idx]');
  } else {
    s = s.replace(/(?<![\w$.])(rd8|rd16|wr8|wr16)\(/g, 'cpu.$1(');
    if (mode === 'block') s = cachedAccesses(s, name);
    const read = (fn: string, mask: string) => ([a]: string[]) =>
      `(ta = ${noNestedAccess(a, name)}, te = tlb[ta >>> 12], (te & ${mask}) !== 0 && (ta & 3) === 0 ? ` +
      `(th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.${fn}(ta))`;
    s = rewriteCalls(s, 'rd32', read('rd32', 'rm'));
    s = rewriteCalls(s, 'rd32w', read('rd32w', 'wm'));
    s = rewriteCalls(s, 'wr32', ([a, v]) =>
      `(tw = ${noNestedAccess(a, name)}, tv = ${v}, twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? ` +
      `(tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 && cpu.mem.codeWritten(tp >>> 12), words[tp >>> 2] = tv, th++) : ` +
      `cpu.wr32(tw, tv))`);
    s = s.replaceAll('$eaNow', '${ea}').replaceAll('$ea', '${ea}')
      .replaceAll('$r0', 'st[${r0}]').replaceAll('$r1', 'st[${r1}]')
      .replaceAll('$rel', '${rel}').replaceAll('$next', '${next}').replaceAll('$imm', '${imm}');
  }
  if (/\$(?!\{)/.test(s)) throw new Error(`${name}: unknown placeholder in ${row.sem}`);
  if (mode === 'interp') return literalNames(s, true);
  if (mode === 'plain') return literalNames(s, false);
  // In a loop's block the state slots are locals (s0..s13, loaded at entry, written back at exits):
  // the flag operations are inlined so that their flag writes are to locals too.
  for (const op of Object.keys(FLAG_OPS)) s = rewriteCalls(s, op, (args) => inlineFlagOp(op, args, name));
  s = literalNames(s, false).replace(/\bst\[(\d+|\$\{r[01]\})\]/g, 's$1');
  return s;
}

/**
 * A loop's block: each dword access site keeps the translation of the last
 * page it hit in two locals for the block's invocation, mc@N (the linear
 * page, or 4, which no `address & -4093` equals) and mb@N (the physical
 * page's first index in words), so an access to the same page again is one
 * compare and a RAM word access, with no TLB or code-mark look-up. Valid
 * because nothing a block runs can flush the TLB, change CPL or decode code
 * (those leave the block), and a store site caches only a page without
 * decoded code, so a store into code still drops it on the uncached path.
 * blocks.ts makes `@N` (N counts the instruction's sites) unique per block.
 */
function cachedAccesses(s: string, name: string): string {
  let site = 0;
  const read = (fn: string, mask: string) => ([a]: string[]) => {
    const c = `mc@${site}`, b = `mb@${site++}`;
    return `(ta = ${noNestedAccess(a, name)}, (ta & -4093) === ${c} ? (th++, words[${b} | ((ta >>> 2) & 1023)]) : ` +
      `(te = tlb[ta >>> 12], (te & ${mask}) !== 0 && (ta & 3) === 0 ? ` +
      `(${c} = ta & -4096, ${b} = (te & -4096) >>> 2, th++, words[((te & -4096) | (ta & 4095)) >>> 2]) : cpu.${fn}(ta)))`;
  };
  s = rewriteCalls(s, 'rd32', read('rd32', 'rm'));
  s = rewriteCalls(s, 'rd32w', read('rd32w', 'wm'));
  return rewriteCalls(s, 'wr32', ([a, v]) => {
    const c = `mc@${site}`, b = `mb@${site++}`;
    return `(tw = ${noNestedAccess(a, name)}, tv = ${v}, (tw & -4093) === ${c} ? (words[${b} | ((tw >>> 2) & 1023)] = tv, th++) : ` +
      `(twe = tlb[tw >>> 12], (twe & wm) !== 0 && (tw & 3) === 0 ? ` +
      `(tp = (twe & -4096) | (tw & 4095), codeMark[tp >>> 12] !== 0 ? cpu.mem.codeWritten(tp >>> 12) : ` +
      `(${c} = tw & -4096, ${b} = (twe & -4096) >>> 2), words[tp >>> 2] = tv, th++) : cpu.wr32(tw, tv)))`;
  });
}

/** Replace alu.ts's register, flag-slot and eflags-bit names by their numbers. */
function literalNames(s: string, comment: boolean): string {
  return s.replace(/\b[A-Z][A-Z0-9_]*\b/g, (id) => {
    const v = NAMED_NUMBERS.get(id);
    if (v === undefined) return id;
    return comment ? `${v} /* ${id} */` : String(v);
  });
}

/** Rename a flag operation's parameters and temporaries in its expression. */
function renameLocals(expr: string, names: readonly string[], to: (n: string) => string): string {
  if (names.length === 0) return expr;
  return expr.replace(new RegExp(`(?<![\\w$.])(${names.join('|')})(?![\\w$])`, 'g'), (n) => to(n));
}

/** `op(st, args...)` as an expression over the block's temporaries (op_param, op_temp). */
function inlineFlagOp(op: string, args: string[], where: string): string {
  const f = FLAG_OPS[op];
  if (args[0] !== 'st' || args.length !== f.params.length + 1) throw new Error(`${where}: ${op} takes (st, ${f.params.join(', ')})`);
  const binds = f.params.map((p, i) => `${op}_${p} = ${args[i + 1]}`);
  return `(${[...binds, renameLocals(f.expr, [...f.params, ...f.temps], (n) => `${op}_${n}`)].join(', ')})`;
}

/** Every temporary the inlined flag operations use (a block declares them all). */
const FLAG_TEMPS = Object.entries(FLAG_OPS).flatMap(([op, f]) => [...f.params, ...f.temps].map((n) => `${op}_${n}`));

/** The flag operations as the functions the interpreter calls. */
function flagFunctions(): string {
  return Object.entries(FLAG_OPS).map(([op, f]) => {
    const temps = f.temps.length ? `let ${f.temps.map((t) => `${t} = 0`).join(', ')}; ` : '';
    return `/** ${f.doc} */\nexport function ${op}(st: Int32Array, ${f.params.map((p) => `${p}: number`).join(', ')}): number {\n` +
      `  ${temps}return ${literalNames(f.expr, true)};\n}`;
  }).join('\n');
}

/** alu.ts functions and tables the expanded templates call. */
function helpersUsed(sources: string[]): string[] {
  const used = new Set<string>();
  for (const s of sources) {
    for (const id of s.match(/(?<![\w$.])[A-Za-z_]\w*(?=\(|\[)/g) ?? []) {
      if ((id in alu && typeof (alu as Record<string, unknown>)[id] !== 'number') || id in FLAG_OPS) used.add(id);
    }
  }
  return [...used].sort();
}

const hex = (op: number) => `0x${op.toString(16).padStart(2, '0')}`;
const title = (r: IsaRow) => `${r.mnemonic}${r.operands.length ? ` ${r.operands.join(', ')}` : ''}`;

/**
 * The rows the interpreter runs from its cold function (`coldInstruction` in
 * emulator/cpu.ts) instead of from `loop`'s switch: fewer than 1 in 20,000 of
 * the instructions the interpreter ran in each of two counted workloads (the
 * /sbin/bench boot twice, 20.4 M interpreted; a boot to the shell's prompt, a
 * 300-turn shell loop and /bench/forkexec, 10.8 M), most of them run only by
 * the warm-up. A smaller `loop` is compiled by V8's TurboFan sooner and
 * faster (docs/performance.md, "A smaller interpreter loop"). Whole mnemonics,
 * then single forms as `mnemonic operands`.
 */
const COLD_MNEMONICS = [
  'nop', 'int3', 'rdtsc', 'std', 'movsb', 'movsd', 'stosb', 'stosd', 'invlpg', 'lvt', 'rdtp', 'wrtp', 'inw', 'outw',
  'xchg', 'adc', 'sbb', 'neg', 'rol', 'ror', 'mul', 'jo', 'jno', 'js', 'jns', 'jp', 'jnp',
  'seto', 'setno', 'setb', 'setae', 'setbe', 'seta', 'sets', 'setns', 'setp', 'setnp', 'setge', 'setle',
];
const COLD_FORMS = [
  'mov m16, i16', 'movsx r, m16', 'movzxb r, r', 'movsxw r, r', 'pop m32', 'jmp r', 'or m32, r', 'and m32, r',
  'xor r, i32', 'xor r, m32', 'xor m32, r', 'xor m32, i32', 'cmp m32, r', 'test r, m32', 'test m32, r',
  'not m32', 'shr r, r', 'sar r, i8', 'imul r', 'imul m32', 'idiv r',
];

/** Whether the interpreter runs row r from its cold function. */
export function isCold(r: IsaRow): boolean {
  return COLD_MNEMONICS.includes(r.mnemonic) || COLD_FORMS.includes(title(r));
}

function checkColdNames(): void {
  for (const m of COLD_MNEMONICS) if (!ISA.some((r) => r.mnemonic === m)) throw new Error(`gen-isa: cold mnemonic '${m}' is no ISA row`);
  for (const f of COLD_FORMS) if (!ISA.some((r) => title(r) === f)) throw new Error(`gen-isa: cold form '${f}' is no ISA row`);
}

/**
 * The interpreter's switch (cold = false: the hot rows, in `loop`) or its cold
 * function's switch. A hot templated row counts itself retired and continues;
 * a system row, and every cold row, breaks to the code after the switch,
 * which counts it.
 */
function interpreterCases(indent: string, cold: boolean): string {
  checkColdNames();
  const lines: string[] = [];
  for (const r of ISA) {
    if (isCold(r) !== cold) continue;
    const body = r.system !== undefined
      ? `eip = sys.${r.system}(cpu, w, idx, cur, eip, budget - done, done); break;`
      : `${expand(r, 'interp')}${r.sem ? ' ' : ''}${cold ? 'break;' : 'done++; continue;'}`;
    lines.push(`${indent}case ${hex(r.op)}: ${body} // ${title(r)}`);
  }
  return lines.join('\n');
}

function interpreterImports(): string {
  const names = helpersUsed(ISA.filter((r) => r.sem !== undefined).map((r) => expand(r, 'interp')));
  return `import { ${names.join(', ')} } from './cpu/alu.ts';`;
}

function blockSourceFile(): string {
  const rows = ISA.filter((r) => r.sem !== undefined);
  const bodies = rows.map((r) => expand(r, 'block'));
  const plainBodies = rows.map((r) => expand(r, 'plain'));
  const conditionsIn = (mode: Mode) => CONDITION_SOURCE.map((_, cc) => expand({ ...ISA[0], sem: '$cond', cc }, mode));
  const conditions = conditionsIn('block'), plainConditions = conditionsIn('plain');
  const cases = rows.map((r, i) => `    case ${hex(r.op)}: return \`${bodies[i]}\`; // ${title(r)}`);
  const plainCases = rows.map((r, i) => `    case ${hex(r.op)}: return \`${plainBodies[i]}\`; // ${title(r)}`);
  return `// Generated from isa/table.ts by emulator/cpu/gen-isa.ts (${GEN_COMMAND}): do not edit.
//
// The block compiler's (emulator/cpu/blocks.ts) JavaScript for each compilable
// instruction: the row's template with its operands filled in when the block
// is compiled, in two forms. In a loop's block (instructionSource) the CPU
// state slots st[k] are the block's locals sk (registers
// s0-s7 eax..edi; flags F_Z s${alu.F_Z}, F_SP s${alu.F_SP}, F_CF s${alu.F_CF}, F_OF s${alu.F_OF}, F_BITS s${alu.F_BITS};
// eflags bits are numbers: FL_DF ${alu.FL_DF}, FL_IF ${alu.FL_IF}); the flag operations of
// emulator/cpu/flag-ops.ts are inlined; \`/*wb*/\` marks where an exit writes
// the locals back. In any other block (plainInstructionSource) the state stays
// in st and the flag operations are calls of alu.ts's functions.

/** The alu.ts exports these sources call: the block function binds them by name. */
export const BLOCK_HELPERS = '${helpersUsed([...bodies, ...conditions, ...plainBodies, ...plainConditions]).join(', ')}';

/** The inlined flag operations' temporaries: the block function declares them. */
export const BLOCK_TEMPS = '${FLAG_TEMPS.join(', ')}';

/**
 * Opcodes whose source hands st to a function (division): the block writes its
 * locals back before them and reloads them after.
 */
export const SYNC_OPS: ReadonlySet<number> = new Set([${rows.filter((_, i) => /\bst\b/.test(bodies[i])).map((r) => hex(r.op)).join(', ')}]);

/** Each condition (CONDITIONS order) as a boolean expression over a loop block's locals. */
export const CONDITION_JS: readonly string[] = [
${conditions.map((c) => `  '${c}',`).join('\n')}
];

/** The same over st, for plain blocks. */
export const CONDITION_JS_PLAIN: readonly string[] = [
${plainConditions.map((c) => `  '${c}',`).join('\n')}
];

/**
 * The source of instruction \`op\`: r0/r1 its registers, ea its memory operand's
 * address expression, imm its immediate, next/rel expressions for the next
 * instruction and the branch target; jump(x) is what continuing at x becomes
 * (leaving the block, or nothing when the block follows the jump).
 */
export function instructionSource(op: number, r0: number, r1: number, ea: string, imm: number, next: string, rel: string,
  jump: (target: string) => string): string {
  switch (op) {
${cases.join('\n')}
    default: throw new Error(\`blocks: opcode 0x\${op.toString(16)} is not compilable\`);
  }
}

/** The same for a plain block: the state stays in st and the flag operations are calls. */
export function plainInstructionSource(op: number, r0: number, r1: number, ea: string, imm: number, next: string, rel: string,
  jump: (target: string) => string): string {
  switch (op) {
${plainCases.join('\n')}
    default: throw new Error(\`blocks: opcode 0x\${op.toString(16)} is not compilable\`);
  }
}
`;
}

/** Replace the region NAME of text by `body` (markers kept). */
function fillRegion(text: string, name: string, body: (indent: string) => string, file: string): string {
  const begin = new RegExp(`^([ \\t]*)// generated:begin ${name}\\b.*$`, 'm');
  const m = begin.exec(text);
  const endMarker = `// generated:end ${name}`;
  const endAt = text.indexOf(endMarker);
  if (!m || endAt < 0) throw new Error(`${file}: no generated region '${name}'`);
  const lineEnd = text.indexOf('\n', m.index) + 1;
  const endLineStart = text.lastIndexOf('\n', endAt) + 1;
  return text.slice(0, lineEnd) + body(m[1]) + '\n' + text.slice(endLineStart);
}

/** Every generated file's path (from the repository root) and wanted contents. */
export function generatedFiles(root = ROOT): Map<string, string> {
  let cpu = readFileSync(root + CPU_FILE, 'utf8');
  cpu = fillRegion(cpu, 'imports', () => interpreterImports(), CPU_FILE);
  cpu = fillRegion(cpu, 'cases', (indent) => interpreterCases(indent, false), CPU_FILE);
  cpu = fillRegion(cpu, 'cold-cases', (indent) => interpreterCases(indent, true), CPU_FILE);
  let aluText = readFileSync(root + ALU_FILE, 'utf8');
  aluText = fillRegion(aluText, 'flag-ops', () => flagFunctions(), ALU_FILE);
  return new Map([[CPU_FILE, cpu], [ALU_FILE, aluText], [BLOCK_FILE, blockSourceFile()]]);
}

/** Paths of generated files that differ from what the table gives. */
export function staleGenerated(root = ROOT): string[] {
  const stale: string[] = [];
  for (const [path, text] of generatedFiles(root)) {
    let old = '';
    try { old = readFileSync(root + path, 'utf8'); } catch { /* missing counts as stale */ }
    if (old !== text) stale.push(path);
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const stale = staleGenerated();
    for (const p of stale) console.error(`${p} is stale: run ${GEN_COMMAND}`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const [path, text] of generatedFiles()) writeFileSync(ROOT + path, text);
}
