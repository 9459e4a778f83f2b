// The assembler's driver: from source text to an ELF32 relocatable object.
// It owns sections, symbols, the layout passes and relocation decisions;
// syntax lives in parse.ts, row choice in forms.ts, bytes in the ISA's
// encode(), and the ELF file in object.ts.
//
// How it works: statements are parsed once; then a layout pass walks them,
// placing labels. If some size (a displacement, a `times`/`res`/`align`
// count) used a value defined further down, passes repeat until no label
// moves. A final pass emits bytes and relocations and reports every error
// with its position.
//
// Invariants: instruction lengths depend only on the chosen row and on
// displacements that are plain numbers (a displacement that mentions a
// label, `$` or an external symbol is always disp32); a branch to a place in
// the same section is resolved here, anything else becomes R_HAKO_PC32 with
// addend (offset − 4); a 32-bit field naming an address becomes R_HAKO_32;
// 8- and 16-bit fields must be plain numbers. Address arithmetic (addends,
// displacements, rel32) wraps modulo 2^32; immediates and data must fit
// their field, signed or unsigned.

import { encode, layoutOf, immWidth, NO_REG, type Operand } from '../../isa/encoding.ts';
import { ISA, type IsaRow } from '../../isa/table.ts';
import { R_HAKO_32, R_HAKO_PC32, SHF_EXECINSTR, SHT_NOBITS, STT_FUNC, STT_NOTYPE, STT_OBJECT } from '../../isa/elf/elf32.ts';
import { AsmError, evaluate, startCol, type Base, type EvalContext, type Expr, type Value } from './expr.ts';
import { selectRow } from './forms.ts';
import { writeObject, sectionKind, type ObjectReloc, type ObjectSection, type ObjectSymbol } from './object.ts';
import { parseSource, type ParsedOperand, type Statement } from './parse.ts';

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
  source: string;
}

export type AssembleResult = { ok: true; object: Uint8Array } | { ok: false; diagnostics: Diagnostic[] };

const MAX_LAYOUT_PASSES = 32;
/** Sections with contents are built in memory; this keeps a typo like `resb 1 << 30` in .data from exhausting it. */
const MAX_CONTENT_BYTES = 16 << 20;
const MAX_SECTION_BYTES = 0xffffffff;
const MAX_DIAGNOSTICS = 100;
/** Every section starts 4-aligned so that C data keeps its alignment across objects. */
const DEFAULT_SECTION_ALIGN = 4;
const NOP = ISA.find((r) => r.mnemonic === 'nop')!.op;

export function formatDiagnostic(d: Diagnostic): string {
  const caretPad = d.source.slice(0, Math.max(0, d.col - 1)).replace(/[^\t]/g, ' ');
  return `${d.file}:${d.line}:${d.col}: error: ${d.message}\n${d.source}\n${caretPad}^`;
}

interface Section {
  name: string;
  type: number;
  flags: number;
  align: number;
  offset: number;
  bytes: number[];
  relocs: ObjectReloc[];
}

interface LabelPlace {
  sec: number;
  offset: number;
}

type Prepared = Statement & { row?: IsaRow; sec: number };

class Assembly {
  readonly diagnostics: Diagnostic[] = [];
  readonly lines: string[];
  readonly sectionNames: string[] = ['.text'];
  statements: Prepared[] = [];
  /** Label positions from the latest pass (or the pass before, for forward references). */
  labels = new Map<string, LabelPlace>();
  readonly labelDefs = new Map<string, Prepared>();
  readonly equs = new Map<string, Value>();
  readonly equDefs = new Map<string, Prepared>();
  readonly globals = new Map<string, Prepared>();
  readonly referencedExterns = new Set<string>();
  sections: Section[] = [];
  emitting = false;
  /** Labels placed and equs evaluated so far in the current pass. */
  placedNow = new Set<string>();
  equsNow = new Set<string>();
  /** Equs whose value this pass came from a forward (previous-pass) value. */
  readonly staleEqus = new Set<string>();
  /** Count of lookups that used a value from the previous pass. */
  forwardUses = 0;
  /** Set when a size in this pass depended on a previous-pass value, so another pass is needed. */
  uncertain = false;
  fileName: string;
  readonly locMarks: { line: number; loc: { file: string; line: number } }[] = [];

  constructor(readonly source: string, readonly file: string) {
    this.lines = source.split('\n').map((l) => l.replace(/\r$/, ''));
    this.fileName = file.split('/').pop() ?? file;
  }

  error(line: number, col: number, message: string): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    const loc = this.sourcePositionAt(line);
    const where = loc && loc.line > 0 ? ` (from ${loc.file}:${loc.line})` : '';
    this.diagnostics.push({ file: this.file, line, col, message: message + where, source: this.lines[line - 1] ?? '' });
  }

  /** The C source position (.file/.loc) in force at an assembly line, if any. */
  sourcePositionAt(line: number): { file: string; line: number } | null {
    let found: { file: string; line: number } | null = null;
    for (const m of this.locMarks) {
      if (m.line >= line) break;
      found = m.loc;
    }
    return found;
  }

  prepare(): void {
    const parsed = parseSource(this.source);
    let loc = null as { file: string; line: number } | null;
    for (const st of parsed.statements) {
      if (st.k === 'file') loc = { file: st.name, line: 0 };
      else if (st.k === 'loc') loc = { file: loc?.file ?? '?', line: st.srcLine };
      else continue;
      this.locMarks.push({ line: st.line, loc });
    }
    for (const e of parsed.errors) this.error(e.line, e.col, e.message);
    let sec = 0;
    for (const st of parsed.statements) {
      const p = st as Prepared;
      try {
        if (p.k === 'section') {
          sec = this.sectionNames.indexOf(p.name);
          if (sec < 0) { this.sectionNames.push(p.name); sec = this.sectionNames.length - 1; }
        } else if (p.k === 'label' || p.k === 'equ') {
          const first = this.labelDefs.get(p.name) ?? this.equDefs.get(p.name);
          if (first) throw new AsmError(`duplicate label '${p.name}' (first defined at line ${first.line})`, p.col);
          if (p.k === 'label') this.labelDefs.set(p.name, p);
          else this.equDefs.set(p.name, p);
        } else if (p.k === 'global') {
          for (const n of p.names) if (!this.globals.has(n.name)) this.globals.set(n.name, { ...p, col: n.col });
        } else if (p.k === 'instr') {
          p.row = selectRow(p.mnemonic, p.operands, p.col);
        }
        p.sec = sec;
        this.statements.push(p);
      } catch (e) {
        if (!(e instanceof AsmError)) throw e;
        this.error(p.line, e.col, e.message);
      }
    }
    for (const [name, st] of this.labelDefs) this.labels.set(name, { sec: st.sec, offset: 0 });
  }

  /** One walk over the statements; returns the label places it produced. */
  pass(emitting: boolean): Map<string, LabelPlace> {
    this.emitting = emitting;
    this.sections = this.sectionNames.map((name) => ({
      name, ...sectionKind(name), align: 1, offset: 0, bytes: [], relocs: [],
    }));
    const placed = new Map<string, LabelPlace>();
    this.placedNow = new Set();
    this.equsNow = new Set();
    this.uncertain = false;
    for (const st of this.statements) {
      try {
        this.statement(st, placed);
      } catch (e) {
        if (!(e instanceof AsmError)) throw e;
        this.uncertain = true;
        if (emitting) this.error(st.line, e.col || st.col, e.message);
      }
    }
    return placed;
  }

  statement(st: Prepared, placed: Map<string, LabelPlace>): void {
    const sec = this.sections[st.sec];
    switch (st.k) {
      case 'label': {
        const place = { sec: st.sec, offset: sec.offset };
        placed.set(st.name, place);
        this.placedNow.add(st.name);
        this.labels.set(st.name, place);
        return;
      }
      case 'equ': {
        const before = this.forwardUses;
        try {
          this.equs.set(st.name, evaluate(st.expr, this.context(st.sec, sec.offset)));
        } catch (e) {
          this.equs.delete(st.name);
          throw e;
        }
        this.equsNow.add(st.name);
        if (this.forwardUses > before) this.staleEqus.add(st.name);
        else this.staleEqus.delete(st.name);
        return;
      }
      case 'file': case 'loc': case 'section': case 'global': case 'extern':
        return;
      default: break;
    }
    let count = 1;
    if (st.times) {
      const n = this.constantOf(st.times, st.sec, sec.offset);
      if (n < 0n || n > 0x1000000n) throw new AsmError(`times count ${n} out of range`, startCol(st.times));
      count = Number(n);
    }
    for (let i = 0; i < count; i++) this.repeatable(st, sec);
  }

  repeatable(st: Prepared, sec: Section): void {
    const nobits = sec.type === SHT_NOBITS;
    switch (st.k) {
      case 'data': {
        if (nobits) throw new AsmError(`initialised data in ${sec.name}, which has no contents (use resb/resw/resd)`, st.col);
        const here = sec.offset;
        for (const item of st.items) {
          if ('bytes' in item) { for (const b of item.bytes) this.put(sec, b); continue; }
          if (!this.emitting) { sec.offset += st.width; continue; }
          const v = this.valueOf(item.expr, st.sec, here);
          this.field(sec, v, st.width, startCol(item.expr), st.width === 4 ? R_HAKO_32 : 0);
        }
        return;
      }
      case 'res': {
        const n = this.constantOf(st.count, st.sec, sec.offset);
        if (n < 0n || n > 0xffffffffn) throw new AsmError(`reservation of ${n} units out of range`, startCol(st.count));
        const bytes = Number(n) * st.width;
        if (sec.offset + bytes > MAX_SECTION_BYTES) throw new AsmError(`section ${sec.name} grows beyond 4 GiB`, startCol(st.count));
        if (!nobits && sec.offset + bytes > MAX_CONTENT_BYTES) throw new AsmError(`section ${sec.name} grows beyond ${MAX_CONTENT_BYTES >> 20} MiB`, startCol(st.count));
        if (nobits || !this.emitting) sec.offset += bytes;
        else for (let i = 0; i < bytes; i++) this.put(sec, 0);
        return;
      }
      case 'align': {
        const n = this.constantOf(st.n, st.sec, sec.offset);
        if (n <= 0n || (n & (n - 1n)) !== 0n || n > 0x10000n) throw new AsmError(`alignment must be a power of two up to 65536, not ${n}`, startCol(st.n));
        const a = Number(n);
        sec.align = Math.max(sec.align, a);
        const pad = (a - (sec.offset % a)) % a;
        const fill = sec.flags & SHF_EXECINSTR ? NOP : 0;
        if (nobits || !this.emitting) sec.offset += pad;
        else for (let i = 0; i < pad; i++) this.put(sec, fill);
        return;
      }
      case 'instr':
        if (nobits) throw new AsmError(`instruction in ${sec.name}, which has no contents`, st.col);
        this.instruction(st, sec);
        return;
      default:
        return;
    }
  }

  put(sec: Section, b: number): void {
    if (this.emitting) {
      if (sec.bytes.length >= MAX_CONTENT_BYTES) throw new AsmError(`section ${sec.name} grows beyond ${MAX_CONTENT_BYTES >> 20} MiB`, 0);
      sec.bytes.push(b & 0xff);
    }
    sec.offset++;
  }

  /** One evaluation context, re-aimed for each expression (evaluation never nests). */
  private hereSection = 0;
  private hereOffset = 0;
  private readonly evalContext: EvalContext = {
    here: () => ({ add: BigInt(this.hereOffset), base: { sec: this.hereSection }, mentionsPlace: true }),
    symbol: (name, col) => this.symbolValue(name, col),
  };

  context(secIndex: number, here: number): EvalContext {
    this.hereSection = secIndex;
    this.hereOffset = here;
    return this.evalContext;
  }

  symbolValue(name: string, col: number): Value {
    const place = this.labels.get(name);
    if (place) {
      if (!this.placedNow.has(name)) this.forwardUses++;
      return { add: BigInt(place.offset), base: { sec: place.sec }, mentionsPlace: true };
    }
    if (this.equDefs.has(name)) {
      if (!this.equsNow.has(name) || this.staleEqus.has(name)) this.forwardUses++;
      const v = this.equs.get(name);
      if (!v) throw new AsmError(`'${name}' has no value yet (defined later in terms of itself?)`, col);
      return v;
    }
    const dot = name.indexOf('.');
    if (dot >= 0) {
      const scope = name.slice(0, dot);
      throw new AsmError(`undefined local label '${name.slice(dot)}'${scope ? ` in '${scope}'` : ''}`, col);
    }
    return { add: 0n, base: { ext: name }, mentionsPlace: true };
  }

  valueOf(e: Expr, sec: number, here: number): Value {
    return evaluate(e, this.context(sec, here));
  }

  /** A constant that decides a size (times, res*, align): using a previous-pass value makes the layout uncertain. */
  constantOf(e: Expr, sec: number, here: number): bigint {
    const before = this.forwardUses;
    const v = this.valueOf(e, sec, here);
    if (this.forwardUses > before) this.uncertain = true;
    if (v.base) throw new AsmError('expected a constant, found an address', startCol(e));
    return v.add;
  }

  /** Writes a data field of `width` bytes; a 32-bit one may carry a relocation of `relocType`. */
  field(sec: Section, v: Value, width: number, col: number, relocType: number): void {
    let n = 0;
    if (v.base) {
      if (width !== 4 || !relocType) throw new AsmError(`an address does not fit in ${width === 1 ? 'an' : 'a'} ${width * 8}-bit field`, col);
      this.relocate(sec, sec.offset, R_HAKO_32, v.base, v.add);
    } else {
      n = checkRange(v.add, width, col);
    }
    for (let i = 0; i < width; i++) this.put(sec, (n >>> (8 * i)) & 0xff);
  }

  relocate(sec: Section, offset: number, type: number, base: Base | null, addend: bigint): void {
    if (!this.emitting) return;
    // Addresses are arithmetic modulo 2^32: `boot_stack - 0xC0000000` is a fine addend.
    const a = Number(BigInt.asIntN(32, addend));
    if (base && 'ext' in base) this.referencedExterns.add(base.ext);
    sec.relocs.push({ offset, type, target: base, addend: a });
  }

  instruction(st: Prepared & { k: 'instr' }, sec: Section): void {
    const row = st.row!;
    const start = sec.offset;
    const l = layoutOf(row);
    const operands: Operand[] = [];
    const values: (Value | null)[] = [];
    let force32 = false;
    st.operands.forEach((op: ParsedOperand, i) => {
      values.push(null);
      if (op.k === 'reg' || op.k === 'cr') { operands.push(op.reg); return; }
      if (op.k === 'mem') {
        let disp = 0;
        if (op.disp) {
          const before = this.forwardUses;
          const v = this.tolerant(op.disp, st.sec, start);
          values[i] = v;
          if (v) {
            if (v.mentionsPlace) force32 = true;
            else if (this.forwardUses > before) this.uncertain = true;
            if (!v.base) disp = Number(BigInt.asIntN(32, v.add)); // effective addresses wrap modulo 2^32
          } else {
            force32 = true;
            this.uncertain = true;
          }
        }
        operands.push({ base: op.base, index: op.index, scale: op.index === NO_REG ? 1 : op.scale, disp });
        return;
      }
      const v = this.tolerant(op.expr, st.sec, start);
      values[i] = v;
      operands.push(0);
    });
    const bytes = encode(row, operands, force32);
    const length = bytes.length;
    const emitting = this.emitting;
    if (emitting) {
      // Fill immediates, rel32 and relocations now that the length is known
      // (in field order: the displacement comes before the immediates).
      if (l.hasMem) {
        const v = values[l.memIdx];
        if (v?.base) this.relocate(sec, start + 3, R_HAKO_32, v.base, v.add);
      }
      let immAt = length - l.immBytes;
      for (const i of l.immIdx) {
        const kind = row.operands[i];
        const width = immWidth(kind);
        const v = values[i]!;
        const col = st.operands[i].col;
        let n = 0;
        if (kind === 'rel') {
          if (v.base && 'sec' in v.base && v.base.sec === st.sec) {
            n = Number(BigInt.asUintN(32, v.add - BigInt(start + length))); // eip wraps modulo 2^32
          } else {
            this.relocate(sec, start + immAt, R_HAKO_PC32, v.base, v.add - BigInt(length - immAt));
          }
        } else if (v.base) {
          if (width !== 4) throw new AsmError(`an address does not fit in ${width === 1 ? 'an' : 'a'} ${width * 8}-bit immediate`, col);
          this.relocate(sec, start + immAt, R_HAKO_32, v.base, v.add);
        } else {
          n = checkRange(v.add, width, col);
        }
        for (let b = 0; b < width; b++) bytes[immAt + b] = (n >>> (8 * b)) & 0xff;
        immAt += width;
      }
    }
    for (const b of bytes) this.put(sec, b);
  }

  /** In layout passes an unknown value is tolerated (null); when emitting, its error is reported. */
  tolerant(e: Expr, sec: number, here: number): Value | null {
    if (this.emitting) return this.valueOf(e, sec, here);
    try {
      return this.valueOf(e, sec, here);
    } catch (err) {
      if (err instanceof AsmError) return null;
      throw err;
    }
  }


  run(): AssembleResult {
    const result = this.runPasses();
    this.diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
    return result;
  }

  runPasses(): AssembleResult {
    this.prepare();
    if (this.diagnostics.length) return { ok: false, diagnostics: this.diagnostics };
    // One layout pass suffices unless a size used a value from later in the
    // source; then passes repeat until no label moves.
    let stable = false;
    for (let i = 0; i < MAX_LAYOUT_PASSES && !stable; i++) {
      const before = new Map(this.labels);
      const placed = this.pass(false);
      stable = (i === 0 && !this.uncertain) || (i > 0 && [...placed].every(([k, p]) => before.get(k)?.offset === p.offset));
    }
    if (!stable) {
      const st = this.statements.find((s) => s.times) ?? this.statements[0];
      this.error(st?.line ?? 1, st?.col ?? 1, 'layout does not settle: a size depends on itself');
      return { ok: false, diagnostics: this.diagnostics };
    }
    this.pass(true);
    this.checkGlobals();
    if (this.diagnostics.length) return { ok: false, diagnostics: this.diagnostics };
    return { ok: true, object: this.object() };
  }

  checkGlobals(): void {
    for (const [name, st] of this.globals) {
      if (!this.labelDefs.has(name) && !this.equDefs.has(name)) {
        this.error(st.line, st.col, `'${name}' is declared global but never defined`);
      }
    }
  }

  object(): Uint8Array {
    const sections: ObjectSection[] = this.sections.map((s) => ({
      name: s.name, type: s.type, flags: s.flags, align: Math.max(s.align, DEFAULT_SECTION_ALIGN),
      data: Uint8Array.from(s.bytes), size: s.offset, relocs: s.relocs,
    }));
    const symbols: ObjectSymbol[] = [];
    const bySection = new Map<number, string[]>();
    for (const [name, st] of this.labelDefs) {
      if (name.includes('.')) continue; // local labels (.L3, .loop) stay out of the symbol table
      const list = bySection.get(st.sec) ?? [];
      list.push(name);
      bySection.set(st.sec, list);
    }
    for (const [sec, names] of bySection) {
      const sorted = names.map((n) => ({ n, off: this.labels.get(n)!.offset })).sort((a, b) => a.off - b.off);
      sorted.forEach(({ n, off }, k) => {
        let next = k + 1;
        while (next < sorted.length && sorted[next].off === off) next++;
        const end = next < sorted.length ? sorted[next].off : this.sections[sec].offset;
        const exec = (this.sections[sec].flags & SHF_EXECINSTR) !== 0;
        symbols.push({ name: n, sec, value: off, size: end - off, global: this.globals.has(n), type: exec ? STT_FUNC : STT_OBJECT });
      });
    }
    for (const [name] of this.equDefs) {
      if (!this.globals.has(name)) continue;
      const v = this.equs.get(name)!;
      const base = v.base;
      if (base && 'ext' in base) continue;
      symbols.push({
        name, sec: base ? base.sec : -1, value: Number(BigInt.asUintN(32, v.add)), size: 0, global: true, type: STT_NOTYPE,
      });
    }
    const externs = [...this.referencedExterns].filter((n) => !this.labelDefs.has(n));
    const fileName = this.statements.find((s) => s.k === 'file') as (Statement & { k: 'file' }) | undefined;
    return writeObject(fileName?.name ?? this.fileName, sections, symbols, externs);
  }
}

/** The value as an unsigned field of `width` bytes, or an error if it does not fit (signed or unsigned). */
function checkRange(v: bigint, width: number, col: number): number {
  const bits = BigInt(width * 8);
  const min = -(1n << (bits - 1n));
  const max = (1n << bits) - 1n;
  if (v < min || v > max) {
    throw new AsmError(`value ${v} out of range for ${width === 1 ? 'an' : 'a'} ${width * 8}-bit field (${min} to ${max})`, col);
  }
  return Number(BigInt.asUintN(32, v));
}

export function assemble(source: string, file: string): AssembleResult {
  try {
    return new Assembly(source, file).run();
  } catch (e) {
    // A bug in the assembler must still come out as a diagnostic, not a crash.
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, diagnostics: [{ file, line: 1, col: 1, message: `internal assembler error: ${message}`, source: source.split('\n')[0] ?? '' }] };
  }
}

