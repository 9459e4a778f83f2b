// What a module pulls in: the import closure the browser-safe toolchain
// modules are checked with (no Node module, no Node global below them).

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Every module `entry` reaches through relative imports, with each one's non-relative imports. */
export function importClosure(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const external: string[] = [];
    // Node's globals are as unavailable in a browser worker as its modules.
    for (const m of text.matchAll(/\b(Buffer|process|require|__dirname)\s*[.(]/g)) external.push(`global ${m[1]}`);
    seen.set(file, external);
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else external.push(spec);
    }
    for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) external.push(m[1]);
  };
  visit(entry);
  return seen;
}

/** `file: import` for every non-relative import or Node global in the closure (paths relative to root). */
export function nodeOffenders(closure: Map<string, string[]>, root: string): string[] {
  return [...closure].flatMap(([file, specs]) => specs.map((s) => `${file.slice(root.length + 1)}: ${s}`));
}
