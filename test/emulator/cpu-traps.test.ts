// Traps, privilege, precise faults and restart, interrupts, #DF and triple
// faults, self-modifying code, page-crossing instructions, breakpoints.
import { describe, expect, it } from 'vitest';
import {
  STOP_BREAKPOINT, STOP_DEAD, STOP_HALTED, STOP_REQUESTED, VEC_DF, VEC_GP, VEC_PF, VEC_UD, type InterruptController,
} from '../../emulator/cpu.ts';
import {
  Asm, EAX, EBX, ECX, EDI, EDX, ESI, ESP, KSTACK, mem, pagedMachine, ring0MachineAt, runToStop, trapFrame, UCODE, UCODE_PHYS, UDATA,
  UDATA_PHYS, USTACK_TOP, VTB,
} from './cpu-harness.ts';

const NOT_PRESENT = 0x00800000;

describe('trap frame and iret', () => {
  it('int 0x80 from ring 3 switches to KSP and pushes old esp, eflags, cpl, eip, error code', () => {
    const a = new Asm(UCODE).op('mov', 'r, i32', EAX, 42).op('int', 'i8', 0x80).op('ud2');
    const { cpu } = pagedMachine(a);
    expect(runToStop(cpu)).toBe(0x80);
    const f = trapFrame(cpu);
    expect(f).toEqual({ err: 0, eip: UCODE + 6 + 2, cpl: 3, eflags: 0x202, esp: USTACK_TOP });
    expect(cpu.reg[ESP] >>> 0).toBe(KSTACK - 20);
    expect(cpu.cpl).toBe(0);
    expect(cpu.counters.exceptions[0x80]).toBe(1);
    expect(cpu.instret).toBe(2 + 2); // mov, int, then the stub's sti and hlt
  });

  it('from ring 0 the stack does not switch', () => {
    const a = new Asm(UCODE).op('int', 'i8', 0x40).op('ud2');
    const { cpu } = pagedMachine(a, { cpl: 0 });
    cpu.reg[ESP] = 0x8000;
    expect(runToStop(cpu)).toBe(0x40);
    expect(cpu.reg[ESP]).toBe(0x8000 - 20);
    expect(trapFrame(cpu)).toEqual({ err: 0, eip: UCODE + 2, cpl: 0, eflags: 0x202, esp: 0x8000 });
  });

  it('iret pops eip, cpl, eflags, esp and returns to ring 3', () => {
    // Handler for 0x80: drop the error code, add 1 to eax, iret.
    const h = new Asm(0x20000 + 0x80 * 0x100).op('add', 'r, i32', ESP, 4).op('add', 'r, i32', EAX, 1).op('iret');
    const a = new Asm(UCODE).op('int', 'i8', 0x80).op('int', 'i8', 0x80).op('ud2');
    const { cpu } = pagedMachine(a, { handlers: { 0x80: h.build() } });
    expect(runToStop(cpu)).toBe(VEC_UD);
    expect(cpu.reg[EAX]).toBe(2);
    const f = trapFrame(cpu);
    expect(f.eip).toBe(UCODE + 4);
    expect(f.cpl).toBe(3);
    expect(f.esp).toBe(USTACK_TOP);
  });

  // The CPU keeps each ring's code page across traps (emulator/cpu.ts setCpl); a handler that remaps
  // the interrupted code page and invalidates it must make the iret fetch from the new frame.
  for (const how of ['invlpg', 'mov cr3'] as const) {
    it(`iret fetches the remapped user code page after the handler's ${how}`, () => {
      const OTHER_PHYS = 0x230000;
      const a = new Asm(UCODE).op('int', 'i8', 0x80).op('mov', 'r, i32', EAX, 1).op('ud2');
      const b = new Asm(UCODE).op('int', 'i8', 0x80).op('mov', 'r, i32', EAX, 2).op('ud2');
      const h = new Asm(0x20000 + 0x80 * 0x100).op('add', 'r, i32', ESP, 4).op('mov', 'r, i32', EBX, 0);
      const machine = (handler: Asm) => pagedMachine(a, { handlers: { 0x80: handler.build() } });
      const probe = machine(new Asm(0)); // only to learn where the fixture puts UCODE's PTE
      const pteAddr = probe.pt.pteAddr(UCODE);
      h.op('mov', 'r, i32', EBX, pteAddr).op('mov', 'm32, i32', mem(EBX), OTHER_PHYS | 5);
      if (how === 'invlpg') h.op('mov', 'r, i32', EAX, UCODE).op('invlpg', 'm', mem(EAX));
      else h.op('mov', 'r, cr', EAX, 3).op('mov', 'cr, r', 3, EAX);
      h.op('iret');
      const { cpu, mem: m } = machine(h);
      const code = b.build();
      for (let i = 0; i < code.length; i++) m.write8(OTHER_PHYS + i, code[i]);
      expect(runToStop(cpu)).toBe(VEC_UD);
      expect(cpu.reg[EAX]).toBe(2);
    });
  }

  it('iret with a popped cpl other than 0 or 3 is #GP', () => {
    const a = new Asm(UCODE)
      .op('push', 'i32', 0).op('push', 'i32', 0x202).op('push', 'i32', 2).op('push', 'i32', UCODE).op('iret');
    const { cpu } = pagedMachine(a, { cpl: 0 });
    expect(runToStop(cpu)).toBe(VEC_GP);
    expect(trapFrame(cpu).eip).toBe(UCODE + 20);
  });
});

describe('privilege', () => {
  const privileged: [string, string, unknown[]][] = [
    ['hlt', '', []], ['cli', '', []], ['sti', '', []], ['iret', '', []], ['invlpg', 'm', [mem(EAX)]], ['lvt', 'r', [EAX]],
    ['lksp', 'r', [EAX]], ['mov', 'cr, r', [3, EAX]], ['mov', 'r, cr', [EAX, 0]], ['inb', 'r, r', [EAX, EDX]],
    ['inw', 'r, r', [EAX, EDX]], ['inl', 'r, r', [EAX, EDX]], ['outb', 'r, r', [EDX, EAX]], ['outw', 'r, r', [EDX, EAX]],
    ['outl', 'r, r', [EDX, EAX]], ['wrtp', 'r', [EAX]],
  ];
  for (const [mn, form, ops] of privileged) {
    it(`${mn} ${form} in ring 3 raises #GP(0) and changes nothing`, () => {
      const a = new Asm(UCODE).op('mov', 'r, i32', EAX, 0x1234).op(mn, form, ...(ops as never[])).op('ud2');
      const { cpu } = pagedMachine(a);
      const cr3 = cpu.cr3;
      expect(runToStop(cpu)).toBe(VEC_GP);
      const f = trapFrame(cpu);
      expect(f.err).toBe(0);
      expect(f.eip).toBe(UCODE + 6);
      expect(f.cpl).toBe(3);
      expect(cpu.cr3).toBe(cr3);
      expect(cpu.vtb).toBe(VTB);
      expect(cpu.ksp).toBe(KSTACK);
    });
  }

  it('rdtp reads the thread pointer in any ring; only ring 0 can set it with wrtp', () => {
    const k = pagedMachine(new Asm(UCODE).op('mov', 'r, i32', EAX, 0xabc).op('wrtp', 'r', EAX).op('rdtp', 'r', EBX).op('int3'),
      { cpl: 0 });
    runToStop(k.cpu);
    expect(k.cpu.tp).toBe(0xabc);
    expect(k.cpu.reg[EBX]).toBe(0xabc);
    const u = pagedMachine(new Asm(UCODE).op('rdtp', 'r', EBX).op('mov', 'r, i32', EAX, 5).op('wrtp', 'r', EAX).op('ud2'));
    u.cpu.tp = 0x777;
    expect(runToStop(u.cpu)).toBe(VEC_GP);
    expect(u.cpu.reg[EBX]).toBe(0x777);
    expect(u.cpu.tp).toBe(0x777);   // the faulting wrtp changed nothing
  });

  it('int n from ring 3 with n != 0x80 raises #GP(n*8+2); int3 is allowed', () => {
    for (const n of [0, 3, 13, 14, 0x20, 0x81, 0xff]) {
      const { cpu } = pagedMachine(new Asm(UCODE).op('int', 'i8', n));
      expect(runToStop(cpu)).toBe(VEC_GP);
      expect(trapFrame(cpu).err).toBe(n * 8 + 2);
      expect(trapFrame(cpu).eip).toBe(UCODE);
    }
    const { cpu } = pagedMachine(new Asm(UCODE).op('int3'));
    expect(runToStop(cpu)).toBe(3);
    expect(trapFrame(cpu).eip).toBe(UCODE + 1);
  });

  it('popf in ring 3 leaves IF; in ring 0 it loads IF', () => {
    const a = new Asm(UCODE).op('push', 'i32', 0x8c5).op('popf').op('pushf').op('pop', 'r', EBX).op('int3');
    const u = pagedMachine(a);
    runToStop(u.cpu);
    expect(u.cpu.reg[EBX]).toBe(0xac7); // CF PF ZF SF OF from the stack, IF kept, bit 1
    const k = pagedMachine(a, { cpl: 0 });
    runToStop(k.cpu);
    expect(k.cpu.reg[EBX]).toBe(0x8c7);
  });
});

describe('precise faults', () => {
  /** Run `build` in ring 3 with esi/edi/ecx preset; expect a #PF and return the machine. */
  function faulting(build: (a: Asm) => void, regs: Record<number, number> = {}) {
    const a = new Asm(UCODE);
    build(a);
    a.op('ud2');
    const m = pagedMachine(a);
    for (const [r, v] of Object.entries(regs)) m.cpu.reg[Number(r)] = v;
    const before = Int32Array.from(m.cpu.reg);
    const vector = runToStop(m.cpu);
    return { ...m, vector, before, frame: trapFrame(m.cpu) };
  }

  it('push onto a not-present stack page changes neither esp nor memory', () => {
    const r = faulting((a) => a.op('push', 'r', EAX), { [ESP]: NOT_PRESENT + 4 });
    expect(r.vector).toBe(VEC_PF);
    expect(r.frame.esp).toBe(NOT_PRESENT + 4);
    expect(r.frame.eip).toBe(UCODE);
  });

  it('call with a faulting push does not jump', () => {
    const r = faulting((a) => a.op('call', 'rel', 'f').label('f'), { [ESP]: NOT_PRESENT + 4 });
    expect(r.vector).toBe(VEC_PF);
    expect(r.frame.eip).toBe(UCODE);
    expect(r.frame.esp).toBe(NOT_PRESENT + 4);
  });

  it('a dword store spanning into a read-only page writes neither page', () => {
    const r = faulting((a) => a.op('mov', 'm32, r', mem(8, UDATA + 4094), EAX), { [EAX]: 0x11223344 });
    // UDATA + 4096 is not mapped at all in the fixture.
    expect(r.vector).toBe(VEC_PF);
    expect(r.cpu.cr2).toBe(UDATA + 4096);
    expect(r.mem.read16(UDATA_PHYS + 4094)).toBe(0);
    expect(r.pt.pte(UDATA) & 0x40).toBe(0); // no D on the first page either
  });

  it('xchg with a read-only page leaves the register', () => {
    const r = faulting((a) => a.op('xchg', 'r, m32', EAX, mem(8, UCODE)), { [EAX]: 7 });
    expect(r.vector).toBe(VEC_PF);
    expect(r.frame.err).toBe(7);
    expect(r.cpu.reg[EAX]).toBe(7);
  });

  it('pop into a read-only page leaves esp', () => {
    const r = faulting((a) => a.op('push', 'i32', 5).op('pop', 'm32', mem(8, UCODE)));
    expect(r.vector).toBe(VEC_PF);
    expect(r.frame.eip).toBe(UCODE + 5);
    expect(r.frame.esp).toBe(USTACK_TOP - 4);
  });

  it('add to memory restarts after the handler maps the page, and completes once', () => {
    // #PF handler: map NOT_PRESENT to UDATA_PHYS (user rw), drop the error code, iret.
    const a = new Asm(UCODE).op('add', 'm32, i32', mem(8, NOT_PRESENT + 8), 5).op('ud2');
    const m = pagedMachine(a);
    const pteAddr = 0x11000 + 0x3000; // a fresh page table for the handler to fill
    m.mem.write32(0x10000 + (NOT_PRESENT >>> 22) * 4, pteAddr | 7);
    const h = new Asm(0x20000 + 14 * 0x100)
      .op('mov', 'm32, i32', mem(8, pteAddr + ((NOT_PRESENT >>> 12) & 0x3ff) * 4), UDATA_PHYS | 7)
      .op('add', 'r, i32', ESP, 4).op('iret');
    m.mem.dmaWrite(0x20000 + 14 * 0x100, h.build());
    m.mem.write32(VTB + 14 * 4, 0x20000 + 14 * 0x100);
    m.mem.write32(UDATA_PHYS + 8, 100);
    expect(runToStop(m.cpu)).toBe(VEC_UD);
    expect(m.mem.read32(UDATA_PHYS + 8)).toBe(105);
    expect(m.cpu.counters.exceptions[VEC_PF]).toBe(1);
  });

  it('rep movsb faulting mid-way leaves ecx/esi/edi at the completed count and resumes', () => {
    // Copy 6000 bytes from UDATA into the user stack page and beyond: the page after it is not mapped.
    const a = new Asm(UCODE).op('rep movsb').op('ud2');
    const m = pagedMachine(a);
    for (let i = 0; i < 4096; i++) m.mem.write8(UDATA_PHYS + i, i & 0xff);
    m.cpu.reg[ESI] = UDATA;
    m.cpu.reg[EDI] = USTACK_TOP - 4096 + 100;
    m.cpu.reg[ECX] = 4000;
    expect(runToStop(m.cpu)).toBe(VEC_PF);
    expect(m.cpu.cr2).toBe(USTACK_TOP);
    const f = trapFrame(m.cpu);
    expect(f.eip).toBe(UCODE);
    expect(m.cpu.reg[ECX]).toBe(4000 - 3996);
    expect(m.cpu.reg[ESI]).toBe(UDATA + 3996);
    expect(m.cpu.reg[EDI]).toBe(USTACK_TOP);
    expect(m.mem.read8(0x21f000 + 100 + 3995)).toBe(3995 & 0xff);
    // Map the page and resume at the instruction: the copy finishes.
    m.pt.map(USTACK_TOP, 0x240000, 7);
    m.cpu.cpl = 3;
    m.cpu.eip = UCODE;
    expect(runToStop(m.cpu)).toBe(VEC_UD);
    expect(m.cpu.reg[ECX]).toBe(0);
    expect(m.mem.read8(0x240000 + 3)).toBe(3999 & 0xff);
  });

  it('a faulting instruction is not counted as retired', () => {
    const a = new Asm(UCODE).op('nop').op('mov', 'r, m32', EAX, mem(8, NOT_PRESENT));
    const m = pagedMachine(a);
    const n = m.cpu.run(2);
    expect(n).toBe(1);
    expect(m.cpu.instret).toBe(1);
  });
});

describe('double and triple faults, dead stops', () => {
  it('a fault while delivering becomes #DF with error code 0', () => {
    // Vector table straddles a page: entries 0-15 mapped, entry 0x20 on an unmapped page.
    const a = new Asm(UCODE).op('int', 'i8', 0x20).op('ud2');
    const m = pagedMachine(a, { cpl: 0 });
    m.cpu.reg[ESP] = 0x8000;
    for (let v = 0; v < 16; v++) m.mem.write32(0xffc0 + v * 4, 0x2000 + v * 16);
    m.pt.setPte(0x10000, 0); // entry 0x10 onwards: not present (the MMU reads the page directory physically)
    m.cpu.vtb = 0xffc0;
    m.cpu.flushTlb();
    expect(runToStop(m.cpu)).toBe(VEC_DF);
    expect(trapFrame(m.cpu).err).toBe(0);
    expect(m.cpu.counters.exceptions[VEC_DF]).toBe(1);
  });

  it('a fault while delivering #DF is a triple fault: STOP_DEAD with a reason', () => {
    const a = new Asm(UCODE).op('ud2');
    const m = pagedMachine(a);
    m.cpu.ksp = NOT_PRESENT; // the kernel stack is not mapped: every delivery faults
    m.cpu.run(100);
    expect(m.cpu.stopReason).toBe(STOP_DEAD);
    expect(m.cpu.deadReason).toMatch(/triple fault/);
    expect(m.cpu.run(100)).toBe(0);
    expect(m.cpu.stopReason).toBe(STOP_DEAD);
  });

  it('hlt with IF=0 stops the machine for good', () => {
    const a = new Asm(UCODE).op('cli').op('hlt');
    const m = pagedMachine(a, { cpl: 0 });
    m.cpu.run(10);
    expect(m.cpu.stopReason).toBe(STOP_DEAD);
    expect(m.cpu.deadReason).toMatch(/halted with interrupts off/);
  });
});

class FakeIntc implements InterruptController {
  pending: number[] = [];
  acked: number[] = [];
  pendingVector(): number { return this.pending.length ? this.pending[0] : -1; }
  acknowledge(v: number): void { this.acked.push(v); this.pending.shift(); }
}

describe('interrupts', () => {
  function irqMachine(a: Asm, cpl = 0) {
    const h = new Asm(0x20000 + 0x21 * 0x100).op('add', 'r, i32', ESP, 4).op('inc', 'r', EBX).op('iret');
    const m = pagedMachine(a, { cpl, handlers: { 0x21: h.build() } });
    const intc = new FakeIntc();
    m.cpu.intc = intc;
    return { ...m, intc };
  }

  it('an IRQ is delivered between instructions when IF=1, with the next eip in the frame', () => {
    const a = new Asm(UCODE).op('nop').op('nop').op('int3');
    const m = irqMachine(a, 3);
    m.cpu.run(1);
    m.intc.pending.push(0x21);
    m.cpu.irqPending = true;
    expect(runToStop(m.cpu)).toBe(3);
    expect(m.intc.acked).toEqual([0x21]);
    expect(m.cpu.reg[EBX]).toBe(1);
    expect(m.cpu.counters.irqs[0x21]).toBe(1);
    expect(m.cpu.counters.exceptions[0x21]).toBe(0);
  });

  it('IF=0 masks it; sti takes it after one more instruction', () => {
    const a = new Asm(UCODE).op('cli').op('nop').op('sti').op('mov', 'r, i32', EAX, 1).op('mov', 'r, i32', EAX, 2).op('int3');
    const m = irqMachine(a);
    m.intc.pending.push(0x21);
    m.cpu.irqPending = true;
    // Record where the IRQ lands: the handler copies eax into ecx first.
    const h = new Asm(0x20000 + 0x21 * 0x100).op('mov', 'r, r', ECX, EAX).op('add', 'r, i32', ESP, 4).op('inc', 'r', EBX).op('iret');
    m.mem.dmaWrite(0x20000 + 0x21 * 0x100, h.build());
    m.cpu.eflags = 0x2;
    m.cpu.reg[EAX] = 0;
    expect(runToStop(m.cpu)).toBe(3);
    expect(m.cpu.reg[EBX]).toBe(1);
    expect(m.cpu.reg[ECX]).toBe(1); // delivered after the instruction following sti
  });

  it('hlt with IF=1 halts; run returns 0 until an IRQ, then wakes into the handler', () => {
    const a = new Asm(UCODE).op('sti').op('hlt').op('int3');
    const m = irqMachine(a);
    m.cpu.run(100);
    expect(m.cpu.stopReason).toBe(STOP_HALTED);
    expect(m.cpu.run(100)).toBe(0);
    expect(m.cpu.stopReason).toBe(STOP_HALTED);
    m.intc.pending.push(0x21);
    m.cpu.irqPending = true;
    m.cpu.run(100);
    expect(m.cpu.reg[EBX]).toBe(1);
    expect(m.cpu.eip).toBe(0x2000 + 3 * 16 + 2); // ran on to the int3 after hlt
  });

  it('a long rep stosd is interruptible: the IRQ lands between iterations and the copy resumes', () => {
    const a = new Asm(UCODE).op('rep stosd').op('int3');
    const m = irqMachine(a, 3);
    m.cpu.reg[EDI] = UDATA;
    m.cpu.reg[ECX] = 1000;
    m.cpu.reg[EAX] = 0x01020304;
    expect(m.cpu.run(300)).toBe(300);
    expect(m.cpu.eip).toBe(UCODE);
    expect(m.cpu.reg[ECX]).toBe(700);
    m.intc.pending.push(0x21);
    m.cpu.irqPending = true;
    expect(runToStop(m.cpu)).toBe(3);
    expect(m.cpu.reg[EBX]).toBe(1);
    expect(m.cpu.reg[ECX]).toBe(0);
    expect(m.mem.read32(UDATA_PHYS + 999 * 4)).toBe(0x01020304);
  });
});

describe('code changes and odd fetches', () => {
  it('self-modifying code: a store into an already decoded instruction is seen', () => {
    // Code in a writable kernel page: the first pass runs `mov eax, 1`, then patches its immediate and loops.
    const base = 0x30000;
    const a = new Asm(base);
    // A store into the same page first, so the patch below takes the TLB fast path.
    a.op('mov', 'm32, r', mem(8, base + 0x800), ECX);
    const top = a.here;
    a.label('top').op('mov', 'r, i32', EAX, 1)
      .op('cmp', 'r, i32', ECX, 0).op('jne', 'rel', 'done')
      .op('mov', 'm32, i32', mem(8, top + 2), 99)
      .op('inc', 'r', ECX).op('jmp', 'rel', 'top')
      .label('done').op('int3');
    const m = pagedMachine(new Asm(UCODE).op('nop'), { cpl: 0 });
    m.mem.dmaWrite(base, a.build());
    m.cpu.eip = base;
    expect(runToStop(m.cpu)).toBe(3);
    expect(m.cpu.reg[ECX]).toBe(1);
    expect(m.cpu.reg[EAX]).toBe(99);
  });

  it('self-modifying code inside a hot (compiled) block is seen by the very next instruction', () => {
    const base = 0x30000, data = base + 0x1000;
    // Every iteration stores ecx: into a data page, except when ecx = 50, when edx points at the
    // immediate of the `add ebx, 1` right after the store, in the same (by then compiled) block.
    const program = (patchOffset: number) => new Asm(base)
      .label('top').op('cmp', 'r, i32', ECX, 50).op('sete', 'r', EDX).op('imul', 'r, r, i32', EDX, EDX, patchOffset)
      .op('add', 'r, i32', EDX, data)
      .op('mov', 'm32, r', mem(EDX), ECX).label('patched').op('add', 'r, i32', EBX, 1)
      .op('dec', 'r', ECX).op('jne', 'rel', 'top').op('int3');
    const first = program(0);
    first.build();
    const code = program(first.addr('patched') + 2 - data).build();
    for (const compile of [true, false]) {
      const m = ring0MachineAt(base, code, compile);
      m.cpu.reg[ECX] = 100;
      m.cpu.reg[EBX] = 0;
      expect(runToStop(m.cpu)).toBe(3);
      expect(m.cpu.reg[EBX], `blocks ${compile}`).toBe(50 * 1 + 50 + 49 * 50);
      if (compile) expect(m.cpu.code.blocks.some((b) => typeof b === 'function')).toBe(true);
    }
  });

  it('DMA over decoded code is seen on the next run', () => {
    const m = pagedMachine(new Asm(UCODE).op('mov', 'r, i32', EAX, 1).op('int3'));
    expect(runToStop(m.cpu)).toBe(3);
    expect(m.cpu.reg[EAX]).toBe(1);
    m.mem.dmaWrite(UCODE_PHYS, new Asm(UCODE).op('mov', 'r, i32', EAX, 2).op('int3').build());
    m.cpu.cpl = 3;
    m.cpu.eip = UCODE;
    expect(runToStop(m.cpu)).toBe(3);
    expect(m.cpu.reg[EAX]).toBe(2);
  });

  it('an instruction crossing a page boundary runs; with the second page missing it faults at its start', () => {
    const pad = new Asm(UCODE);
    for (let i = 0; i < 4094; i++) pad.op('nop');
    pad.op('mov', 'r, i32', EAX, 0x12345678).op('int3');
    const m = pagedMachine(pad);
    expect(runToStop(m.cpu, 10_000)).toBe(3);
    expect(m.cpu.reg[EAX]).toBe(0x12345678);
    const n = pagedMachine(pad);
    n.pt.setPte(UCODE + 4096, 0);
    expect(runToStop(n.cpu, 10_000)).toBe(VEC_PF);
    expect(n.cpu.cr2).toBe(UCODE + 4096);
    expect(trapFrame(n.cpu).eip).toBe(UCODE + 4094);
    expect(trapFrame(n.cpu).err).toBe(4);
  });

  it('undefined opcodes and invalid encodings raise #UD', () => {
    for (const bytes of [[0x00], [0xff], [0x28, 0x09], [0x2a, 0x80, 0x00], [0x1c, 0x01], [0x2a, 0x60, 0x88]]) {
      const m = pagedMachine(new Asm(UCODE).data(...bytes));
      expect(runToStop(m.cpu), bytes.join(',')).toBe(VEC_UD);
      expect(trapFrame(m.cpu).eip).toBe(UCODE);
    }
  });
});

describe('single-step (eflags.TF)', () => {
  const setTf = (a: Asm) =>
    a.op('pushf').op('pop', 'r', EAX).op('or', 'r, i32', EAX, 0x100).op('push', 'r', EAX).op('popf');

  it('popf setting TF raises #DB after the instruction that follows it, eip at the next one, TF clear in the handler', () => {
    const a = setTf(new Asm(UCODE)).op('mov', 'r, i32', EBX, 7);
    const afterMov = a.here;
    a.op('mov', 'r, i32', ECX, 9).op('ud2');
    const { cpu } = pagedMachine(a);
    expect(runToStop(cpu)).toBe(1);
    const f = trapFrame(cpu);
    expect(f.eip).toBe(afterMov);
    expect(f.eflags & 0x100).toBe(0x100);
    expect(cpu.reg[EBX]).toBe(7);
    expect(cpu.reg[ECX]).toBe(0);
    expect(cpu.eflags & 0x100).toBe(0);
    expect(cpu.counters.exceptions[1]).toBe(1);
  });

  it('a handler that irets with TF kept sees every instruction once, hot loops included (no compiled block runs)', () => {
    // #DB handler: drop the error code, count in edi, return with the frame's TF.
    const h = new Asm(0x20000 + 1 * 0x100).op('add', 'r, i32', ESP, 4).op('inc', 'r', EDI).op('iret');
    const a = setTf(new Asm(UCODE)).op('mov', 'r, i32', ECX, 50).label('l').op('dec', 'r', ECX).op('jne', 'rel', 'l').op('ud2');
    const { cpu } = pagedMachine(a, { handlers: { 1: h.build() } });
    cpu.hotThreshold = 2;
    expect(runToStop(cpu)).toBe(VEC_UD);
    expect(cpu.reg[EDI]).toBe(1 + 50 * 2);   // mov, then 50 x (dec, jne); ud2 faults, no #DB
    expect(cpu.reg[ECX]).toBe(0);
  });

  it('iret restoring TF traps after the first instruction it returns to; a trap in between (int 0x80) clears TF', () => {
    // int 0x80 handler: set TF in the saved eflags, return.
    const h = new Asm(0x20000 + 0x80 * 0x100).op('add', 'r, i32', ESP, 4).op('or', 'm32, i32', mem(ESP, 8), 0x100).op('iret');
    const a = new Asm(UCODE).op('int', 'i8', 0x80).op('mov', 'r, i32', EAX, 1);
    const after = a.here;
    a.op('mov', 'r, i32', EAX, 2).op('ud2');
    const { cpu } = pagedMachine(a, { handlers: { 0x80: h.build() } });
    expect(runToStop(cpu)).toBe(1);
    expect(trapFrame(cpu).eip).toBe(after);
    expect(cpu.reg[EAX]).toBe(1);
  });
});

describe('run control', () => {
  it('stops at a breakpoint before executing it; run resumes past it; step ignores it', () => {
    const a = new Asm(UCODE).op('inc', 'r', EAX).op('inc', 'r', EAX).op('inc', 'r', EAX).op('int3');
    const m = pagedMachine(a);
    m.cpu.addBreakpoint(UCODE + 2);
    expect(m.cpu.run(100)).toBe(1);
    expect(m.cpu.stopReason).toBe(STOP_BREAKPOINT);
    expect(m.cpu.eip).toBe(UCODE + 2);
    expect(m.cpu.reg[EAX]).toBe(1);
    expect(runToStop(m.cpu)).toBe(3);
    expect(m.cpu.reg[EAX]).toBe(3);
    const s = pagedMachine(a);
    s.cpu.addBreakpoint(UCODE);
    expect(s.cpu.step()).toBe(1);
    expect(s.cpu.reg[EAX]).toBe(1);
    s.cpu.removeBreakpoint(UCODE);
    s.cpu.addBreakpoint(UCODE + 4);
    s.cpu.clearBreakpoints();
    expect(runToStop(s.cpu)).toBe(3);
  });

  it('stopRequested makes run return at the next boundary', () => {
    const m = pagedMachine(new Asm(UCODE).label('l').op('jmp', 'rel', 'l'));
    m.cpu.stopRequested = true;
    expect(m.cpu.run(1000)).toBe(0);
    expect(m.cpu.stopReason).toBe(STOP_REQUESTED);
    expect(m.cpu.stopRequested).toBe(false);
    expect(m.cpu.run(1000)).toBe(1000);
  });

  it('a host-side error (a device that throws) stops the CPU dead instead of escaping', () => {
    const m = pagedMachine(new Asm(UCODE).op('outb', 'r, r', EDX, EAX).op('int3'), { cpl: 0 });
    m.bus.register(0x99, 1, { portIn: () => 0, portOut: () => { throw new Error('device bug'); } });
    m.cpu.reg[EDX] = 0x99;
    expect(() => m.cpu.run(10)).not.toThrow();
    expect(m.cpu.stopReason).toBe(STOP_DEAD);
    expect(m.cpu.deadReason).toMatch(/internal error.*device bug/s);
  });

  it('run(0) retires nothing', () => {
    const m = pagedMachine(new Asm(UCODE).op('nop'));
    expect(m.cpu.run(0)).toBe(0);
    expect(m.cpu.eip).toBe(UCODE);
  });

  it('rdtsc reads the retired-instruction count', () => {
    const m = pagedMachine(new Asm(UCODE).op('nop').op('nop').op('rdtsc').op('int3'));
    runToStop(m.cpu);
    expect(m.cpu.reg[EAX]).toBe(2);
    expect(m.cpu.reg[EDX]).toBe(0);
  });

  it('reset restores the power-on state', () => {
    const m = pagedMachine(new Asm(UCODE).op('nop'));
    m.cpu.reg[EDI] = 5;
    m.cpu.reset();
    expect([m.cpu.eip, m.cpu.cpl, m.cpu.eflags, m.cpu.cr0, m.cpu.reg[EDI], m.cpu.instret]).toEqual([0, 0, 2, 0, 0, 0]);
  });
});
