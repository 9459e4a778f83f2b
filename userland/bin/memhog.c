/* memhog: allocate SIZE bytes (4m, 512k or plain bytes), write a pattern
 * that differs per page into every word, read it all back, and report.
 * It exists to exercise demand paging (and later swap): every page is
 * touched twice, and a wrong word means the kernel lost or mixed pages.
 * The memory comes from malloc (the heap, grown with brk), or with -m from
 * an anonymous mmap: a region of its own between the heap and the stack,
 * as lessons/04-memory-layout shows. It can stop itself (SIGSTOP) at a
 * known point, whatever the timing: -p right after the allocation, before
 * touching a page (lesson 04 looks at a heap that is reserved but not yet
 * in RAM); -s once every page is written, checking them only when continued
 * (lesson 06 swaps that memory out while it waits).
 * Exit 0 when verified, 1 on a bad size, allocation failure or mismatch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>

#define PAGE 4096u
#define PATTERN 0x5A3C9600u

/* "4m", "512k", "1g" or bytes; 0 when malformed. */
static unsigned int parse_size(const char *s) {
  unsigned int v = 0;
  const char *p = s;
  if (*p < '0' || *p > '9') return 0;
  while (*p >= '0' && *p <= '9') {
    unsigned int next = v * 10 + (unsigned int)(*p - '0');
    if (next / 10 != v) return 0;
    v = next;
    p++;
  }
  if (*p == 'k' || *p == 'K') { if (v > 0x3FFFFFu) return 0; v <<= 10; p++; }
  else if (*p == 'm' || *p == 'M') { if (v > 0xFFFu) return 0; v <<= 20; p++; }
  else if (*p == 'g' || *p == 'G') { if (v > 3u) return 0; v <<= 30; p++; }
  if (*p != 0) return 0;
  return v;
}

int main(int argc, char **argv) {
  unsigned int size, words, i, pages;
  unsigned int *mem;
  int use_mmap = 0, stop_when_allocated = 0, stop_when_written = 0, arg = 1;
  for (; arg < argc && argv[arg][0] == '-' && argv[arg][1] != 0; arg++) {
    if (strcmp(argv[arg], "-m") == 0) use_mmap = 1;
    else if (strcmp(argv[arg], "-p") == 0) stop_when_allocated = 1;
    else if (strcmp(argv[arg], "-s") == 0) stop_when_written = 1;
    else break;
  }
  if (arg != argc - 1 || (size = parse_size(argv[arg])) == 0) {
    fprintf(stderr, "usage: memhog [-m] [-p] [-s] SIZE  (bytes, or with k/m/g suffix; -m: from mmap, not malloc;"
                    " -p: stop itself once allocated; -s: stop itself once written, check when continued)\n");
    return 1;
  }
  if (use_mmap) {
    mem = (unsigned int *)mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) mem = NULL;
  } else {
    mem = (unsigned int *)malloc(size);
  }
  if (mem == NULL) {
    fprintf(stderr, "memhog: cannot allocate %u bytes\n", size);
    return 1;
  }
  words = size / 4;
  if (stop_when_allocated) raise(SIGSTOP);
  for (i = 0; i < words; i++) mem[i] = ((i * 4) / PAGE) ^ PATTERN ^ (i & 1023u);
  if (stop_when_written) raise(SIGSTOP);
  for (i = 0; i < words; i++) {
    unsigned int want = ((i * 4) / PAGE) ^ PATTERN ^ (i & 1023u);
    if (mem[i] != want) {
      fprintf(stderr, "memhog: mismatch at byte %u (page %u): %08x, expected %08x\n", i * 4, (i * 4) / PAGE, mem[i], want);
      return 1;
    }
  }
  pages = (size + PAGE - 1) / PAGE;
  printf("memhog: %u bytes, %u pages, pattern verified\n", size, pages);
  if (use_mmap) munmap(mem, size);
  else free(mem);
  return 0;
}
