// What the worker reads from the kernel's memory like a debugger (web/kernel-tables.ts
// and web/worker-inspect.ts), against tables written by hand into a machine's RAM
// (test/web/fake-kernel.ts, through the writers generated from kernel/kdebug.tbl):
// the process table with the signal masks named as the process pane shows them,
// the memory counters, every process's memory areas and the page-table pane's
// labels from them, the trace ring (wrap, loss, a torn slot), the log ring (new
// lines, a record still being written, a wrap, a new boot), torn or foreign
// tables refused, the non-leader threads attached to their groups, frame owners from struct page flags, and swapped-out
// page-table entries with their slot.
import { describe, it, expect } from 'vitest';
import { Machine } from '../../emulator/machine.ts';
import { KernelTables } from '../../web/kernel-tables.ts';
import { tablesSettled } from '../../web/lesson-eval.ts';
import { MachineView } from '../../lessons/engine/probes.ts';
import { describeNamespaces, describeSignals, signalNames, threadCells } from '../../web/panes/processes.ts';
import { CGROUP_KEY, cgroupLabel, frameKeys } from '../../web/panes/frame-map.ts';
import { Inspector } from '../../web/worker-inspect.ts';
import { FRAME_CACHE, FRAME_FREE, FRAME_KERNEL_ALLOC } from '../../web/protocol.ts';
import {
  KDEBUG_LAYOUT_VERSION, kdebug_limits, kdebug_root, kdebug_trace, kdebug_trace_event, limits, page_flags, proc_state, pte_bits, tcp_state, trace_kind,
  vm_flags, vma_kind,
} from '../../web/gen/kdebug-layout.ts';
import { FakeKernel, RAM } from './fake-kernel.ts';

const { PG_ANON, PG_CACHE, PG_FREE, PG_HEAD, PG_KERNEL, PG_SLAB } = page_flags;

function twoProcs(k: FakeKernel, generation = 4): void {
  k.procs([
    { pid: 1, ppid: 0, state: proc_state.P_SLEEPING, nice: -5, cr3: 0x21000, rss_pages: 10, utime: 150, stime: 50, name: 'init', nr_threads: 1 },
    { pid: 7, ppid: 1, state: proc_state.P_RUNNABLE, nice: 0, cr3: 0x27000, rss_pages: 30, swap_pages: 12, utime: 1, stime: 0, uid: 1000, nr_threads: 3,
      ns_pid: 0xF0000101, ns_vpid: 1, ns_mnt: 0xF0000102, ns_uts: 0xEFFFFFFE, ns_ipc: 0xEFFFFFFF, ns_net: 0xEFFFFFF9,
      name: 'memhog', sig_pending: 1 << 9, sig_blocked: (1 << 1) | (1 << 2), sig_caught: (1 << 16) | (1 << 13), sig_ignored: (1 << 30) | (1 << 12) },
  ], generation);
}

describe('kernel tables read like a debugger', () => {
  it('reads the process table with names, states, CPU time in HZ, sizes in pages, the owner and the signal masks', () => {
    const k = new FakeKernel();
    twoProcs(k);
    const rows = new KernelTables(k.m).processes()!;
    const page = limits.PAGE_SIZE / 1024;
    expect(rows.map((r) => [r.pid, r.ppid, r.state, r.nice, r.uid, r.rssKiB, r.swapKiB, r.cpuSeconds, r.command])).toEqual([
      [1, 0, 'sleeping', -5, 0, 10 * page, 0, 200 / limits.HZ, 'init'],
      [7, 1, 'runnable', 0, 1000, 30 * page, 12 * page, 1 / limits.HZ, 'memhog'],
    ]);
    expect(rows[1].signals).toEqual({ pending: 1 << 9, blocked: 6, caught: (1 << 16) | (1 << 13), ignored: ((1 << 30) | (1 << 12)) >>> 0 });
    expect(describeSignals(7, 'memhog', rows[1].signals)).toBe(
      'pid 7 (memhog) signals — pending: USR1; blocked: INT QUIT; caught: ALRM CHLD; ignored: PIPE SYS');
    expect(signalNames(0)).toBe('none');
    expect(rows[1].namespaces).toEqual({ pid: 0xF0000101, vpid: 1, mnt: 0xF0000102, uts: 0xEFFFFFFE, ipc: 0xEFFFFFFF, net: 0xEFFFFFF9 });
    expect(describeNamespaces(7, rows[1].namespaces)).toBe(
      'namespaces — pid:[4026532097] (pid 1 inside) mnt:[4026532098] uts:[4026531838] ipc:[4026531839] net:[4026531833]');
    // the lesson probes read the same fields
    const probes = new MachineView(k.m).functions();
    expect([probes.vpid(7), probes.pidns(7), probes.utsns(7), probes.mntns(7), probes.vpid(99)]).toEqual([1, 0xF0000101, 0xEFFFFFFE, 0xF0000102, null]);
  });

  it('gives a process\'s thread count (its group\'s, one row per process) to the threads() probe', () => {
    const k = new FakeKernel();
    twoProcs(k);
    expect(new KernelTables(k.m).processes()!.map((r) => [r.pid, r.threads])).toEqual([[1, 1], [7, 3]]);
    const probes = new MachineView(k.m).functions();
    expect(probes.threads(7)).toBe(3);
    expect(probes.threads(1)).toBe(1);
    expect(probes.threads(99)).toBeNull();
  });

  it('attaches each non-leader thread (kdebug_threads) to its group, as the processes pane lists them under it', () => {
    const k = new FakeKernel();
    twoProcs(k);
    expect(new KernelTables(k.m).processes()!.map((r) => r.threadRows)).toEqual([[], []]);   // table not filled yet: no thread rows
    k.threads([
      { tid: 8, tgid: 7, state: proc_state.P_RUNNING, cpu_ticks: 30, name: 'memhog' },
      { tid: 12, tgid: 99, state: proc_state.P_SLEEPING, cpu_ticks: 0, name: 'gone' },   // its group is not in the process table
      { tid: 9, tgid: 7, state: proc_state.P_SLEEPING, cpu_ticks: 5, name: 'memhog' },
    ]);
    const rows = new KernelTables(k.m).processes()!;
    expect(rows[0].threadRows).toEqual([]);
    expect(rows[1].threadRows).toEqual([
      { tid: 8, tgid: 7, state: 'running', cpuSeconds: 30 / limits.HZ, command: 'memhog' },
      { tid: 9, tgid: 7, state: 'sleeping', cpuSeconds: 5 / limits.HZ, command: 'memhog' },
    ]);
    expect(threadCells(rows[1].threadRows[1])).toEqual(['  ↳ 9', '', 'sleeping', '', '', '', (5 / limits.HZ).toFixed(2) + 's', 'thread of 7', '', '']);
    // torn (kdebugd caught mid-refresh): the pane keeps the last whole read, a strict reader gets none
    const pane = new KernelTables(k.m);
    const whole = pane.processes()!;
    const strict = new KernelTables(k.m, false);
    k.threads([{ tid: 10, tgid: 7, state: proc_state.P_RUNNING, name: 'half' }], 3);
    expect(pane.processes()).toEqual(whole);
    expect(strict.threads()).toBeNull();
    expect(strict.processes()!.map((r) => r.threadRows)).toEqual([[], []]);
    k.threads([{ tid: 10, tgid: 7, state: proc_state.P_RUNNING, name: 'memhog' }], 4);
    expect(strict.processes()![1].threadRows.map((t) => t.tid)).toEqual([10]);
    k.m.memory.write32(k.at.threads, 0x12345678);   // wrong magic: no thread table at all
    expect(strict.threads()).toBeNull();
  });

  it('refuses a table being rewritten (odd generation), a wrong magic, a root of another layout version and a missing root', () => {
    const k = new FakeKernel();
    twoProcs(k, 5);
    expect(new KernelTables(k.m).processes()).toBeNull();
    twoProcs(k, 6);
    expect(new KernelTables(k.m).processes()).not.toBeNull();
    k.m.memory.write32(k.at.procs, 0x12345678);
    expect(new KernelTables(k.m).processes()).toBeNull();
    twoProcs(k, 6);
    k.m.memory.write32(k.at.root + kdebug_root.offsets.version, KDEBUG_LAYOUT_VERSION + 1);
    const other = new KernelTables(k.m);
    expect([other.processes(), other.memory(), other.log(0), other.pageFlags(), other.trace(0), other.memoryAreas()]).toEqual([null, null, null, null, null, null]);
    const bare = new KernelTables(new Machine({ ramBytes: RAM }));
    expect([bare.processes(), bare.memory(), bare.log(0), bare.pageFlags(), bare.trace(0), bare.memoryAreas()]).toEqual([null, null, null, null, null, null]);
  });

  it('keeps the last consistent table while the kernel is caught rewriting it', () => {
    const k = new FakeKernel();
    twoProcs(k, 6);
    const t = new KernelTables(k.m);
    const first = t.processes();
    expect(first).not.toBeNull();
    twoProcs(k, 7);   // kdebugd stopped in the middle of a refresh
    expect(t.processes()).toEqual(first);
    twoProcs(k, 8);
    expect(t.processes()).toEqual(first);   // the same rows, read again
  });

  it('gives the lesson probes no old read: a torn table is null, so the worker runs the machine on and asks again', () => {
    const k = new FakeKernel();
    twoProcs(k, 6);
    k.mem({ total_frames: 256 });
    const strict = new KernelTables(k.m, false);
    expect(strict.processes()).not.toBeNull();
    twoProcs(k, 7);
    expect(strict.processes()).toBeNull();
    const view = new MachineView(k.m);
    expect(view.tables.processes()).toBeNull();
    expect(tablesSettled(view, true)).toBe(false);
    twoProcs(k, 8);
    expect(tablesSettled(view, true)).toBe(true);
  });

  it('reads the memory counters', () => {
    const k = new FakeKernel();
    k.mem({ total_frames: 256, free_frames: 100, pagecache_pages: 20, swap_total_pages: 512, swap_free_pages: 500, pgfault: 1234,
      pgmajfault: 3, pswpin: 4, pswpout: 5, oom_kill: 1, context_switches: 777 });
    expect(new KernelTables(k.m).memory()).toEqual({
      totalFrames: 256, freeFrames: 100, cachedPages: 20, swapTotalPages: 512, swapFreePages: 500,
      pgfault: 1234, pgmajfault: 3, pswpin: 4, pswpout: 5, oomKill: 1, contextSwitches: 777,
    });
    k.mem({}, 3);
    expect(new KernelTables(k.m).memory()).toBeNull();
  });

  it('reads every process\'s memory areas with the kind and name the kernel gave them', () => {
    const k = new FakeKernel();
    const { VM_READ, VM_WRITE, VM_EXEC } = vm_flags;
    k.vmas([
      { pid: 7, start: 0x08048000, end: 0x0804a000, prot: VM_READ | VM_EXEC, flags: vm_flags.VM_EXE, kind: vma_kind.KD_VMA_TEXT, name: '/bin/memhog' },
      { pid: 7, start: 0x0804a000, end: 0x0804b000, prot: VM_READ | VM_WRITE, flags: vm_flags.VM_EXE, kind: vma_kind.KD_VMA_DATA, name: '/bin/memhog' },
      { pid: 7, start: 0x40000000, end: 0x40001000, prot: VM_READ, kind: vma_kind.KD_VMA_FILE, name: '/etc/motd' },
      { pid: 9, start: 0xbffff000, end: 0xc0000000, prot: VM_READ | VM_WRITE, kind: vma_kind.KD_VMA_STACK, name: '[stack]' },
    ]);
    const areas = new KernelTables(k.m).memoryAreas()!;
    expect(areas.get(7)!.map((a) => [a.start, a.kind, a.name])).toEqual([
      [0x08048000, 'text', '/bin/memhog'], [0x0804a000, 'data', '/bin/memhog'], [0x40000000, 'file', '/etc/motd'],
    ]);
    expect(areas.get(9)!.map((a) => [a.end, a.kind])).toEqual([[0xc0000000, 'stack']]);
    k.vmas([], 1);
    expect(new KernelTables(k.m).memoryAreas()).toBeNull();
  });

  it('reads the TCP connections: endpoints in dotted form, states named, queues, a torn table refused, truncation told', () => {
    const k = new FakeKernel();
    const rows = [
      { laddr: 0, lport: 7000, raddr: 0, rport: 0, state: tcp_state.TCP_LISTEN, recv_queue: 1, uid: 1000, ino: 41 },
      { laddr: 0x7F000001, lport: 7000, raddr: 0x7F000001, rport: 49153, state: tcp_state.TCP_ESTABLISHED, send_queue: 0, recv_queue: 12, ino: 42 },
      { laddr: 0x0A00020F, lport: 49153, raddr: 0xC0A80101, rport: 80, state: tcp_state.TCP_TIME_WAIT, send_queue: 300, retransmits: 2 },
    ];
    k.tcp(rows, 4);
    const t = new KernelTables(k.m, false);
    expect(t.tcpConnections()).toEqual({
      truncated: false,
      connections: [
        { local: '0.0.0.0:7000', remote: '0.0.0.0:0', state: 'LISTEN', sendQueue: 0, recvQueue: 1, retransmits: 0, uid: 1000, inode: 41 },
        { local: '127.0.0.1:7000', remote: '127.0.0.1:49153', state: 'ESTABLISHED', sendQueue: 0, recvQueue: 12, retransmits: 0, uid: 0, inode: 42 },
        { local: '10.0.2.15:49153', remote: '192.168.1.1:80', state: 'TIME_WAIT', sendQueue: 300, recvQueue: 0, retransmits: 2, uid: 0, inode: 0 },
      ],
    });
    k.tcp(rows, 5);   // kdebugd caught in the middle of a refresh
    expect(t.tcpConnections()).toBeNull();
    k.tcp(rows.slice(0, 1), 6, 1);
    expect(t.tcpConnections()).toMatchObject({ truncated: true, connections: [{ state: 'LISTEN' }] });
    k.m.memory.write32(k.at.tcp, 0x12345678);   // not the table's magic
    expect(t.tcpConnections()).toBeNull();
    expect(new KernelTables(new Machine({ ramBytes: RAM })).tcpConnections()).toBeNull();
  });

  it('reads the trace ring: new events, enabled, events the ring overwrote as lost, a torn slot dropped, a new boot', () => {
    const k = new FakeKernel();
    const t = new KernelTables(k.m);
    expect(t.trace(0)).toEqual({ next: 0, enabled: false, lost: 0, events: [] });
    k.traceEnabled(true);
    k.traceEvent(0, trace_kind.TR_SYS_ENTER, 5, [4, 1, 0x0804a000, 12]);
    k.traceEvent(1, trace_kind.TR_SYS_EXIT, 5, [4, 12]);
    const first = t.trace(0)!;
    expect(first.enabled).toBe(true);
    expect(first.events.map((e) => [e.seq, e.kind, e.pid, e.args.slice(0, 4)])).toEqual([
      [0, trace_kind.TR_SYS_ENTER, 5, [4, 1, 0x0804a000, 12]], [1, trace_kind.TR_SYS_EXIT, 5, [4, 12, 0, 0]],
    ]);
    expect(t.trace(first.next)!.events).toEqual([]);
    // Round the ring more than once: the oldest kept slot may be the one being rewritten, so it is not read.
    const N = kdebug_limits.TRACE_RING_EVENTS;
    for (let seq = 2; seq < N + 10; seq++) k.traceEvent(seq, trace_kind.TR_IRQ, 0, [0]);
    const behind = t.trace(first.next)!;
    expect(behind.events[0].seq).toBe(11);
    expect(behind.events.at(-1)!.seq).toBe(N + 9);
    expect(behind.lost).toBe(11 - first.next);
    // A slot whose seq is not the one expected (the kernel mid-write) is dropped, not shown as another event.
    k.traceEvent(N + 10, trace_kind.TR_IRQ, 0, [0]);
    k.m.memory.write32(k.at.trace + kdebug_trace.offsets.events + ((N + 10) % N) * kdebug_trace_event.size + kdebug_trace_event.offsets.seq, 3);
    const torn = t.trace(behind.next)!;
    expect([torn.events.length, torn.lost]).toEqual([0, 1]);
    // A new boot: the head is below where the reader was.
    k.traceEvent(0, trace_kind.TR_FORK, 1, [2, 1]);
    expect(t.trace(torn.next)!.events.map((e) => e.kind)).toEqual([trace_kind.TR_FORK]);
  });

  it('reads the kernel\'s system call names once, "" where a number has none', () => {
    const k = new FakeKernel();
    k.syscallNames(['restart_syscall', 'exit', '', 'read', 'write']);
    const t = new KernelTables(k.m);
    expect(t.syscallNames()).toEqual(['restart_syscall', 'exit', '', 'read', 'write']);
    k.syscallNames(['changed']);
    expect(t.syscallNames()[4]).toBe('write');   // the kernel's table never changes: read once
    expect(new KernelTables(new Machine({ ramBytes: RAM })).syscallNames()).toEqual([]);
  });

  it('returns whole new log lines, keeps a record still being written for later, and starts over after a reboot', () => {
    const k = new FakeKernel();
    const t = new KernelTables(k.m);
    k.printk('<6>[    0.000100] Memory: 1024K/1024K available\n<5>[    0.2] doorb');
    const first = t.log(0)!;
    expect(first.lines).toEqual(['<6>[    0.000100] Memory: 1024K/1024K available']);
    expect(first.lost).toBe(false);
    k.printk('ell: signal 9 to pid 7: sent\n');
    const second = t.log(first.next)!;
    expect(second.lines).toEqual(['<5>[    0.2] doorbell: signal 9 to pid 7: sent']);
    expect(t.log(second.next)!.lines).toEqual([]);
    // A reader far behind: the ring overwrote what it had not read; it resumes at a whole line.
    for (let i = 0; i < 1000; i++) k.printk(`<6>[    1.000000] line ${String(i).padStart(4, '0')}\n`);
    const behind = t.log(second.next)!;
    expect(behind.lost).toBe(true);
    expect(behind.lines.at(-1)).toBe('<6>[    1.000000] line 0999');
    expect(behind.lines[0]).toMatch(/^<6>\[    1\.000000\] line \d{4}$/);
    // A new boot: a fresh ring whose head is below where the reader was, so it reads from the start.
    const reboot = new FakeKernel();
    reboot.printk('<6>[    0.000001] Hako kernel\n');
    expect(new KernelTables(reboot.m).log(behind.next)!.lines).toEqual(['<6>[    0.000001] Hako kernel']);
  });
});

describe('the inspector with the kernel tables', () => {
  it('colours page-cache frames and multi-frame kernel allocations from struct page flags, and ignores stale flags inside free blocks', () => {
    const k = new FakeKernel();
    k.page(200, PG_CACHE);
    k.page(210, PG_KERNEL | PG_HEAD, 2); // order 2: four frames
    k.page(220, PG_SLAB);
    k.page(230, PG_ANON);                // not the kernel's, and no process maps it here
    k.page(240, PG_FREE, 3);             // order 3: eight free frames whose own flags are stale
    k.page(241, PG_CACHE);
    k.page(245, PG_SLAB);
    k.page(248, PG_CACHE);               // the next frame after that block: page cache again
    k.page(250, PG_SLAB | PG_HEAD, 5);   // a two-frame slab's head: private = 5 objects in use (not an order)
    k.page(251, PG_SLAB);
    k.page(252, PG_CACHE);               // right after the slab: must be read, not skipped as if the slab were 2^5 frames
    const inspector = new Inspector();
    inspector.attach(k.m);
    const owners = inspector.frameMap().owners;
    expect(owners[200]).toBe(FRAME_CACHE);
    expect([...owners.subarray(210, 215)]).toEqual([FRAME_KERNEL_ALLOC, FRAME_KERNEL_ALLOC, FRAME_KERNEL_ALLOC, FRAME_KERNEL_ALLOC, FRAME_FREE]);
    expect(owners[220]).toBe(FRAME_KERNEL_ALLOC);
    expect(owners[230]).toBe(FRAME_FREE);
    expect([...owners.subarray(240, 249)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, FRAME_CACHE].map((o) => o || FRAME_FREE));
    expect([...owners.subarray(250, 254)]).toEqual([FRAME_KERNEL_ALLOC, FRAME_KERNEL_ALLOC, FRAME_CACHE, FRAME_FREE]);
    // Without frame descriptors in the root, none are read.
    k.m.memory.write32(k.at.root + kdebug_root.offsets.total_frames, 0);
    expect(inspector.frameMap().owners[200]).toBe(FRAME_FREE);
  });

  it('reads each process\'s control group and the group each frame is charged to; the frame map colours by it on request', () => {
    const k = new FakeKernel();
    k.procs([
      { pid: 1, state: proc_state.P_SLEEPING, cr3: 0x21000, name: 'init', cgroup_id: 1, cgroup_path: '/' },
      { pid: 9, state: proc_state.P_RUNNING, cr3: 0x27000, name: 'memhog', cgroup_id: 3, cgroup_path: '/box' },
    ]);
    k.page(200, PG_ANON, 0, 3);
    k.page(201, PG_ANON, 0, 3);
    k.page(202, PG_CACHE, 0, 5);   // a group no process is in any more
    k.page(203, PG_CACHE);         // the root's: uncharged
    const tables = new KernelTables(k.m);
    expect(tables.processes()!.map((p) => [p.pid, p.cgroupId, p.cgroup])).toEqual([[1, 1, '/'], [9, 3, '/box']]);
    expect([...tables.pageCgroups()!.subarray(199, 205)]).toEqual([0, 3, 3, 5, 0, 0]);
    const inspector = new Inspector();
    inspector.attach(k.m);
    const map = inspector.frameMap();
    expect(map.cgroupPaths).toEqual([{ id: 1, path: '/' }, { id: 3, path: '/box' }]);
    const plain = frameKeys(map, false);
    expect(plain[200]).toBe(map.owners[200]);
    const byGroup = frameKeys(map, true);
    expect([...byGroup.subarray(200, 204)]).toEqual([CGROUP_KEY + 3, CGROUP_KEY + 3, CGROUP_KEY + 5, FRAME_CACHE]);
    expect(cgroupLabel(map, 3)).toBe('cgroup /box');
    expect(cgroupLabel(map, 5)).toBe('cgroup #5');
  });

  it('labels page-table entries with the kind and name of the kernel\'s area there, not by address', () => {
    const k = new FakeKernel();
    const dir = 0x40000, table = 0x41000;
    k.procs([{ pid: 7, state: proc_state.P_RUNNING, cr3: dir, name: 'prog' }]);
    // Text where Linux would put a heap, and a heap where it would put text: only the kernel's areas can say.
    k.vmas([
      { pid: 7, start: 0x08048000, end: 0x08049000, prot: 1, kind: vma_kind.KD_VMA_HEAP, name: '[heap]' },
      { pid: 7, start: 0x08049000, end: 0x0804b000, prot: 5, kind: vma_kind.KD_VMA_TEXT, name: '/bin/prog' },
    ]);
    k.m.memory.write32(dir + 32 * 4, table | 7);             // PDE 32: 0x08000000
    for (const [slot, frame] of [[0x48, 0x50000], [0x49, 0x51000], [0x4a, 0x52000], [0x4b, 0x53000]]) k.m.memory.write32(table + slot * 4, frame | 7);
    const inspector = new Inspector();
    inspector.attach(k.m);
    const leaves = inspector.pageTables(dir, 64).directories[0].leaves;
    // Consecutive frames with equal flags are one run only inside one area.
    expect(leaves.map((l) => [l.start.toString(16), l.size / 4096, l.region, l.areaName])).toEqual([
      ['8048000', 1, 'heap', '[heap]'], ['8049000', 2, 'text', '/bin/prog'], ['804b000', 1, 'none', ''],
    ]);
  });

  it('shows a swapped-out entry with its slot and other not-present entries without one', () => {
    const m = new Machine({ ramBytes: RAM });
    const dir = 0x20000, table = 0x21000;
    m.memory.write32(dir + 32 * 4, table | 7);               // PDE 32: 0x08000000
    m.memory.write32(table + 0x48 * 4, 0x30000 | 7);          // present page at 0x08048000
    m.memory.write32(table + 0x50 * 4, (5 << 12) | pte_bits.PTE_SWAP);   // swap slot 5 at 0x08050000
    m.memory.write32(table + 0x51 * 4, 0x5000);               // some other not-present marker
    const inspector = new Inspector();
    inspector.attach(m);
    const leaves = inspector.pageTables(dir, 64).directories[0].leaves;
    expect(leaves.map((l) => [l.start.toString(16), l.present, l.swapSlot])).toEqual([
      ['8048000', true, null], ['8050000', false, 5], ['8051000', false, null],
    ]);
  });
});
