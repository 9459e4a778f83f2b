// Bit-fields and lvalues used more than once, lowered to plain C operations.
//
// Owns how a bit-field is read and written. A bit-field member (layout in
// types.ts: `Member.bitWidth`, `bitOffset` within a storage unit of its
// declared type's size) never reaches code generation: reading one is
// shifts and masks of its unit (`(unit << (32 - off - w)) >> (32 - w)`,
// arithmetic for a signed field, or `(unit >> off) & mask`), and writing
// one is a read-modify-write of the unit (`unit = (unit & ~mask) |
// ((v << off) & mask)`) whose value is the field read back. The read node
// carries `bitfield` (its unit lvalue and member), which is how assignment,
// `op=`, `++`/`--`, `&` and sizeof recognise a bit-field operand.
// Invariants: the unit's address is computed once per operation (`once`);
// the value stored is evaluated exactly once; a field is signed when its
// declared type is (plain int and char are signed; an enum is signed only
// when one of its enumerators is negative, as gcc does), and its value is
// promoted as C says: int, or unsigned int for a 32-bit unsigned field.

import type { Node } from './ast.ts';
import { fail } from './diag.ts';
import type { Token } from './lex.ts';
import { NodeBuilder } from './parse_base.ts';
import { intType, pointerTo, typeName, uintType, ucharType, unqualified, ushortType, type Member, type Type } from './types.ts';

export abstract class BitfieldBuilder extends NodeBuilder {
  /**
   * Builds an expression that mentions lvalue `l` several times (through
   * `lv()`) as if it were evaluated once: a pure lvalue is repeated, any
   * other is reached through a temporary pointer set first
   * (`p = &l, ... *p ...`), so `a[i++] += x` steps i once.
   */
  protected once(l: Node, tok: Token, build: (lv: () => Node) => Node): Node {
    if (this.isPure(l)) return build(() => l);
    const pt = pointerTo(l.type);
    const p: Node = { kind: 'var', tok, type: pt, var: this.newLocal('', pt, tok) };
    const setup: Node = { kind: 'assign', tok, type: pt, lhs: p, rhs: { kind: 'addr', tok, type: pt, lhs: l } };
    const body = build(() => ({ kind: 'deref', tok, type: l.type, lhs: p }));
    return { kind: 'comma', tok, type: body.type, lhs: setup, rhs: body };
  }

  protected assign(l: Node, r: Node, tok: Token): Node {
    if (l.bitfield) return this.assignBitfield(l, r, tok);
    return super.assign(l, r, tok);
  }

  /** `base.m` for a bit-field member m: the read of its value, marked with its unit lvalue. */
  protected bitfieldMember(base: Node, m: Member, tok: Token): Node {
    const ut = unitType(m.type);
    const unitMember: Member = { name: m.name, type: ut, offset: m.offset, tok: m.tok };
    const q = base.type;
    const unit: Node = { kind: 'member', tok, type: q.isConst || q.isVolatile ? { ...ut, isConst: q.isConst, isVolatile: q.isVolatile } : ut, lhs: base, member: unitMember };
    return this.bitfieldRead(unit, m, tok);
  }

  /** The value of bit-field m held in `unit` (an lvalue of its unit type), as C promotes it. */
  protected bitfieldRead(unit: Node, m: Member, tok: Token): Node {
    const w = m.bitWidth!;
    const off = m.bitOffset!;
    const word = this.cast(unit, uintType, tok);
    let v: Node;
    if (isSignedField(m.type)) {
      const asInt = this.cast(word, intType, tok);
      const up = 32 - off - w;
      const raised = up ? this.fold({ kind: 'shl', tok, type: intType, lhs: asInt, rhs: this.num(up, tok) }) : asInt;
      v = w < 32 ? this.fold({ kind: 'shr', tok, type: intType, lhs: raised, rhs: this.num(32 - w, tok) }) : raised;
    } else {
      v = off ? this.fold({ kind: 'shr', tok, type: uintType, lhs: word, rhs: this.num(off, tok) }) : word;
      if (off + w < m.type.size * 8) v = this.fold({ kind: 'band', tok, type: uintType, lhs: v, rhs: this.num(lowBits(w), tok, uintType) });
      if (w < 32) v = this.cast(v, intType, tok);
    }
    return { ...v, bitfield: { unit, member: m } };
  }

  /**
   * Stores `value` (already converted to the field's type) into bit-field m
   * of `unit`; the expression's value is the field read back.
   */
  protected bitfieldStore(unit: Node, m: Member, value: Node, tok: Token): Node {
    const w = m.bitWidth!;
    const off = m.bitOffset!;
    const mask = (lowBits(w) << off) >>> 0;
    const word = this.cast(unit, uintType, tok);
    const kept = this.fold({ kind: 'band', tok, type: uintType, lhs: word, rhs: this.num(~mask, tok, uintType) });
    const v = this.cast(value, uintType, tok);
    const shifted = off ? this.fold({ kind: 'shl', tok, type: uintType, lhs: v, rhs: this.num(off, tok) }) : v;
    const placed = this.fold({ kind: 'band', tok, type: uintType, lhs: shifted, rhs: this.num(mask, tok, uintType) });
    const merged = this.fold({ kind: 'bor', tok, type: uintType, lhs: kept, rhs: placed });
    const ut = unqualified(unit.type);
    const store: Node = { kind: 'assign', tok, type: ut, lhs: unit, rhs: this.cast(merged, ut, tok) };
    const back = this.bitfieldRead(unit, m, tok);
    return { kind: 'comma', tok, type: back.type, lhs: store, rhs: { ...back, bitfield: undefined } };
  }

  /** `l = r` for a bit-field l. */
  protected assignBitfield(l: Node, r: Node, tok: Token): Node {
    const { unit, member } = this.writableBitfield(l, tok, 'assignment');
    const value = this.convert(r, member.type, tok, 'assigning to');
    return this.once(unit, tok, (u) => this.bitfieldStore(u(), member, value, tok));
  }

  /** `l op= r` for a bit-field l: computed in the promoted type, stored back narrowed. */
  protected opAssignBitfield(op: Node['kind'], l: Node, r: Node, tok: Token): Node {
    const { unit, member } = this.writableBitfield(l, tok, 'assignment');
    return this.once(unit, tok, (u) => {
      const result = this.arith(op, this.bitfieldRead(u(), member, tok), r, tok);
      return this.bitfieldStore(u(), member, this.convert(result, member.type, tok, 'assigning to'), tok);
    });
  }

  /** `++l`, `--l`, `l++`, `l--` for a bit-field l. */
  protected incDecBitfield(post: boolean, l: Node, tok: Token, dir: number): Node {
    const { unit, member } = this.writableBitfield(l, tok, dir > 0 ? 'increment' : 'decrement');
    return this.once(unit, tok, (u) => {
      const current = this.bitfieldRead(u(), member, tok);
      const type = current.type;
      const bump = (from: Node) =>
        this.bitfieldStore(u(), member, this.convert(this.arith('add', from, this.num(dir, tok), tok), member.type, tok, 'assigning to'), tok);
      if (!post) return bump(current);
      const old: Node = { kind: 'var', tok, type, var: this.newLocal('', type, tok) };
      const save: Node = { kind: 'assign', tok, type, lhs: old, rhs: { ...current, bitfield: undefined } };
      return { kind: 'comma', tok, type, lhs: save, rhs: { kind: 'comma', tok, type, lhs: bump(old), rhs: old } };
    });
  }

  private writableBitfield(l: Node, tok: Token, what: string): { unit: Node; member: Member } {
    const bf = l.bitfield!;
    if (bf.unit.type.isConst) fail(tok.pos, `${what} of read-only member '${bf.member.name}'`);
    return bf;
  }

  /** The diagnostics for `&` and sizeof of a bit-field. */
  protected rejectBitfield(n: Node, tok: Token, what: 'address' | 'sizeof'): void {
    if (!n.bitfield) return;
    const name = n.bitfield.member.name;
    if (what === 'address') fail(tok.pos, `cannot take address of bit-field '${name}'`);
    fail(tok.pos, `'sizeof' applied to a bit-field '${name}'`);
  }
}

/** The unsigned integer type a bit-field's storage unit is read and written as. */
function unitType(t: Type): Type {
  if (t.size === 1) return ucharType;
  if (t.size === 2) return ushortType;
  if (t.size === 4) return uintType;
  return fail(undefined, `internal compiler error: bit-field of type '${typeName(t)}'`);
}

function isSignedField(t: Type): boolean {
  if (t.kind === 'enum') return !!t.hasNegative;
  return !t.unsigned;
}

function lowBits(w: number): number {
  return w >= 32 ? 0xffffffff : (1 << w) - 1 >>> 0;
}
