// `npm run os -- --disk FILE` refuses a file the kernel could not mount with
// one line saying why (it used to boot and end in a kernel panic), before
// building or booting anything, and leaves the file as it was.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExt2 } from '../../toolchain/mkfs/index.ts';
import { rootImageProblem } from '../../cli/disk-image.ts';

const root = new URL('../../', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'hako-os-disk-'));
const MiB = 1 << 20;
const image = (): Uint8Array => buildExt2({ entries: [] }, { sizeBytes: 4 * MiB, time: 0 });

function os(disk: string) {
  const r = spawnSync(tsx, [join(root, 'cli/os.ts'), '--disk', disk], { input: '', encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run os --disk: a file that is not a mountable ext2 image', () => {
  const cases: [string, () => Uint8Array, RegExp][] = [
    ['random bytes', () => Uint8Array.from({ length: 64 * 1024 }, (_, k) => (k * 37 + 11) & 0xff),
      /: not an ext2 image \(the magic at byte 1080 is 0x[0-9a-f]{4}, not 0xef53\)$/],
    ['a file too short for a superblock', () => new Uint8Array(100).fill(0x41),
      /: 100 bytes is too small for an ext2 image \(the superblock ends at byte 2048\)$/],
    ['an image cut short', () => image().slice(0, MiB),
      /: truncated: the superblock says 1024 blocks of 4096 bytes, the file holds 256$/],
    ['an image with 1 KiB blocks', () => { const b = image(); b[1024 + 24] = 0; return b; },
      /: its blocks are 1024 bytes; the kernel reads only 4096-byte blocks$/],
  ];
  for (const [what, make, reason] of cases) {
    it(`refuses ${what} with one line and exit status 2, and leaves it unchanged`, () => {
      const file = join(dir, what.replace(/\W+/g, '-') + '.img');
      const bytes = make();
      writeFileSync(file, bytes);
      const r = os(file);
      expect(r.stderr.startsWith(`os: --disk ${file}: `)).toBe(true);
      expect(r.stderr.trimEnd()).toMatch(reason);
      expect(r.stderr.split('\n')).toEqual([expect.any(String), '']);
      expect(r.stdout).toBe('');
      expect(r.status).toBe(2);
      expect(Buffer.compare(readFileSync(file), Buffer.from(bytes))).toBe(0);
    }, 60_000);
  }

  it('accepts the superblock of an image the builder made', () => {
    const file = join(dir, 'good.img');
    writeFileSync(file, image());
    expect(rootImageProblem(file)).toBeUndefined();
  });
});
