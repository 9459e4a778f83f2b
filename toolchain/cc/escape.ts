// Escape analysis: which locals' addresses outlive their function's frame.
//
// Owns `analyzeEscapes`, run on the typed tree after parsing (before -O
// inlining, so positions and functions are the source's). It answers the
// question Go's compiler answers with `-m` ("&x escapes to heap"), which is
// why Go may put such a variable on the heap while C leaves it on the stack
// and lets the pointer dangle. `cc -fescape` prints one line per escaping
// local, `file:line:col: &x escapes (why)`, at the first place its address
// is taken; every compile warns, as gcc's -Wreturn-local-addr does, when a
// `return` hands back the address of a local directly.
//
// The analysis is flow-insensitive and conservative (it may say "escapes"
// for an address that in fact never leaves; it never misses one leaving by
// the routes below). Each stack local is an abstract object; `pts[v]` is
// the set of objects whose addresses v's contents may hold. Two more
// objects stand for what the function cannot see: HEAP (globals, statics,
// memory reached through unknown pointers, results of calls) and one PARAM
// object per pointer parameter (the caller's memory it points at). An
// address escapes when it is
//   - returned (or returned inside a struct),
//   - stored into HEAP or a PARAM object (a global, a heap block, *param),
//   - passed to a function that is not defined in this file (or called
//     through a pointer, or among the `...` of a variadic one), or to a
//     parameter of one defined here that leaks it (computed to a fixpoint
//     over the file's functions: a parameter leaks when its PARAM object
//     escapes in the callee),
//   - or held by an object that escapes (contents follow their holder).
// Invariant: sets only grow, so each fixpoint ends.

import type { Fn, Node, Program, Var } from './ast.ts';
import type { Pos } from './diag.ts';

export interface EscapeNote {
  pos: Pos;
  message: string;
}

export interface EscapeReport {
  /** `&x escapes (why)`, one per escaping local, in source order. */
  escapes: EscapeNote[];
  /** `return` of a local's address (gcc's -Wreturn-local-addr). */
  warnings: EscapeNote[];
}

/** An abstract object: a stack local, HEAP, or a parameter's pointee. */
type Obj = Var | typeof HEAP | ParamObj;
const HEAP = { heap: true } as const;
interface ParamObj { param: Var; index: number; fn: Fn }

const isStackLocal = (v: Var | undefined): v is Var => !!v && v.isLocal && !v.isStatic;

/** Which parameters of each function defined here leak their pointee. */
type Summaries = Map<string, boolean[]>;

export function analyzeEscapes(program: Program): EscapeReport {
  const defined = new Map(program.functions.map((f) => [f.name, f]));
  const summaries: Summaries = new Map(program.functions.map((f) => [f.name, f.params.map(() => false)]));
  let results = new Map<Fn, FunctionEscapes>();
  // The summaries only grow (a parameter once leaking stays leaking), so this ends.
  for (let changed = true; changed;) {
    changed = false;
    results = new Map();
    for (const fn of program.functions) {
      const r = new FunctionEscapes(fn, defined, summaries);
      results.set(fn, r);
      const mine = summaries.get(fn.name)!;
      r.params.forEach((p, i) => {
        if (!mine[i] && r.escaped.has(p)) { mine[i] = true; changed = true; }
      });
    }
  }
  const escapes: EscapeNote[] = [];
  const warnings: EscapeNote[] = [];
  for (const fn of program.functions) {
    const r = results.get(fn)!;
    for (const [v, why] of r.escaped) {
      if (!isStackLocal(v as Var)) continue;
      const local = v as Var;
      const at = r.firstAddressTaken.get(local) ?? local.tok.pos;
      escapes.push({ pos: at, message: `&${local.name} escapes (${why})` });
    }
    warnings.push(...r.returnWarnings);
  }
  const order = (a: EscapeNote, b: EscapeNote) =>
    a.pos.file.name.localeCompare(b.pos.file.name) || a.pos.line - b.pos.line || a.pos.col - b.pos.col;
  return { escapes: escapes.sort(order), warnings: warnings.sort(order) };
}

/** The analysis of one function, given the current parameter summaries. */
class FunctionEscapes {
  readonly pts = new Map<Obj, Set<Obj>>();
  /** Escaping objects and the first reason found. */
  readonly escaped = new Map<Obj, string>();
  readonly firstAddressTaken = new Map<Var, Pos>();
  readonly returnWarnings: EscapeNote[] = [];
  readonly params: ParamObj[];
  private changed = false;

  constructor(private fn: Fn, private defined: Map<string, Fn>, private summaries: Summaries) {
    this.params = fn.params.map((param, index) => ({ param, index, fn }));
    this.params.forEach((p) => this.flowInto(p.param, new Set([p])));
    this.pts.set(HEAP, new Set([HEAP]));
    this.noteAddresses(fn.body);
    // Assignments feed each other (p = &x; q = p; g = q): repeat to a fixpoint.
    do {
      this.changed = false;
      this.walk(fn.body);
    } while (this.changed);
    this.propagateEscapes();
    this.findReturnedLocals(fn.body);
  }

  private contents(o: Obj): Set<Obj> {
    let s = this.pts.get(o);
    if (!s) { s = new Set(); this.pts.set(o, s); }
    return s;
  }

  private flowInto(o: Obj, src: Set<Obj>): void {
    const s = this.contents(o);
    for (const x of src) if (!s.has(x)) { s.add(x); this.changed = true; }
  }

  private escape(src: Set<Obj>, why: string): void {
    for (const x of src) if (x !== HEAP && !this.escaped.has(x)) { this.escaped.set(x, why); this.changed = true; }
  }

  /** Everything an escaping object holds escapes with it. */
  private propagateEscapes(): void {
    const work = [...this.escaped.keys()];
    while (work.length) {
      const o = work.pop()!;
      const holder = this.describe(o);
      for (const x of this.contents(o)) {
        if (x === HEAP || this.escaped.has(x)) continue;
        this.escaped.set(x, `held by ${holder}, which escapes`);
        work.push(x);
      }
    }
  }

  private describe(o: Obj): string {
    if (o === HEAP) return 'a global';
    if ('param' in o) return `*${o.param.name}`;
    return (o as Var).name;
  }

  /** The objects an lvalue may name (its storage). */
  private addrOf(n: Node): Set<Obj> {
    switch (n.kind) {
      case 'var': return new Set([isStackLocal(n.var) ? n.var : HEAP]);
      case 'member': return this.addrOf(n.lhs!);
      case 'deref': {
        const s = this.pointsTo(n.lhs!);
        return s.size ? s : new Set([HEAP]);
      }
      default: return n.bitfield ? this.addrOf(n.bitfield.unit) : new Set([HEAP]);
    }
  }

  /** The objects whose addresses the value of `n` may hold. */
  private pointsTo(n: Node | undefined): Set<Obj> {
    if (!n) return new Set();
    switch (n.kind) {
      case 'var':
        if (n.type.kind === 'array' || n.type.kind === 'func') return n.type.kind === 'array' ? this.addrOf(n) : new Set();
        return isStackLocal(n.var) ? new Set(this.contents(n.var)) : new Set([HEAP]);
      case 'addr': return this.addrOf(n.lhs!);
      case 'member': case 'deref': {
        if (n.type.kind === 'array') return this.addrOf(n);
        const out = new Set<Obj>();
        for (const o of this.addrOf(n)) for (const x of this.contents(o)) out.add(x);
        return out;
      }
      case 'add': case 'sub':
        return n.type.kind === 'ptr' ? union(this.pointsTo(n.lhs), this.pointsTo(n.rhs)) : new Set();
      case 'cast': case 'preinc': case 'postinc': return this.pointsTo(n.lhs);
      case 'cond': return union(this.pointsTo(n.then), this.pointsTo(n.els));
      case 'comma': return this.pointsTo(n.rhs);
      case 'assign': case 'opassign': return this.pointsTo(n.rhs);
      case 'call': return new Set([HEAP]);
      default: return new Set();
    }
  }

  /** Where each local's address is first taken (the position reported). */
  private noteAddresses(root: Node): void {
    eachNode(root, (n, parent) => {
      let v: Var | undefined;
      if (n.kind === 'addr') v = rootVar(n.lhs!);
      else if (n.kind === 'var' && n.type.kind === 'array' && parent?.kind !== 'addr') v = n.var;
      if (isStackLocal(v) && !this.firstAddressTaken.has(v)) this.firstAddressTaken.set(v, n.tok.pos);
    });
  }

  /** One pass over the body: the flows of assignments and the escapes of returns and calls. */
  private walk(root: Node): void {
    eachNode(root, (n) => {
      switch (n.kind) {
        case 'assign': case 'opassign': {
          const src = this.pointsTo(n.rhs);
          if (!src.size) break;
          for (const t of this.addrOf(n.lhs!)) {
            if (t === HEAP) this.escape(src, 'stored in a global or heap object');
            else if ('param' in t) this.escape(src, `stored through parameter ${t.param.name}`);
            else this.flowInto(t, src);
          }
          break;
        }
        case 'return':
          if (n.lhs) this.escape(this.pointsTo(n.lhs), `returned from ${this.fn.name}`);
          break;
        case 'call': this.callEscapes(n); break;
      }
    });
  }

  private callEscapes(n: Node): void {
    const callee = n.lhs!.kind === 'var' && n.lhs!.type.kind === 'func' ? n.lhs!.var : undefined;
    const fn = callee ? this.defined.get(callee.name) : undefined;
    const leaks = fn ? this.summaries.get(fn.name)! : undefined;
    (n.args ?? []).forEach((arg, i) => {
      const src = this.pointsTo(arg);
      if (!src.size) return;
      if (!fn) this.escape(src, callee ? `passed to ${callee.name}, not defined here` : 'passed to a call through a pointer');
      else if (i >= leaks!.length) this.escape(src, `passed to ${fn.name} as a variadic argument`);
      else if (leaks![i]) this.escape(src, `passed to ${fn.name}, which leaks parameter ${fn.params[i].name}`);
    });
  }

  /** gcc's -Wreturn-local-addr: `return &x;` (or a local array) directly. */
  private findReturnedLocals(root: Node): void {
    eachNode(root, (n) => {
      if (n.kind !== 'return' || !n.lhs || n.lhs.type.kind !== 'ptr') return;
      const v = directLocalAddress(n.lhs);
      if (v) this.returnWarnings.push({ pos: startOf(n.lhs), message: `function returns address of local variable '${v.name}' [-Wreturn-local-addr]` });
    });
  }
}

/** The local whose address `n` is, without going through any pointer. */
function directLocalAddress(n: Node): Var | undefined {
  switch (n.kind) {
    case 'addr': {
      const v = rootVar(n.lhs!);
      return isStackLocal(v) ? v : undefined;
    }
    case 'var': return n.type.kind === 'array' && isStackLocal(n.var) ? n.var : undefined;
    case 'cast': return directLocalAddress(n.lhs!);
    case 'add': case 'sub': return directLocalAddress(n.lhs!) ?? (n.kind === 'add' ? directLocalAddress(n.rhs!) : undefined);
    case 'comma': return directLocalAddress(n.rhs!);
    case 'cond': return directLocalAddress(n.then!) ?? directLocalAddress(n.els!);
    default: return undefined;
  }
}

/** Where an expression begins in the source (its leftmost token), as gcc points. */
function startOf(expr: Node): Pos {
  let best = expr.tok.pos;
  eachNode(expr, (n) => {
    const p = n.tok.pos;
    if (p.file === best.file && (p.line < best.line || (p.line === best.line && p.col < best.col))) best = p;
  });
  return best;
}

/** The variable an lvalue is part of when no pointer is followed (x, x.f, x.a.b). */
function rootVar(n: Node): Var | undefined {
  if (n.kind === 'var') return n.var;
  if (n.kind === 'member') return rootVar(n.lhs!);
  return undefined;
}

function union<T>(a: Set<T>, b: Set<T>): Set<T> {
  for (const x of b) a.add(x);
  return a;
}

/** Every node under `root`, each once (break/continue targets are back edges, not children). */
function eachNode(root: Node, visit: (n: Node, parent: Node | undefined) => void): void {
  const seen = new Set<Node>();
  const go = (n: Node | undefined, parent: Node | undefined) => {
    if (!n || seen.has(n)) return;
    seen.add(n);
    visit(n, parent);
    go(n.lhs, n); go(n.rhs, n); go(n.cond, n); go(n.then, n); go(n.els, n); go(n.init, n); go(n.inc, n);
    for (const c of n.body ?? []) go(c, n);
    for (const c of n.args ?? []) go(c, n);
    if (n.bitfield) go(n.bitfield.unit, n);
  };
  go(root, undefined);
}
