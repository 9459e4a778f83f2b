// The machine: CPU + RAM + port bus + interrupt controller + devices, and the
// synchronous run loop that the CLI, the page's worker (through runner.ts)
// and the tests all drive.
//
// Time: emulated time is `now()` ticks of the nominal 100 MHz clock, equal to
// instructions retired plus the ticks skipped while the CPU was halted (a
// `hlt` with IF=1 jumps straight to the next device deadline). Nothing here
// reads the host clock, so a run is deterministic: same image, same input at
// the same points → same output, same instruction counts.
//
// The loop (run): advance the devices to now (fire due deadlines, raise
// IRQs); then execute a batch that ends exactly at the earliest deadline or
// at the next multiple of BATCH_QUANTUM ticks; repeat until the caller's
// budget is used (so it may overshoot by less than a quantum). A device whose deadline moves while a batch
// runs (a disk command, a timer reprogram) asks the CPU to stop after the
// current instruction, so events land at the same tick whatever the batch
// sizes. IRQ delivery itself is the CPU's: the controller mirrors "something
// deliverable" into cpu.irqPending and the CPU takes it when IF allows.
//
// run() returns the state it stopped in:
//   running    budget or time limit used up; call again
//   sleeping   halted until a deadline beyond the time limit (paced runs)
//   idle       halted with nothing scheduled: only console input (or a frame
//              from the network cable) can wake it; whenInput() resolves then
//   io-wait    a disk request is due but its host store has not answered;
//              await ioSettled() (emulated time stands still meanwhile)
//   breakpoint stopped before an instruction at a breakpoint; run() goes on
//   off        the guest powered off (exitCode); dead: the CPU stopped for
//              good (deadReason). Both are final.
// The machine never throws from run(), whatever the guest does.

import { PortBus } from './bus.ts';
import { PhysicalMemory } from './memory.ts';
import { Cpu, STOP_BREAKPOINT, STOP_DEAD, STOP_HALTED, STOP_REQUESTED, type CpuState } from './cpu.ts';
import { WIDE_ZERO } from './cpu/access.ts';
import { warmUpInterpreter } from './cpu/warmup.ts';
import { Pic, type PicState, PIC_COMMAND_PORT, PIC_MASK_HIGH_PORT, PIC_MASK_LOW_PORT } from './devices/pic.ts';
import { Timer, type TimerState, TIMER_BASE_PORT, TIMER_PORT_COUNT } from './devices/timer.ts';
import { Rtc, RTC_PORT, RTC_PORT_COUNT } from './devices/rtc.ts';
import { Uart, type UartState, UART_BASE_PORT, UART_PORT_COUNT } from './devices/uart.ts';
import { PowerControl, POWER_PORT } from './devices/power.ts';
import { ConsoleSize, type ConsoleSizeSnapshot, CONSOLE_SIZE_BASE_PORT, CONSOLE_SIZE_PORT_COUNT } from './devices/console-size.ts';
import { Doorbell, type DoorbellState, DOORBELL_BASE_PORT, DOORBELL_PORT_COUNT } from './devices/doorbell.ts';
import {
  BlockDevice, DISK_PORT_COUNT, DISK_SLOTS, type BlockDeviceState,
} from './devices/block.ts';
import { ShareDevice, type ShareDeviceState, SHARE_BASE_PORT, SHARE_PORT_COUNT } from './devices/share.ts';
import type { ShareBackend } from './share/backend.ts';
import { NetworkCardDevice, type NicState, NIC_BASE_PORT, NIC_PORT_COUNT, macForIndex } from './devices/nic.ts';
import { TICKS_PER_SECOND, type TimedDevice } from './devices/device.ts';
import type { BlockStore } from './blockstore/interface.ts';
import { createWasmBacking } from './cpu/wasm-memory.ts';
import { loadKernel, SymbolTable, type BootState, type ElfSymbol } from './loader.ts';

export type MachineState = 'ready' | 'running' | 'sleeping' | 'idle' | 'io-wait' | 'breakpoint' | 'off' | 'dead';

export interface MachineOptions {
  ramBytes: number;
  /** Disk 0 (root), disk 1 (swap), disk 2 (a second volume): at most three
   * slots; an undefined slot is empty (e.g. a disk 2 without swap). */
  disks?: (BlockStore | undefined)[];
  cmdline?: string;
  /** Unix time at power-on, for the RTC and the boot info (default: the host clock, rounded to seconds). */
  bootTime?: number;
  /** Override the disk completion latency (µs); the default is DISK_LATENCY_US. */
  diskLatencyUs?: number;
  /** A host folder for the shared-folder device (the kernel mounts it on /host); none: no device. */
  share?: ShareBackend;
  /** A network card (ports 0x540, IRQ 10); its MAC (default: macForIndex(0)). None: no card. A cable
   * (emulator/net/cable.ts) is attached by the host afterwards: until then the card has no carrier. */
  nic?: { mac?: Uint8Array };
  /** The wasm tier (emulator/cpu/wasm-tier.ts): RAM, TLB and CPU state in one WebAssembly.Memory
   * and hot loops compiled to wasm. Off by default; HAKO_WASM=1 turns it on where unset (tests). */
  wasm?: boolean;
}

/** The wasm option's default: the HAKO_WASM environment variable (Node only), else off. */
function wasmDefault(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.HAKO_WASM === '1';
}

export interface MachineEvents {
  /** Bytes the guest wrote to the console (delivered when run() returns or the buffer fills). */
  console: (bytes: Uint8Array) => void;
  poweroff: (exitCode: number) => void;
  dead: (reason: string) => void;
  /** A host store failed; the guest saw ERROR = 3 (store error). */
  'disk-error': (message: string) => void;
}

/**
 * Everything but RAM and the disks' bytes that a time-travel snapshot keeps
 * (emulator/timetravel): the CPU's and each device's own saveState, and the
 * machine's clock and run state. Taken between run() calls only.
 */
export interface SavedMachine {
  cpu: CpuState; skippedTicks: number; state: MachineState; exitCode: number | null; deadReason: string;
  pic: PicState; timer: TimerState; uart: UartState; consoleSize: ConsoleSizeSnapshot; doorbell: DoorbellState;
  disks: BlockDeviceState[]; share: ShareDeviceState | null; nic: NicState | null;
}

/** Told of every run()/step() call as it ends (time travel's recorder logs them: emulator/timetravel). */
export interface RunObserver {
  ran(untilTick: number, instret: number, now: number): void;
}

const OUTPUT_BUFFER = 4096;
/**
 * Batches end at multiples of this many ticks (and at deadlines, stops and
 * halts), never where the host's budget happens to run out: run() may retire
 * up to a quantum more than asked. The CPU adds a batch's instructions to
 * `instret` when the batch ends, so a device reading the time inside a batch
 * sees the batch's start; with boundaries that depend only on the guest, what
 * it sees is still deterministic (and at most 41 µs stale).
 */
export const BATCH_QUANTUM = 4096;

export class Machine {
  readonly memory: PhysicalMemory;
  readonly bus = new PortBus();
  readonly cpu: Cpu;
  readonly pic: Pic;
  readonly timer: Timer;
  readonly rtc: Rtc;
  readonly uart: Uart;
  /** The terminal's columns and rows, for the tty's window size (host: setSize). */
  readonly consoleSize: ConsoleSize;
  /** Host → kernel requests such as "send pid N signal S" (host: ring). */
  readonly doorbell: Doorbell;
  /** The attached disks, in slot order (an empty slot has none). */
  readonly disks: BlockDevice[] = [];
  /** The shared-folder device, when a folder was given. */
  readonly share: ShareDevice | null = null;
  /** The network card, when the machine has one. */
  readonly nic: NetworkCardDevice | null = null;
  /** Each slot's size in blocks, 0 when empty: what the boot info says. */
  private readonly diskSlotBlocks: number[] = [];
  readonly bootTime: number;
  readonly cmdline: string;

  state: MachineState = 'ready';
  exitCode: number | null = null;
  deadReason = '';
  boot: BootState | null = null;
  symbols = new SymbolTable([]);
  /**
   * The debugger's names for user addresses (the current process's program),
   * consulted where the kernel's symbols know nothing; set by the page's
   * worker or a test (web/user-symbols.ts), null otherwise.
   */
  userSymbols: ((address: number) => { symbol: ElfSymbol; offset: number } | undefined) | null = null;
  /**
   * The debugger's filter for breakpoints it set itself (web/event-breaks.ts):
   * called with eip when a breakpoint stops the CPU; false lets the run go
   * on as if nothing had happened. Null (the default) costs nothing: only a
   * breakpoint hit ever looks at it.
   */
  breakFilter: ((eip: number) => boolean) | null = null;
  /** Time travel's recorder, when one is attached (null costs one compare per run() call). */
  runObserver: RunObserver | null = null;
  /** While set (a replay), console output is dropped: the terminal has shown it already. */
  muteConsole = false;

  /** Grows past 2^30 within seconds of emulated time: a heap number from the start (see WIDE_ZERO). */
  private skippedTicks = WIDE_ZERO;
  private readonly timed: TimedDevice[];
  private readonly output = new Uint8Array(OUTPUT_BUFFER);
  private outputLength = 0;
  private readonly listeners: { [K in keyof MachineEvents]: MachineEvents[K][] } = {
    console: [], poweroff: [], dead: [], 'disk-error': [],
  };
  private inputWaiters: (() => void)[] = [];

  constructor(options: MachineOptions) {
    const wasm = options.wasm ?? wasmDefault();
    this.memory = new PhysicalMemory(options.ramBytes, wasm ? createWasmBacking(options.ramBytes) : null);
    this.cpu = new Cpu(this.memory, this.bus);
    this.cpu.wasmTier = wasm;
    this.bootTime = options.bootTime ?? Math.floor(Date.now() / 1000);
    this.cmdline = options.cmdline ?? '';
    const clock = { now: () => this.now() };
    const scheduleChanged = () => { this.cpu.stopRequested = true; };

    this.pic = new Pic((deliverable) => { this.cpu.irqPending = deliverable; });
    this.cpu.intc = this.pic;
    this.bus.register(PIC_COMMAND_PORT, 2, this.pic);
    this.bus.register(PIC_MASK_HIGH_PORT, 1, this.pic);
    void PIC_MASK_LOW_PORT;

    this.timer = new Timer(clock, this.pic, scheduleChanged);
    this.bus.register(TIMER_BASE_PORT, TIMER_PORT_COUNT, this.timer);
    this.rtc = new Rtc(clock, this.bootTime);
    this.bus.register(RTC_PORT, RTC_PORT_COUNT, this.rtc);
    this.uart = new Uart(this.pic, (byte) => this.consoleByte(byte));
    this.uart.onInput(() => this.wakeInputWaiters());
    this.bus.register(UART_BASE_PORT, UART_PORT_COUNT, this.uart);
    this.bus.register(POWER_PORT, 1, new PowerControl((code) => this.powerOff(code)));
    this.consoleSize = new ConsoleSize(this.pic);
    this.bus.register(CONSOLE_SIZE_BASE_PORT, CONSOLE_SIZE_PORT_COUNT, this.consoleSize);
    this.doorbell = new Doorbell(this.pic);
    this.bus.register(DOORBELL_BASE_PORT, DOORBELL_PORT_COUNT, this.doorbell);

    const stores = options.disks ?? [];
    if (stores.length > DISK_SLOTS.length) throw new Error(`the machine has ${DISK_SLOTS.length} disk slots, not ${stores.length}`);
    stores.forEach((store, i) => {
      if (!store) {
        this.diskSlotBlocks.push(0);
        return;
      }
      const slot = DISK_SLOTS[i];
      const disk = new BlockDevice({
        name: `disk${i}`, basePort: slot.basePort, irqLine: slot.irq, store, memory: this.memory,
        clock, irq: this.pic, onScheduleChange: scheduleChanged, latencyUs: options.diskLatencyUs,
        onStoreError: (message) => this.emit('disk-error', message),
      });
      this.disks.push(disk);
      this.diskSlotBlocks.push(disk.blocks);
      this.bus.register(slot.basePort, DISK_PORT_COUNT, disk);
    });
    if (options.share) {
      this.share = new ShareDevice({
        backend: options.share, memory: this.memory, clock, irq: this.pic, onScheduleChange: scheduleChanged,
      });
      this.bus.register(SHARE_BASE_PORT, SHARE_PORT_COUNT, this.share);
    }
    if (options.nic) {
      this.nic = new NetworkCardDevice({
        memory: this.memory, clock, irq: this.pic, mac: options.nic.mac ?? macForIndex(0),
        onScheduleChange: scheduleChanged, onWake: () => this.wakeInputWaiters(),
      });
      this.bus.register(NIC_BASE_PORT, NIC_PORT_COUNT, this.nic);
    }
    this.timed = [this.timer, ...this.disks, ...(this.share ? [this.share] : []), ...(this.nic ? [this.nic] : [])];
  }

  /** The boot loader: check and place the kernel ELF, then point the CPU at it (throws ElfLoadError). */
  load(elf: Uint8Array): BootState {
    const boot = loadKernel(elf, this.memory, {
      cmdline: this.cmdline, diskBlocks: this.diskSlotBlocks, bootTime: this.bootTime,
    });
    const cpu = this.cpu;
    cpu.reset();
    cpu.reg.fill(0);
    cpu.reg[0] = boot.eax;
    cpu.reg[3] = boot.ebx;
    cpu.reg[4] = boot.esp;
    cpu.eip = boot.eip;
    cpu.eflags = 2;
    cpu.cpl = 0;
    cpu.cr0 = 0;
    cpu.flushTlb();
    this.boot = boot;
    this.symbols = boot.symbols;
    this.skippedTicks = 0; // reset() zeroed instret: time starts again at power-on
    this.state = 'ready';
    return boot;
  }

  /** The symbol covering an address: the current program's inside its areas (userSymbols), else the kernel's. */
  lookupSymbol(address: number): { symbol: ElfSymbol; offset: number } | undefined {
    return this.userSymbols?.(address >>> 0) ?? this.symbols.lookup(address);
  }

  /**
   * `symbol+off` for an address, if the kernel's symbols (or the current
   * program's, through userSymbols) know it. An address
   * inside a loaded segment's physical range is also tried as the virtual
   * address it was linked at, so early boot code (paging off) has names too.
   */
  symbolize(address: number): string | undefined {
    // The program's names first: they answer only inside its own areas.
    const user = this.userSymbols?.(address >>> 0);
    if (user) return user.offset ? `${user.symbol.name}+0x${user.offset.toString(16)}` : user.symbol.name;
    const direct = this.symbols.symbolize(address);
    if (direct || !this.boot) return direct;
    const a = address >>> 0;
    for (const s of this.boot.segments) {
      if (s.paddr !== s.vaddr && a >= s.paddr && a < s.paddr + s.size) return this.symbols.symbolize((a - s.paddr + s.vaddr) >>> 0);
    }
    return undefined;
  }

  /** Emulated time in ticks (10 ns each). */
  now(): number { return this.cpu.instret + this.skippedTicks; }

  /** Emulated time in seconds since power-on. */
  seconds(): number { return this.now() / TICKS_PER_SECOND; }

  /** Ticks spent halted (skipped ahead) rather than executing. */
  idleTicks(): number { return this.skippedTicks; }

  isHalted(): boolean { return this.cpu.halted; }

  /**
   * Real-time pacing: a halted CPU lets emulated time follow the host clock
   * up to `tick` (never past the next device deadline), so time spent idle
   * on the host also passes for the guest. No effect unless halted.
   */
  passIdleTime(tick: number): void {
    if (!this.cpu.halted || this.state === 'off' || this.state === 'dead') return;
    const target = Math.min(tick, this.nextDeadline());
    const now = this.now();
    if (target > now) this.skippedTicks += target - now;
  }

  /** The earliest device deadline, or Infinity. */
  nextDeadline(): number {
    let d = Infinity;
    for (const t of this.timed) { const x = t.nextDeadline(); if (x < d) d = x; }
    return d;
  }

  /** Host → console input. */
  sendInput(bytes: Uint8Array | string): void { this.uart.receive(bytes); }

  /** Resolves the next time console input (or, with a network card, anything from the cable) arrives. */
  whenInput(): Promise<void> {
    return new Promise((resolve) => this.inputWaiters.push(resolve));
  }

  /** Resolves when every disk request in flight has its host answer. */
  async ioSettled(): Promise<void> {
    await Promise.all(this.disks.map((d) => d.settled()));
  }

  /** Wait for requests in flight, then ask every store to make its writes durable (the CLI does this at power-off). */
  async flushDisks(): Promise<void> {
    await this.ioSettled();
    await Promise.all(this.disks.map((d) => d.store.flush?.()));
  }

  on<K extends keyof MachineEvents>(event: K, listener: MachineEvents[K]): () => void {
    const list = this.listeners[event] as MachineEvents[K][];
    list.push(listener);
    return () => { const i = list.indexOf(listener); if (i >= 0) list.splice(i, 1); };
  }

  /** Stop before executing the instruction at `linear`; run() continues past it. */
  addBreakpoint(linear: number): void { this.cpu.addBreakpoint(linear >>> 0); }
  removeBreakpoint(linear: number): void { this.cpu.removeBreakpoint(linear >>> 0); }
  listBreakpoints(): number[] { return [...this.cpu.breakpoints].sort((a, b) => a - b); }

  /**
   * Execute exactly `count` instructions (or sleep to the next event if
   * halted). Unlike run() it cuts a batch where the host asks, so the time a
   * device reads inside it can differ from an unstepped run by up to a quantum.
   */
  step(count = 1): MachineState { return this.runLoop(count, Infinity, true); }

  /**
   * Run until `maxInstructions` have retired, emulated time reaches
   * `untilTick` (real-time pacing passes the host clock here), or something
   * stops the machine. See the header for the states.
   */
  run(maxInstructions: number, untilTick = Infinity): MachineState {
    return this.runLoop(maxInstructions, untilTick, false);
  }

  /**
   * Time travel's replay of a logged run()/step() call that ended at
   * (`endInstret`, `endNow`) under `untilTick`: exactly those instructions,
   * then (if the CPU halted there) the idle ticks up to `endNow`, cut in the
   * same batches as the first time (the quantum, deadlines and `untilTick`
   * decide them; the exact budget only cuts the last). The caller removes
   * breakpoints first. `endNow` < 0: stop at `endInstret`, not a tick later.
   */
  replayRun(endInstret: number, endNow: number, untilTick: number): MachineState {
    return this.runLoop(endInstret - this.cpu.instret, untilTick, true, endNow);
  }

  /** The machine's part of a snapshot; the caller makes sure no disk is busy (disksIdle). */
  saveState(): SavedMachine {
    this.flushOutput();
    return {
      cpu: this.cpu.saveState(), skippedTicks: this.skippedTicks, state: this.state, exitCode: this.exitCode,
      deadReason: this.deadReason, pic: this.pic.saveState(), timer: this.timer.saveState(), uart: this.uart.saveState(),
      consoleSize: this.consoleSize.saveState(), doorbell: this.doorbell.saveState(),
      disks: this.disks.map((d) => d.saveState()), share: this.share?.saveState() ?? null, nic: this.nic?.saveState() ?? null,
    };
  }

  /** Put back a saveState (RAM and disk bytes are the caller's); the machine must be the same model. */
  loadState(s: SavedMachine): void {
    this.outputLength = 0;
    this.timer.loadState(s.timer);
    this.uart.loadState(s.uart);
    this.consoleSize.loadState(s.consoleSize);
    this.doorbell.loadState(s.doorbell);
    this.disks.forEach((d, i) => d.loadState(s.disks[i]));
    if (this.share && s.share) this.share.loadState(s.share);
    if (this.nic && s.nic) this.nic.loadState(s.nic);
    this.pic.loadState(s.pic); // after the devices, which set their lines again: the saved lines win
    this.cpu.loadState(s.cpu); // last: the PIC re-derived irqPending, the CPU's own copy wins
    this.skippedTicks = s.skippedTicks;
    this.state = s.state;
    this.exitCode = s.exitCode;
    this.deadReason = s.deadReason;
  }

  /** No disk request in flight and no shared-folder request pending: a snapshot may be taken. */
  devicesIdle(): boolean {
    return this.disks.every((d) => !d.busy()) && (!this.share || this.share.nextDeadline() === Infinity);
  }

  private runLoop(maxInstructions: number, untilTick: number, exact: boolean, settleUntil = -1): MachineState {
    const state = this.runLoopInner(maxInstructions, untilTick, exact, settleUntil);
    this.runObserver?.ran(untilTick, this.cpu.instret, this.now());
    return state;
  }

  private runLoopInner(maxInstructions: number, untilTick: number, exact: boolean, settleUntil: number): MachineState {
    warmUpInterpreter(); // once per process: V8 optimises the interpreter once instead of again and again (cpu/warmup.ts)
    if (this.state === 'off' || this.state === 'dead') return this.state;
    const cpu = this.cpu;
    const start = cpu.instret;
    let state: MachineState = 'running';
    for (;;) {
      const now = this.now();
      if (this.ioBlocked(now)) { state = 'io-wait'; break; }
      for (const t of this.timed) if (t.nextDeadline() <= now) t.advance(now);
      const budget = maxInstructions - (cpu.instret - start);
      if (now >= untilTick) break;
      if (budget <= 0 && !(now < settleUntil && cpu.halted && !this.wakes())) break;
      const deadline = this.nextDeadline();

      if (cpu.halted && !this.wakes()) {
        if (deadline === Infinity) { state = 'idle'; break; }
        if (deadline > untilTick) { this.skippedTicks += untilTick - now; state = 'sleeping'; break; }
        this.skippedTicks += deadline - now;
        continue;
      }

      cpu.stopRequested = false;
      const quantumEnd = now - (now % BATCH_QUANTUM) + BATCH_QUANTUM;
      const slice = Math.min(exact ? budget : Infinity, quantumEnd - now, deadline - now, untilTick - now);
      const executed = cpu.run(slice);
      if (this.poweredOff()) return this.finish('off');
      const reason = cpu.stopReason;
      if (reason === STOP_DEAD) {
        this.deadReason = cpu.deadReason || 'the CPU stopped';
        this.flushOutput();
        this.state = 'dead';
        this.emit('dead', this.deadReason);
        return 'dead';
      }
      if (reason === STOP_BREAKPOINT) {
        if (this.breakFilter && !this.breakFilter(cpu.eip)) continue; // the next cpu.run skips the breakpoint here
        state = 'breakpoint';
        break;
      }
      if (executed === 0 && reason !== STOP_HALTED && reason !== STOP_REQUESTED) break; // no progress: hand control back
      if (executed === 0 && reason === STOP_HALTED && this.wakes()) break; // should not happen; never spin
    }
    return this.finish(state);
  }

  /** A halted CPU wakes when an interrupt is deliverable (IF is set: hlt with IF=0 is fatal). */
  private wakes(): boolean {
    return this.cpu.irqPending && (this.cpu.eflags & 0x200) !== 0 && this.pic.pendingVector() >= 0;
  }

  private poweredOff(): boolean { return this.state === 'off'; }

  private finish(state: MachineState): MachineState {
    this.flushOutput();
    if (this.state !== 'off' && this.state !== 'dead') this.state = state;
    return this.state;
  }

  private ioBlocked(now: number): boolean {
    for (const d of this.disks) if (d.blocked(now)) return true;
    return false;
  }

  private powerOff(code: number): void {
    if (this.state === 'off') return;
    this.state = 'off';
    this.exitCode = code;
    this.cpu.stopRequested = true;
    this.flushOutput();
    this.emit('poweroff', code);
  }

  private consoleByte(byte: number): void {
    this.output[this.outputLength++] = byte;
    if (this.outputLength === OUTPUT_BUFFER) this.flushOutput();
  }

  private flushOutput(): void {
    if (this.outputLength === 0) return;
    const bytes = this.output.slice(0, this.outputLength);
    this.outputLength = 0;
    this.emit('console', bytes);
  }

  private wakeInputWaiters(): void {
    const waiters = this.inputWaiters;
    this.inputWaiters = [];
    for (const w of waiters) w();
  }

  private emit<K extends keyof MachineEvents>(event: K, ...args: Parameters<MachineEvents[K]>): void {
    if (this.muteConsole && event === 'console') return;
    for (const l of this.listeners[event]) (l as (...a: Parameters<MachineEvents[K]>) => void)(...args);
  }
}
