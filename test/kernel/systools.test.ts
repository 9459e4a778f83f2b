// The system tools of issue 17 on the real OS, in one boot: date against
// the host's GNU date (same seconds, same formats), cal against a calendar
// computed here, clear's bytes, hostname, sync, df against dumpe2fs of the
// same image (Linux's ext2 statfs: size less the metadata, free, free less
// the root reserve), du on files of known sizes, pstree's tree, top's batch
// frame, watch -g, and tar both ways with the host's GNU tar (an archive
// made in the guest is listed and extracted on the host, one made on the
// host is listed and extracted in the guest). e2fsck must find the disk
// clean afterwards.
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { buildUserland } from '../../toolchain/userland-build.ts';
import { buildDiskImage } from '../../toolchain/os-build.ts';
import { boot, ROOT } from './harness.ts';
import { outputOf, SHELL_PROMPT } from './shell-session.ts';

const C = { ...process.env, LC_ALL: 'C', TZ: 'UTC' };
let work = '';
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function host(cmd: string, args: string[], cwd?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: C, cwd });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const DATE_FORMATS = [
  '%Y-%m-%d %H:%M:%S', '%a %A %b %B %h', '%c', '%C %y %D %F', '%e|%d|%j', '%I %l %p %P', '%k %H %M %S',
  '%r %R %T', '%s', '%u %w', '%U %W', '%x %X', '%Z %z %%', 'plain text %n%t end',
];
const DATE_SECONDS = [0, 951782400, 1709251199, 1764000000, 2147483647, 1234567890];

/** util-linux cal's layout (as cal.c draws it, trailing blanks cut). */
function calMonth(year: number, month: number, withYear: boolean): string[] {
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const title = withYear ? `${names[month - 1]} ${year}` : names[month - 1];
  const lines = [' '.repeat(Math.floor((20 - title.length) / 2)) + title.padEnd(20 - Math.floor((20 - title.length) / 2)), 'Su Mo Tu We Th Fr Sa'];
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  for (let w = 0; w < 6; w++) {
    let l = '';
    for (let d = 0; d < 7; d++) {
      const day = w * 7 + d - first + 1;
      l += (day >= 1 && day <= days ? String(day).padStart(2) : '  ') + (d < 6 ? ' ' : '');
    }
    lines.push(l);
  }
  return lines;
}
const trim = (l: string) => l.replace(/ +$/, '');
function calYear(year: number): string {
  const out = [' '.repeat(Math.floor((64 - String(year).length) / 2)) + year, ''];
  for (let r = 0; r < 4; r++) {
    const ms = [1, 2, 3].map((m) => calMonth(year, r * 3 + m, false));
    for (let l = 0; l < 8; l++) out.push(trim(ms.map((m) => m[l]).join('  ')));
    if (r < 3) out.push('');
  }
  return out.join('\n') + '\n';
}

/** A tree for tar to carry: files, a subdirectory, a symlink, a name > 100 bytes. */
function makeTree(dir: string) {
  mkdirSync(join(dir, 'src/sub/a-rather-long-directory-name-for-the-ustar-prefix-field-0123456789'), { recursive: true });
  writeFileSync(join(dir, 'src/hello.txt'), 'hello, tar\n');
  writeFileSync(join(dir, 'src/sub/big.bin'), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) & 255)));
  writeFileSync(join(dir, 'src/sub/a-rather-long-directory-name-for-the-ustar-prefix-field-0123456789/and-a-long-file-name-too-abcdefghij.txt'), 'deep\n');
  symlinkSync('hello.txt', join(dir, 'src/link'));
}

describe('system tools: date cal clear hostname sync df du pstree top watch tar', () => {
  it('match GNU date/tar, computed calendars, dumpe2fs figures; exact structure for the rest', async () => {
    work = mkdtempSync(join(tmpdir(), 'hako-systools-'));
    makeTree(work);
    host('tar', ['--format=gnu', '--owner=root', '--group=root', '--mtime=@1764000000', '--sort=name', '-cf', 'host.tar', 'src'], work);
    const built = buildUserland(ROOT);
    if (!built.ok) throw new Error(built.errors.join('\n'));
    const image = buildDiskImage({
      extraFiles: [...built.files, { guestPath: '/host.tar', data: readFileSync(join(work, 'host.tar')), mode: 0o644 }],
      time: 1764000000, sizeBytes: 32 << 20,
    });
    const store = new MemoryBlockStore(image);
    const dateCmds = DATE_SECONDS.flatMap((s) => DATE_FORMATS.map((f) => `date -u -d @${s} '+${f}'`));
    const busy = 'cat /dev/zero > /dev/null &';
    const commands = [
      'usertests statfs_figures',
      ...dateCmds,
      "date -d '2026-02-28 13:05:09' +%s",
      "date -d '2024-02-30' +%s; echo st $?",
      'date -s @1800000000; date +%s',
      'cal 2 2024', 'cal 9 1752', 'cal 2026', 'cal 13 2026; echo st $?',
      'clear',
      'hostname; hostname box; hostname; uname -n',
      'sync; echo st $?',
      'mkdir -p /tmp/du/sub; echo hello > /tmp/du/a; yes | head -n 5000 > /tmp/du/big; echo b > /tmp/du/sub/b; ln /tmp/du/big /tmp/du/sub/big2',
      'du /tmp/du', 'du -s /tmp/du', 'du -sh /tmp/du', 'du -a /tmp/du/sub', 'du -sk /tmp/du/big /tmp/nope; echo st $?',
      'sleep 30 & sleep 30 & pstree',
      'pstree -p',
      `${busy} top -b -n 1; kill $!`,
      "echo a > /tmp/w; sh -c 'sleep 3; echo b > /tmp/w' & watch -n 1 -g cat /tmp/w; echo watch $?",
      'cd /tmp && tar -cf guest.tar du /host.tar; cd /',
      'tar tvf /host.tar',
      'mkdir /tmp/hx && tar -x -C /tmp/hx -f /host.tar && cat /tmp/hx/src/hello.txt && readlink /tmp/hx/src/link && wc -c /tmp/hx/src/sub/big.bin',
      'tar xf /nope.tar; echo st $?',
      'top -d 1',
      'df /proc', 'df -i', 'df -h', 'df',
    ];
    const script = [...commands, 'poweroff'].flatMap((c) => [{ after: SHELL_PROMPT, send: `${c}\r` },
      // interactive top: q after the second frame's table heading
      ...(c === 'top -d 1' ? [{ after: ' COMMAND', send: '' }, { after: ' COMMAND', send: 'q' }] : [])]);
    const r = await boot({ ramMiB: 32, disks: [store], script, budget: 1_500_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out);
    expect(r.state, out.slice(-3000)).toBe('off');

    expect(outputOf(out, 'usertests statfs_figures')).toContain('test statfs_figures: OK\n');

    // date: every format and second, as GNU date prints it
    for (const s of DATE_SECONDS) {
      for (const f of DATE_FORMATS) {
        expect(outputOf(out, `date -u -d @${s} '+${f}'`), `${s} ${f}`).toBe(host('date', ['-u', '-d', `@${s}`, `+${f}`]));
      }
    }
    expect(outputOf(out, "date -d '2026-02-28 13:05:09' +%s")).toBe(host('date', ['-u', '-d', '2026-02-28 13:05:09', '+%s']));
    expect(outputOf(out, "date -d '2024-02-30' +%s; echo st $?")).toBe("date: invalid date '2024-02-30'\nst 1\n");
    const set = outputOf(out, 'date -s @1800000000; date +%s').split('\n');
    expect(set[0]).toBe(host('date', ['-u', '-d', '@1800000000']).trim());
    expect(Number(set[1]) - 1800000000).toBeGreaterThanOrEqual(0);
    expect(Number(set[1]) - 1800000000).toBeLessThan(3);

    // cal
    expect(outputOf(out, 'cal 2 2024')).toBe(calMonth(2024, 2, true).map(trim).join('\n') + '\n');
    expect(outputOf(out, 'cal 9 1752')).toBe(calMonth(1752, 9, true).map(trim).join('\n') + '\n');
    expect(outputOf(out, 'cal 2026')).toBe(calYear(2026));
    expect(outputOf(out, 'cal 13 2026; echo st $?')).toBe('cal: illegal month value: use 1-12\nst 1\n');

    expect(out).toContain(`${SHELL_PROMPT}clear\n\x1b[H\x1b[2J\x1b[3J`);
    expect(outputOf(out, 'hostname; hostname box; hostname; uname -n')).toBe('hako\nbox\nbox\n');
    expect(outputOf(out, 'sync; echo st $?')).toBe('st 0\n');

    // du: 4 KiB blocks; big is 10000 bytes (3 blocks) and counted once for
    // its two links, wherever the walk (directory order, as GNU du) meets it first
    expect(outputOf(out, 'du /tmp/du')).toMatch(/^(8|20)\t\/tmp\/du\/sub\n28\t\/tmp\/du\n$/);
    expect(outputOf(out, 'du -s /tmp/du')).toBe('28\t/tmp/du\n');
    expect(outputOf(out, 'du -sh /tmp/du')).toBe('28K\t/tmp/du\n');
    expect(outputOf(out, 'du -a /tmp/du/sub').split('\n').sort().join('\n')).toBe(
      ['', '12\t/tmp/du/sub/big2', '20\t/tmp/du/sub', '4\t/tmp/du/sub/b'].sort().join('\n'));
    expect(outputOf(out, 'du -sk /tmp/du/big /tmp/nope; echo st $?')).toBe(
      "12\t/tmp/du/big\ndu: cannot access '/tmp/nope': No such file or directory\nst 1\n");

    // pstree: init, syslogd (started at boot) and its klogd child, the shell, two merged sleeps and pstree itself
    const pst = outputOf(out, 'sleep 30 & sleep 30 & pstree').split('\n').filter((l) => !/^\[\d\]/.test(l)).join('\n');
    expect(pst).toBe('init-+-syslogd---syslogd\n     `-sh-+-2*[sleep]\n          `-pstree\n');
    expect(outputOf(out, 'pstree -p')).toMatch(/^init\(1\)-\+-syslogd\(\d+\)---syslogd\(\d+\)\n {8}`-sh\((\d+)\)-\+-sleep\(\d+\)\n {16}\|-sleep\(\d+\)\n {16}`-pstree\(\d+\)\n$/);

    // top: procps' header, the busy cat first with most of the CPU, sorted by %CPU
    const top = outputOf(out, `${busy} top -b -n 1; kill $!`).split('\n').filter((l) => !/^\[\d\]/.test(l));
    expect(top[0]).toMatch(/^top - \d\d:\d\d:\d\d up \d+ min,  load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d$/);
    expect(top[1]).toMatch(/^Tasks: +\d+ total, +\d+ running, +\d+ sleeping, +0 stopped, +0 zombie$/);
    expect(top[2]).toMatch(/^%Cpu\(s\): +\d+\.\d us, +\d+\.\d sy, +0\.0 ni, +\d+\.\d id$/);
    expect(top[3]).toMatch(/^MiB Mem : +32\.0 total, +\d+\.\d free, +\d+\.\d used, +\d+\.\d buff\/cache$/);
    expect(top[4]).toMatch(/^MiB Swap: +0\.0 total, +0\.0 free, +0\.0 used\. +\d+\.\d avail Mem$/);
    expect(top[6]).toBe('  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND');
    const rows = top.slice(7).filter((l) => l.trim());
    expect(rows[0]).toMatch(/^ +\d+ root +20 +0 +\d+ +\d+ +0 R +\d+\.\d +\d+\.\d +\d+:\d\d\.\d\d cat$/);
    const cpus = rows.map((l) => Number(l.split(/ +/)[9]));
    expect(cpus[0]).toBeGreaterThan(50);
    expect([...cpus].sort((a, b) => b - a)).toEqual(cpus);
    expect(rows.map((l) => l.split(/ +/).pop())).toEqual(expect.arrayContaining(['init', 'sh', 'top', 'cat']));

    // watch -g: frames with procps' header until the file changes, then status 0
    const w = outputOf(out, "echo a > /tmp/w; sh -c 'sleep 3; echo b > /tmp/w' & watch -n 1 -g cat /tmp/w; echo watch $?");
    const frames = w.split('\x1b[H\x1b[2J').slice(1);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    for (const f of frames.slice(0, -1)) expect(f).toMatch(/^Every 1\.0s: cat \/tmp\/w +box: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n\na\n$/);
    expect(w).toMatch(/\nwatch 0\n/);

    // tar made on the host, in the guest: GNU's listing, the contents
    expect(outputOf(out, 'tar tvf /host.tar')).toBe(host('tar', ['tvf', 'host.tar'], work));
    expect(outputOf(out, 'mkdir /tmp/hx && tar -x -C /tmp/hx -f /host.tar && cat /tmp/hx/src/hello.txt && readlink /tmp/hx/src/link && wc -c /tmp/hx/src/sub/big.bin'))
      .toMatch(/^hello, tar\nhello\.txt\n *5000 \/tmp\/hx\/src\/sub\/big\.bin\n$/);
    expect(outputOf(out, 'tar xf /nope.tar; echo st $?')).toBe('tar: /nope.tar: No such file or directory\nst 2\n');

    // interactive top: frames drawn on a cleared screen until q
    const live = outputOf(out, 'top -d 1');
    expect(live.split('\x1b[H\x1b[2Jtop - ').length - 1).toBe(2);
    expect(live).toContain('  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n');

    // df, last before poweroff: Linux's ext2 statfs from dumpe2fs of the image
    expect(outputOf(out, 'df /proc')).toBe('Filesystem     1K-blocks Used Available Use% Mounted on\nproc                   0    0         0    - /proc\n');
    const dir = join(work, 'img');
    mkdirSync(dir);
    const img = join(dir, 'disk.img');
    writeFileSync(img, store.image);
    const fsck = spawnSync('e2fsck', ['-fn', img], { encoding: 'utf8' });
    expect(fsck.status, fsck.stdout + fsck.stderr).toBe(0);
    const dump = host('dumpe2fs', [img]);
    const field = (name: string) => Number(new RegExp(`^${name}: +(\\d+)$`, 'm').exec(dump)![1]);
    let overhead = field('First block');
    for (const m of dump.matchAll(/superblock at \d+, Group descriptors at (\d+)-(\d+)/g)) overhead += 1 + Number(m[2]) - Number(m[1]) + 1;
    overhead += (dump.match(/Block bitmap at/g) ?? []).length + (dump.match(/Inode bitmap at/g) ?? []).length;
    for (const m of dump.matchAll(/Inode table at (\d+)-(\d+)/g)) overhead += Number(m[2]) - Number(m[1]) + 1;
    const size = (field('Block count') - overhead) * 4;
    const free = field('Free blocks') * 4;
    const avail = (field('Free blocks') - field('Reserved block count')) * 4;
    const used = size - free;
    const pct = Math.ceil((used * 100) / (used + avail));
    const dfRows = outputOf(out, 'df').split('\n');
    expect(dfRows[0]).toMatch(/^Filesystem +1K-blocks +Used +Available +Use% Mounted on$/);
    expect(dfRows[1].split(/ +/)).toEqual(['/dev/hda', String(size), String(used), String(avail), `${pct}%`, '/']);
    const iRow = outputOf(out, 'df -i').split('\n')[1].split(/ +/);
    expect(iRow).toEqual(['/dev/hda', String(field('Inode count')), String(field('Inode count') - field('Free inodes')),
      String(field('Free inodes')), `${Math.ceil(((field('Inode count') - field('Free inodes')) * 100) / field('Inode count'))}%`, '/']);
    expect(outputOf(out, 'df -h').split('\n')[1]).toMatch(/^\/dev\/hda +3\dM +\d+(\.\d)?M +\d+M +\d+% \/$/);

    // tar made in the guest, on the host: GNU tar lists and extracts it, byte for byte
    const guestTar = join(work, 'guest.tar');
    host('debugfs', ['-R', `dump /tmp/guest.tar ${guestTar}`, img]);
    expect(statSync(guestTar).size % 10240).toBe(0);
    const listing = host('tar', ['tf', guestTar]).split('\n').filter(Boolean).sort();
    expect(listing).toEqual(['du/', 'du/a', 'du/big', 'du/sub/', 'du/sub/b', 'du/sub/big2', 'host.tar'].sort());
    const x = join(work, 'x');
    mkdirSync(x);
    host('tar', ['xf', guestTar], x);
    expect(readFileSync(join(x, 'du/a'), 'utf8')).toBe('hello\n');
    expect(readFileSync(join(x, 'du/big'), 'utf8')).toBe('y\n'.repeat(5000));
    expect(readFileSync(join(x, 'host.tar'))).toEqual(readFileSync(join(work, 'host.tar')));
    expect(statSync(join(x, 'du/a')).mode & 0o777).toBe(0o644);
    expect(host('tar', ['tvf', guestTar])).toMatch(/^drwxr-xr-x root\/root +0 \d{4}-\d\d-\d\d \d\d:\d\d du\/\n/);
  }, 900_000);
});
