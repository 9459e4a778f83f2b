// docs/isa.md must list exactly the rows of the ISA table: same opcodes,
// mnemonics, operand kinds, flag effects, descriptions and privilege marks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISA } from '../../isa/table.ts';

const doc = readFileSync(new URL('../../docs/isa.md', import.meta.url), 'utf8');

function docRows(): string[][] {
  const start = doc.indexOf('\n## Instructions');
  expect(start).toBeGreaterThan(0);
  const section = doc.slice(start).split('\n## ')[1];
  return section.split('\n')
    .filter((l) => /^\| 0x[0-9a-f]{2} \|/.test(l))
    .map((l) => l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|')));
}

const expected = ISA.map((r) => [
  `0x${r.op.toString(16).padStart(2, '0')}`, r.mnemonic, r.operands.join(', ') || '—', r.flags,
  r.text + (r.privileged ? ' (privileged)' : ''),
]);

describe('docs/isa.md', () => {
  it('has one row per ISA row, in opcode order', () => {
    expect(docRows().map((r) => r[0])).toEqual(expected.map((r) => r[0]));
  });

  it('agrees with the table on every column', () => {
    const rows = docRows();
    for (let i = 0; i < expected.length; i++) expect(rows[i], expected[i][0]).toEqual(expected[i]);
  });

  it('explains every flag-effect name the table uses', () => {
    for (const f of new Set(ISA.map((r) => r.flags))) expect(doc, f).toContain(`| \`${f}\` |`);
  });
});
