// hdb, the small debugger on ptrace (issue 15): a breakpoint on a symbol
// from the program's .symtab (an int3 written with POKEDATA), hitting it,
// the backtrace by frame pointers, the registers, one instruction
// stepped (the CPU's trap flag), memory examined, and running on to the
// end with the program's own output — the breakpoint's original byte put
// back so the program runs as written.
import { describe, expect, it } from 'vitest';
import { outputOf, runShell } from './shell-session.ts';

describe('hdb', () => {
  it('breaks at main, shows the call chain and registers, steps, examines memory and runs to the end', async () => {
    const cmd = "printf 'break main\\ncont\\nbt\\nregs\\nstep\\nx/2x main\\nbreak nosuch\\ncont\\nquit\\n' | hdb /bin/echo hi";
    const out = await runShell([cmd], { ramMiB: 16, budget: 300_000_000 });
    const text = outputOf(out, cmd);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^hdb: \/bin\/echo, process \d+, \d+ symbols; stopped at 0x[0-9a-f]{8} <_start>$/);
    const main = /Breakpoint 1 at 0x([0-9a-f]{8}) <main>/.exec(text);
    expect(main, text).not.toBeNull();
    expect(text).toContain(`Breakpoint at 0x${main![1]} <main>\n`);
    expect(text).toMatch(/\(hdb\) #0  0x[0-9a-f]{8} <main>\n#1  0x[0-9a-f]{8} <_start\+\d+>\n/);
    expect(text).toMatch(new RegExp(`eip 0x${main![1]} <main>  eflags 0x[0-9a-f]{8}`));
    expect(text).toMatch(/\(hdb\) 0x[0-9a-f]{8} <main\+[1-9]\d*>\n/);   // one instruction on
    // memory as the program has it: the breakpoint's int3 (0x0c) is not shown
    const words = new RegExp(`\\(hdb\\) 0x${main![1]}: 0x([0-9a-f]{8}) 0x[0-9a-f]{8}\\n`).exec(text);
    expect(words, text).not.toBeNull();
    expect(words![1].slice(6)).not.toBe('0c');
    expect(text).toContain('hdb: no such address or symbol: nosuch');
    expect(text).toMatch(/\(hdb\) hi\n\[process \d+ exited with status 0\]\n/);
  }, 600_000);
});
