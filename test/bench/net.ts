// Network stack benchmarks (npm run bench): the real kernel and root disk
// booted headless in deterministic mode, /bench/tcp (userland/bench/tcp.c)
// typed at the prompt.
//
//   tcp-throughput  4 MiB through one loopback TCP connection, a writer
//                   process to a reader: bytes per million retired
//                   instructions (everything: both processes, the kernel,
//                   knetd) and MB/s of host wall time between the marks
//   tcp-connect     connect + accept + close of both ends over the
//                   loopback, per round (instructions, host seconds)
//   epoll-wait-1000-sockets  one epoll_wait (timeout 0) over 1,000 idle
//                   AF_UNIX datagram sockets (500 socketpairs) and one ready pipe
//                   (/bench/epollsock, userland/bench/epollsock.c), per call;
//                   one_idle_instructions: the same over one idle pair
import type { Benchmark } from '../../scripts/bench.ts';
import { kernelImage } from '../kernel/harness.ts';
import { benchDisk, benchStores, OsSession, parseResult, PROMPT, type Mark } from './os-harness.ts';

function hostSeconds(a: Mark, b: Mark): number { return (b.hostMs - a.hostMs) / 1000; }
function cpuSeconds(a: Mark, b: Mark): number { return (b.cpuMs - a.cpuMs) / 1000; }
function sig(x: number, digits = 3): number { return Number(x.toPrecision(digits)); }
/** Emulated seconds (the guest's clock: 100 MHz, idle time included) between two marks. */
function emulatedSeconds(a: Mark, b: Mark): number { return (b.ticks - a.ticks) / 100_000_000; }

type Fields = Record<string, number | string>;

type Name = 'tcp-throughput' | 'tcp-connect' | 'epoll-wait-1000-sockets';

async function measure(): Promise<Record<Name, Fields>> {
  const s = new OsSession(await kernelImage(), benchStores(benchDisk()));
  await s.runUntil(PROMPT);
  const out = await s.command('/bench/tcp');
  const t = parseResult(out, 'tcp-throughput');
  const c = parseResult(out, 'tcp-connect');
  const tSeconds = hostSeconds(s.mark('tcp-start'), s.mark('tcp-end'));
  const tCpu = cpuSeconds(s.mark('tcp-start'), s.mark('tcp-end'));
  const tEmulated = emulatedSeconds(s.mark('tcp-start'), s.mark('tcp-end'));
  const cSeconds = hostSeconds(s.mark('connect-start'), s.mark('connect-end'));
  const e = parseResult(await s.command('/bench/epollsock'), 'epoll-wait-sockets');
  const eSeconds = hostSeconds(s.mark('epollsock-start'), s.mark('epollsock-end'));
  const exit = await s.powerOff();
  if (exit !== 0) throw new Error(`poweroff gave exit code ${exit}:\n${s.tail()}`);
  return {
    'tcp-throughput': {
      instructions: t.total, seconds: sig(tSeconds), bytes: t.bytes, bytes_per_million_instructions: t.bytes_per_minstr,
      mb_per_host_second: sig(t.bytes / 1e6 / tSeconds), mb_per_host_cpu_second: sig(t.bytes / 1e6 / tCpu),
      emulated_seconds: sig(tEmulated), mb_per_emulated_second: sig(t.bytes / 1e6 / tEmulated),
    },
    'tcp-connect': {
      instructions: c.per_round, seconds: sig(cSeconds / c.rounds), rounds: c.rounds, loop_instructions: c.total,
    },
    'epoll-wait-1000-sockets': {
      instructions: e.per_call, seconds: sig(eSeconds / e.calls), idle_sockets: e.idle_sockets, calls: e.calls,
      one_idle_instructions: e.per_call_one_idle,
    },
  };
}

let shared: ReturnType<typeof measure> | null = null;

function bench(name: Name): Benchmark {
  return {
    name,
    async run() {
      shared ??= measure();
      return (await shared)[name];
    },
  };
}

export const benchmarks: Benchmark[] = [bench('tcp-throughput'), bench('tcp-connect'), bench('epoll-wait-1000-sockets')];
