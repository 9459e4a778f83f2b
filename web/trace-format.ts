// Trace events as text for the page (the trace pane), from the kinds and
// argument meanings of kernel/kdebug.tbl (web/gen/kdebug-layout.ts): the
// same words /dev/trace prints (kernel/proc/trace.c), so a student sees one
// vocabulary in the terminal and in the pane. Pure functions: no DOM.

import {
  fault_result_names, proc_state_names, trace_kind, trace_kind_names, type KdebugTraceEvent,
} from './gen/kdebug-layout.ts';

const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;

/** The kind's name ("sys_enter", "fault", ...) or "kind N" for one this reader does not know. */
export function traceKindName(kind: number): string {
  return trace_kind_names[kind] ?? `kind ${kind}`;
}

/**
 * What the event says, without its seq, time and pid: "write(0x1, 0x804a000,
 * 0xc, 0x0, 0x0)", "child 5 of 4", "0x8049000 err 6 minor at 0x8048c3a".
 * A system call is named from `syscallNames` (the kernel's own table, by
 * number), or "syscall N" without it.
 */
export function describeTraceEvent(e: KdebugTraceEvent, syscallNames: readonly string[] = []): string {
  const a = e.args;
  const call = (nr: number) => syscallNames[nr] || `syscall ${nr}`;
  switch (e.kind) {
    case trace_kind.TR_SYS_ENTER: return `${call(a[0])}(${a.slice(1).map(hex).join(', ')})`;
    case trace_kind.TR_SYS_EXIT: return `${call(a[0])} = ${a[1] | 0}`;
    case trace_kind.TR_SWITCH: return `pid ${a[0]} → pid ${a[1]} (${proc_state_names[a[2]] ?? a[2]})`;
    case trace_kind.TR_FAULT: return `${hex(a[0])} err ${a[1]} ${fault_result_names[a[2]] ?? a[2]} at ${hex(a[3])}`;
    case trace_kind.TR_FORK: return `child ${a[0]} of ${a[1]}`;
    case trace_kind.TR_EXEC: {
      const bytes = new Uint8Array(new Uint32Array(a.slice(0, 4)).buffer);
      const end = bytes.indexOf(0);
      return String.fromCharCode(...bytes.subarray(0, end < 0 ? 16 : end));
    }
    case trace_kind.TR_EXIT: return `status ${hex(a[0])}`;
    case trace_kind.TR_SIGNAL: return `signal ${a[0]} to pid ${a[1]}`;
    case trace_kind.TR_DELIVER: return `signal ${a[0]}, handler ${hex(a[1])}`;
    case trace_kind.TR_OOM_KILL: return `pid ${a[0]} (${a[1]} pages)`;
    case trace_kind.TR_SWAP_OUT:
    case trace_kind.TR_SWAP_IN: return `slot ${a[0]} frame ${hex(a[1] * 4096)}`;
    case trace_kind.TR_KSWAPD_WAKE: return `${a[0]} free frames, low mark ${a[1]}`;
    case trace_kind.TR_BLOCK_IO: return `disk ${a[0]} block ${a[1]} ×${a[2]} ${a[3] ? 'write' : 'read'}`;
    case trace_kind.TR_IRQ: return `line ${a[0]}`;
    default: return a.map(hex).join(' ');
  }
}
