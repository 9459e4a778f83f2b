/*
 * doorbell.c — the driver of the debug doorbell (0x510, IRQ 5;
 * docs/architecture.md "Devices"): requests from the host's debugger, such
 * as the page's kill button, answered in order.
 *
 * The device only carries requests; this driver decides. Command 2 (the
 * machine was resumed from a saved state, e.g. the page's boot snapshot)
 * reads the wall clock from the RTC again, as a kernel reads its persistent
 * clock on resume: the time kept since boot belongs to the moment the state
 * was saved. Command 1 (send a
 * signal) goes through the same checks as kill(2) from an all-powerful
 * user, plus two of its own: pid 1 (init) and anything below are refused
 * with -EPERM, and so are kernel threads (they take no signals). Every
 * request is answered (0 or -errno in RESULT) and logged at KERN_DEBUG, so
 * what the host asked for is in the kernel log without writing over the
 * user's console. Runs in the interrupt handler,
 * which is safe because sending a signal only marks it pending and wakes.
 */
#include "arch.h"
#include "dev.h"
#include "printk.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"
#include "trap.h"

#define DOORBELL_COMMAND 0x510
#define DOORBELL_ARG0 0x514
#define DOORBELL_ARG1 0x518
#define DOORBELL_RESULT 0x51C
#define IRQ_DOORBELL 5
#define CMD_SIGNAL 1
#define CMD_CLOCK_RESUMED 2
#define MAX_REQUESTS_PER_IRQ 16   /* the device queues at most 16 */

static int doorbell_signal(int pid, int sig) {
  struct proc *p;
  if (sig < 1 || sig >= NSIG) return -EINVAL;
  if (pid <= 1) return -EPERM;
  p = proc_find(pid);
  if (p == NULL || p->state == P_ZOMBIE) return -ESRCH;
  if (p->mm == NULL) return -EPERM;
  return send_signal(p, sig);
}

static void doorbell_irq(int irq) {
  int n;
  (void)irq;
  for (n = 0; n < MAX_REQUESTS_PER_IRQ; n++) {
    u32 command = inl(DOORBELL_COMMAND);
    int result;
    if (command == 0 || command == 0xFFFFFFFF) return;
    if (command == CMD_SIGNAL) {
      int pid = (int)inl(DOORBELL_ARG0);
      int sig = (int)inl(DOORBELL_ARG1);
      result = doorbell_signal(pid, sig);
      /* KERN_DEBUG: kept in the log ring (the page shows it), not echoed over the user's console. */
      printk(KERN_DEBUG, "doorbell: signal %d to pid %d: %s", sig, pid, result == 0 ? "sent" : result == -EPERM ? "refused" : "failed");
    } else if (command == CMD_CLOCK_RESUMED) {
      time_init();
      result = 0;
      printk(KERN_DEBUG, "doorbell: resumed: wall clock read again from the RTC");
    } else {
      result = -EINVAL;
      printk(KERN_WARNING, "doorbell: unknown command %u", command);
    }
    outl(DOORBELL_RESULT, (u32)result);
  }
}

void doorbell_init(void) {
  irq_register(IRQ_DOORBELL, doorbell_irq, "doorbell");
  pic_unmask(IRQ_DOORBELL);
}
