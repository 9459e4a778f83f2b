/*
 * printk.c — console output and the kernel log ring.
 *
 * The log ring is LOG_BUF_SIZE bytes of text; `log_head` counts every byte
 * ever written, so the ring holds bytes [log_head - LOG_BUF_SIZE, log_head)
 * once it has wrapped. Each printk record is one line "<L>[ssss.uuuuuu] text\n"
 * (the "<L>" level prefix as Linux's syslog(2) READ_ALL returns it; dmesg
 * strips or filters it). Records at or below console_loglevel are echoed to
 * the console without the prefix. All of it runs with interrupts off, so
 * printk is safe from interrupt handlers and never sleeps.
 *
 * printk_ratelimit keeps messages a user program can provoke at will (its
 * faults) from flooding the console: like Linux's, at most a burst of 10
 * per 5 s of uptime; the first message allowed after a window that dropped
 * some says how many ("NAME: N callbacks suppressed").
 */
#include "arch.h"
#include "dev.h"
#include "lib.h"
#include "param.h"
#include "printk.h"
#include "proc.h"

int console_loglevel = 6;   /* echo levels 0..6 (debug stays in the ring only) */

static char log_buf[LOG_BUF_SIZE];
static u32 log_head;        /* total bytes ever appended */
static u32 log_start;       /* first byte still readable (after log_clear) */
u32 log_read_seq;           /* the next byte syslog(2) READ hands out (klogd's position) */
int log_reader_waiting;     /* a READ sleeps on &log_read_seq: printk wakes it */

static void log_putc(char c) {
  log_buf[log_head % LOG_BUF_SIZE] = c;
  log_head++;
}

void console_write(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (s[i] == '\n') uart_putc('\r');
    uart_putc(s[i]);
  }
}

static void emit_console(int c, void *arg) {
  (void)arg;
  if (c == '\n') uart_putc('\r');
  uart_putc(c);
}

int kprintf(const char *fmt, ...) {
  va_list ap;
  int n;
  u32 flags = irq_save();
  va_start(ap, fmt);
  n = vformat(emit_console, NULL, fmt, ap);
  va_end(ap);
  irq_restore(flags);
  return n;
}

/* The record's bytes go to the ring and, when echoing, to the console. */
struct log_sink {
  int echo;
  int last;
};

static void emit_log(int c, void *arg) {
  struct log_sink *sink = (struct log_sink *)arg;
  log_putc((char)c);
  if (sink->echo) emit_console(c, NULL);
  sink->last = c;
}

static void emit_log_only(int c, void *arg) {
  (void)arg;
  log_putc((char)c);
}

static int format_to(emit_fn fn, void *arg, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vformat(fn, arg, fmt, ap);
  va_end(ap);
  return n;
}

int printk(int level, const char *fmt, ...) {
  va_list ap;
  struct log_sink sink;
  u32 s, us;
  int n;
  u32 flags = irq_save();
  if (level < 0) level = 0;
  if (level > 7) level = 7;
  uptime(&s, &us);
  sink.echo = level <= console_loglevel;
  sink.last = 0;
  format_to(emit_log_only, NULL, "<%d>", level);
  format_to(emit_log, &sink, "[%5u.%06u] ", s, us);
  va_start(ap, fmt);
  n = vformat(emit_log, &sink, fmt, ap);
  va_end(ap);
  if (sink.last != '\n') emit_log('\n', &sink);
  if (log_reader_waiting) {
    log_reader_waiting = 0;
    wakeup(&log_read_seq);
  }
  irq_restore(flags);
  return n;
}

/* syslog(2) READ (klogd): the bytes not yet read this way, oldest first,
 * consumed (log_read_seq moves past them; text the ring overwrote first is
 * skipped). 0 when there are none. Call with interrupts off. */
int log_unread(void) {
  u32 first = log_head > LOG_BUF_SIZE ? log_head - LOG_BUF_SIZE : 0;
  if (log_read_seq < first) log_read_seq = first;
  return (int)(log_head - log_read_seq);
}

int log_read_unread(char *buf, int len) {
  int n = 0;
  log_unread();
  while (n < len && log_read_seq < log_head) buf[n++] = log_buf[log_read_seq++ % LOG_BUF_SIZE];
  return n;
}

/* Where the ring is, for the debugger root (kdebug.c): a debugger reads it
 * through kdebug_root, not through this file's private symbols. */
void log_ring_location(const char **buf, const u32 **head) {
  *buf = log_buf;
  *head = &log_head;
}

int log_size(void) {
  u32 first = log_head > LOG_BUF_SIZE ? log_head - LOG_BUF_SIZE : 0;
  if (first < log_start) first = log_start;
  return (int)(log_head - first);
}

int log_read_all(char *buf, int len) {
  u32 flags = irq_save();
  u32 first = log_head > LOG_BUF_SIZE ? log_head - LOG_BUF_SIZE : 0;
  u32 i;
  int n = 0;
  if (first < log_start) first = log_start;
  /* After a wrap the oldest record is cut: start at the next whole line. */
  if (first > log_start && first > 0) {
    while (first < log_head && log_buf[(first - 1) % LOG_BUF_SIZE] != '\n') first++;
  }
  /* Keep the newest text when the caller's buffer is smaller. */
  if ((int)(log_head - first) > len) first = log_head - (u32)len;
  for (i = first; i < log_head; i++) buf[n++] = log_buf[i % LOG_BUF_SIZE];
  irq_restore(flags);
  return n;
}

#define RATELIMIT_BURST 10
#define RATELIMIT_INTERVAL (5 * HZ)

static u32 ratelimit_begin;     /* jiffies when the current window opened */
static u32 ratelimit_printed;   /* allowed in this window */
static u32 ratelimit_missed;    /* refused in this window */
static int ratelimit_started;

int printk_ratelimit(const char *who) {
  int ok;
  u32 flags = irq_save();
  u32 now = jiffies;
  if (!ratelimit_started || now - ratelimit_begin >= RATELIMIT_INTERVAL) {
    if (ratelimit_missed) printk(KERN_WARNING, "%s: %u callbacks suppressed", who, ratelimit_missed);
    ratelimit_started = 1;
    ratelimit_begin = now;
    ratelimit_printed = 0;
    ratelimit_missed = 0;
  }
  ok = ratelimit_printed < RATELIMIT_BURST;
  if (ok) ratelimit_printed++;
  else ratelimit_missed++;
  irq_restore(flags);
  return ok;
}

void log_clear(void) {
  u32 flags = irq_save();
  log_start = log_head;
  irq_restore(flags);
}
