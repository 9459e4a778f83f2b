/*
 * pic.c — the interrupt controller: 16 lines, a mask per line and an EOI
 * command (ports 0x20, 0x21, 0xA1).
 *
 * Owns the shadow copy of the mask so unmasking one line never needs a
 * read-modify-write of the device. Invariant: `mask` equals what was last
 * written to the device.
 */
#include "arch.h"
#include "dev.h"

#define PIC_CMD 0x20
#define PIC_MASK_LOW 0x21
#define PIC_MASK_HIGH 0xA1
#define PIC_EOI 0x20

static u32 mask = 0xFFFF;

static void write_mask(void) {
  outb(PIC_MASK_LOW, mask & 0xFF);
  outb(PIC_MASK_HIGH, (mask >> 8) & 0xFF);
}

void pic_init(void) {
  mask = 0xFFFF;
  write_mask();
}

void pic_unmask(int irq) {
  mask &= ~(1u << irq);
  write_mask();
}

void pic_mask(int irq) {
  mask |= 1u << irq;
  write_mask();
}

void pic_eoi(void) {
  outb(PIC_CMD, PIC_EOI);
}
