// The shared folder's host backends: the in-memory map (POSIX rules for
// names, directories and renames), the Node directory (never following a
// host symlink out of the folder), and the page's IndexedDB copy (a new
// page opening the same database sees every change: nothing lost on a
// reload).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryShareBackend } from '../../emulator/share/memory.ts';
import { NodeShareBackend } from '../../emulator/share/node.ts';
import { IndexedDbShare } from '../../emulator/share/indexeddb.ts';

const code = (fn: () => unknown): string => {
  try { fn(); return 'ok'; } catch (e) { return (e as { code: string }).code; }
};

describe('shared-folder backends', () => {
  it('memory: names, directories, renames and errors as POSIX', () => {
    const m = new MemoryShareBackend([], () => 7);
    m.mkdir('d', 0o755);
    m.create('d/f', 0o644);
    expect(m.write('d/f', 2, new Uint8Array([1, 2]))).toBe(2);
    expect(Array.from(m.read('d/f', 0, 10))).toEqual([0, 0, 1, 2]);
    expect(m.stat('d').nlink).toBe(2);
    expect(code(() => m.create('d/f', 0o644))).toBe('EEXIST');
    expect(code(() => m.create('nope/f', 0o644))).toBe('ENOENT');
    expect(code(() => m.create('d/f/g', 0o644))).toBe('ENOTDIR');
    expect(code(() => m.rmdir('d'))).toBe('ENOTEMPTY');
    expect(code(() => m.unlink('d'))).toBe('EISDIR');
    expect(code(() => m.rename('d', 'd/x'))).toBe('EINVAL');
    m.rename('d', 'e');
    expect(m.list('')).toEqual(['e']);
    expect(m.list('e')).toEqual(['f']);
    m.truncate('e/f', 1);
    expect(m.stat('e/f')).toMatchObject({ type: 'file', size: 1, mtime: 7 });
  });

  it('node: a host directory, errors with their errno names, no host symlink followed out of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hako-share-be-'));
    const outside = mkdtempSync(join(tmpdir(), 'hako-outside-'));
    try {
      writeFileSync(join(outside, 'secret'), 'no');
      symlinkSync(join(outside, 'secret'), join(dir, 'link'));
      mkdirSync(join(dir, 'd'));
      const n = new NodeShareBackend(dir);
      n.create('d/f', 0o640);
      n.write('d/f', 0, new TextEncoder().encode('hello'));
      expect(readFileSync(join(dir, 'd/f'), 'utf8')).toBe('hello');
      expect(n.stat('d/f')).toMatchObject({ type: 'file', size: 5, mode: 0o640 });
      expect(n.stat('link').type).toBe('symlink');
      expect(n.readlink('link')).toBe(join(outside, 'secret'));
      expect(code(() => n.read('link', 0, 10))).toBe('ELOOP');      // O_NOFOLLOW
      expect(code(() => n.write('link', 0, new Uint8Array(1)))).toBe('ELOOP');
      expect(code(() => n.chmod('link', 0o777))).toBe('EPERM');
      expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('no');
      expect(code(() => n.rmdir('d'))).toBe('ENOTEMPTY');
      expect(code(() => n.stat('nothere'))).toBe('ENOENT');
      expect(code(() => n.read('d', 0, 1))).toBe('EISDIR');
      n.rename('d/f', 'g');
      expect(n.list('')).toEqual(['d', 'g', 'link']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('indexeddb: every change is there when the folder is opened again (a page reload)', async () => {
    const factory = new IDBFactory();
    const a = await IndexedDbShare.open('share-test', { factory, now: () => 5 });
    a.mkdir('d', 0o755);
    a.create('d/f', 0o600);
    a.write('d/f', 0, new TextEncoder().encode('kept'));
    a.create('gone', 0o644);
    a.unlink('gone');
    a.mkdir('d/sub', 0o700);
    a.create('d/sub/x', 0o644);
    a.rename('d', 'e');
    a.chmod('e/f', 0o644);
    await a.flush();
    a.close();
    const b = await IndexedDbShare.open('share-test', { factory });
    expect(b.list('')).toEqual(['e']);
    expect(b.list('e')).toEqual(['f', 'sub']);
    expect(b.list('e/sub')).toEqual(['x']);
    expect(new TextDecoder().decode(b.read('e/f', 0, 10))).toBe('kept');
    expect(b.stat('e/f')).toMatchObject({ mode: 0o644, size: 4 });
    expect(code(() => b.stat('d'))).toBe('ENOENT');
    b.close();
  });
});
