// The flag-setting operations, each defined once as a JavaScript expression
// (the layout of the flag slots is explained in emulator/cpu/alu.ts).
//
// emulator/cpu/gen-isa.ts turns each into a function of
// emulator/cpu/flags.gen.ts, `name(st, ...params)`, which the interpreter
// calls; and inlines the expression itself into compiled blocks, where the
// state slots are JS locals: a flag that a later instruction of the block
// overwrites before anything reads it is then dead code that V8 removes
// (lazy flags without bookkeeping).
//
// An expression may read its parameters and write its temporaries (each
// written before it is read), and reads or writes `st[NAME]` with the names
// of alu.ts; it must not call anything that reads `st`. Its value is the
// operation's result. Undefined x86 flags are chosen as docs/isa.md says:
// shifts by more than 1 compute OF by the count-1 formula; mul/imul set SF
// ZF PF from the low dword; division (alu.ts) changes no flag.

export interface FlagOp {
  readonly params: readonly string[];
  readonly temps: readonly string[];
  readonly expr: string;
  readonly doc: string;
}

export const FLAG_OPS: Readonly<Record<string, FlagOp>> = {
  add: {
    doc: 'a + b; CF = unsigned carry, OF = signed overflow',
    params: ['a', 'b'], temps: ['r'],
    expr: '(r = (a + b) | 0, st[F_Z] = r, st[F_SP] = r, st[F_CF] = (r >>> 0) < (a >>> 0) ? 1 : 0, ' +
      'st[F_OF] = ((a ^ r) & (b ^ r)) >>> 31, r)',
  },
  adc: {
    doc: 'a + b + CF',
    params: ['a', 'b'], temps: ['c', 'r'],
    expr: '(c = st[F_CF], r = (a + b + c) | 0, st[F_Z] = r, st[F_SP] = r, ' +
      'st[F_CF] = (a >>> 0) + (b >>> 0) + c > 0xffffffff ? 1 : 0, st[F_OF] = ((a ^ r) & (b ^ r)) >>> 31, r)',
  },
  sub: {
    doc: 'a - b (also cmp and neg); CF = unsigned borrow',
    params: ['a', 'b'], temps: ['r'],
    expr: '(r = (a - b) | 0, st[F_Z] = r, st[F_SP] = r, st[F_CF] = (a >>> 0) < (b >>> 0) ? 1 : 0, ' +
      'st[F_OF] = ((a ^ b) & (a ^ r)) >>> 31, r)',
  },
  sbb: {
    doc: 'a - b - CF',
    params: ['a', 'b'], temps: ['c', 'r'],
    expr: '(c = st[F_CF], r = (a - b - c) | 0, st[F_Z] = r, st[F_SP] = r, ' +
      'st[F_CF] = (a >>> 0) < (b >>> 0) + c ? 1 : 0, st[F_OF] = ((a ^ b) & (a ^ r)) >>> 31, r)',
  },
  logic: {
    doc: 'the result of and/or/xor/test: CF = OF = 0',
    params: ['r'], temps: [],
    expr: '(st[F_Z] = r, st[F_SP] = r, st[F_CF] = 0, st[F_OF] = 0, r)',
  },
  inc: {
    doc: 'a + 1; CF unchanged',
    params: ['a'], temps: ['r'],
    expr: '(r = (a + 1) | 0, st[F_Z] = r, st[F_SP] = r, st[F_OF] = r === -0x80000000 ? 1 : 0, r)',
  },
  dec: {
    doc: 'a - 1; CF unchanged',
    params: ['a'], temps: ['r'],
    expr: '(r = (a - 1) | 0, st[F_Z] = r, st[F_SP] = r, st[F_OF] = r === 0x7fffffff ? 1 : 0, r)',
  },
  shl: {
    doc: 'a << count (count already masked to 5 bits; 0 changes no flag)',
    params: ['a', 'count'], temps: ['c', 'r'],
    expr: '(count === 0 ? a : (r = a << count, c = (a >>> (32 - count)) & 1, st[F_Z] = r, st[F_SP] = r, ' +
      'st[F_CF] = c, st[F_OF] = (r >>> 31) ^ c, r))',
  },
  shr: {
    doc: 'a >>> count',
    params: ['a', 'count'], temps: ['r'],
    expr: '(count === 0 ? a : (r = (a >>> count) | 0, st[F_Z] = r, st[F_SP] = r, ' +
      'st[F_CF] = (a >>> (count - 1)) & 1, st[F_OF] = a >>> 31, r))',
  },
  sar: {
    doc: 'a >> count',
    params: ['a', 'count'], temps: ['r'],
    expr: '(count === 0 ? a : (r = a >> count, st[F_Z] = r, st[F_SP] = r, st[F_CF] = (a >> (count - 1)) & 1, st[F_OF] = 0, r))',
  },
  rol: {
    doc: 'rotate left: only CF and OF change, as on x86',
    params: ['a', 'count'], temps: ['c', 'r'],
    expr: '(count === 0 ? a : (r = (a << count) | (a >>> (32 - count)), c = r & 1, st[F_CF] = c, st[F_OF] = (r >>> 31) ^ c, r))',
  },
  ror: {
    doc: 'rotate right',
    params: ['a', 'count'], temps: ['r'],
    expr: '(count === 0 ? a : (r = (a >>> count) | (a << (32 - count)), st[F_CF] = r >>> 31, ' +
      'st[F_OF] = ((r >>> 31) ^ (r >>> 30)) & 1, r))',
  },
  imul2: {
    doc: 'the low dword of the signed product a * b; CF = OF = it does not fit',
    params: ['a', 'b'], temps: ['r'],
    expr: '(r = Math.imul(a, b), st[F_Z] = r, st[F_SP] = r, st[F_CF] = st[F_OF] = mulHighSigned(a, b) !== r >> 31 ? 1 : 0, r)',
  },
  mulUnsigned: {
    doc: 'edx:eax = eax * b, unsigned; CF = OF = edx is not 0',
    params: ['b'], temps: ['a', 'r', 'h'],
    expr: '(a = st[EAX], r = Math.imul(a, b), h = mulHighUnsigned(a, b), st[EAX] = r, st[EDX] = h, st[F_Z] = r, st[F_SP] = r, ' +
      'st[F_CF] = st[F_OF] = h !== 0 ? 1 : 0, r)',
  },
  mulSigned: {
    doc: 'edx:eax = eax * b, signed; CF = OF = edx is not the sign extension of eax',
    params: ['b'], temps: ['a', 'r', 'h'],
    expr: '(a = st[EAX], r = Math.imul(a, b), h = mulHighSigned(a, b), st[EAX] = r, st[EDX] = h, st[F_Z] = r, st[F_SP] = r, ' +
      'st[F_CF] = st[F_OF] = h !== r >> 31 ? 1 : 0, r)',
  },
};
