import { describe, it, expect } from 'vitest';
import { defaultAddress, kernelCmdline, parseArgs, USAGE, withDefaultAddress } from '../../cli/args.ts';
import { macForIndex } from '../../emulator/devices/nic.ts';

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

  it('--wasm turns the wasm tier on, and only when given', () => {
    expect(parseArgs(['--wasm'])).toMatchObject({ wasm: true });
    expect(parseArgs([])).not.toHaveProperty('wasm');
  });

  it('--ip puts ip= on the kernel command line; a bad address is refused with a message', () => {
    const o = parseArgs(['--net', 'lan', '--ip', '10.0.0.7/24', '--cmdline', 'quiet', '--login']);
    expect(typeof o === 'object' && o.ip).toBe('10.0.0.7/24');
    expect(typeof o === 'object' && kernelCmdline(o)).toBe('quiet ip=10.0.0.7/24 login');
    for (const bad of ['10.0.0.7', '10.0.0.256/24', '10.0.0.7/33', '10.0.0.7/0', '10.0.7/24', 'ten/8', ' 10.0.0.7/24']) {
      expect(parseArgs(['--ip', bad]), bad).toMatch(/--ip needs an address and prefix length/);
    }
    expect(parseArgs(['--ip'])).toMatch(/--ip needs/);
  });

  it('--net without an address takes 10.0.0.X/24 from the MAC; --ip or an ip= in --cmdline wins; no --net, no address', () => {
    expect(defaultAddress(macForIndex(0x1234))).toBe('10.0.0.53/24');   // 0x34 = 52
    expect(defaultAddress(macForIndex(0xfe))).toBe('10.0.0.1/24');      // 254 wraps: never .0 or .255
    expect(defaultAddress(macForIndex(0xff))).toBe('10.0.0.2/24');
    const mac = macForIndex(7);
    const plain = parseArgs(['--net', 'lan']);
    expect(typeof plain === 'object' && kernelCmdline(withDefaultAddress(plain, mac))).toBe('ip=10.0.0.8/24');
    const given = parseArgs(['--net', 'lan', '--ip', '192.168.1.2/16']);
    expect(typeof given === 'object' && kernelCmdline(withDefaultAddress(given, mac))).toBe('ip=192.168.1.2/16');
    const inCmdline = parseArgs(['--net', 'lan', '--cmdline', 'ip=10.1.1.1/8']);
    expect(typeof inCmdline === 'object' && kernelCmdline(withDefaultAddress(inCmdline, mac))).toBe('ip=10.1.1.1/8');
    const noNet = parseArgs(['--pcap', 'c.pcap']);
    expect(typeof noNet === 'object' && kernelCmdline(withDefaultAddress(noNet, mac))).toBe('');
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
