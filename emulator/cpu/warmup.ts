// Warming V8 up for the interpreter: once per process, before the first real
// run, a scratch CPU (its own 256 KiB of RAM, no devices, paging off) runs a
// short program that executes every instruction of the ISA table at least
// once (but ud2; hlt ends it), and takes a fault and software interrupts through a
// vector table.
//
// Why: the interpreter loop is one large function. V8 optimises it from the
// type feedback it has gathered, and every switch case that has not run yet
// is compiled as "deoptimise here". A cold boot reaches new cases for a long
// time (user mode, traps, string instructions…), and each first visit threw
// the optimised loop away: twenty times in a Chromium boot, each time falling
// back to the slow tiers and compiling again. Feedback is kept per function,
// not per CPU, so a few hundred instructions on a scratch CPU give the real
// one a loop that is optimised once. Nothing is shared with any machine but
// V8's feedback: no guest ever sees this CPU, and counts stay identical.
//
// Invariants: never throws (a failure only means no warm-up); runs once.

import { PortBus } from '../bus.ts';
import { Cpu } from '../cpu.ts';
import { PhysicalMemory } from '../memory.ts';
import { BY_OPCODE, type IsaRow } from '../../isa/table.ts';
import { encode, NO_REG, type MemOperand, type Operand } from '../../isa/encoding.ts';

const RAM = 256 * 1024;
const CODE = 0x1000;
const STACK = 0x7000;
const DATA = 0x8000;
const VECTORS = 0x9000;
const HANDLER = 0xa000;
const PORT = 0x80;
const EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
/** [ebx + 16]: the data word every memory operand uses. */
const MEM: MemOperand = { base: EBX, index: NO_REG, scale: 1, disp: 16 };
/**
 * eax's value before each instruction: outside V8's small integers (31 bits),
 * like the user stack addresses a real boot computes with, so the feedback
 * already expects such values.
 */
const WIDE = 0xbffff000 | 0;
/** Instructions run one call each at the start (V8 allocates feedback after 8 calls of a function). */
const FIRST_STEPS = 16;
/** Turns of each opening loop: its entry gets hot at the second and the rest run as one compiled block. */
const LOOP_TURNS = 8;
/** Rows the program does not run (ud2 would fault forever; the divide by zero exercises fault delivery instead). */
export const WARM_UP_SKIPS: readonly number[] = BY_OPCODE.filter((r) => r?.warm === 'skip').map((r) => r!.op);

let warmed = false;

/** Run the warm-up program once per process (later calls return at once). */
export function warmUpInterpreter(): void {
  if (warmed) return;
  warmed = true;
  try {
    runWarmUp();
  } catch {
    // Only the warm-up is lost.
  }
}

/**
 * Build the scratch CPU and run the program on it once (exported for its
 * test). Only the opening loops become compiled blocks, so the interpreter's
 * block path has feedback too: every block is a function of its own, and
 * compiling many of them cold would cost more than the whole warm-up.
 */
export function runWarmUp(): Cpu {
  const program = buildProgram();
  const mem = new PhysicalMemory(RAM);
  mem.bytes.set(program.bytes, CODE);
  for (let v = 0; v < 256; v++) mem.write32(VECTORS + v * 4, HANDLER);
  mem.bytes.set(program.handler, HANDLER);
  const cpu = new Cpu(mem, new PortBus());
  cpu.hotThreshold = 2; // only the opening loops run an entry twice
  cpu.eip = CODE;
  // V8 gives a function its feedback vector only after a few calls (or much bytecode): the first
  // instructions go one call each, so that everything after them is recorded.
  for (let i = 0; i < FIRST_STEPS; i++) cpu.run(1);
  cpu.run(2 * program.instructions); // ends at the final hlt; the budget only guards against a mistake
  return cpu;
}

class Assembler {
  readonly bytes: number[] = [];
  instructions = 0;
  constructor(private readonly origin: number) {}
  get here(): number { return this.origin + this.bytes.length; }
  emit(op: number, operands: Operand[] = []): void {
    this.bytes.push(...encode(BY_OPCODE[op] as IsaRow, operands));
    this.instructions++;
  }
  /** Emit what `setup(target)` builds followed by `op operands`, where target is the address just after that op. */
  emitReaching(op: number, operands: Operand[], setup: (target: number) => void): void {
    const size = encode(BY_OPCODE[op] as IsaRow, operands).length;
    // The setup has the same size whatever the target (its immediates are 32 bits): measure it with a dummy.
    const start = this.bytes.length;
    const count = this.instructions;
    setup(0);
    const setupBytes = this.bytes.length - start;
    this.bytes.length = start;
    this.instructions = count;
    setup(this.here + setupBytes + size);
    this.emit(op, operands);
  }
}

function buildProgram(): { bytes: number[]; handler: number[]; instructions: number } {
  const a = new Assembler(CODE);
  const movImm = (r: number, v: number) => a.emit(0x29, [r, v]);
  const resetRegs = () => {
    movImm(ESP, STACK); movImm(EBP, STACK - 64); movImm(EBX, DATA);
    movImm(EAX, WIDE); movImm(ECX, 1); movImm(EDX, PORT);
    movImm(ESI, DATA + 0x100); movImm(EDI, DATA + 0x200);
  };
  resetRegs();
  movImm(EAX, VECTORS); a.emit(0x1a, [EAX]); // lvt
  movImm(EAX, STACK - 0x800); a.emit(0x1b, [EAX]); // lksp
  a.emit(0x2c, [MEM, 1]);
  // Two opening loops of six instructions ending in a jump back to their start: each becomes a
  // self-looping block, and two different ones make the interpreter's call of a block generic.
  for (const [first, second] of [[0x51, 0x6a], [0x6a, 0x51]]) {
    movImm(ECX, LOOP_TURNS);
    const loop = a.here;
    a.emit(first, [EAX, 1]); a.emit(second, [EDX, 1]); a.emit(0x2a, [ESI, MEM]); a.emit(0x2b, [MEM, EAX]); a.emit(0x82, [ECX]);
    a.emit(0xa5, [loop - (a.here + 5)]); // jnz loop
    a.instructions += (LOOP_TURNS - 1) * 6;
  }

  // Every row once, set up as its `warm` column says (isa/table.ts).
  for (let op = 1; op < 256; op++) {
    const row = BY_OPCODE[op];
    if (!row) continue;
    resetRegs();
    a.emit(0x2c, [MEM, 1]);
    const ordinary = () => row.operands.map(operandFor);
    switch (row.warm) {
      case 'skip': case 'last': break; // the final hlt ends the program
      case 'iret-frame': // the frame is [eip, cpl, eflags, esp] from the top
        a.emitReaching(op, [], (target) => { a.emit(0x3d, [STACK]); a.emit(0x3d, [2]); a.emit(0x3d, [0]); a.emit(0x3d, [target]); });
        break;
      case 'return-address': a.emitReaching(op, [], (target) => a.emit(0x3d, [target])); break;
      case 'then-cld': a.emit(op); a.emit(0x0e); break;
      case 'vector-table': movImm(EAX, VECTORS); a.emit(op, [EAX]); break;
      case 'kernel-stack': movImm(EAX, STACK - 0x800); a.emit(op, [EAX]); break;
      case 'soft-interrupt': a.emit(op, [0x30]); break; // through the handler and back
      case 'target-in-reg': a.emitReaching(op, [EAX], (target) => movImm(EAX, target)); break;
      case 'target-in-mem': a.emitReaching(op, [MEM], (target) => a.emit(0x2c, [MEM, target])); break;
      case 'divide-by-zero': // #DE; the handler sets ecx = 1 and the divide restarts
        movImm(ECX, 0); movImm(EDX, 0); a.emit(op, [ECX]);
        break;
      case 'divide': movImm(EDX, 0); movImm(EAX, 7); a.emit(op, ordinary()); break; // no overflow
      default: a.emit(op, ordinary());
    }
  }
  resetRegs();
  a.emit(0x04); // sti
  a.emit(0x02); // hlt with interrupts on: the run stops here, the way a halting guest stops the loop

  const h = new Assembler(HANDLER);
  h.emit(0x29, [ECX, 1]); // mov ecx, 1 (so a divide that faulted succeeds when restarted)
  h.emit(0x51, [ESP, 4]); // add esp, 4: drop the error code
  h.emit(0x05); // iret
  return { bytes: a.bytes, handler: h.bytes, instructions: a.instructions + 3 * h.instructions };
}

/**
 * A harmless operand of each kind: eax/ecx, [ebx + 16], a branch to the next
 * instruction, cr2; 32-bit immediates are WIDE (real code tests and masks
 * with 0x80000000 and the like), narrower ones 1.
 */
function operandFor(kind: string, i: number): Operand {
  switch (kind) {
    case 'r': return i === 0 ? EAX : ECX;
    case 'cr': return 2;
    case 'm8': case 'm16': case 'm32': case 'm': return MEM;
    case 'rel': return 0;
    case 'i32': return WIDE;
    default: return 1;
  }
}
