/*
 * uart.c — the console UART (16550 subset at 0x3F8, IRQ 4).
 *
 * Transmit is polled: wait for "transmitter empty", write the byte; the
 * emulated UART drains instantly, so the wait is short, and polling keeps
 * printk and panic usable with interrupts off. Receive is interrupt driven:
 * the IRQ handler drains the receive register and hands each byte to the
 * registered receiver (the tty line discipline), or to a small ring here
 * before a tty exists. Invariant: rx_head - rx_tail <= RX_RING.
 */
#include "arch.h"
#include "dev.h"
#include "trap.h"

#define COM1 0x3F8
#define UART_DATA (COM1 + 0)
#define UART_IER (COM1 + 1)
#define UART_IIR (COM1 + 2)
#define UART_LCR (COM1 + 3)
#define UART_MCR (COM1 + 4)
#define UART_LSR (COM1 + 5)
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define IER_RX 0x01

#define RX_RING 256
static char rx_ring[RX_RING];
static u32 rx_head, rx_tail;
static uart_rx_fn rx_handler;

void uart_init(void) {
  outb(UART_IER, 0);      /* no interrupts until the tty is ready */
  outb(UART_LCR, 0x03);   /* 8 data bits, no parity, one stop bit */
  outb(UART_MCR, 0x0B);   /* DTR, RTS, OUT2 (the IRQ gate on a PC) */
}

void uart_putc(int c) {
  int spins = 100000;
  while ((inb(UART_LSR) & LSR_THR_EMPTY) == 0 && spins-- > 0) {
  }
  outb(UART_DATA, c & 0xFF);
}

static void uart_irq(int irq) {
  (void)irq;
  while (inb(UART_LSR) & LSR_DATA_READY) {
    int c = (int)(inb(UART_DATA) & 0xFF);
    if (rx_handler) {
      rx_handler(c);
    } else if (rx_head - rx_tail < RX_RING) {
      rx_ring[rx_head % RX_RING] = (char)c;
      rx_head++;
    }
  }
}

void uart_enable_rx_irq(void) {
  irq_register(IRQ_UART, uart_irq, "ttyS0");
  outb(UART_IER, IER_RX);
  pic_unmask(IRQ_UART);
}

void uart_set_rx_handler(uart_rx_fn fn) {
  rx_handler = fn;
}

int uart_getc_nowait(void) {
  int c;
  u32 flags = irq_save();
  if (rx_head == rx_tail) {
    irq_restore(flags);
    return -1;
  }
  c = (int)(u8)rx_ring[rx_tail % RX_RING];
  rx_tail++;
  irq_restore(flags);
  return c;
}
