// C types of the Hako compiler: their shapes, sizes and conversions.
//
// Owns the `Type` record and every rule about types: sizes and alignment
// (ILP32: char 1, short 2, int/long/pointers 4, long long 8 aligned to 4 as
// in gcc -m32 structs), struct and union layout,
// integer promotions and the usual arithmetic conversions, compatibility
// checks and readable names for diagnostics. Invariants: a struct or union
// type is one shared object per tag, completed in place when its body is
// seen; enums are int-sized signed integers; qualifiers are a flag on a copy
// and never change layout.

import type { Token } from './lex.ts';

export type TypeKind =
  | 'void' | 'char' | 'short' | 'int' | 'long' | 'llong' | 'enum'
  | 'ptr' | 'array' | 'func' | 'struct' | 'union';

export interface Member {
  name: string;
  type: Type;
  /** Bytes from the start of the struct; a bit-field: of its storage unit (see bitWidth). */
  offset: number;
  tok?: Token;
  /**
   * A bit-field: its width, and its first bit within the storage unit, an
   * object of the declared type's size at `offset` (bit 0 = least
   * significant, as on i386).
   */
  bitWidth?: number;
  bitOffset?: number;
}

/** A member as the parser reads it: `bits` is set for a bit-field (0 for `T :0`). */
export interface MemberDecl {
  name: string;
  type: Type;
  tok?: Token;
  bits?: number;
}

export interface Type {
  kind: TypeKind;
  size: number;
  align: number;
  unsigned: boolean;
  isConst?: boolean;
  isVolatile?: boolean;
  /** ptr: the pointee; array: the element type. */
  base?: Type;
  /** array: number of elements, -1 while incomplete (`int a[]`). */
  len?: number;
  /** struct/union: members in order; undefined while incomplete. */
  members?: Member[];
  tag?: string;
  /** func: return type, parameter types, `...`, and whether it had a prototype. */
  ret?: Type;
  params?: Type[];
  variadic?: boolean;
  noPrototype?: boolean;
  /** _Bool: a one-byte unsigned integer that holds only 0 or 1 (conversions to it compare with 0). */
  isBool?: boolean;
  /** enum: some enumerator is negative (gcc then reads its bit-fields signed, otherwise unsigned). */
  hasNegative?: boolean;
}

function make(kind: TypeKind, size: number, unsigned = false): Type {
  return { kind, size, align: Math.max(1, size), unsigned };
}

export const voidType: Type = { kind: 'void', size: 1, align: 1, unsigned: false };
export const charType = make('char', 1);
export const ucharType = make('char', 1, true);
export const shortType = make('short', 2);
export const ushortType = make('short', 2, true);
export const intType = make('int', 4);
export const uintType = make('int', 4, true);
export const longType = make('long', 4);
export const ulongType = make('long', 4, true);
/** long long: 8 bytes, 4-aligned (i386 SysV). A memory value like a struct: see isMemoryValue. */
export const boolType: Type = { kind: 'char', size: 1, align: 1, unsigned: true, isBool: true };
export const llongType: Type = { kind: 'llong', size: 8, align: 4, unsigned: false };
export const ullongType: Type = { kind: 'llong', size: 8, align: 4, unsigned: true };

export function isInteger(t: Type): boolean {
  return t.kind === 'char' || t.kind === 'short' || t.kind === 'int' || t.kind === 'long' || t.kind === 'llong' || t.kind === 'enum';
}
/**
 * A value that lives in memory and is handled by address, not in a
 * register: structs, unions and long long. The parser turns every long long
 * operation into a call of a libc helper (userland/lib/llong.c), so code
 * generation only loads, stores, copies, passes and returns 8-byte blocks.
 */
export function isMemoryValue(t: Type): boolean {
  return t.kind === 'struct' || t.kind === 'union' || t.kind === 'llong';
}
/**
 * A result the caller receives through a hidden first argument (the
 * address to store it at, returned in eax): structs and unions, as i386
 * SysV. A long long comes back in edx:eax (high:low), as gcc -m32 returns
 * it; the caller stores the pair into its result block at once.
 */
export function returnsThroughPointer(t: Type): boolean {
  return t.kind === 'struct' || t.kind === 'union';
}
export function isPointerLike(t: Type): boolean {
  return t.kind === 'ptr' || t.kind === 'array';
}
export function isScalar(t: Type): boolean {
  return isInteger(t) || t.kind === 'ptr';
}
export function isAggregate(t: Type): boolean {
  return t.kind === 'struct' || t.kind === 'union' || t.kind === 'array';
}
export function isStructLike(t: Type): boolean {
  return t.kind === 'struct' || t.kind === 'union';
}

export function pointerTo(base: Type): Type {
  return { kind: 'ptr', size: 4, align: 4, unsigned: true, base };
}

export function arrayOf(base: Type, len: number): Type {
  return { kind: 'array', size: len < 0 ? 0 : base.size * len, align: base.align, unsigned: false, base, len };
}

export function funcType(ret: Type, params: Type[], variadic: boolean, noPrototype = false): Type {
  return { kind: 'func', size: 1, align: 1, unsigned: false, ret, params, variadic, noPrototype };
}

export function enumType(tag?: string): Type {
  return { kind: 'enum', size: 4, align: 4, unsigned: false, tag };
}

export function structType(kind: 'struct' | 'union', tag?: string): Type {
  return { kind, size: 0, align: 1, unsigned: false, tag };
}

/** A copy of `t` with qualifiers added (layout is shared through `base`/`members`). */
export function qualified(t: Type, isConst: boolean, isVolatile: boolean): Type {
  if (!isConst && !isVolatile) return t;
  if (isStructLike(t)) {
    // Structs stay one object per tag so completing the tag completes every
    // use; a qualified struct is a view that forwards its layout.
    return Object.create(t, {
      isConst: { value: isConst || t.isConst, enumerable: true },
      isVolatile: { value: isVolatile || t.isVolatile, enumerable: true },
    }) as Type;
  }
  return { ...t, isConst: isConst || t.isConst, isVolatile: isVolatile || t.isVolatile };
}

export function unqualified(t: Type): Type {
  if (!t.isConst && !t.isVolatile) return t;
  if (isStructLike(t)) return Object.getPrototypeOf(t) as Type;
  return { ...t, isConst: false, isVolatile: false };
}

/**
 * Lays out a struct or union body as gcc -m32 does (System V i386 ABI),
 * completing `t`. Positions are counted in bits so bit-fields pack: a
 * bit-field goes at the next free bit unless that would make it span more
 * alignment units of its type than the type itself has, in which case it
 * starts at the next such unit; `T :0` moves to the next unit of T. Named
 * bit-fields give the struct their type's alignment, unnamed ones (and
 * `:0`) do not, and unnamed ones are not members (no name reaches them and
 * initializers skip them). A packed struct aligns every member to 1.
 */
export function layoutStruct(t: Type, members: MemberDecl[], packed = false): void {
  let bitpos = 0;
  let bitsize = 0;
  let align = 1;
  const out: Member[] = [];
  for (const m of members) {
    // __attribute__((packed)): every member at alignment 1 (bit-fields are refused before this).
    const mt = m.type;
    const malign = packed ? 1 : mt.align;
    const start = t.kind === 'struct' ? bitpos : 0;
    if (m.bits === undefined) {
      align = Math.max(align, malign);
      const at = alignTo(start, malign * 8);
      out.push({ name: m.name, type: mt, offset: at / 8, tok: m.tok });
      bitpos = at + mt.size * 8;
    } else if (m.bits === 0) {
      bitpos = alignTo(start, mt.align * 8);
    } else {
      const unitBits = mt.align * 8;
      let at = start;
      const spans = Math.ceil(((at % unitBits) + m.bits) / unitBits);
      if (spans > mt.size / mt.align) at = alignTo(at, unitBits);
      if (m.name) {
        align = Math.max(align, mt.align);
        const storage = Math.floor(at / (mt.size * 8)) * mt.size;
        out.push({ name: m.name, type: mt, offset: storage, tok: m.tok, bitWidth: m.bits, bitOffset: at - storage * 8 });
      }
      bitpos = at + m.bits;
    }
    bitsize = Math.max(bitsize, bitpos);
  }
  t.members = out;
  t.align = align;
  t.size = alignTo(Math.ceil(bitsize / 8), align);
}

export function alignTo(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/** Integer promotion: char and short (signed or not) become int. */
export function promote(t: Type): Type {
  if (t.kind === 'char' || t.kind === 'short' || t.kind === 'enum') return intType;
  if (t.kind === 'int') return t.unsigned ? uintType : intType;
  if (t.kind === 'long') return t.unsigned ? ulongType : longType;
  if (t.kind === 'llong') return t.unsigned ? ullongType : llongType;
  return t;
}

/**
 * The usual arithmetic conversions for two integer operands. long and int
 * are both 32 bits, so unsigned wins whenever either side is unsigned, and
 * the result is long when either side is.
 */
export function commonType(a: Type, b: Type): Type {
  const pa = promote(a);
  const pb = promote(b);
  if (pa.kind === 'llong' || pb.kind === 'llong') {
    // long long holds every 32-bit value, so only an unsigned long long operand makes the result unsigned.
    return (pa.kind === 'llong' && pa.unsigned) || (pb.kind === 'llong' && pb.unsigned) ? ullongType : llongType;
  }
  const unsigned = pa.unsigned || pb.unsigned;
  const long = pa.kind === 'long' || pb.kind === 'long';
  if (long) return unsigned ? ulongType : longType;
  return unsigned ? uintType : intType;
}

/** Types are the same for redeclarations and pointer assignments (qualifiers ignored). */
export function sameType(a: Type, b: Type): boolean {
  if (a === b) return true;
  a = unqualified(a);
  b = unqualified(b);
  if (a === b) return true;
  if (a.kind !== b.kind) {
    // enum is compatible with int for our purposes.
    const intLike = (t: Type) => t.kind === 'enum' || (t.kind === 'int' && !t.unsigned);
    return intLike(a) && intLike(b);
  }
  switch (a.kind) {
    case 'ptr': return sameType(a.base!, b.base!);
    case 'array': return sameType(a.base!, b.base!) && (a.len === b.len || a.len! < 0 || b.len! < 0);
    case 'func':
      if (!sameType(a.ret!, b.ret!)) return false;
      if (a.noPrototype || b.noPrototype) return true;
      return a.variadic === b.variadic && a.params!.length === b.params!.length &&
        a.params!.every((p, i) => sameType(p, b.params![i]));
    case 'struct': case 'union': return false;
    case 'enum': return true;
    default: return a.unsigned === b.unsigned;
  }
}

/** The type as C spells it, for diagnostics: `int *`, `struct point`, `char [4]`. */
export function typeName(t: Type): string {
  const q = (t.isConst ? 'const ' : '') + (t.isVolatile ? 'volatile ' : '');
  switch (t.kind) {
    case 'void': return q + 'void';
    case 'char': case 'short': case 'int': case 'long':
      if (t.isBool) return q + '_Bool';
      return q + (t.unsigned ? 'unsigned ' : '') + t.kind;
    case 'llong': return q + (t.unsigned ? 'unsigned ' : '') + 'long long';
    case 'enum': return q + (t.tag ? `enum ${t.tag}` : 'enum');
    case 'struct': case 'union': return q + (t.tag ? `${t.kind} ${t.tag}` : `${t.kind} <anonymous>`);
    case 'ptr': {
      const b = t.base!;
      if (b.kind === 'func') return `${typeName(b.ret!)} (*)(${paramList(b)})`;
      return `${typeName(b)} *${q ? ' ' + q.trim() : ''}`;
    }
    case 'array': return `${typeName(t.base!)} [${t.len! >= 0 ? t.len : ''}]`;
    case 'func': return `${typeName(t.ret!)} (${paramList(t)})`;
  }
}

function paramList(f: Type): string {
  const ps = f.params!.map(typeName);
  if (f.variadic) ps.push('...');
  return ps.length ? ps.join(', ') : f.noPrototype ? '' : 'void';
}
