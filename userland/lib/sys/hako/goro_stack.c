/* goro_stack.c: the goroutine stacks of the G/M/P runtime (goro.c) —
 * where they live, what stops one running into the next, and how much of
 * each is resident.
 *
 * Choice (docs/abi.md): a stack does not move. Each G gets GORO_STACK
 * bytes of address space, demand-paged by the kernel, so it starts with
 * the one page its first frames touch and grows a page per fault as the G
 * goes deeper (Go instead copies a small stack into a bigger one, which
 * needs the compiler to find every pointer into it; ours cannot). Below
 * every stack is one PROT_NONE guard page. A G that overflows faults on
 * its guard page; the kernel sends SIGSEGV, which runs segv_handler on
 * the M's alternate signal stack (sigaltstack: the G's own stack has no
 * room left), and the handler names the goroutine before the process dies
 * of the signal. A fault anywhere else is left to the program's previous
 * SIGSEGV disposition.
 *
 * Resident pages: __goro_stack_resident reads /proc/self/pagemap (bit 63:
 * present, bit 62: swapped) for the G's stack range. Pages once touched
 * stay resident for the G struct's life (a reused G keeps them), so the
 * count is the high-water mark of every goroutine that ran on that stack.
 * Invariant: a G's stack is [g->stack, g->stack + GORO_STACK) and
 * [g->stack - GORO_GUARD, g->stack) is PROT_NONE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <goro.h>
#include "goro_impl.h"

enum { ALTSTACK = 8192, PAGE = 4096 };
/* The kernel's signal frame (docs/kernel.md "Signals"): the handler's
 * argument slot holds the signal number and the saved trap frame follows
 * it, words edi esi ebp ebx edx ecx eax vector err eip cpl eflags esp. */
enum { TF_VECTOR = 7, TF_EIP = 9, TF_ESP = 12, T_PAGE_FAULT = 14 };

static struct sigaction previous_segv;
static int pagemap_fd = -1;

/* count stacks, each GORO_STACK with a guard page below it, in one
 * mapping (one mmap, count mprotects: 2 * count kernel VMAs). Returns the
 * first stack's base (its guard page is just below). */
char *__goro_stacks_map(int count) {
  unsigned long slot = GORO_GUARD + GORO_STACK;
  char *m = mmap(0, slot * count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int i;
  if (m == MAP_FAILED)
    abort();
  for (i = 0; i < count; i++)
    if (mprotect(m + slot * i, GORO_GUARD, PROT_NONE) < 0)
      abort();
  return m + GORO_GUARD;
}

static struct goro_g *overflowed_g(unsigned long esp) {
  struct goro_m *tp = (struct goro_m *)__get_tp(), *m;
  struct goro_g *g;
  unsigned long base;
  for (m = __goro_sched.allm; m && m != tp; m = m->alllink)
    ; /* the thread pointer is an M of ours, not some other library's */
  g = m ? m->curg : 0;
  if (!g)
    return 0;
  base = (unsigned long)g->stack;
  /* a push or a frame's first store below the base: esp is at most one
   * guard page below it, or just above it */
  if (esp + GORO_GUARD >= base && esp < base + PAGE)
    return g;
  return 0;
}

static void segv_handler(int sig) {
  unsigned long *tf = (unsigned long *)&sig + 1;
  struct goro_g *g = tf[TF_VECTOR] == T_PAGE_FAULT ? overflowed_g(tf[TF_ESP]) : 0;
  if (g) {
    char line[200];
    int n = snprintf(line, sizeof line,
                     "goro: fatal error: stack overflow in goroutine %d (stack %p-%p, %d KiB; esp %p, eip %p)\n",
                     g->id, g->stack, g->stack + GORO_STACK, GORO_STACK / 1024, (void *)tf[TF_ESP], (void *)tf[TF_EIP]);
    write(2, line, n);
    signal(SIGSEGV, SIG_DFL);
  } else {
    sigaction(SIGSEGV, &previous_segv, 0);
  }
  /* returning re-runs the faulting instruction under that disposition:
   * the process dies of SIGSEGV (or the program's own handler runs) */
}

void __goro_altstack(struct goro_m *m) {
  stack_t ss;
  if (!m->altstack) {
    m->altstack = mmap(0, ALTSTACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m->altstack == MAP_FAILED) {
      m->altstack = 0;
      return;
    }
  }
  ss.ss_sp = m->altstack;
  ss.ss_flags = 0;
  ss.ss_size = ALTSTACK;
  sigaltstack(&ss, 0);
}

void __goro_stack_setup(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = segv_handler;
  sa.sa_flags = SA_ONSTACK | SA_NODEFER;
  sigaction(SIGSEGV, &sa, &previous_segv);
  if (previous_segv.sa_handler == segv_handler) /* a second goro_main */
    previous_segv.sa_handler = SIG_DFL;
}

/* goro_main is over: the program's own SIGSEGV disposition again. */
void __goro_stack_teardown(void) {
  sigaction(SIGSEGV, &previous_segv, 0);
}

int __goro_stack_resident(struct goro_g *g) {
  unsigned long long entries[GORO_STACK / PAGE];
  unsigned long first = (unsigned long)g->stack / PAGE;
  int i, n = 0;
  if (pagemap_fd < 0)
    pagemap_fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (pagemap_fd < 0 || pread(pagemap_fd, entries, sizeof entries, (long)first * 8) != (long)sizeof entries)
    return -1;
  for (i = 0; i < GORO_STACK / PAGE; i++)
    if ((unsigned)(entries[i] >> 32) & 0xc0000000u) /* bit 63 present, 62 swapped */
      n++;
  g->stack_pages = n;
  return n;
}

int goro_stack_pages(void) {
  struct goro_g *g = __goro_current();
  return g ? __goro_stack_resident(g) : -1;
}
