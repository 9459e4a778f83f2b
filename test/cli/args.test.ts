import { describe, it, expect } from 'vitest';
import { kernelCmdline, parseArgs, USAGE } from '../../cli/args.ts';

describe('npm run os: command line', () => {
  it('has defaults of 32 MiB RAM and 16 MiB swap', () => {
    expect(parseArgs([])).toEqual({ ramMiB: 32, swapMiB: 16, adds: [], cmdline: '' });
  });

  it('takes every option', () => {
    expect(parseArgs(['--ram', '8', '--swap', '0', '--swap-file', 's.img', '--disk', 'd.img', '--disk2', 'e.img', '--share', 'sh',
      '--net', 'lan', '--pcap', 'c.pcap', '--net-loss', '0.05', '--add', 'a.out:/bin/a', '--add', 'x:y:/tmp/x', '--kernel', 'k.elf', '--cmdline', 'quiet'])).toEqual({
      ramMiB: 8, swapMiB: 0, swapFile: 's.img', disk: 'd.img', disk2: 'e.img', share: 'sh', net: 'lan', pcap: 'c.pcap', netLoss: 0.05, kernel: 'k.elf', cmdline: 'quiet',
      adds: [{ host: 'a.out', guest: '/bin/a' }, { host: 'x:y', guest: '/tmp/x' }],
    });
  });

  it('--login adds the word `login` (for init) to the kernel command line, whatever the order', () => {
    const a = parseArgs(['--login', '--cmdline', 'quiet']);
    const b = parseArgs(['--cmdline', 'quiet', '--login']);
    expect(typeof a === 'object' && kernelCmdline(a)).toBe('quiet login');
    expect(typeof b === 'object' && kernelCmdline(b)).toBe('quiet login');
    const plain = parseArgs([]);
    expect(typeof plain === 'object' && kernelCmdline(plain)).toBe('');
    const only = parseArgs(['--login']);
    expect(typeof only === 'object' && kernelCmdline(only)).toBe('login');
  });

  it('refuses bad sizes, relative guest paths and unknown flags with a message', () => {
    expect(parseArgs(['--ram', 'lots'])).toMatch(/--ram needs a whole number/);
    expect(parseArgs(['--ram', '2'])).toMatch(/from 4 to 1024/);
    expect(parseArgs(['--add', 'file:relative'])).toMatch(/absolute guest path/);
    expect(parseArgs(['--add', 'nocolon'])).toMatch(/HOST:GUEST/);
    expect(parseArgs(['--frobnicate'])).toMatch(/unknown or incomplete argument "--frobnicate"/);
    expect(parseArgs(['--disk'])).toMatch(/incomplete/);
    expect(parseArgs(['--disk2'])).toMatch(/incomplete/);
    expect(parseArgs(['--net'])).toMatch(/incomplete/);
    expect(parseArgs(['--net-loss', '2'])).toMatch(/fraction from 0 to 1/);
    expect(parseArgs(['--help'])).toBe(USAGE);
  });
});
