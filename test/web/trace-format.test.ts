// Trace events as the trace pane words them (web/trace-format.ts), from the
// kinds and argument meanings generated from kernel/kdebug.tbl.
import { describe, it, expect } from 'vitest';
import { describeTraceEvent, traceKindName } from '../../web/trace-format.ts';
import { fault_result, proc_state, trace_kind, type KdebugTraceEvent } from '../../web/gen/kdebug-layout.ts';

const ev = (kind: number, args: number[]): KdebugTraceEvent => ({ seq: 1, time_us: 0, pid: 5, kind, args: [...args, 0, 0, 0, 0, 0, 0].slice(0, 6) });

describe('trace events as text', () => {
  it('names each kind and decodes its arguments as the table says', () => {
    expect(traceKindName(trace_kind.TR_SYS_ENTER)).toBe('sys_enter');
    expect(traceKindName(99)).toBe('kind 99');
    expect(describeTraceEvent(ev(trace_kind.TR_SYS_ENTER, [4, 1, 0x804a000, 12]))).toBe('syscall 4(0x1, 0x804a000, 0xc, 0x0, 0x0)');
    expect(describeTraceEvent(ev(trace_kind.TR_SYS_EXIT, [5, -2 >>> 0]))).toBe('syscall 5 = -2');
    // With the kernel's names (by number), calls read as in strace.
    const names = ['', 'exit', '', '', 'write', 'open'];
    expect(describeTraceEvent(ev(trace_kind.TR_SYS_ENTER, [4, 1, 0x804a000, 12]), names)).toBe('write(0x1, 0x804a000, 0xc, 0x0, 0x0)');
    expect(describeTraceEvent(ev(trace_kind.TR_SYS_EXIT, [5, -2 >>> 0]), names)).toBe('open = -2');
    expect(describeTraceEvent(ev(trace_kind.TR_SYS_EXIT, [2, 7]), names)).toBe('syscall 2 = 7');
    expect(describeTraceEvent(ev(trace_kind.TR_SWITCH, [5, 4, proc_state.P_ZOMBIE]))).toBe('pid 5 → pid 4 (zombie)');
    expect(describeTraceEvent(ev(trace_kind.TR_FAULT, [0xbfffeb24, 7, fault_result.TR_FAULT_COW, 0x804d27d]))).toBe('0xbfffeb24 err 7 cow at 0x804d27d');
    // exec: the name in the first four words, little-endian, NUL-padded
    const name = new Uint32Array(new Uint8Array([...Buffer.from('ls'), 0, ...new Array(13).fill(0)]).buffer);
    expect(describeTraceEvent(ev(trace_kind.TR_EXEC, [...name]))).toBe('ls');
    expect(describeTraceEvent(ev(trace_kind.TR_FORK, [5, 4]))).toBe('child 5 of 4');
    expect(describeTraceEvent(ev(trace_kind.TR_BLOCK_IO, [1, 77, 1, 1]))).toBe('disk 1 block 77 ×1 write');
    expect(describeTraceEvent(ev(trace_kind.TR_SWAP_OUT, [3, 0x123]))).toBe('slot 3 frame 0x123000');
  });
});
