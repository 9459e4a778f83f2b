/*
 * dev.h — the small device drivers: interrupt controller, timer, RTC, UART
 * (ports in docs/architecture.md "Devices"), and time keeping.
 */
#ifndef HAKO_DEV_H
#define HAKO_DEV_H

#include "types.h"

/* Interrupt controller (dev/pic.c). */
void pic_init(void);          /* all lines masked */
void pic_unmask(int irq);
void pic_mask(int irq);
void pic_eoi(void);

/* Timer (dev/timer.c): periodic ticks at HZ; uptime in microseconds. */
void timer_init(void);
u32 timer_uptime_us_low(void);   /* wraps after ~71 minutes */
void timer_uptime(u32 *seconds, u32 *micros);

/* RTC (dev/rtc.c). */
u32 rtc_read(void);           /* Unix time in seconds */

/* UART console (dev/uart.c). */
void uart_init(void);
void uart_putc(int c);
void uart_enable_rx_irq(void);
/* Where received bytes go; the tty layer installs itself here. NULL: a
 * small internal buffer that uart_getc_nowait reads. */
typedef void (*uart_rx_fn)(int c);
void uart_set_rx_handler(uart_rx_fn fn);
int uart_getc_nowait(void);   /* -1 when nothing is buffered */

/* Time keeping (time.c). */
extern volatile u32 jiffies;  /* timer ticks since boot */
void time_init(void);
void time_tick(void);         /* called by the timer interrupt */
u32 time_now(void);           /* wall clock, Unix seconds */
void wall_clock(u32 *seconds, u32 *micros);   /* wall clock to the µs, both from one timer read */
u32 boot_wall_time(void);     /* wall clock at uptime 0 (/proc/stat btime) */
void time_set(u32 unix_seconds);
void uptime(u32 *seconds, u32 *micros);

#endif
