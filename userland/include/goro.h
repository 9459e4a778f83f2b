/* goro.h: a miniature of Go's M:N scheduler (G/M/P) in C, for reading
 * (userland/lib/sys/hako/goro*.c). Goroutines (G) are cheap user-level
 * threads with their own small stacks; they run on M kernel threads (from
 * clone), each M holding one of GOMAXPROCS processors (P) with a local run
 * queue. Channels and WaitGroups block a goroutine without blocking its M.
 *
 *   int main(void) { return goro_main(my_main, arg, 0); }
 *
 * goro_main runs fn(arg) as the first goroutine and returns when it ends
 * (other goroutines still running are abandoned, as in Go). maxprocs 0
 * means $GOMAXPROCS, else 2. A goroutine runs until it blocks on a
 * channel or WaitGroup, calls goro_yield, blocks in a system call made
 * through goro_read/goro_write, or ends — or has run 10 ms, when sysmon
 * preempts it with SIGURG (goro.c). Each goroutine's stack is 96 KiB of
 * demand-paged address space above a guard page: overflowing it ends the
 * program with "goro: fatal error: stack overflow in goroutine N". */
#ifndef _GORO_H
#define _GORO_H

typedef struct goro_chan goro_chan;

typedef struct {
  int count;                 /* outstanding goro_wg_add - goro_wg_done */
  struct goro_g *waiters;    /* goroutines in goro_wg_wait */
} goro_waitgroup;

int goro_main(void (*fn)(void *), void *arg, int maxprocs);
void go(void (*fn)(void *), void *arg);
void goro_yield(void);
int goro_id(void);

/* System calls made the Go way: the G keeps its P while in the kernel,
 * and sysmon hands the P to another M if the call has not come back by
 * its next look (a blocking read); a short call returns to its P with no
 * handoff. Wrap any other system call in goro_entersyscall() /
 * goro_exitsyscall(). */
long goro_read(int fd, void *buf, unsigned long n);
long goro_write(int fd, const void *buf, unsigned long n);
void goro_entersyscall(void);
void goro_exitsyscall(void);

goro_chan *goro_chan_make(int elem_size, int capacity);
void goro_send(goro_chan *c, const void *elem);   /* on a closed channel: abort */
int goro_recv(goro_chan *c, void *elem);          /* 1, or 0 when closed and drained */
void goro_close(goro_chan *c);

void goro_wg_add(goro_waitgroup *wg, int n);
void goro_wg_done(goro_waitgroup *wg);
void goro_wg_wait(goro_waitgroup *wg);

/* Counters the runtime keeps (goro_stats copies them). */
struct goro_stats {
  int gomaxprocs;
  int threads;          /* Ms started, M0 included */
  int goroutines_made;  /* Gs created (reused ones included) */
  int goroutines_live;
  int steals;           /* times an idle P took half of another's queue */
  int handoffs;         /* Ps sysmon retook from an M in a system call */
  int preemptions;      /* Gs switched out by sysmon's SIGURG after 10 ms */
  int global_takes;     /* Gs taken from the global run queue */
  int switches;         /* G switches */
  int syscalls;         /* goro_entersyscall calls */
};
void goro_stats(struct goro_stats *out);

/* Resident pages of the calling goroutine's stack (from /proc/self/pagemap;
 * also kept in its G for the goro_debug table); -1 outside a goroutine. */
int goro_stack_pages(void);

#endif
