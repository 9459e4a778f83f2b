/*
 * printk.h — the kernel log and console output.
 *
 * printk(level, fmt, ...) appends one record, "[seconds.micros] text", to
 * the log ring (read by syslog(2), Linux number 103, i.e. dmesg) and echoes
 * it to the console when level <= console_loglevel. kprintf writes to the
 * console only. panic() prints registers and a backtrace and stops.
 */
#ifndef HAKO_PRINTK_H
#define HAKO_PRINTK_H

#include "types.h"
#include "stdarg.h"

/* Linux log levels. */
#define KERN_EMERG 0
#define KERN_ALERT 1
#define KERN_CRIT 2
#define KERN_ERR 3
#define KERN_WARNING 4
#define KERN_NOTICE 5
#define KERN_INFO 6
#define KERN_DEBUG 7

#define LOG_BUF_SIZE 16384

extern int console_loglevel;

int kprintf(const char *fmt, ...);
int printk(int level, const char *fmt, ...);
void console_write(const char *s, size_t n);
/* Copies up to len bytes of the log ring into buf (kernel memory); returns
 * the count. Oldest text first. */
int log_read_all(char *buf, int len);
int log_size(void);
extern u32 log_read_seq;
extern int log_reader_waiting;
int log_unread(void);                      /* bytes syslog READ has not consumed (interrupts off) */
int log_read_unread(char *buf, int len);   /* consume up to len of them (interrupts off) */
void log_ring_location(const char **buf, const u32 **head);   /* for kdebug_root */
void log_clear(void);
/* 1 if a message a user can provoke at will may be printed now: at most 10
 * per 5 s (Linux's printk_ratelimit defaults); `who` names the caller in
 * the "N callbacks suppressed" line. */
int printk_ratelimit(const char *who);

struct trapframe;
void panic(const char *fmt, ...);
void panic_trap(struct trapframe *tf, const char *why);
void backtrace(u32 ebp);
/* The name of the function containing addr and the offset in it; NULL if
 * the boot symbol table has no function covering it. */
const char *symbol_for(u32 addr, u32 *offset);

#define BUG_ON(cond) do { if (cond) panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); } while (0)

#endif
