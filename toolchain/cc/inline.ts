// Inlining of small `static inline` functions (cc -O).
//
// Owns the one optimisation of the compiler: a direct call of a small
// static inline leaf function is replaced by the function's body, as a
// comma expression over fresh locals of the caller:
//     f(a1, a2)  →  (p1' = a1, p2' = a2, body statements…, return value)
// Which functions: `static` and `inline`, not variadic, no struct or long
// long parameters or result, a body of expression statements (declarations
// with initializers are lowered to those) ending in at most one `return`,
// no calls (a leaf: so never recursive), and small (MAX_NODES). A function
// that calls only such functions becomes one itself after its calls are
// inlined, so the pass repeats a few rounds.
// Invariants: every argument is evaluated exactly once and left to right,
// before the body (a parameter copy per argument; a constant, or a caller's
// local whose address is never taken and that the body never writes
// through that parameter, is used directly — reading it has no effect to
// repeat or reorder); the callee's locals become fresh locals of the caller
// (its statics stay shared); a static function left with no reference is
// not emitted (codegen drops unreferenced static functions).

import type { Fn, Node, Program, Var } from './ast.ts';
import { hasSideEffects } from './codegen_operands.ts';
import { intType, isMemoryValue, voidType } from './types.ts';

/** Nodes in a body small enough to copy into every caller. */
const MAX_NODES = 60;
const MAX_ROUNDS = 4;

/** Inlines what can be; returns the number of call sites replaced. */
export function inlineFunctions(prog: Program): number {
  let total = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const candidates = new Map<string, Inlinable>();
    for (const f of prog.functions) {
      const c = inlinable(f);
      if (c) candidates.set(f.name, c);
    }
    if (!candidates.size) break;
    let replaced = 0;
    for (const caller of prog.functions) {
      const visit = (n: Node | undefined): void => {
        if (!n) return;
        forEachChild(n, visit);
        if (n.kind !== 'call' || n.lhs!.kind !== 'var' || n.lhs!.type.kind !== 'func') return;
        const callee = candidates.get(n.lhs!.var!.asmName);
        if (!callee || callee.fn === caller || !n.lhs!.var!.isFunction) return;
        const body = expand(callee, n, caller);
        for (const k of Object.keys(n) as (keyof Node)[]) delete n[k];
        Object.assign(n, body);
        replaced++;
      };
      visit(caller.body);
    }
    total += replaced;
    if (!replaced) break;
  }
  if (total) dropUnreferenced(prog);
  return total;
}

interface Inlinable {
  fn: Fn;
  /** The body's expression statements, in order. */
  effects: Node[];
  /** The returned value (undefined for a void function). */
  result?: Node;
  /** Parameters the body assigns, increments or takes the address of. */
  written: Set<Var>;
}

function inlinable(f: Fn): Inlinable | undefined {
  if (!f.isStatic || !f.isInline || f.type.variadic || f.retPtr) return undefined;
  if (isMemoryValue(f.type.ret!) || f.params.some((p) => isMemoryValue(p.type) || p.type.kind === 'array')) return undefined;
  const stmts: Node[] = [];
  const flatten = (n: Node): boolean => {
    if (n.kind === 'block') return n.body!.every(flatten);
    stmts.push(n);
    return true;
  };
  flatten(f.body);
  const effects: Node[] = [];
  let result: Node | undefined;
  for (let k = 0; k < stmts.length; k++) {
    const s = stmts[k];
    if (s.kind === 'expr') { if (s.lhs) effects.push(s.lhs); continue; }
    if (s.kind === 'return' && k === stmts.length - 1) {
      if (s.lhs && f.type.ret!.kind !== 'void') result = s.lhs;
      else if (s.lhs) effects.push(s.lhs);
      continue;
    }
    return undefined;
  }
  if (f.type.ret!.kind !== 'void' && !result) return undefined;
  let nodes = 0;
  let leaf = true;
  const written = new Set<Var>();
  const count = (n: Node | undefined): void => {
    if (!n) return;
    nodes++;
    if (n.kind === 'call') leaf = false;
    if ((n.kind === 'assign' || n.kind === 'opassign' || n.kind === 'preinc' || n.kind === 'postinc' || n.kind === 'addr') &&
      n.lhs!.kind === 'var') written.add(n.lhs!.var!);
    forEachChild(n, count);
  };
  for (const e of effects) count(e);
  count(result);
  if (!leaf || nodes > MAX_NODES) return undefined;
  for (const p of f.params) if (p.addrTaken) written.add(p);
  return { fn: f, effects, result, written };
}

/** The comma expression that replaces `call` (a call of c.fn inside `caller`). */
function expand(c: Inlinable, call: Node, caller: Fn): Node {
  const tok = call.tok;
  const map = new Map<Var, Var | Node>();
  const steps: Node[] = [];
  const fresh = (v: Var): Var => {
    const copy: Var = {
      name: v.name, type: v.type, tok: v.tok, isLocal: true, asmName: v.asmName, isStatic: false, isExtern: false,
      addrTaken: v.addrTaken, uses: v.uses + 1,
    };
    caller.locals.push(copy);
    return copy;
  };
  // With no side effects among the arguments, reading a stable one later reads the same value.
  const quiet = call.args!.every((a) => !hasSideEffects(a));
  c.fn.params.forEach((p, k) => {
    const arg = call.args![k];
    if (quiet && !c.written.has(p) && isStableArg(arg)) { map.set(p, arg); return; }
    const copy = fresh(p);
    map.set(p, copy);
    steps.push({ kind: 'assign', tok, type: p.type, lhs: { kind: 'var', tok, type: p.type, var: copy }, rhs: arg });
  });
  for (const v of c.fn.locals) if (!v.isParam && v.isLocal && !map.has(v)) map.set(v, fresh(v));
  for (const e of c.effects) steps.push(clone(e, map));
  const last: Node = c.result ? clone(c.result, map) : { kind: 'cast', tok, type: voidType, lhs: { kind: 'num', tok, type: intType, val: 0 } };
  return steps.reduceRight<Node>((rest, s) => ({ kind: 'comma', tok, type: rest.type, lhs: s, rhs: rest }), last);
}

/** An argument whose value is the same wherever and however often it is read in the body. */
function isStableArg(a: Node): boolean {
  if (a.kind === 'num') return true;
  const v = a.var;
  return a.kind === 'var' && !!v && v.isLocal && !v.addrTaken && !v.type.isVolatile && a.type.kind !== 'array';
}

function clone(n: Node, map: Map<Var, Var | Node>): Node {
  if (n.kind === 'var' && map.has(n.var!)) {
    const to = map.get(n.var!)!;
    if ('kind' in to) return clone(to, new Map());
    return { ...n, var: to };
  }
  const copy: Node = { ...n };
  if (n.lhs) copy.lhs = clone(n.lhs, map);
  if (n.rhs) copy.rhs = clone(n.rhs, map);
  if (n.cond) copy.cond = clone(n.cond, map);
  if (n.then) copy.then = clone(n.then, map);
  if (n.els) copy.els = clone(n.els, map);
  if (n.args) copy.args = n.args.map((a) => clone(a, map));
  if (n.bitfield) copy.bitfield = { ...n.bitfield, unit: clone(n.bitfield.unit, map) };
  return copy;
}

function forEachChild(n: Node, f: (c: Node | undefined) => void): void {
  f(n.lhs); f(n.rhs); f(n.cond); f(n.then); f(n.els); f(n.init); f(n.inc);
  n.body?.forEach(f);
  n.args?.forEach(f);
}

/** A static function no code or initializer mentions any more is not emitted. */
function dropUnreferenced(prog: Program): void {
  const used = new Set<Var>();
  const mark = (n: Node | undefined): void => {
    if (!n) return;
    if (n.kind === 'var' && n.var!.isFunction) used.add(n.var!);
    forEachChild(n, mark);
  };
  for (const f of prog.functions) mark(f.body);
  const inData = new Set(prog.globals.flatMap((g) => g.init?.relocs.map((r) => r.symbol) ?? []));
  for (const g of prog.globals) {
    if (g.isFunction && g.isStatic && !used.has(g) && !inData.has(g.asmName)) g.referenced = false;
  }
}
