/* ut.h: the usertests framework.
 *
 * Each case is a function run in its own forked child inside a fresh
 * scratch directory (/tmp/ut.NAME); it passes when the child exits 0. A
 * failed CHECK prints the file, line, condition and errno, then exits 1,
 * so one failure never disturbs the next case. Cases that need fresh
 * processes of their own fork them; `usertests --helper MODE ...` is this
 * same program re-executed for the exec cases. */
#ifndef UT_H
#define UT_H

#include <stdio.h>
#include <errno.h>
#include <string.h>

#define CHECK(cond) \
  do { \
    if (!(cond)) { \
      ut_fail(__FILE__, __LINE__, #cond); \
    } \
  } while (0)

/* the call fails with exactly this errno */
#define CHECK_ERR(call, err) \
  do { \
    errno = 0; \
    if ((call) != -1 || errno != (err)) { \
      ut_fail_errno(__FILE__, __LINE__, #call, err); \
    } \
  } while (0)

struct ut_case {
  const char *name;
  void (*fn)(void);
};

void ut_fail(const char *file, int line, const char *what);
void ut_fail_errno(const char *file, int line, const char *what, int want);

/* helpers */
int ut_syscall3(int nr, int a, int b, int c);
void ut_illegal(void);
void ut_privileged(void);
void ut_sigreturn_garbage(void);
int ut_write_file(const char *path, const char *data, int len);
int ut_read_file(const char *path, char *buf, int size);
int ut_copy_file(const char *from, const char *to, int mode);   /* byte copy, then chmod(to, mode): 0 or -1 */
int ut_proc_number(const char *path, const char *key); /* /proc "key:" or "key " figure, -1 if absent */
int ut_wait_status(int pid);                /* raw status from waitpid(pid) */
int ut_fork_status(void (*fn)(void));       /* fork, run fn, _exit(0); raw status */
extern const char *ut_self;                 /* argv[0] of usertests */
/* ut_sock.c: a child that accepts one connection on the listener, writes
 * back all it reads until EOF, and exits 0 (1: accept failed, 2: a write,
 * 3: a read); its pid (-1 when fork fails) */
int ut_echo_server(int listener);
/* ut_sock.c: socket s (-1 passes through) connected to the address, or -1
 * with connect's errno and s closed */
int ut_connect(int s, const void *addr, int len);
/* ut_sock.c: 127.0.0.1:port (port in host order) */
struct sockaddr_in ut_loop_addr(unsigned short port);
/* ut_sock.c: the AF_UNIX address of path into *a; its length, for bind
 * and connect (the family, the path and its NUL) */
struct sockaddr_un;
int ut_unix_addr(struct sockaddr_un *a, const char *path);

/* the case tables, one per area */
extern struct ut_case ut_proc_cases[];
extern struct ut_case ut_sys_cases[];
extern struct ut_case ut_fs_cases[];
extern struct ut_case ut_pipe_cases[];
extern struct ut_case ut_sig_cases[];
extern struct ut_case ut_sigflags_cases[];   /* t_sigflags.c: sigaction flags, sigsuspend, sigaltstack, itimers */
extern struct ut_case ut_fd_cases[];
extern struct ut_case ut_vm_cases[];     /* t_vm.c: COW, demand paging, /proc */
extern struct ut_case ut_thread_cases[];   /* t_thread.c: clone, thread groups, futex, TLS */
extern struct ut_case ut_ucontext_cases[]; /* t_ucontext.c: setjmp, sigsetjmp, ucontext */
extern struct ut_case ut_goro_cases[];     /* t_goro.c: the G/M/P runtime */
extern struct ut_case ut_mmap_cases[];   /* t_mmap.c: mmap/munmap/mprotect/msync */
extern struct ut_case ut_systools_cases[];   /* t_systools.c: nanosleep EINTR/restart, fork placement, statfs */
extern struct ut_case ut_swap_cases[];   /* t_swap.c: swap round trips, the OOM killer */
extern struct ut_case ut_namei_cases[];  /* t_namei.c: EXDEV, EBUSY, getcwd, deep trees */
extern struct ut_case ut_cred_cases[];   /* t_cred.c: user/group ids, kill permission, setuid exec */
extern struct ut_case ut_perm_cases[];   /* t_perm.c: file permissions as uid 1000, sticky /tmp, access */
extern struct ut_case ut_at_cases[];     /* t_at.c: the *at calls, open flags, stat64, getdents64, _llseek */
extern struct ut_case ut_fifo_cases[];   /* t_fifo.c: FIFOs between processes */
extern struct ut_case ut_procfs_cases[];   /* t_procfs.c: /proc/PID fd links, cwd/exe, status ids, who may look */
extern struct ut_case ut_ipc_cases[];    /* t_ipc.c: eventfd, System V and POSIX IPC */
extern struct ut_case ut_shm_cases[];    /* t_shm.c: System V shared memory, tmpfs, shm_open */
extern struct ut_case ut_rlimit_cases[];  /* t_rlimit.c: getrlimit/setrlimit/prlimit64 and each limit enforced */
extern struct ut_case ut_poll_cases[];   /* t_poll.c: select, poll, epoll readiness */
extern struct ut_case ut_unix_cases[];   /* t_unix.c: AF_UNIX stream and datagram sockets */
extern struct ut_case ut_ns_cases[];     /* t_ns.c: chroot, namespaces, setns, /proc/PID/ns */
extern struct ut_case ut_netns_cases[];  /* t_netns.c: network namespaces (CLONE_NEWNET) */
extern struct ut_case ut_pthread_cases[];  /* t_pthread.c: <pthread.h>, <semaphore.h>, errno/malloc/stdio under threads */
extern struct ut_case ut_cgroup_cases[];   /* t_cgroup.c: control groups v2 at /sys/fs/cgroup */
extern struct ut_case ut_inet_cases[];   /* t_inet.c: the TCP/IP stack over the loopback */
extern struct ut_case ut_clock_cases[];   /* t_clock.c: the wall clock at second boundaries */
extern struct ut_case ut_mount_cases[];  /* t_mount.c: mount/umount2 errors, EBUSY, `..` out, read-only */
extern struct ut_case ut_hrtimer_cases[];   /* t_hrtimer.c: µs sleeps and timeouts on the one-shot timer */
extern struct ut_case ut_wakeup_cases[];   /* t_wakeup.c: wake-up preemption and fairness against sleepers */
extern struct ut_case ut_ptrace_cases[];   /* t_ptrace.c: ptrace stops, registers, PEEK/POKE, steps, events, rules */

int ut_helper(int argc, char **argv);
/* t_proc.c: this program again as `usertests --helper MODE ARG` (environ
 * kept); returns only if execve failed. ut_run_helper forks for it and
 * gives the child's raw wait status (exit 100: the exec failed). */
void ut_exec_helper(const char *mode, const char *arg);
int ut_run_helper(const char *mode, const char *arg);
int ut_recurse(int kib);                    /* t_rlimit.c: a recursion using kib KiB of stack; 0 */

#endif
