// Users and login on the real userland (issue 10, "Users and login"): a
// boot with the kernel command line word `login` (what `npm run os --
// --login` passes) gives getty's prompt instead of a root shell. A wrong
// password is refused and logged; hako logs in with its password (README),
// `id` shows uid 1000, /etc/shadow is root:shadow 0640; su to root asks
// for root's password and refuses a wrong one (logged, after a delay);
// root's `su hako` needs none. The disk is e2fsck-clean afterwards.
import { describe, it, expect } from 'vitest';
import { MemoryBlockStore } from '../../emulator/blockstore/memory.ts';
import { boot } from './harness.ts';
import { outputAfterPrompt as after, userlandDisk } from './shell-session.ts';
import { fsckProblems } from './damaged-disk.ts';

const USER_PROMPT = 'hako:/home/hako$ ';
const ROOT_PROMPT = 'hako:/root# ';

describe('login and su (issue 10)', () => {
  it('getty/login with the password, id, su with and without a password, failures refused and logged; e2fsck clean', async () => {
    const store = new MemoryBlockStore(userlandDisk());
    const step = (a: string, send: string) => ({ after: a, send: `${send}\r` });
    const script = [
      step('hako login: ', 'hako'),
      step('Password: ', 'not-the-password'),
      step('hako login: ', 'hako'),
      step('Password: ', 'hako'),
      step(USER_PROMPT, 'id'),
      step(USER_PROMPT, 'whoami; groups'),
      step(USER_PROMPT, 'ls -l /etc/shadow'),
      step(USER_PROMPT, 'su -c id'),
      step('Password: ', 'root'),
      step(USER_PROMPT, 'su -c id'),
      step('Password: ', 'wrong'),
      step(USER_PROMPT, 'echo status=$?'),
      step(USER_PROMPT, 'a=$(date +%s); echo wrong | su -c true; b=$(date +%s); echo slowed=$((b - a))'),
      step(USER_PROMPT, 'su -'),
      step('Password: ', 'root'),
      step(ROOT_PROMPT, 'id -un; pwd'),
      step(ROOT_PROMPT, 'su hako -c id'),
      step(ROOT_PROMPT, 'cat /var/log/auth.log'),
      step(ROOT_PROMPT, 'poweroff'),
    ];
    const r = await boot({ ramMiB: 32, cmdline: 'login', disks: [store], script, budget: 6_000_000_000 });
    const out = r.output.replace(/\r\n/g, '\n');
    if (process.env.DEBUG_OUT) console.log(out, r.instructions);
    expect(r.state, `${r.deadReason}\n${out.slice(-3000)}`).toBe('off');

    // no root shell without a login: the first prompt is getty's
    expect(out.indexOf('hako login: ')).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('hako login: ')).toBeLessThan(out.indexOf('Login incorrect'));
    expect(out.slice(0, out.indexOf('hako login: '))).not.toMatch(/hako:\S*[#$] /);
    // the passwords are not echoed
    expect(out).not.toContain('not-the-password');

    expect(after(out, USER_PROMPT, 'id')).toBe('uid=1000(hako) gid=1000(hako) groups=1000(hako),10(wheel),100(users)\n');
    expect(after(out, USER_PROMPT, 'whoami; groups')).toBe('hako\nhako wheel users\n');
    expect(after(out, USER_PROMPT, 'ls -l /etc/shadow')).toMatch(/^-rw-r----- +1 root +shadow +\d+ .* \/etc\/shadow\n$/);
    const suOk = after(out, USER_PROMPT, 'su -c id');
    expect(suOk).toContain('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
    const suBad = out.slice(out.indexOf('su: Authentication failure') - 200);
    expect(suBad).toContain('su: Authentication failure');
    expect(after(out, USER_PROMPT, 'echo status=$?')).toBe('status=1\n');
    // a wrong password costs the delay (3 s of emulated time), even from a pipe
    const slowed = after(out, USER_PROMPT, 'a=$(date +%s); echo wrong | su -c true; b=$(date +%s); echo slowed=$((b - a))');
    expect(slowed).toMatch(/su: Authentication failure\nslowed=[34]\n$/);
    expect(after(out, ROOT_PROMPT, 'id -un; pwd')).toBe('root\n/root\n');
    expect(after(out, ROOT_PROMPT, 'su hako -c id')).toBe('uid=1000(hako) gid=1000(hako) groups=1000(hako),10(wheel),100(users)\n');
    const log = after(out, ROOT_PROMPT, 'cat /var/log/auth.log').split('\n').filter((l) => l !== '');
    expect(log.length).toBe(3);
    expect(log[0]).toMatch(/ login\[\d+\]: FAILED LOGIN for hako \(by uid 0\)$/);
    expect(log[1]).toMatch(/ su\[\d+\]: FAILED SU for root \(by uid 1000\)$/);
    expect(log[2]).toMatch(/ su\[\d+\]: FAILED SU for root \(by uid 1000\)$/);

    expect(fsckProblems(store.image)).toEqual([]);
  }, 600_000);
});
