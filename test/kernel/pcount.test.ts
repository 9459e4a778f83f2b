// /bin/pcount, the race demo of lesson 24: four threads adding to one
// counter lose updates without a mutex (a thread switched out between its
// read and its write writes back a stale value) and lose none with one.
import { describe, it, expect } from 'vitest';
import { outputOf, runShell } from './shell-session.ts';

describe('pcount', () => {
  it('shows lost updates without a mutex and an exact total with one', async () => {
    const out = await runShell(['pcount 4 100000; echo status $?', 'pcount -x'], { ramMiB: 32, budget: 400_000_000 });
    const text = outputOf(out, 'pcount 4 100000; echo status $?');
    expect(text).toContain('pcount: 4 threads x 100000 increments = 400000 expected\n');
    const unlocked = /without a mutex: (\d+) \((\d+) lost\)/.exec(text);
    expect(unlocked, text).not.toBeNull();
    expect(Number(unlocked![1]) + Number(unlocked![2])).toBe(400000);
    expect(Number(unlocked![2])).toBeGreaterThan(0);   // the race is visible
    expect(text).toContain('with a mutex:    400000 (0 lost)\n');
    expect(text).toContain('status 0\n');
    expect(outputOf(out, 'pcount -x')).toContain('usage: pcount');
  }, 600_000);
});
