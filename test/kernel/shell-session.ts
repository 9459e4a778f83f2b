// Driving the real OS through its shell, for kernel tests that check what
// the userland tools show: a root disk with the whole userland, a boot
// whose console input types each command once the prompt is back, and the
// text a command printed.
//
// The prompt is matched as ':/# ' (the shell in /), which is specific
// enough that '# ' inside a command's output (slabinfo's header) is not
// taken for it; so every command must leave the shell in /.
import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import type { BlockStore } from '../../emulator/blockstore/interface.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage, type GuestFile } from '../../toolchain/os-build.ts';
import { boot, ROOT } from './harness.ts';

export const SHELL_PROMPT = ':/# ';

/** A 32 MiB ext2 root with every program of userland/ (built by our
 * toolchain), and `files` (test inputs) besides. */
export function userlandDisk(files: GuestFile[] = []): Uint8Array {
  const built = buildUserland(ROOT);
  if (!built.ok) throw new Error(`userland build failed:\n${built.errors.join('\n')}`);
  return buildDiskImage({ extraFiles: [...built.files, ...files], time: 1764000000, sizeBytes: 32 << 20 });
}

export interface ShellOptions {
  ramMiB: number;
  budget: number;
  /** Disks after the root (none: no swap device). */
  extraDisks?: BlockStore[];
  /** Files put on the root disk besides the programs. */
  files?: GuestFile[];
  /** The root disk to boot (default: a fresh userlandDisk(files)), for a
   * test that looks at it afterwards. */
  root?: BlockStore;
}

/** Boots, types each command and then poweroff; the console text with \n
 * line ends. Fails the test unless the machine powered off. */
export async function runShell(commands: string[], opts: ShellOptions): Promise<string> {
  const script = [...commands, 'poweroff'].map((c) => ({ after: SHELL_PROMPT, send: `${c}\r` }));
  const disks = [opts.root ?? new MemoryBlockStore(userlandDisk(opts.files)), ...(opts.extraDisks ?? [])];
  const r = await boot({ ramMiB: opts.ramMiB, disks, script, budget: opts.budget });
  const out = r.output.replace(/\r\n/g, '\n');
  if (process.env.DEBUG_OUT) console.log(out);
  expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');
  return out;
}

/** The console text between the echo of `command` and the next prompt
 * (the first time it was typed). */
export function outputOf(out: string, command: string): string {
  const typed = `${SHELL_PROMPT}${command}\n`;
  const at = out.indexOf(typed);
  expect(at, `"${command}" was typed`).toBeGreaterThanOrEqual(0);
  const rest = out.slice(at + typed.length);
  const end = rest.indexOf(SHELL_PROMPT);
  return end < 0 ? rest : rest.slice(0, rest.lastIndexOf('\n', end) + 1);
}

/** For sessions with more than one prompt (a user's and root's, after
 * login or su): the console text between the echo of `command` typed at
 * `prompt` and the next `hako:DIR# ` or `hako:DIR$ ` prompt. */
export function outputAfterPrompt(out: string, prompt: string, command: string): string {
  const typed = `${prompt}${command}\n`;
  const at = out.indexOf(typed);
  expect(at, `"${command}" was typed at ${JSON.stringify(prompt)}\n${out.slice(-2000)}`).toBeGreaterThanOrEqual(0);
  const rest = out.slice(at + typed.length);
  const end = rest.search(/hako:\S*[#$] /);
  return end < 0 ? rest : rest.slice(0, end);
}

/** What `command` prints on the host with GNU tools (bash, LC_ALL=C, stderr
 * merged into stdout as the console does), its /tmp/ paths mapped to
 * hostDir and mapped back in the output: the expected text of the same
 * command typed into the guest. */
export function hostOutput(command: string, hostDir: string): string {
  const mapped = command.replace(/\/tmp\//g, `${hostDir}/`);
  const r = spawnSync('bash', ['-c', `{ ${mapped}\n} 2>&1`], { encoding: 'utf8', cwd: hostDir, env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' } });
  return r.stdout.split(`${hostDir}/`).join('/tmp/');
}
