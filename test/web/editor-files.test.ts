// The worker's editor files (web/worker-files.ts): the student's files are the
// shared folder's, kept in IndexedDB (fake-indexeddb here), and Build writes
// an executable next to the source; errors come back as text.

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IndexedDbShare } from '../../emulator/share/indexeddb.ts';
import { toolchainBundle } from '../../toolchain/cc/driver.ts';
import { decodeBundle, EditorFiles, encodeBundle } from '../../web/worker-files.ts';

const text = (s: string) => new TextEncoder().encode(s);
const bundle = () => { const b = toolchainBundle(); if (!b.ok) throw new Error(b.error); return b.bundle; };

describe('the editor files in the worker', () => {
  const reports: string[] = [];
  const files = new EditorFiles((t) => reports.push(t), () => null, async () => bundle());

  it('creates, lists, renames and deletes files, and they survive a reload', async () => {
    expect(await files.write('a.c', text('int main(void){return 0;}\n'))).toEqual({ ok: true });
    expect(await files.write('notes.txt', text('x'))).toEqual({ ok: true });
    expect((await files.list()).map((f) => f.name).sort()).toEqual(['a.c', 'notes.txt']);
    expect(await files.rename('notes.txt', 'b.txt')).toEqual({ ok: true });
    const clash = await files.rename('b.txt', 'a.c');
    expect(clash.ok).toBe(false);
    if (!clash.ok) expect(clash.error).toMatch(/EEXIST/);
    expect(await files.remove('b.txt')).toEqual({ ok: true });
    const gone = await files.remove('b.txt');
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error).toMatch(/ENOENT/);
    // A second database connection is what a reloaded page opens.
    const reopened = await IndexedDbShare.open('hako-share');
    expect(reopened.list('')).toEqual(['a.c']);
    expect(new TextDecoder().decode(reopened.read('a.c', 0, 100))).toBe('int main(void){return 0;}\n');
    reopened.close();
  });

  it('refuses names the share device would refuse', async () => {
    for (const bad of ['', '.', '..', 'a/b', 'x\0y']) {
      const r = await files.write(bad, text('x'));
      expect(r.ok).toBe(false);
    }
    expect(await files.read('../etc')).toBeNull();
  });

  it('builds a C file into an executable in the folder, or returns the diagnostics', async () => {
    await files.write('hi.c', text('#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n'));
    const built = await files.build('hi.c', 'hi');
    expect(built).toMatchObject({ ok: true, output: '/host/hi', diagnostics: '' });
    const elf = await files.read('hi');
    expect(elf && [...elf.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect((await files.list()).find((f) => f.name === 'hi')?.executable).toBe(true);

    await files.write('bad.c', text('int main(void) {\n  return y;\n}\n'));
    const failed = await files.build('bad.c', 'bad');
    expect(failed.ok).toBe(false);
    expect(failed.diagnostics).toMatch(/^\/host\/bad\.c:2:10: error: /);
    expect(await files.read('bad')).toBeNull();
    expect((await files.build('none.c', 'none')).diagnostics).toMatch(/no such file/);
  });

  it('ships the toolchain bundle through JSON unchanged', () => {
    const b = bundle();
    const back = decodeBundle(text(encodeBundle(b)));
    expect(back.headers).toEqual(b.headers);
    expect(Buffer.from(back.runtime.libc).equals(Buffer.from(b.runtime.libc))).toBe(true);
    expect(Buffer.from(back.runtime.crt0).equals(Buffer.from(b.runtime.crt0))).toBe(true);
  });
});
