// The manual (userland/root/usr/share/man, shown by /bin/man): a page for
// every program the OS build puts in /bin and /sbin and for every system
// call of kernel/syscalls.tbl, derived from those sources (so a new program
// or system call without a page fails here), each installed on the root
// disk by the OS build. Pages are plain text starting with a NAME section
// whose line names the page; a `.so manS/OTHER.S` page (a second name)
// must point at a page that exists. The credential calls' pages give the
// kernel's permission rules (kernel/proc/cred.c): EPERM where it refuses.
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ALIASES, listPrograms } from '../../toolchain/userland-build.ts';
import { REPO_ROOT, rootDescription } from '../../toolchain/os-build.ts';
import { parseTable } from '../../toolchain/gen-syscalls.ts';

const MAN = join(REPO_ROOT, 'userland/root/usr/share/man');

function pagePath(section: string, name: string): string {
  return join(MAN, `man${section}`, `${name}.${section}`);
}

/** The page's text, following .so links; null when missing. */
function pageText(section: string, name: string, depth = 0): string | null {
  const path = pagePath(section, name);
  if (!existsSync(path) || depth > 3) return null;
  const text = readFileSync(path, 'utf8');
  const so = /^\.so man(\w)\/(.+)\.(\w)\n$/.exec(text);
  if (so) return pageText(so[1], so[2], depth + 1);
  return text;
}

const programs = [...listPrograms(REPO_ROOT).map((p) => p.guestPath), ...ALIASES.map((a) => a.alias)];
const syscalls = parseTable(readFileSync(join(REPO_ROOT, 'kernel/syscalls.tbl'), 'utf8'), 'kernel/syscalls.tbl').map((r) => r.name);

describe('manual pages', () => {
  it('cover every program of /bin and /sbin', () => {
    expect(programs).toContain('/bin/ls');
    expect(programs).toContain('/sbin/init');
    const missing = programs.filter((p) => {
      const name = basename(p);
      return pageText('1', name) === null && pageText('8', name) === null;
    });
    expect(missing, 'programs without a page in man1 or man8').toEqual([]);
  });

  it('cover every system call of kernel/syscalls.tbl', () => {
    expect(syscalls.length).toBeGreaterThan(50);
    const missing = syscalls.filter((name) => pageText('2', name) === null);
    expect(missing, 'system calls without a page in man2').toEqual([]);
  });

  it('start with a NAME line naming the page, and .so links resolve', () => {
    const bad: string[] = [];
    for (const dir of readdirSync(MAN)) {
      if (dir === 'ja') continue;   // below
      const section = dir.replace(/^man/, '');
      for (const file of readdirSync(join(MAN, dir))) {
        const name = file.slice(0, file.length - section.length - 1);
        if (!file.endsWith(`.${section}`)) { bad.push(`${dir}/${file}: not NAME.${section}`); continue; }
        const raw = readFileSync(join(MAN, dir, file), 'utf8');
        const text = pageText(section, name);
        if (text === null) { bad.push(`${dir}/${file}: .so to a missing page`); continue; }
        const m = /^NAME\n {7}(.+?) - \S/.exec(text);
        if (!m) { bad.push(`${dir}/${file}: no "NAME\\n       names - description"`); continue; }
        const names = m[1].split(/,\s*/);
        if (!raw.startsWith('.so') && !names.includes(name)) bad.push(`${dir}/${file}: NAME line names ${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('in Japanese (ja/manS) translate an English page and start with its NAME line', () => {
    const bad: string[] = [];
    for (const dir of readdirSync(join(MAN, 'ja'))) {
      const section = dir.replace(/^man/, '');
      for (const file of readdirSync(join(MAN, 'ja', dir))) {
        const name = file.slice(0, file.length - section.length - 1);
        if (pageText(section, name) === null) bad.push(`ja/${dir}/${file}: no English page`);
        const text = readFileSync(join(MAN, 'ja', dir, file), 'utf8');
        if (!new RegExp(`^NAME\\n {7}${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(, [^ ]+)* - \\S`).test(text)) bad.push(`ja/${dir}/${file}: NAME line`);
      }
    }
    expect(readdirSync(join(MAN, 'ja', 'man1'))).toContain('ls.1');
    expect(bad).toEqual([]);
  });

  it('are installed on the root disk by the OS build', () => {
    const paths = new Set(rootDescription().entries.map((e) => e.path));
    const wanted = [
      ...programs.map((p) => `/usr/share/man/man${existsSync(pagePath('1', basename(p))) ? 1 : 8}/${basename(p)}.${existsSync(pagePath('1', basename(p))) ? 1 : 8}`),
      ...syscalls.map((s) => `/usr/share/man/man2/${s}.2`),
      '/usr/share/man/man3/printf.3',
    ];
    expect(wanted.filter((p) => !paths.has(p))).toEqual([]);
  });

  it('go on the disk as hard links for .so pages, and not at all on disks too small for them', () => {
    const entries = rootDescription().entries;
    const lstat = entries.find((e) => e.path === '/usr/share/man/man2/lstat.2');
    expect(lstat).toEqual({ type: 'hardlink', path: '/usr/share/man/man2/lstat.2', target: '/usr/share/man/man2/stat.2' });
    expect(entries.find((e) => e.path === '/usr/share/man/man2/stat.2')?.type).toBe('file');
    const bare = rootDescription({ manual: false }).entries;
    expect(bare.filter((e) => e.path.startsWith('/usr/share/man'))).toEqual([]);
    expect(bare.length).toBeLessThan(entries.length - 100);
  });

  it('of the credential calls list the EPERM the kernel answers (cred.c, signal.c)', () => {
    const errors = (name: string) => /\nERRORS\n([\s\S]*?)\n\n/.exec(pageText('2', name) ?? '')?.[1] ?? '';
    const cred = readFileSync(join(REPO_ROOT, 'kernel/proc/cred.c'), 'utf8');
    const signal = readFileSync(join(REPO_ROOT, 'kernel/proc/signal.c'), 'utf8');
    // the kernel does refuse: kill through may_signal, the id changes through set_id/set_re_id/set_res_id/set_groups
    expect(signal).toMatch(/if \(!may_signal\(p, sig\)\) return -EPERM;/);
    expect(cred).toMatch(/static int set_id\([\s\S]*?return -EPERM;/);
    for (const name of ['kill', 'setuid', 'setgid', 'setresuid', 'setreuid', 'setgroups']) {
      expect(errors(name), `${name}.2`).toMatch(/^ {7}EPERM /m);
    }
    // and the pages say who may: kill's rule by real/effective against real/saved uid, setuid's for good
    expect(pageText('2', 'kill')).toMatch(/real or\s+effective uid equals the target's real or saved uid/);
    expect(pageText('2', 'setuid')).toMatch(/saved ids all to\s+uid, for good/);
  });
});
