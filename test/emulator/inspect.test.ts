// The inspection API on hand-built state: page-table walks and translation
// (with no side effects), registers with decoded flags, physical reads,
// disassembly with symbol names, snapshots that survive structured cloning.
import { describe, it, expect } from 'vitest';
import { Machine } from '../../emulator/machine.ts';
import { registers, readPhysical, translate, walkPageTables, disassemble, machineSnapshot, counters } from '../../emulator/inspect.ts';
import { encode, NO_REG } from '../../isa/encoding.ts';
import { rowsFor } from '../../isa/encoding.ts';
import { buildElf } from './machine-elf.ts';
import { boot } from './machine-asm.ts';


const DIR = 0x10000;
const TABLE0 = 0x11000;
const TABLE1 = 0x12000;

/** A small address space: identity-mapped low pages, a user text page, a swap entry, a 4 MiB page. */
function buildTables(m: Machine) {
  const w = (a: number, v: number) => m.memory.write32(a, v);
  w(DIR + 0 * 4, TABLE0 | 0x7);                // PDE 0: user, writable
  for (let i = 0; i < 16; i++) w(TABLE0 + i * 4, (i << 12) | 0x3 | (i < 8 ? 0x20 : 0)); // 0..64K kernel RW; A on the first 8
  w(DIR + 32 * 4, TABLE1 | 0x5);               // PDE 32 (0x08000000): user, read-only at this level
  w(TABLE1 + 0x48 * 4, 0x00200000 | 0x7 | 0x40); // 0x08048000 → 0x200000, user RW PTE (but PDE says RO), dirty
  w(TABLE1 + 0x49 * 4, 0x0001_2340);           // not present, nonzero: a swap entry
  w(DIR + 0x300 * 4, 0x00400000 | 0x83 | 0x100); // 0xC0000000: 4 MiB page at 4 MiB, RW, global
  w(DIR + 0x301 * 4, 0x0000_5550);             // a not-present PDE with bits
}

describe('page-table walk', () => {
  it('lists merged mappings with effective flags and raw not-present entries', () => {
    const m = new Machine({ ramBytes: 8 << 20, bootTime: 0 });
    buildTables(m);
    const before = m.memory.bytes.slice(DIR, TABLE1 + 4096);
    const walk = walkPageTables(m.memory, DIR);
    expect(walk.truncated).toBe(false);
    const simple = walk.mappings.map((x) => ({ start: x.start, size: x.size, frame: x.frame, present: x.present, entry: x.entry, flags: x.flags }));
    const f = (o: Partial<Record<'P' | 'RW' | 'US' | 'A' | 'D' | 'G' | 'PS', boolean>>) =>
      ({ P: false, RW: false, US: false, A: false, D: false, G: false, PS: false, ...o });
    expect(simple).toEqual([
      { start: 0, size: 8 * 4096, frame: 0, present: true, entry: 0x23, flags: f({ P: true, RW: true, A: true }) },
      { start: 8 * 4096, size: 8 * 4096, frame: 8 * 4096, present: true, entry: 0x8003, flags: f({ P: true, RW: true }) },
      { start: 0x08048000, size: 4096, frame: 0x200000, present: true, entry: 0x200047, flags: f({ P: true, US: true, D: true }) },
      { start: 0x08049000, size: 4096, frame: -1, present: false, entry: 0x12340, flags: f({}) },
      { start: 0xc0000000, size: 4 << 20, frame: 0x400000, present: true, entry: 0x400183, flags: f({ P: true, RW: true, G: true, PS: true }) },
      { start: 0xc0400000, size: 4 << 20, frame: -1, present: false, entry: 0x5550, flags: f({}) },
    ]);
    expect(m.memory.bytes.slice(DIR, TABLE1 + 4096)).toEqual(before); // no A/D bits set by looking
  });

  it('stops at maxMappings and says so', () => {
    const m = new Machine({ ramBytes: 8 << 20, bootTime: 0 });
    buildTables(m);
    const walk = walkPageTables(m.memory, DIR, { maxMappings: 2 });
    expect(walk.truncated).toBe(true);
    expect(walk.mappings.length).toBe(2);
  });

  it('translates under any CR3 without side effects, identity with paging off', () => {
    const m = new Machine({ ramBytes: 8 << 20, bootTime: 0 });
    buildTables(m);
    expect(translate(m, 0x08048123).physical).toBe(0x08048123); // paging off, no cr3 given
    const t = translate(m, 0x08048123, DIR);
    expect(t).toMatchObject({ physical: 0x200123, writable: false, user: true, large: false, pte: 0x200047 });
    expect(translate(m, 0xc0123456, DIR)).toMatchObject({ physical: 0x523456, large: true, writable: true, user: false });
    expect(translate(m, 0x08049000, DIR)).toMatchObject({ physical: -1, pte: 0x12340 });
    expect(translate(m, 0x40000000, DIR).physical).toBe(-1);
    m.cpu.cr3 = DIR;
    m.cpu.cr0 = 0x80000000 | 0;
    expect(translate(m, 0x3004).physical).toBe(0x3004);
    expect(m.memory.read32(TABLE0 + 3 * 4)).toBe(0x3023);
    expect(m.memory.read32(TABLE0 + 12 * 4)).toBe(0xc003); // still no A bit
  });
});

describe('registers and memory', () => {
  it('decodes flags and the ring from eflags and cpl', () => {
    const m = new Machine({ ramBytes: 1 << 20, bootTime: 0 });
    m.cpu.reg.set([1, 2, 3, 4, 5, 6, 7, -1]);
    m.cpu.eip = 0x1234;
    m.cpu.eflags = 0x2 | 0x1 | 0x40 | 0x200 | 0x800;
    m.cpu.cpl = 3;
    const r = registers(m);
    expect([r.eax, r.ecx, r.edx, r.ebx, r.esp, r.ebp, r.esi, r.edi]).toEqual([1, 2, 3, 4, 5, 6, 7, 0xffffffff]);
    expect(r.flags).toEqual({ CF: true, PF: false, ZF: true, SF: false, IF: true, DF: false, OF: true });
    expect(r.ring).toBe(3);
    expect(r.paging).toBe(false);
    m.cpu.eflags = 0x2 | 0x4 | 0x80 | 0x400;
    expect(registers(m).flags).toEqual({ CF: false, PF: true, ZF: false, SF: true, IF: false, DF: true, OF: false });
  });

  it('reads physical memory, with the floating bus past the end of RAM', () => {
    const m = new Machine({ ramBytes: 64 * 1024, bootTime: 0 });
    m.memory.bytes.set([9, 8], 0xfffe);
    expect(Array.from(readPhysical(m, 0xfffe, 4))).toEqual([9, 8, 0xff, 0xff]);
    expect(Array.from(readPhysical(m, 0x100, 2))).toEqual([0, 0]);
  });

  it('gives snapshots that survive structured cloning', () => {
    const m = new Machine({ ramBytes: 1 << 20, bootTime: 0 });
    const snaps = [registers(m), machineSnapshot(m), counters(m), walkPageTables(m.memory, 0)];
    for (const s of snaps) expect(structuredClone(s)).toEqual(s);
  });
});

describe('disassembly', () => {
  it('disassembles N instructions with symbol names from the loaded ELF', () => {
    const [movRI] = [rowsForLocal('mov', ['r', 'i32'])];
    const code = [
      ...encode(movRI, [0, 0x2a]),
      ...encode(rowsForLocal('call', ['rel']), [0]), // calls the next instruction
      ...encode(rowsForLocal('mov', ['r', 'm32']), [1, { base: 3, index: NO_REG, scale: 1, disp: 8 }]),
      ...encode(rowsForLocal('hlt', []), []),
    ];
    const elf = buildElf({
      entry: 0x100000,
      segments: [{ vaddr: 0x100000, data: code }],
      symbols: [{ name: 'start', value: 0x100000, size: 0, type: 2 }, { name: 'after_call', value: 0x100000 + 10, size: 0, type: 2 }],
    });
    const m = new Machine({ ramBytes: 2 << 20, bootTime: 0 });
    m.load(elf.bytes);
    const lines = disassemble(m, 0x100000, 4);
    expect(lines.map((l) => l.address)).toEqual([0x100000, 0x100006, 0x10000b, 0x10000f]);
    expect(lines[0]).toMatchObject({ text: 'mov eax, 0x2a', symbol: 'start', bytes: code.slice(0, 6) });
    expect(lines[1].text).toMatch(/^call 0x10000b/);
    expect(lines[1].text).toContain('after_call+0x1');
    expect(lines[2].text).toBe('mov ecx, dword [ebx+8]');
    expect(lines[3].text).toBe('hlt');
    expect(registers(m).eipSymbol).toBe('start');
  });

  it('marks unmapped addresses under paging', () => {
    const m = new Machine({ ramBytes: 8 << 20, bootTime: 0 });
    buildTables(m);
    const [line] = disassemble(m, 0x40000000, 1, { cr3: DIR });
    expect(line.unmapped).toBe(true);
    expect(line.text).toBe('(bad)');
  });
});

describe('inspecting a running guest', () => {
  it('sees the page tables the guest built, the A/D bits the MMU set, and the counters', () => {
    const { machine } = boot(`
main:
    mov dword [vectors + 6*4], on_ud
    mov dword [vectors + 3*4], on_bp
    mov edi, 0x301000      ; a page table identity-mapping 0..4 MiB, P|RW
    mov eax, 3
    mov ecx, 1024
.fill:
    mov dword [edi], eax
    add eax, 0x1000
    add edi, 4
    dec ecx
    jnz .fill
    mov dword [0x300000], 0x301003
    mov eax, 0x300000
    mov cr3, eax
    mov eax, 0x80000000
    mov cr0, eax
    ud2
    int3
    mov dword [0x200000], 1
    mov edx, 0x501
    mov eax, 0
    outb edx, eax
    hlt
on_ud:
    add dword [esp+4], 1   ; skip the one-byte ud2
    add esp, 4
    iret
on_bp:
    add esp, 4
    iret
`);
    expect(machine.run(1_000_000)).toBe('off');
    const regs = registers(machine);
    expect(regs.paging).toBe(true);
    expect(regs.cr3).toBe(0x300000);
    const c = counters(machine);
    expect(c.exceptions).toEqual({ 3: 1, 6: 1 });
    expect(c.tlbMisses).toBeGreaterThan(0);
    const walk = walkPageTables(machine.memory, regs.cr3);
    const covering = (a: number) => walk.mappings.find((x) => a >= x.start && a < x.start + x.size)!;
    expect(covering(0x200000)).toMatchObject({ start: 0x200000, size: 4096, frame: 0x200000, flags: { A: true, D: true } });
    expect(covering(0x3ff000).flags.A).toBe(false); // never touched
    expect(walk.mappings.reduce((n, x) => n + x.size, 0)).toBe(4 << 20);
    expect(translate(machine, 0x200123).physical).toBe(0x200123);
    expect(translate(machine, 0x400000).physical).toBe(-1);
  });
});

function rowsForLocal(mnemonic: string, kinds: string[]) {
  const row = rowsFor(mnemonic).find((r) => r.operands.length === kinds.length && r.operands.every((k, i) => k === kinds[i]));
  if (!row) throw new Error(`no ${mnemonic} ${kinds.join(',')}`);
  return row;
}
