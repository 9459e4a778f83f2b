// The command line of `npm run os`, parsed without side effects so it can be
// tested on its own (cli/os.ts does the booting).

export const USAGE = `usage: npm run os -- [--ram MiB] [--swap MiB] [--swap-file FILE] [--disk FILE]
                     [--disk2 FILE] [--share DIR] [--net NAME] [--ip ADDR/NN] [--pcap FILE]
                     [--net-loss FRACTION]
                     [--add HOST:GUEST]... [--kernel FILE] [--cmdline TEXT] [--login] [--wasm]
  --ram MiB         memory of the machine (default 32)
  --swap MiB        size of the swap disk (default 16)
  --swap-file FILE  keep swap in a host file instead of memory
  --disk FILE       keep the root disk in a host file across runs (created from build/disk.img
                    when missing or empty; a file that is not an ext2 image is refused)
  --disk2 FILE      attach FILE (an ext2 image, written in place) as the second disk,
                    /dev/hdc in the guest: mount /dev/hdc /mnt
  --share DIR       the host directory DIR, read-write, at /host in the guest (the shared-folder
                    device; files appear owned by uid 1000 with the host's permission bits)
  --net NAME        plug the network card (eth0) into network NAME, shared by every machine on
                    this host that names it (the first one started is the hub); eth0 gets
                    10.0.0.X/24, X from the card's MAC (printed at boot), unless --ip says
  --ip ADDR/NN      eth0's IPv4 address and prefix length, e.g. 10.0.0.7/24 (the kernel's ip=)
  --pcap FILE       write every frame the card sends and receives to FILE (libpcap format,
                    for tcpdump -r or Wireshark; time stamps in emulated time); adds the card
  --net-loss FRACTION  lose this fraction (0 to 1) of the frames this machine sends (seeded)
  --add HOST:GUEST  copy a host file into the root disk before boot (repeatable)
  --kernel FILE     boot another kernel image (default build/kernel.elf)
  --cmdline TEXT    kernel command line
  --login           a login prompt (getty) on the console instead of a root shell
                    (adds the word "login" to the command line, which the kernel passes to init)
  --wasm            run hot loops through the WebAssembly tier (docs/performance.md)
In a terminal, Ctrl-] leaves the emulator at once.`;

export interface OsOptions {
  ramMiB: number;
  swapMiB: number;
  swapFile?: string;
  disk?: string;
  /** --disk2: a host file as disk 2 (/dev/hdc). */
  disk2?: string;
  /** --share: a host directory for the shared-folder device (/host). */
  share?: string;
  /** --net: the network the card is plugged into. */
  net?: string;
  /** --ip: eth0's address and prefix, `A.B.C.D/N` (the kernel's `ip=`). */
  ip?: string;
  /** --pcap: a capture file of the card's frames. */
  pcap?: string;
  /** --net-loss: the fraction of sent frames the wire loses. */
  netLoss?: number;
  adds: { host: string; guest: string }[];
  kernel?: string;
  cmdline: string;
  /** --login: getty on the console (set only when given). */
  login?: boolean;
  /** --wasm: the wasm tier on (set only when given). */
  wasm?: boolean;
}

/** The kernel command line: --cmdline's text, `ip=` for --ip, and the word `login` for --login. */
export function kernelCmdline(o: OsOptions): string {
  return [o.cmdline, o.ip ? `ip=${o.ip}` : '', o.login ? 'login' : ''].filter((w) => w).join(' ');
}

/** True for `A.B.C.D/N`: four numbers 0..255 and a prefix 1..32 (the form the kernel's ip= takes). */
export function validAddress(text: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  return m !== null && m.slice(1, 5).every((n) => Number(n) <= 255) && Number(m[5]) >= 1 && Number(m[5]) <= 32;
}

/**
 * The address a machine on --net takes when neither --ip nor an ip= in
 * --cmdline gives one: 10.0.0.X/24 with X (1..254) from the MAC's last
 * byte, so two terminals on one host usually differ (the MACs come from
 * process ids); a clash is fixed with --ip.
 */
export function defaultAddress(mac: Uint8Array): string {
  return `10.0.0.${(mac[5] % 254) + 1}/24`;
}

/** `o` with its --net default address filled in (unchanged when an address is given or there is no --net). */
export function withDefaultAddress(o: OsOptions, mac: Uint8Array): OsOptions {
  if (!o.net || o.ip || /(^| )ip=/.test(o.cmdline)) return o;
  return { ...o, ip: defaultAddress(mac) };
}

/** Parse the command line; returns an error message for bad input. */
export function parseArgs(argv: string[]): OsOptions | string {
  const o: OsOptions = { ramMiB: 32, swapMiB: 16, adds: [], cmdline: '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => (i + 1 < argv.length ? argv[++i] : undefined);
    const size = (name: string, min: number, max: number): number | string => {
      const v = value();
      const n = v === undefined ? NaN : Number(v);
      if (!Number.isInteger(n) || n < min || n > max) return `${name} needs a whole number of MiB from ${min} to ${max}`;
      return n;
    };
    if (a === '--help' || a === '-h') return USAGE;
    if (a === '--login') { o.login = true; continue; }
    if (a === '--wasm') { o.wasm = true; continue; }
    if (a === '--ram') { const n = size('--ram', 4, 1024); if (typeof n === 'string') return n; o.ramMiB = n; continue; }
    if (a === '--swap') { const n = size('--swap', 0, 4096); if (typeof n === 'string') return n; o.swapMiB = n; continue; }
    if (a === '--net-loss') {
      const v = value();
      const n = v === undefined ? NaN : Number(v);
      if (!(n >= 0 && n <= 1)) return '--net-loss needs a fraction from 0 to 1';
      o.netLoss = n;
      continue;
    }
    if (a === '--ip') {
      const v = value();
      if (v === undefined || !validAddress(v)) return `--ip needs an address and prefix length like 10.0.0.7/24, not "${v ?? ''}"`;
      o.ip = v;
      continue;
    }
    const v = ['--swap-file', '--disk', '--disk2', '--share', '--net', '--pcap', '--add', '--kernel', '--cmdline'].includes(a) ? value() : undefined;
    if (a === '--swap-file' && v) o.swapFile = v;
    else if (a === '--disk' && v) o.disk = v;
    else if (a === '--disk2' && v) o.disk2 = v;
    else if (a === '--share' && v) o.share = v;
    else if (a === '--net' && v) o.net = v;
    else if (a === '--pcap' && v) o.pcap = v;
    else if (a === '--kernel' && v) o.kernel = v;
    else if (a === '--cmdline' && v !== undefined) o.cmdline = v;
    else if (a === '--add' && v) {
      const colon = v.lastIndexOf(':/'); // host paths may contain ':'
      if (colon <= 0 || colon === v.length - 1 || !v.slice(colon + 1).startsWith('/')) {
        return `--add needs HOST:GUEST with an absolute guest path, not "${v}"`;
      }
      o.adds.push({ host: v.slice(0, colon), guest: v.slice(colon + 1) });
    } else return `unknown or incomplete argument "${a}"\n${USAGE}`;
  }
  return o;
}
