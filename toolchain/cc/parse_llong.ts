// long long without 64-bit registers: the names of the libc helpers the
// parser lowers each operation to (userland/lib/llong.c, like libgcc's
// __divdi3), and constant folding of operations on two constants.
//
// Invariants: helpers take long long by value (an 8-byte block on the
// stack) and return it in edx:eax, as every long long function does; shift
// counts and int conversions are plain ints; folding wraps to 64 bits as
// the helpers do and leaves division by zero (and INT64_MIN / -1) to run
// time.

import type { NodeKind } from './ast.ts';

export const LL_HELPER = {
  fromInt: '__hako_ll_from_int',
  fromUint: '__hako_ll_from_uint',
  toInt: '__hako_ll_to_int',
  cmp: '__hako_ll_cmp',
  ucmp: '__hako_ull_cmp',
  op(kind: NodeKind, unsigned: boolean): string | undefined {
    switch (kind) {
      case 'add': return '__hako_ll_add';
      case 'sub': return '__hako_ll_sub';
      case 'mul': return '__hako_ll_mul';
      case 'band': return '__hako_ll_and';
      case 'bor': return '__hako_ll_or';
      case 'bxor': return '__hako_ll_xor';
      case 'shl': return '__hako_ll_shl';
      case 'shr': return unsigned ? '__hako_ull_shr' : '__hako_ll_sar';
      case 'div': return unsigned ? '__hako_ull_div' : '__hako_ll_div';
      case 'mod': return unsigned ? '__hako_ull_mod' : '__hako_ll_mod';
    }
    return undefined;
  },
};

/** `a op b` for constants, as the helper would compute it; undefined to leave it to run time. */
export function foldLongLong(kind: NodeKind, a: bigint, b: bigint, unsigned: boolean): bigint | undefined {
  const wrap = (v: bigint) => (unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v));
  a = wrap(a);
  switch (kind) {
    case 'add': return wrap(a + wrap(b));
    case 'sub': return wrap(a - wrap(b));
    case 'mul': return wrap(a * wrap(b));
    case 'band': return wrap(a & wrap(b));
    case 'bor': return wrap(a | wrap(b));
    case 'bxor': return wrap(a ^ wrap(b));
    case 'shl': return wrap(a << (b & 63n));
    case 'shr': return wrap(a >> (b & 63n)); // BigInt >> is arithmetic; a is already unsigned when it should be
    case 'div': case 'mod': {
      b = wrap(b);
      if (b === 0n || (!unsigned && a === -(1n << 63n) && b === -1n)) return undefined;
      return wrap(kind === 'div' ? a / b : a % b); // BigInt division truncates toward zero, as C does
    }
  }
  return undefined;
}

/** The 8 little-endian bytes of a 64-bit value. */
export function llBytes(value: bigint): number[] {
  let u = BigInt.asUintN(64, value);
  const bytes: number[] = [];
  for (let k = 0; k < 8; k++) { bytes.push(Number(u & 0xffn)); u >>= 8n; }
  return bytes;
}
