/*
 * trace.h — kernel tracepoints (proc/trace.c owns the ring).
 *
 * A tracepoint is `trace_event(TR_KIND, a0, ..., a5)` (or trace1..trace3):
 * while tracing is off it costs one load and one branch, and its arguments
 * are not evaluated; while it is on the event goes into the per-boot trace
 * ring `trace_buf`, whose layout (struct kdebug_trace, the TR_* kinds and
 * what each kind's arguments hold) is generated from kernel/kdebug.tbl.
 * Building with TRACE_COMPILED_OUT defined removes every site (the
 * tracepoint benchmark measures the cost of the off check against that).
 */
#ifndef HAKO_TRACE_H
#define HAKO_TRACE_H

#include "types.h"
#include "gen/kdebug_layout.h"

struct file_ops;
extern struct kdebug_trace trace_buf;

void trace_emit(u32 kind, u32 a0, u32 a1, u32 a2, u32 a3, u32 a4, u32 a5);
void trace_emit_exec(const char *name);
u32 trace_fault_classify(void *mm, u32 addr, u32 err);   /* before a user fault is handled ... */
void trace_fault(u32 addr, u32 err, u32 traced, int result, u32 eip);   /* ... and after: TR_FAULT */
extern const struct file_ops trace_ops;   /* /dev/trace */
struct kdebug_trace *trace_ring(void);

#ifdef TRACE_COMPILED_OUT
#define trace_on() 0
#define trace_event(kind, a0, a1, a2, a3, a4, a5) do { } while (0)
#else
#define trace_on() (trace_buf.enabled)
#define trace_event(kind, a0, a1, a2, a3, a4, a5) \
  do { if (trace_buf.enabled) trace_emit((kind), (u32)(a0), (u32)(a1), (u32)(a2), (u32)(a3), (u32)(a4), (u32)(a5)); } while (0)
#endif
#define trace_exec(name) do { if (trace_on()) trace_emit_exec(name); } while (0)
#define trace1(kind, a0) trace_event(kind, a0, 0, 0, 0, 0, 0)
#define trace2(kind, a0, a1) trace_event(kind, a0, a1, 0, 0, 0, 0)
#define trace3(kind, a0, a1, a2) trace_event(kind, a0, a1, a2, 0, 0, 0)
#define trace4(kind, a0, a1, a2, a3) trace_event(kind, a0, a1, a2, a3, 0, 0)

#endif
