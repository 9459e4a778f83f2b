/* ptrace.c: glibc's ptrace(3) over the raw system call. The kernel stores
 * a PEEK request's word at *data (Linux's raw interface); the wrapper reads
 * it into its own variable and returns it, so a caller writes
 * `errno = 0; w = ptrace(PTRACE_PEEKDATA, pid, addr, 0);`. */
#include <errno.h>
#include <sys/ptrace.h>

int __sys_ptrace(int request, int pid, unsigned addr, unsigned data);

long ptrace(int request, pid_t pid, void *addr, void *data) {
  long word = 0;
  int r;
  int peek = request == PTRACE_PEEKTEXT || request == PTRACE_PEEKDATA || request == PTRACE_PEEKUSER;
  r = __sys_ptrace(request, pid, (unsigned)addr, peek ? (unsigned)&word : (unsigned)data);
  if (r < 0) {
    errno = -r;
    return -1;
  }
  if (peek) {
    errno = 0;
    return word;
  }
  return r;
}
