/*
 * trace.c — the kernel's trace ring: what the tracepoints (trace.h) record,
 * and /dev/trace, the way to see and switch it without a debugger.
 *
 * The ring `trace_buf` (struct kdebug_trace, generated from
 * kernel/kdebug.tbl; the debugger finds it through kdebug_root) keeps the
 * last TRACE_RING_EVENTS events of this boot. Each event is written whole,
 * with interrupts off, before `head` (events ever written) moves past it,
 * so a reader between two instructions sees complete events at seq
 * [head - TRACE_RING_EVENTS + 1, head): the oldest slot may be the one
 * being rewritten. An event's `seq` says which it is.
 *
 * /dev/trace (misc major 10, minor 240, root's, 0644): writing "1" turns
 * tracing on, "0" off (anything else is EINVAL; anyone but root, EPERM).
 * Reading gives one text line per event, oldest first, from where this
 * open file is (its offset counts events) up to the head as it was at its
 * first read, then end of file (so `cat /dev/trace` ends though its own
 * reads are traced). Events already
 * overwritten are skipped and counted in trace_buf.lost; a read too small
 * for the next whole line is EINVAL (as /dev/kmsg). Line format:
 *   SEQ SECONDS.MICROS PID KIND DETAILS
 * (docs/kernel.md "Trace events").
 */
#include "arch.h"
#include "dev.h"
#include "file.h"
#include "lib.h"
#include "proc.h"
#include "swap.h"
#include "trace.h"
#include "vm.h"
#include "gen/syscall_table.h"
#include "hako/errno.h"
#define KDEBUG_LAYOUT_NAMES
#include "gen/kdebug_layout.h"

struct kdebug_trace trace_buf = { KDEBUG_TRACE_MAGIC };

struct kdebug_trace *trace_ring(void) { return &trace_buf; }

void trace_emit(u32 kind, u32 a0, u32 a1, u32 a2, u32 a3, u32 a4, u32 a5) {
  u32 flags = irq_save();
  u32 seq = trace_buf.head;
  struct kdebug_trace_event *e = &trace_buf.events[seq & (TRACE_RING_EVENTS - 1)];
  e->seq = seq;
  e->time_us = timer_uptime_us_low();
  e->pid = current ? (u32)current->pid : 0;
  e->kind = kind;
  e->args[0] = a0;
  e->args[1] = a1;
  e->args[2] = a2;
  e->args[3] = a3;
  e->args[4] = a4;
  e->args[5] = a5;
  trace_buf.head = seq + 1;
  irq_restore(flags);
}

/* The new program's name, 16 bytes in the first four words. */
void trace_emit_exec(const char *name) {
  u32 w[4];
  memset(w, 0, sizeof w);
  strlcpy((char *)w, name, sizeof w);
  trace_emit(TR_EXEC, w[0], w[1], w[2], w[3], 0, 0);
}

/* What a user fault at addr is about to be, from its page-table entry
 * before handle_mm_fault changes it (low 4 bits), and pgmajfault then (the
 * rest), so trace_fault can tell a file page that had to be read (major). */
u32 trace_fault_classify(void *mmp, u32 addr, u32 err) {
  struct mm *mm = mmp;
  pte_t *pte;
  u32 majors = (vm_stat_pgmajfault & 0x0FFFFFFFu) << 4;
  if (mm == NULL || addr >= USER_TOP) return majors | TR_FAULT_MINOR;
  pte = (mm->pgdir[PDX(addr)] & PTE_P) ? pgdir_walk(mm->pgdir, addr, 0) : NULL;
  if (pte != NULL && IS_SWAP_ENTRY(*pte)) return majors | TR_FAULT_SWAPIN;
  if (pte != NULL && (*pte & PTE_P) && (err & PF_WRITE) && (*pte & PTE_COW)) return majors | TR_FAULT_COW;
  return majors | TR_FAULT_MINOR;
}

/* After the fault: its result, and a file page that had to be read is major. */
void trace_fault(u32 addr, u32 err, u32 traced, int result, u32 eip) {
  u32 kind = traced & 0xF;
  if (result == -EIO) kind = TR_FAULT_BUS;
  else if (result != 0) kind = TR_FAULT_SEGV;
  else if (kind == TR_FAULT_MINOR && (traced >> 4) != (vm_stat_pgmajfault & 0x0FFFFFFFu)) kind = TR_FAULT_MAJOR;
  trace_emit(TR_FAULT, addr, err, kind, eip, 0, 0);
}

/* ---- /dev/trace ---- */

static u32 append_hex_args(char *line, u32 len, u32 size, const u32 *args, int n) {
  int i;
  for (i = 0; i < n; i++) len += (u32)snprintf(line + len, size - len, " %x", args[i]);
  return len;
}

/* One event as a line of text (with its newline); returns its length. */
static u32 format_event(const struct kdebug_trace_event *e, char *line, u32 size) {
  const u32 *a = e->args;
  const char *kind = e->kind < sizeof trace_kind_names / sizeof trace_kind_names[0] && trace_kind_names[e->kind]
    ? trace_kind_names[e->kind] : "?";
  u32 len = (u32)snprintf(line, size, "%u %u.%06u %u %s", e->seq, e->time_us / 1000000, e->time_us % 1000000, e->pid, kind);
  switch (e->kind) {
  case TR_SYS_ENTER:
  case TR_SYS_EXIT: {
    const char *name = a[0] < NR_SYSCALLS && syscall_names[a[0]] ? syscall_names[a[0]] : "?";
    len += (u32)snprintf(line + len, size - len, " %u %s", a[0], name);
    if (e->kind == TR_SYS_EXIT) len += (u32)snprintf(line + len, size - len, " = %d", (int)a[1]);
    else len = append_hex_args(line, len, size, a + 1, a[0] < NR_SYSCALLS ? syscall_nargs[a[0]] : 5);
    break;
  }
  case TR_SWITCH:
    len += (u32)snprintf(line + len, size - len, " %u -> %u %s", a[0], a[1], a[2] < 7 ? proc_state_names[a[2]] : "?");
    break;
  case TR_FAULT:
    len += (u32)snprintf(line + len, size - len, " %x err %u %s eip %x", a[0], a[1], a[2] < 6 ? fault_result_names[a[2]] : "?", a[3]);
    break;
  case TR_EXEC: {
    char name[17];
    memcpy(name, a, 16);
    name[16] = 0;
    len += (u32)snprintf(line + len, size - len, " %s", name);
    break;
  }
  default:
    len = append_hex_args(line, len, size, a, TRACE_ARGS);
    while (len > 0 && line[len - 1] == '0' && line[len - 2] == ' ') len -= 2;   /* trailing zero args */
    break;
  }
  if (len > size - 2) len = size - 2;
  line[len++] = '\n';
  return len;
}

static int trace_read(struct file *f, char *buf, u32 n) {
  char line[160];
  u32 done = 0;
  u32 end, oldest;
  /* The end is fixed at the first read: the reader's own events come after it. */
  if (f->private == NULL) {
    f->private = (void *)(trace_buf.head + 1);
    f->offset = trace_buf.head > TRACE_RING_EVENTS - 1 ? trace_buf.head - (TRACE_RING_EVENTS - 1) : 0;
  }
  end = (u32)f->private - 1;
  oldest = trace_buf.head > TRACE_RING_EVENTS - 1 ? trace_buf.head - (TRACE_RING_EVENTS - 1) : 0;
  if (f->offset < oldest) {   /* a slow reader: the ring went round past it */
    trace_buf.lost += oldest - f->offset;
    f->offset = oldest;
  }
  while (f->offset < end) {
    u32 flags = irq_save();
    struct kdebug_trace_event e = trace_buf.events[f->offset & (TRACE_RING_EVENTS - 1)];
    u32 len;
    irq_restore(flags);
    if (e.seq != f->offset) { f->offset++; trace_buf.lost++; continue; }   /* overwritten meanwhile */
    len = format_event(&e, line, sizeof line);
    if (len > n - done) {
      if (done == 0) return -EINVAL;   /* a buffer too small for one whole line, as /dev/kmsg */
      break;
    }
    if (copyout(buf + done, line, len) != 0) return done ? (int)done : -EFAULT;
    done += len;
    f->offset++;
  }
  return (int)done;
}

static int trace_write(struct file *f, const char *buf, u32 n) {
  char c;
  (void)f;
  if (current->uid != 0) return -EPERM;   /* whatever the node's mode: switching is root's */
  if (n == 0) return 0;
  if (copyin(&c, buf, 1) != 0) return -EFAULT;
  if (c != '0' && c != '1') return -EINVAL;
  trace_buf.enabled = (u32)(c - '0');
  return (int)n;
}

const struct file_ops trace_ops = { trace_read, trace_write, 0, 0 };
