/* pagewalk: which physical frame is behind my variables?
 * Lab 06 — read en.md (or ja.md) beside this folder first.
 * Build and grade: npm run lab -- pagewalk */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define PAGE 4096

int counter = 42;                 /* in the data segment */

/* Prints "NAME 0xADDRESS frame 0xFRAME" or "NAME 0xADDRESS not present". */
static void show(int pagemap, const char *name, void *address) {
  unsigned long va = (unsigned long)address;
  unsigned int entry[2];          /* one 64-bit entry: low word, high word */
  /* TODO: where in /proc/self/pagemap is the entry of this address? */
  lseek(pagemap, va, SEEK_SET);
  read(pagemap, entry, 8);
  /* TODO: bit 63 says present; bits 0-54 hold the frame number */
  printf("%s 0x%08lx frame 0x%x\n", name, va, entry[0]);
}

int main(void) {
  int local = 7;                  /* on the stack */
  char *heap = malloc(16 * PAGE); /* 16 pages of heap, not touched yet */
  int fd = open("/proc/self/pagemap", O_RDONLY);
  char c;
  if (fd < 0) { perror("pagewalk: /proc/self/pagemap"); return 1; }
  heap[0] = 1;                    /* the first heap page is written... */
  show(fd, "data", &counter);
  show(fd, "stack", &local);
  show(fd, "heap", heap);
  show(fd, "untouched", heap + 12 * PAGE);   /* ...this one never is */
  fflush(stdout);
  read(0, &c, 1);                 /* the grader looks at the page tables now */
  return 0;
}
