// Per-instruction semantics beyond the ALU flag vectors: moves and
// extensions, stack and control flow, conditions, string operations, ports,
// control registers — with edge operands. Runs in ring 0 with paging off.
import { describe, expect, it } from 'vitest';
import type { PortDevice } from '../../emulator/bus.ts';
import { CONDITIONS } from '../../isa/table.ts';
import { Asm, EAX, EBP, EBX, ECX, EDI, EDX, ESI, ESP, makeCpu, mem } from './cpu-harness.ts';

const EDGE = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x80, 0xff, 0x8000, 0xffff];
const CODE = 0x1000, DATA = 0x8000, STACK = 0xf000;

/** Assemble with `build`, append hlt, run in ring 0 with IF=1 until the hlt parks the CPU. */
function run(build: (a: Asm) => void, regs: Record<number, number> = {}, setup?: (m: ReturnType<typeof makeCpu>, a: Asm) => void) {
  const m = makeCpu(1 << 20);
  const a = new Asm(CODE);
  build(a);
  a.op('hlt');
  m.mem.dmaWrite(CODE, a.build());
  m.cpu.reg[ESP] = STACK;
  for (const [r, v] of Object.entries(regs)) m.cpu.reg[Number(r)] = v;
  m.cpu.eflags = 0x202;
  m.cpu.eip = CODE;
  setup?.(m, a);
  m.cpu.run(100_000);
  return { ...m, r: (i: number) => m.cpu.reg[i] >>> 0, rd: (p: number) => m.mem.read32(p) };
}

describe('moves and extensions', () => {
  it('mov register, immediate, load, store in every size', () => {
    for (const v of EDGE) {
      const s = run((a) => a
        .op('mov', 'r, i32', EAX, v | 0)
        .op('mov', 'm32, r', mem(8, DATA), EAX)
        .op('mov', 'r, m32', EBX, mem(8, DATA))
        .op('mov', 'm16, r', mem(8, DATA + 8), EAX)
        .op('mov', 'm8, r', mem(8, DATA + 12), EAX)
        .op('mov', 'm32, i32', mem(8, DATA + 16), v | 0)
        .op('mov', 'm16, i16', mem(8, DATA + 20), v & 0xffff)
        .op('mov', 'm8, i8', mem(8, DATA + 24), v & 0xff)
        .op('mov', 'r, r', ECX, EBX));
      expect(s.r(EAX)).toBe(v);
      expect(s.r(EBX)).toBe(v);
      expect(s.r(ECX)).toBe(v);
      expect(s.rd(DATA + 8)).toBe(v & 0xffff);
      expect(s.rd(DATA + 12)).toBe(v & 0xff);
      expect(s.rd(DATA + 16)).toBe(v);
      expect(s.rd(DATA + 20)).toBe(v & 0xffff);
      expect(s.rd(DATA + 24)).toBe(v & 0xff);
    }
  });

  it('movzx/movsx from memory and registers', () => {
    for (const v of EDGE) {
      const s = run((a) => a
        .op('mov', 'm32, r', mem(8, DATA), EAX)
        .op('movzx', 'r, m8', EBX, mem(8, DATA)).op('movzx', 'r, m16', ECX, mem(8, DATA))
        .op('movsx', 'r, m8', EDX, mem(8, DATA)).op('movsx', 'r, m16', ESI, mem(8, DATA))
        .op('movzxb', 'r, r', EDI, EAX).op('mov', 'm32, r', mem(8, DATA + 4), EDI)
        .op('movzxw', 'r, r', EDI, EAX).op('mov', 'm32, r', mem(8, DATA + 8), EDI)
        .op('movsxb', 'r, r', EDI, EAX).op('mov', 'm32, r', mem(8, DATA + 12), EDI)
        .op('movsxw', 'r, r', EDI, EAX).op('mov', 'm32, r', mem(8, DATA + 16), EDI), { [EAX]: v });
      expect(s.r(EBX)).toBe(v & 0xff);
      expect(s.r(ECX)).toBe(v & 0xffff);
      expect(s.r(EDX)).toBe(((v << 24) >> 24) >>> 0);
      expect(s.r(ESI)).toBe(((v << 16) >> 16) >>> 0);
      expect(s.rd(DATA + 4)).toBe(v & 0xff);
      expect(s.rd(DATA + 8)).toBe(v & 0xffff);
      expect(s.rd(DATA + 12)).toBe(((v << 24) >> 24) >>> 0);
      expect(s.rd(DATA + 16)).toBe(((v << 16) >> 16) >>> 0);
    }
  });

  it('lea computes base + index*scale + disp without touching memory, wrapping at 32 bits', () => {
    for (const scale of [1, 2, 4, 8]) {
      const s = run((a) => a.op('lea', 'r, m', EAX, mem(EBX, -8, ECX, scale)).op('lea', 'r, m', EDX, mem(8, 0x7fffffff)),
        { [EBX]: 0xfffffff0, [ECX]: 0x10 });
      expect(s.r(EAX)).toBe((0xfffffff0 + 0x10 * scale - 8) >>> 0);
      expect(s.r(EDX)).toBe(0x7fffffff);
    }
  });

  it('unaligned and byte-granular memory operands', () => {
    const s = run((a) => a.op('mov', 'm32, r', mem(8, DATA + 1), EAX).op('mov', 'r, m32', EBX, mem(8, DATA + 1))
      .op('movzx', 'r, m16', ECX, mem(8, DATA + 3)), { [EAX]: 0x11223344 });
    expect(s.r(EBX)).toBe(0x11223344);
    expect(s.r(ECX)).toBe(0x1122);
    expect(s.mem.read8(DATA + 1)).toBe(0x44);
  });

  it('xchg registers and memory', () => {
    const s = run((a) => a.op('xchg', 'r, r', EAX, EBX).op('mov', 'm32, i32', mem(8, DATA), 7).op('xchg', 'r, m32', ECX, mem(8, DATA)),
      { [EAX]: 1, [EBX]: 0xffffffff, [ECX]: 0x80000000 });
    expect([s.r(EAX), s.r(EBX), s.r(ECX), s.rd(DATA)]).toEqual([0xffffffff, 1, 7, 0x80000000]);
  });

  it('cdq and not', () => {
    for (const v of EDGE) {
      const s = run((a) => a.op('cdq').op('mov', 'r, r', EBX, EAX).op('not', 'r', EBX)
        .op('mov', 'm32, r', mem(8, DATA), EAX).op('not', 'm32', mem(8, DATA)), { [EAX]: v, [EDX]: 0x1234 });
      expect(s.r(EDX)).toBe(v & 0x80000000 ? 0xffffffff : 0);
      expect(s.r(EBX)).toBe(~v >>> 0);
      expect(s.rd(DATA)).toBe(~v >>> 0);
    }
  });
});

describe('stack and control flow', () => {
  it('push/pop of registers, immediates and memory; push esp pushes the old value; pop esp loads it', () => {
    const s = run((a) => a
      .op('push', 'r', EAX).op('push', 'i32', -2).op('mov', 'm32, i32', mem(8, DATA), 99).op('push', 'm32', mem(8, DATA))
      .op('pop', 'r', EBX).op('pop', 'r', ECX).op('pop', 'm32', mem(8, DATA + 4))
      .op('push', 'r', ESP).op('pop', 'r', EDX)
      .op('mov', 'm32, i32', mem(8, STACK - 0x100), 0x4000).op('mov', 'r, i32', ESP, STACK - 0x100).op('pop', 'r', ESP),
    { [EAX]: 0x80000000 });
    expect([s.r(EBX), s.r(ECX), s.rd(DATA + 4)]).toEqual([99, 0xfffffffe, 0x80000000]);
    expect(s.r(EDX)).toBe(STACK);
    expect(s.r(ESP)).toBe(0x4000);
  });

  it('pop m32 addressed through esp uses the incremented esp', () => {
    const s = run((a) => a.op('push', 'i32', 0x55).op('push', 'i32', 0x66).op('pop', 'm32', mem(ESP, 0)));
    // After popping 0x66, esp points at the 0x55 slot, which receives 0x66.
    expect(s.rd(STACK - 4)).toBe(0x66);
    expect(s.r(ESP)).toBe(STACK - 4);
  });

  it('call/ret through rel, register and memory; leave; jmp forms', () => {
    const s = run((a) => a
      .op('call', 'rel', 'f1')
      .op('mov', 'r, i32', EAX, 0).label('fptr_ready')
      .op('call', 'r', EBX)
      .op('call', 'm32', mem(8, DATA))
      .op('jmp', 'rel', 'skip').op('ud2').label('skip')
      .op('jmp', 'r', ECX).op('ud2').label('viareg')
      .op('jmp', 'm32', mem(8, DATA + 4)).op('ud2').label('end')
      .op('mov', 'r, i32', ESI, 0x600d).op('hlt')
      .label('f1').op('add', 'r, i32', EDI, 1)
      .op('mov', 'm32, r', mem(8, DATA), EDX)
      .op('push', 'r', EBP).op('mov', 'r, r', EBP, ESP).op('push', 'i32', 1).op('leave').op('ret'),
    { [EBP]: 0xbbbb },
    (m, a) => {
      m.cpu.reg[EBX] = a.addr('f1');
      m.cpu.reg[EDX] = a.addr('f1');
      m.cpu.reg[ECX] = a.addr('viareg');
      m.mem.write32(DATA + 4, a.addr('end'));
    });
    expect(s.r(EDI)).toBe(3);
    expect(s.r(ESI)).toBe(0x600d);
    expect(s.r(EBP)).toBe(0xbbbb);
    expect(s.r(ESP)).toBe(STACK);
  });

  it('every condition code in jcc and setcc agrees with its definition; setcc writes the whole register', () => {
    const flagSets = [0x2, 0x3, 0x6, 0x42, 0x82, 0x802, 0x882, 0x8c7, 0xc3, 0x843];
    for (const f of flagSets) {
      const CF = f & 1, PF = (f >> 2) & 1, ZF = (f >> 6) & 1, SF = (f >> 7) & 1, OF = (f >> 11) & 1;
      const truth = [OF, 1 - OF, CF, 1 - CF, ZF, 1 - ZF, CF | ZF, 1 - (CF | ZF), SF, 1 - SF, PF, 1 - PF,
        SF ^ OF, 1 - (SF ^ OF), ZF | (SF ^ OF), 1 - (ZF | (SF ^ OF))];
      CONDITIONS.forEach((cc, k) => {
        const s = run((a) => a.op('push', 'i32', f).op('popf')
          .op(`set${cc}`, 'r', EAX)
          .op(`j${cc}`, 'rel', 'taken').op('mov', 'r, i32', EBX, 0).op('hlt').label('taken').op('mov', 'r, i32', EBX, 1),
        { [EAX]: 0xffffff00, [EBX]: 7 });
        expect(s.r(EAX), `set${cc} flags ${f.toString(16)}`).toBe(truth[k]);
        expect(s.r(EBX), `j${cc} flags ${f.toString(16)}`).toBe(truth[k]);
      });
    }
  });

  it('pushf/popf round-trip the arithmetic flags, DF and IF; bit 1 reads 1, AF reads 0 (TF, which single-steps, has its own tests)', () => {
    const s = run((a) => a.op('push', 'i32', 0xeff).op('popf').op('pushf').op('pop', 'r', EAX)
      .op('cld').op('pushf').op('pop', 'r', EBX).op('std').op('pushf').op('pop', 'r', ECX));
    expect(s.r(EAX)).toBe(0xec7);
    expect(s.r(EBX)).toBe(0xac7);
    expect(s.r(ECX)).toBe(0xec7);
  });
});

describe('string operations', () => {
  it('movsb/movsd/stosb/stosd step by size, down when DF=1', () => {
    const s = run((a) => a
      .op('movsd').op('movsb').op('stosd').op('stosb')
      .op('std').op('movsb').op('stosd').op('cld'),
    { [ESI]: DATA, [EDI]: DATA + 0x100, [EAX]: 0xa1b2c3d4 },
    (m) => { m.mem.write32(DATA, 0x44332211); m.mem.write32(DATA + 4, 0x55); });
    expect(s.rd(DATA + 0x100)).toBe(0x44332211);
    expect(s.mem.read8(DATA + 0x104)).toBe(0x55);
    expect(s.rd(DATA + 0x105)).toBe(0xa1b2c3d4);
    expect(s.mem.read8(DATA + 0x109)).toBe(0xd4);
    // DF=1: movsb copies [DATA+5] to [DATA+0x10a], then both step down by one; stosd stores at DATA+0x109.
    expect(s.r(ESI)).toBe(DATA + 5 - 1);
    expect(s.r(EDI)).toBe(DATA + 0x10a - 1 - 4);
  });

  it('rep movsb with overlapping forward ranges repeats the pattern as x86 does; rep with ecx=0 does nothing', () => {
    const s = run((a) => a.op('rep movsb').op('mov', 'r, i32', EDI, DATA + 0x200).op('rep stosd'),
      { [ESI]: DATA, [EDI]: DATA + 1, [ECX]: 15 },
      (m) => m.mem.write8(DATA, 0xab));
    for (let i = 0; i < 16; i++) expect(s.mem.read8(DATA + i)).toBe(0xab);
    expect(s.r(ECX)).toBe(0);
    expect(s.rd(DATA + 0x200)).toBe(0);
    expect(s.r(EDI)).toBe(DATA + 0x200);
  });

  it('rep movsd and rep stosd move whole dwords, also across pages and backwards', () => {
    const s = run((a) => a.op('rep movsd').op('mov', 'r, i32', ECX, 3).op('mov', 'r, i32', EDI, DATA + 0x3000 + 8)
      .op('std').op('rep stosd').op('cld'),
    { [ESI]: DATA + 0xf00, [EDI]: DATA + 0x1f02, [ECX]: 0x100, [EAX]: 0x77 },
    (m) => { for (let i = 0; i < 0x400; i++) m.mem.write8(DATA + 0xf00 + i, i * 7); });
    for (let i = 0; i < 0x400; i++) expect(s.mem.read8(DATA + 0x1f02 + i)).toBe((i * 7) & 0xff);
    expect([s.rd(DATA + 0x3000), s.rd(DATA + 0x3004), s.rd(DATA + 0x3008), s.rd(DATA + 0x300c)]).toEqual([0x77, 0x77, 0x77, 0]);
    expect(s.r(EDI)).toBe(DATA + 0x3000 - 4);
  });
});

describe('ports and control registers', () => {
  it('in/out reach the port bus with the right size and value', () => {
    const log: string[] = [];
    const dev: PortDevice = {
      portIn: (port, size) => { log.push(`in ${port.toString(16)} ${size}`); return 0x89abcdef; },
      portOut: (port, size, v) => { log.push(`out ${port.toString(16)} ${size} ${v.toString(16)}`); },
    };
    const s = run((a) => a.op('outb', 'r, r', EDX, EAX).op('outw', 'r, r', EDX, EAX).op('outl', 'r, r', EDX, EAX)
      .op('inb', 'r, r', EBX, EDX).op('inw', 'r, r', ECX, EDX).op('inl', 'r, r', ESI, EDX)
      .op('mov', 'r, i32', EDX, 0x3ff).op('inl', 'r, r', EDI, EDX),
    { [EDX]: 0x1f0, [EAX]: 0x12345678 }, (m) => m.bus.register(0x1f0, 1, dev));
    expect(log).toEqual(['out 1f0 1 78', 'out 1f0 2 5678', 'out 1f0 4 12345678', 'in 1f0 1', 'in 1f0 2', 'in 1f0 4']);
    expect([s.r(EBX), s.r(ECX), s.r(ESI)]).toEqual([0xef, 0xcdef, 0x89abcdef]);
    expect(s.r(EDI)).toBe(0xffffffff); // unclaimed port: floating bus
  });

  it('mov to and from cr0/cr2/cr3, lvt and lksp', () => {
    const s = run((a) => a.op('mov', 'cr, r', 2, EAX).op('mov', 'r, cr', EBX, 2)
      .op('mov', 'cr, r', 3, ECX).op('mov', 'r, cr', EDX, 3).op('mov', 'r, cr', ESI, 0)
      .op('lvt', 'r', EAX).op('lksp', 'r', ECX),
    { [EAX]: 0xdeadbeef, [ECX]: 0x5000 });
    expect(s.r(EBX)).toBe(0xdeadbeef);
    expect(s.r(EDX)).toBe(0x5000);
    expect(s.r(ESI)).toBe(0);
    expect(s.cpu.vtb).toBe(0xdeadbeef);
    expect(s.cpu.ksp).toBe(0x5000);
    expect(s.cpu.cr3).toBe(0x5000);
  });

  it('nop changes nothing but eip', () => {
    const s = run((a) => a.op('nop'), { [EAX]: 5 });
    expect(s.r(EAX)).toBe(5);
    expect(s.cpu.eip).toBe(CODE + 2);
  });
});

describe('coverage of the table', () => {
  it('every ISA row except ud2 executes in ring 0 without #UD', async () => {
    const { ISA } = await import('../../isa/table.ts');
    const { VEC_UD } = await import('../../emulator/cpu.ts');
    for (const row of ISA) {
      // iret needs a frame on the stack (covered in cpu-traps.test.ts); ud2 is #UD by definition.
      if (row.mnemonic === 'ud2' || row.mnemonic === 'iret') continue;
      const operands = row.operands.map((k) => {
        switch (k) {
          case 'r': return EBX;
          case 'cr': return 2;
          case 'rel': return 0;
          case 'i8': case 'i16': case 'i32': return 1;
          default: return mem(ESI, 0);
        }
      });
      const s = run((a) => a.op(row.mnemonic, row.operands.join(', '), ...operands),
        // Every jump target (ebx, [esi], the stack top, the vector table) leads to a hlt at 0x5000.
        { [ESI]: DATA, [EDI]: DATA + 64, [ECX]: 2, [EBX]: 0x5000, [EAX]: 1, [EDX]: 0 },
        (m) => {
          m.cpu.vtb = 0x4000;
          for (let v = 0; v < 256; v++) m.mem.write32(0x4000 + v * 4, 0x5000);
          m.mem.write8(0x5000, 0x02);
          m.mem.write32(DATA, 0x5000);
          m.mem.write32(STACK, 0x5000);
        });
      expect(s.cpu.counters.exceptions[VEC_UD], `${row.mnemonic} ${row.operands.join(', ')}`).toBe(0);
    }
  });
});
