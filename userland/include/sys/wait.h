/* sys/wait.h: waiting for children and decoding their status words, in
 * Linux's encoding: exit code in bits 8-15, terminating signal in bits
 * 0-6 (bit 7: core dumped), 0x7F in the low byte for a stopped child.
 * Declarations only for now (userland/lib/sys/hako). */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>

#define WNOHANG    1
#define WUNTRACED  2
#define WCONTINUED 8

#define WEXITSTATUS(s) (((s) >> 8) & 0xFF)
#define WTERMSIG(s)    ((s) & 0x7F)
#define WSTOPSIG(s)    WEXITSTATUS(s)
#define WIFEXITED(s)   (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7F)
#define WIFSTOPPED(s)  (((s) & 0xFF) == 0x7F)
#define WCOREDUMP(s)   (((s) & 0x80) != 0)
#define WIFCONTINUED(s) ((s) == 0xffff)

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
struct rusage;  /* sys/resource.h when it exists; wait4 may be given NULL */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage);

#endif
