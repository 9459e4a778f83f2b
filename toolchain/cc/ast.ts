// The typed syntax tree the parser builds and the code generator reads.
//
// Owns the shapes of expressions, statements, variables and functions.
// Invariants the parser guarantees to codegen: every expression node has its
// C type; implicit conversions are explicit 'cast' nodes where they change
// the value (narrowing) and harmless where they do not; pointer arithmetic is
// already scaled (p + i is add(p, i * sizeof *p)); an expression of array or
// function type stands for its address; compound literals and initializers
// of locals are lowered to plain assignments; constant subexpressions are
// folded to 'num'.

import type { Token } from './lex.ts';
import type { Member, Type } from './types.ts';

export type NodeKind =
  // expressions
  | 'num' | 'var' | 'member' | 'deref' | 'addr'
  | 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'band' | 'bor' | 'bxor' | 'shl' | 'shr'
  | 'eq' | 'ne' | 'lt' | 'le' | 'logand' | 'logor' | 'lognot' | 'neg' | 'bnot'
  | 'assign' | 'opassign' | 'preinc' | 'postinc' | 'cond' | 'comma' | 'cast' | 'call' | 'zero'
  // statements
  | 'block' | 'expr' | 'if' | 'for' | 'do' | 'switch' | 'case' | 'break' | 'continue'
  | 'goto' | 'label' | 'return';

export interface Node {
  kind: NodeKind;
  tok: Token;
  /** Expressions: the C type of the value. */
  type: Type;
  lhs?: Node;
  rhs?: Node;
  /** num: the value (32-bit; unsigned types keep their bit pattern). */
  val?: number;
  /** A long long constant (a 'var' node naming its read-only 8 bytes): its value. */
  llconst?: bigint;
  var?: Var;
  member?: Member;
  /** opassign: the arithmetic operator ('add', 'shl', …). */
  op?: NodeKind;
  /** lt/le/eq/ne and opassign: the type the operands were converted to. */
  opType?: Type;
  // statements
  cond?: Node;
  then?: Node;
  els?: Node;
  init?: Node;
  inc?: Node;
  body?: Node[];
  args?: Node[];
  /** call: where a struct result is written (a hidden local). */
  retBuf?: Var;
  /** switch: its case nodes, and its default. */
  cases?: Node[];
  defaultCase?: Node;
  /** break/continue: the loop or switch it leaves. */
  target?: Node;
  /** goto/label: the label's name. */
  label?: string;
  /** preinc/postinc: the amount added (negative for --). */
  amount?: number;
  /** The value of a bit-field (parse_bitfield.ts): its storage unit as an lvalue, and the member. */
  bitfield?: { unit: Node; member: Member };
}

export interface Var {
  name: string;
  type: Type;
  tok: Token;
  isLocal: boolean;
  /** Globals and static locals: the assembly symbol. */
  asmName: string;
  isStatic: boolean;
  isExtern: boolean;
  isParam?: boolean;
  /** Its address is taken (&x, or it is an array/struct): it must live in memory. */
  addrTaken?: boolean;
  /** References, weighted by loop depth: picks which locals get registers. */
  uses: number;
  /** Locals: the token range of the scope it is visible in (registers are shared between disjoint ones). */
  scopeStart?: number;
  scopeEnd?: number;
  /** Set by codegen: frame offset from ebp, or the register holding it. */
  offset?: number;
  reg?: string;
  /** Globals: defined here (has storage in this file). */
  defined?: boolean;
  init?: InitData;
  /** Globals: a function (not an object). */
  isFunction?: boolean;
  /** Referenced from code (extern declarations nobody uses are not emitted). */
  referenced?: boolean;
}

/** Bytes of a static object's initial value, with the addresses it holds. */
export interface InitData {
  bytes: number[];
  relocs: { offset: number; symbol: string; addend: number }[];
}

export interface Fn {
  name: string;
  type: Type;
  tok: Token;
  isStatic: boolean;
  /** Declared `inline` (cc -O may copy it into its callers: inline.ts). */
  isInline?: boolean;
  params: Var[];
  locals: Var[];
  body: Node;
  /** Struct return: the hidden pointer parameter. */
  retPtr?: Var;
}

export interface Program {
  functions: Fn[];
  globals: Var[];
}
