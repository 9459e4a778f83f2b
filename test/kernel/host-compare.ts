// Running a table of commands in the guest and on the host (bash with GNU
// tools, shell-session.ts's hostOutput) and comparing what each printed:
// the table becomes one script (per command a marker line, then `CMD;
// echo st $?`) run by the guest's sh in one boot, inputs put under /tmp
// of its root disk and of a host directory. After the boot e2fsck -fn must
// find the disk clean.
import { expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostOutput, outputOf, runShell, userlandDisk } from './shell-session.ts';
import { fsckProblems } from './damaged-disk.ts';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import type { GuestFile } from '../../toolchain/os-build.ts';

const MARK = '=== command ';

/** The table as one script: a marker line before each command, then the
 * command and its status. */
export function compareScript(commands: string[]): string {
  return commands.map((c, n) => `echo '${MARK}${n}'\n${c}; echo st $?\n`).join('');
}

/** The text each command printed, from a script's whole output. */
export function splitByCommand(text: string, count: number): string[] {
  const parts: string[] = [];
  for (let n = 0; n < count; n++) {
    const at = text.indexOf(`${MARK}${n}\n`);
    if (at < 0) {
      parts.push('(no marker: the script stopped before this command)');
      continue;
    }
    const from = at + `${MARK}${n}\n`.length;
    const next = text.indexOf(`${MARK}${n + 1}\n`, from);
    parts.push(text.slice(from, next < 0 ? undefined : next));
  }
  return parts;
}

/** Boots once with inputs (name → text, put in /tmp) and the table as a
 * script run by the guest's sh; the text each command printed (its status
 * last). */
export async function runTableInGuest(name: string, commands: string[], inputs: Record<string, string>, budget = 1_500_000_000): Promise<string[]> {
  const text = compareScript(commands);
  const files: GuestFile[] = [
    ...Object.entries(inputs).map(([file, data]) => ({ guestPath: `/tmp/${file}`, data: Buffer.from(data, 'latin1'), mode: 0o644 })),
    { guestPath: `/tmp/${name}`, data: Buffer.from(text, 'latin1'), mode: 0o644 },
  ];
  const run = `sh /tmp/${name}`;
  const root = new MemoryBlockStore(userlandDisk(files));
  const out = await runShell([run], { ramMiB: 32, budget, root });
  expect(fsckProblems(root.image), 'e2fsck -fn after the script').toEqual([]);
  return splitByCommand(outputOf(out, run), commands.length);
}

/** runTableInGuest, and the same script run by bash on the host in work
 * (which holds the inputs, /tmp/ mapped to it): each command's text must
 * be the same. */
export async function compareTableWithHost(name: string, commands: string[], inputs: Record<string, string>, work: string, budget = 1_500_000_000): Promise<void> {
  const guest = await runTableInGuest(name, commands, inputs, budget);
  writeFileSync(join(work, name), compareScript(commands).replace(/\/tmp\//g, `${work}/`));
  const host = splitByCommand(hostOutput(`bash ./${name}`, work), commands.length);
  const mismatches: string[] = [];
  commands.forEach((command, n) => {
    expect(host[n], `host ran ${command}`).toMatch(/st \d+\n$/);
    if (guest[n] !== host[n]) mismatches.push(`${command}\n--- guest\n${guest[n]}--- host\n${host[n]}`);
  });
  expect(mismatches.join('\n')).toBe('');
}
