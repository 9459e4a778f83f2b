/* strace.h: the parts of strace (main.c: options, the trace loop, output
 * and -c; decode.c: showing arguments and results the way Linux's strace
 * does). The decoding table, table.gen.c, is generated from
 * kernel/syscalls.tbl by toolchain/gen-syscalls.ts: each call's name and
 * one K_* kind per argument, derived from its C declaration. */
#ifndef STRACE_H
#define STRACE_H

#include <stdio.h>

/* Argument kinds (toolchain/gen-syscalls.ts argKind writes these names). */
#define K_INT 1          /* signed decimal */
#define K_UINT 2         /* unsigned decimal */
#define K_PTR 3          /* an address: NULL or 0x... */
#define K_FD 4           /* a descriptor; AT_FDCWD for the *at calls' dirfd */
#define K_STR 5          /* a NUL-terminated string, read at entry */
#define K_ARGV 6         /* a NULL-terminated array of strings */
#define K_BUF_IN 7       /* bytes the call reads: as many as the next argument */
#define K_BUF_OUT 8      /* bytes the call writes: as many as it returns */
#define K_STAT_OUT 9     /* struct stat / stat64 the call fills */
#define K_TIMESPEC 10    /* const struct timespec * */
#define K_POLLFD 11      /* struct pollfd array, the next argument its length */
#define K_WSTATUS_OUT 12 /* the wait status the call stores */
#define K_FDPAIR_OUT 13  /* pipe's two descriptors */
#define K_SIGNAL 14      /* a signal number */

struct sc_info {
  const char *name;
  int nargs;
  int kind[6];
};

extern const struct sc_info sc_table[];
extern const int sc_count;
extern const char *const errno_names[];
extern const int errno_name_count;

#define STRACE_ARG_TEXT 300
#define STRACE_STRLEN 32       /* strings are cut after this many bytes, as strace -s 32 */

/* A string being built (decode.c): the text so far, never overflowing. */
struct sb {
  char *buf;
  int len, cap;
};
void sb_init(struct sb *b, char *buf, int cap);
void sbf(struct sb *b, const char *fmt, ...);

/* One traced thread. */
struct tcb {
  int pid;
  int in_syscall;        /* between its entry and exit stops */
  int nr;                /* the call it is in */
  unsigned args[6];
  char text[6][STRACE_ARG_TEXT];   /* input arguments rendered at entry (exec replaces the memory) */
  int printed_upto;      /* arguments already printed at entry */
  int unfinished;        /* its line was cut by another process's output */
  int new_child;         /* its first SIGSTOP is the attach stop, not shown */
  int interrupted_nr;    /* the call a restart_syscall resumes (-1 unknown) */
  unsigned entry_us;     /* -c: the emulated clock at entry */
};

/* main.c: output with the column tracked (return values align at 40) */
extern FILE *out;
void outf(const char *fmt, ...);
void out_to_column(int col);

/* decode.c */
const char *sc_name(int nr);
int is_output_arg(int nr, int i);
int shown_args(int nr, const unsigned *args);
void decode_at_entry(struct tcb *t);
void render_output_arg(struct sb *b, struct tcb *t, int i, int ret);
void render_return(struct sb *b, struct tcb *t, int ret);
void render_signal_stop(struct sb *b, int sig, int code);
void render_wait_status(struct sb *b, int st);
const char *signal_name(int sig);
int read_mem(int pid, unsigned addr, void *buf, int n);

#endif
