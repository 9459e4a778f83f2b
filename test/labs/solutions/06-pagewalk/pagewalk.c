/* The reference solution of lab 06: the entry of an address is at
 * (address / 4096) * 8 in /proc/self/pagemap; bit 63 (the high word's
 * bit 31) says present, bits 0-54 are the frame (our frames fit the low
 * word). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define PAGE 4096

int counter = 42;

static void show(int pagemap, const char *name, void *address) {
  unsigned long va = (unsigned long)address;
  unsigned int entry[2];
  if (lseek(pagemap, (long)(va / PAGE * 8), SEEK_SET) < 0 || read(pagemap, entry, 8) != 8) {
    perror("pagewalk: reading pagemap");
    return;
  }
  if (entry[1] & 0x80000000u) printf("%s 0x%08lx frame 0x%x\n", name, va, entry[0] & 0x7FFFFFu);
  else printf("%s 0x%08lx not present\n", name, va);
}

int main(void) {
  int local = 7;
  char *heap = malloc(16 * PAGE);
  int fd = open("/proc/self/pagemap", O_RDONLY);
  char c;
  if (fd < 0) { perror("pagewalk: /proc/self/pagemap"); return 1; }
  heap[0] = 1;
  show(fd, "data", &counter);
  show(fd, "stack", &local);
  show(fd, "heap", heap);
  show(fd, "untouched", heap + 12 * PAGE);
  fflush(stdout);
  read(0, &c, 1);
  return 0;
}
