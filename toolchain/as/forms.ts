// Chooses the ISA row an instruction line means. The choice is syntactic:
// it depends on the mnemonic (with condition aliases and `rep`) and on the
// kinds and sizes of the written operands, never on their values, so the
// assembler can fix instruction lengths before addresses are known.
//
// Invariants: every row comes from isa/ (rowsFor); a memory operand
// written without a size is accepted when exactly one access size fits or a register operand implies dword,
// and no immediate is involved (docs/asm.md); failures are AsmErrors that
// name the forms that do exist.

import { rowsFor } from '../../isa/encoding.ts';
import { CONDITION_ALIASES, CONDITIONS, type IsaRow, type OperandKind } from '../../isa/table.ts';
import { AsmError } from './expr.ts';
import type { ParsedOperand } from './parse.ts';

/** The table's spelling of a mnemonic, after condition aliases (jz → je, setnae → setb). */
export function canonicalMnemonic(m: string): string {
  for (const prefix of ['j', 'set']) {
    if (m.startsWith(prefix)) {
      const cc = m.slice(prefix.length);
      const alias = CONDITION_ALIASES[cc];
      if (alias && (CONDITIONS as readonly string[]).includes(alias)) return prefix + alias;
    }
  }
  return m;
}

function fits(op: ParsedOperand, kind: OperandKind): boolean {
  switch (op.k) {
    case 'reg': return kind === 'r';
    case 'cr': return kind === 'cr';
    case 'imm':
      if (kind === 'rel') return op.size === 0 || op.size === 4;
      if (kind === 'i8') return op.size === 0 || op.size === 1;
      if (kind === 'i16') return op.size === 0 || op.size === 2;
      if (kind === 'i32') return op.size === 0 || op.size === 4;
      return false;
    case 'mem':
      if (kind === 'm') return true;
      if (kind === 'm8') return op.size === 0 || op.size === 1;
      if (kind === 'm16') return op.size === 0 || op.size === 2;
      if (kind === 'm32') return op.size === 0 || op.size === 4;
      return false;
  }
}

function describe(op: ParsedOperand): string {
  switch (op.k) {
    case 'reg': return 'register';
    case 'cr': return 'control register';
    case 'imm': return op.size ? `${['', 'byte', 'word', '', 'dword'][op.size]} immediate` : 'immediate';
    case 'mem': return op.size ? `${['', 'byte', 'word', '', 'dword'][op.size]} memory` : 'memory';
  }
}

export function formText(row: IsaRow): string {
  return row.operands.length ? `${row.mnemonic} ${row.operands.join(', ')}` : row.mnemonic;
}

const rowCache = new Map<string, IsaRow[]>();

function rowsNamed(name: string): IsaRow[] {
  let rows = rowCache.get(name);
  if (!rows) {
    rows = rowsFor(name);
    rowCache.set(name, rows);
  }
  return rows;
}

export function selectRow(mnemonic: string, operands: ParsedOperand[], col: number): IsaRow {
  const name = canonicalMnemonic(mnemonic);
  const rows = rowsNamed(name);
  if (rows.length === 0) throw new AsmError(`unknown mnemonic '${mnemonic}'`, col);
  const candidates = rows.filter((r) => r.operands.length === operands.length && r.operands.every((k, i) => fits(operands[i], k)));
  if (candidates.length === 0) {
    const given = operands.length ? operands.map(describe).join(', ') : 'no operands';
    throw new AsmError(`no form of '${name}' takes (${given}); the forms are: ${rows.map(formText).join(' | ')}`, col);
  }
  const unsizedMem = operands.find((o) => o.k === 'mem' && o.size === 0);
  if (unsizedMem) {
    const at = operands.indexOf(unsizedMem);
    const memKinds = new Set(candidates.map((r) => r.operands[at]));
    const hasImm = operands.some((o) => o.k === 'imm');
    // A 32-bit register operand implies a dword access (`mov [x], eax`).
    if (!hasImm && memKinds.has('m32') && operands.some((o) => o.k === 'reg')) {
      return candidates.find((r) => r.operands[at] === 'm32')!;
    }
    if (!memKinds.has('m') && (memKinds.size > 1 || hasImm)) {
      throw new AsmError('missing size: write byte, word or dword before the memory operand', unsizedMem.col);
    }
  }
  if (candidates.length > 1) {
    throw new AsmError(`ambiguous operands for '${name}': ${candidates.map(formText).join(' | ')}`, col);
  }
  return candidates[0];
}
