/*
 * trap.c — what happens after trap_entry.s has saved the registers: the
 * vector table, and the dispatch of exceptions, interrupts and system calls.
 *
 * Exceptions from user mode become signals to the current process (the
 * kernel never dies of a user's mistake); a page fault first goes to the
 * VMA-driven fault handler. In kernel mode a page fault inside a user-copy
 * routine resumes at its fixup (EFAULT); any other kernel exception is a
 * bug and panics with registers and a backtrace. A user fault the handler
 * cannot satisfy is SIGSEGV, or SIGBUS when the page's contents could not
 * be read (-EIO: a swap-in or file read error). Fault signals are forced
 * (signal.c): blocked or ignored, they kill; only the deaths are logged,
 * rate-limited. IRQ handlers run with
 * interrupts off and get an EOI after they return; each line's deliveries
 * are counted (/proc/interrupts, /proc/stat). Exceptions and system
 * calls run with interrupts on when the interrupted code had them on. On the
 * way back to user mode the process may be preempted and receives its
 * pending signals.
 */
#include "arch.h"
#include "dev.h"
#include "hako/errno.h"
#include "lib.h"
#include "printk.h"
#include "proc.h"
#include "signal.h"
#include "syscall.h"
#include "trap.h"
#include "vm.h"
#include "trace.h"

static u32 vector_table[256];
static irq_handler_fn irq_handlers[NR_IRQS];
static const char *irq_names[NR_IRQS];
static u32 irq_counts[NR_IRQS];   /* delivered per line, spurious ones too */
int in_interrupt;
int trap_from_user;    /* the trap being handled interrupted user mode */

static const char *exception_names[32] = {
  "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range", "invalid opcode",
  "device not available", "double fault", "coprocessor overrun", "invalid TSS",
  "segment not present", "stack fault", "general protection fault", "page fault", "reserved",
  "x87 error", "alignment check", "machine check", "SIMD error", "virtualization",
  "control protection", "reserved", "reserved", "reserved", "reserved", "reserved",
  "reserved", "reserved", "reserved", "reserved", "reserved",
};

void trap_init(void) {
  int i;
  for (i = 0; i < 256; i++) vector_table[i] = (u32)trap_stubs + (u32)i * TRAP_STUB_BYTES;
  load_vector_table(vector_table);
}

void irq_register(int irq, irq_handler_fn handler, const char *name) {
  irq_handlers[irq] = handler;
  irq_names[irq] = name;
}

u32 irq_count(int irq) {
  return irq_counts[irq];
}

const char *irq_name(int irq) {
  return irq_handlers[irq] ? irq_names[irq] : NULL;
}

/* A fault in user code. A handler that can run gets the signal and nothing
 * is logged: a program that catches its faults (a garbage collector, a
 * test) may take thousands a second. Otherwise the process dies of it, and
 * the line saying where is rate-limited, because a user can crash children
 * as fast as it can fork them. Init dying this way panics the kernel
 * (do_exit), as on Linux: it cannot go on faulting forever. */
static void user_fault(struct trapframe *tf, int sig, const char *what) {
  if (force_sig(sig)) return;
  if (current->tracer) {   /* its tracer sees it first (signal-delivery stop), then the default action */
    current->sig_pending |= 1u << (sig - 1);
    return;
  }
  if (printk_ratelimit("user_fault")) {
    if (tf->vector == T_PAGE_FAULT) {
      printk(KERN_INFO, "%s[%d]: %s at eip %p (cr2 %p, error %u): signal %d", current->name, current->pid, what,
             tf->eip, read_cr2(), tf->err, sig);
    } else {
      printk(KERN_INFO, "%s[%d]: %s at eip %p (error %u): signal %d", current->name, current->pid, what, tf->eip,
             tf->err, sig);
    }
  }
  do_group_exit(signal_exit_status(sig));
}

static void page_fault(struct trapframe *tf) {
  u32 addr = read_cr2();
  u32 fixup;
  if (tf->eflags & EFLAGS_IF) sti();
  if (tf->cpl == 3) {
    u32 traced = trace_on() ? trace_fault_classify(current->mm, addr, tf->err) : 0;
    int err = handle_mm_fault(current->mm, addr, tf->err);
    if (trace_on()) trace_fault(addr, tf->err, traced, err, tf->eip);
    /* The page exists but its contents could not be read (a swap or file
     * read error): SIGBUS, to this process only. */
    if (err == 0) return;
    /* An OOM victim's own fault fails too: it dies of the SIGKILL already
     * pending, without a misleading segfault line. */
    if (current->sig_pending & (1u << (SIGKILL - 1))) return;
    if (err == -EIO) user_fault(tf, SIGBUS, "bus error");
    else user_fault(tf, SIGSEGV, "segfault");
    return;
  }
  fixup = uaccess_fixup_for(tf->eip);
  if (fixup != 0 && addr < USER_TOP) {
    if (handle_mm_fault(current->mm, addr, tf->err | PF_USER) != 0) tf->eip = fixup;
    return;
  }
  cli();
  kprintf("BUG: unable to handle page fault at %p (error %u)\n", addr, tf->err);
  panic_trap(tf, "page fault in kernel mode");
}

static void exception(struct trapframe *tf) {
  int sig;
  if (tf->vector == T_PAGE_FAULT) {
    page_fault(tf);
    return;
  }
  if (tf->cpl != 3) panic_trap(tf, exception_names[tf->vector]);
  if (tf->eflags & EFLAGS_IF) sti();
  if (tf->vector == T_DIVIDE) sig = SIGFPE;
  else if (tf->vector == T_INVALID_OP) sig = SIGILL;
  else if (tf->vector == T_BREAKPOINT || tf->vector == T_DEBUG) sig = SIGTRAP;
  else sig = SIGSEGV;
  user_fault(tf, sig, exception_names[tf->vector]);
}

static void interrupt(struct trapframe *tf) {
  int irq = (int)tf->vector - T_IRQ0;
  irq_counts[irq]++;
  in_interrupt = 1;
  trace1(TR_IRQ, irq);
  if (irq_handlers[irq]) irq_handlers[irq](irq);
  in_interrupt = 0;
  pic_eoi();
}

void trap(struct trapframe *tf) {
  int from_user = tf->cpl == 3;
  trap_from_user = from_user;
  if (from_user) current->tf = tf;
  if (tf->vector < 32) {
    exception(tf);
  } else if (tf->vector < T_IRQ0 + 16) {
    interrupt(tf);
  } else if (tf->vector == T_SYSCALL) {
    if (tf->eflags & EFLAGS_IF) sti();
    syscall_dispatch(tf);
  } else {
    panic_trap(tf, "unexpected trap vector");
  }
  if (from_user) {
    if (need_resched) yield();
    deliver_signals(tf);
    syscall_restart_without_handler(tf);
    cli();   /* trapret must not be interrupted with a half-restored frame */
  }
}
