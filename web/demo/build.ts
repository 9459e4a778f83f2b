// Builds the firmware demo (demo.c + machine.s) for the bare machine with
// our own toolchain, in memory. Node only: the images plugin calls it when
// the page is served or built. Returns diagnostics rather than throwing.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleText, compileToObject, linkProgram } from '../../toolchain/cc/driver.ts';

const DIR = dirname(fileURLToPath(import.meta.url));

export type DemoBuild = { ok: true; elf: Uint8Array } | { ok: false; error: string };

export function buildDemo(): DemoBuild {
  const cPath = join(DIR, 'demo.c');
  const sPath = join(DIR, 'machine.s');
  const c = compileToObject(cPath, readFileSync(cPath, 'utf8'));
  if (!c.ok) return { ok: false, error: c.diagnostics };
  const s = assembleText(readFileSync(sPath, 'utf8'), sPath);
  if (!s.ok) return { ok: false, error: s.diagnostics };
  const linked = linkProgram([{ name: 'demo.o', data: c.object }, { name: 'machine.o', data: s.object }], 'bare');
  if (!linked.ok) return { ok: false, error: linked.error };
  return { ok: true, elf: linked.elf };
}
