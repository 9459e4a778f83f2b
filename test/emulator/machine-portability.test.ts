// The machine, runner, devices and browser-side stores must run in a Web
// Worker: only FileBlockStore (emulator/blockstore/file.ts) may import Node
// modules. This follows the imports from machine.ts and runner.ts and checks
// every module they reach.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

function reachable(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
    const spec = m[1];
    if (spec.startsWith('.')) reachable(join(dirname(entry), spec), seen);
    else seen.add(`external:${spec}`);
  }
  return seen;
}

describe('portability', () => {
  it('machine, runner, inspect and the IndexedDB store reach no Node-only module', () => {
    const entries = ['emulator/machine.ts', 'emulator/runner.ts', 'emulator/inspect.ts', 'emulator/blockstore/indexeddb.ts', 'emulator/blockstore/memory.ts'];
    const all = new Set<string>();
    for (const e of entries) for (const f of reachable(join(root, e))) all.add(f.startsWith('external:') ? f : relative(root, f));
    expect([...all].filter((f) => f.startsWith('external:'))).toEqual([]);
    expect(all.has('emulator/devices/block.ts')).toBe(true); // the walk really follows imports
    expect(all.has('emulator/blockstore/file.ts')).toBe(false);
  });

  it('the file store is the one that imports node:fs', () => {
    expect([...reachable(join(root, 'emulator/blockstore/file.ts'))]).toContain('external:node:fs/promises');
  });
});
