// The input log: everything the host does to a machine, in order, so that a
// replay from a snapshot repeats it exactly.
//
// Two kinds of entries:
// - 'run': a run()/step() call ended at (instret, now) under `until` (the
//   tick limit real-time pacing gave it). Replaying it with
//   Machine.replayRun cuts the same batches, so a device that reads the
//   clock in the middle of a batch reads the same value (the machine's
//   determinism contract is about batches, and the host chooses `until`).
//   `faults` (exceptions delivered so far) tells a call that ended right
//   after delivering a fault, with nothing retired after it.
// - inputs, each with the instruction count and tick at which it arrived:
//   console bytes ('input'), idle time passed by real-time pacing ('idle'),
//   a terminal resize ('size'), a doorbell request ('bell'), a network
//   frame or carrier change from the cable ('frame', 'carrier').
// Inputs always arrive between run() calls (JavaScript runs one thing at a
// time), which is what makes the log exact.
//
// The log is taken by wrapping the host's entry points on the machine's own
// objects (tap): the machine and its devices need no knowledge of it. The
// doorbell's answer callback is the host's and is not replayed.

import type { Machine } from '../machine.ts';

interface At { instret: number; now: number }
export type LogEntry =
  | { kind: 'run'; until: number; instret: number; now: number; faults: number }
  | (At & { kind: 'input'; bytes: Uint8Array })
  | (At & { kind: 'idle'; tick: number })
  | (At & { kind: 'size'; columns: number; rows: number })
  | (At & { kind: 'bell'; command: number; arg0: number; arg1: number })
  | (At & { kind: 'frame'; frame: Uint8Array })
  | (At & { kind: 'carrier'; up: boolean });

/** The machine's entry points as they were before tap(): what a replay calls. */
export interface Untapped {
  sendInput(bytes: Uint8Array): void;
  passIdleTime(tick: number): void;
  setSize(columns: number, rows: number): void;
  ring(command: number, arg0: number, arg1: number): void;
  frame(frame: Uint8Array): void;
  carrier(up: boolean): void;
}

/**
 * Wrap the host's entry points of `m` so each call is given to `log` (with
 * the time it came) before it takes effect. Returns the originals.
 */
export function tap(m: Machine, log: (e: LogEntry) => void): Untapped {
  const at = (): At => ({ instret: m.cpu.instret, now: m.now() });
  const sendInput = m.sendInput.bind(m);
  const passIdleTime = m.passIdleTime.bind(m);
  const setSize = m.consoleSize.setSize.bind(m.consoleSize);
  const ring = m.doorbell.ring.bind(m.doorbell);
  const nic = m.nic;
  const receive = nic ? nic.receive.bind(nic) : () => {};
  const plug = nic ? nic.plug.bind(nic) : () => {};
  m.sendInput = (bytes) => {
    const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes.slice();
    log({ kind: 'input', ...at(), bytes: b });
    sendInput(b);
  };
  m.passIdleTime = (tick) => {
    log({ kind: 'idle', ...at(), tick });
    passIdleTime(tick);
  };
  m.consoleSize.setSize = (columns, rows) => {
    log({ kind: 'size', ...at(), columns, rows });
    setSize(columns, rows);
  };
  m.doorbell.ring = (request) => {
    log({ kind: 'bell', ...at(), command: request.command, arg0: request.arg0, arg1: request.arg1 });
    return ring(request);
  };
  if (nic) {
    nic.receive = (frame) => {
      log({ kind: 'frame', ...at(), frame: frame.slice() });
      receive(frame);
    };
    nic.plug = (wire) => {
      log({ kind: 'carrier', ...at(), up: wire !== null });
      plug(wire);
    };
  }
  return {
    sendInput, passIdleTime, setSize,
    ring: (command, arg0, arg1) => { ring({ command, arg0, arg1 }); },
    frame: receive,
    carrier: (up) => nic?.replayCarrier(up),
  };
}

/** Give an input entry to the machine again (through the untapped entry points: a replay logs nothing). */
export function replayInput(e: LogEntry, u: Untapped): void {
  switch (e.kind) {
    case 'input': u.sendInput(e.bytes); return;
    case 'idle': u.passIdleTime(e.tick); return;
    case 'size': u.setSize(e.columns, e.rows); return;
    case 'bell': u.ring(e.command, e.arg0, e.arg1); return;
    case 'frame': u.frame(e.frame); return;
    case 'carrier': u.carrier(e.up); return;
    case 'run': return;
  }
}
