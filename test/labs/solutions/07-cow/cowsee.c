/* The reference solution of lab 07: the child's write makes the kernel
 * copy the page (the fault on a read-only COW entry); the parent waits
 * for the child before its last report, when the frame is its own again. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096

char page[PAGE];

static int frame_of(void *address, int *exclusive) {
  unsigned int entry[2];
  int fd = open("/proc/self/pagemap", O_RDONLY);
  int frame = -1;
  *exclusive = 0;
  if (fd < 0) return -1;
  if (lseek(fd, (long)((unsigned long)address / PAGE * 8), SEEK_SET) >= 0 && read(fd, entry, 8) == 8 &&
      (entry[1] & 0x80000000u)) {
    frame = (int)(entry[0] & 0x7FFFFFu);
    *exclusive = (entry[1] & 0x01000000u) != 0;
  }
  close(fd);
  return frame;
}

static void report(const char *who) {
  int own;
  int frame = frame_of(page, &own);
  printf("%s: frame 0x%x %s\n", who, frame, own ? "own" : "shared");
  fflush(stdout);
}

int main(void) {
  pid_t child;
  char c;
  memset(page, 'p', PAGE);
  printf("address 0x%08lx\n", (unsigned long)page);
  report("parent before");
  child = fork();
  if (child == 0) {
    report("child before");
    page[0] = 'c';                /* the write fault copies the page */
    report("child after");
    read(0, &c, 1);
    return 0;
  }
  waitpid(child, 0, 0);
  report("parent after");
  return 0;
}
