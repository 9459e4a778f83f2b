/* stdio_impl.h: the inside of a FILE, shared by libc's stdio files.
 *
 * A stream is at any moment idle, reading or writing (`mode`):
 * - writing: buf[0..pos) holds bytes not yet written to fd;
 * - reading: buf[pos..len) holds bytes read from fd but not yet consumed,
 *   and `unget` (when >= 0) one pushed-back byte that comes before them.
 * Switching direction first flushes (writing) or gives back the read-ahead
 * (reading, by seeking back), so the fd offset always equals the stream's
 * logical position once the buffer is accounted for. Every stream is on
 * the `next` list from __stdio_streams so exit can flush them all.
 *
 * Write errors are never lost: a failed write sets F_ERR (ferror) and
 * F_WERR and keeps its errno in `error`; fflush and fclose return EOF; and
 * exit, after flushing, reports any stream (stderr aside) whose writes
 * failed as "PROG: write error: REASON" on stderr and turns a status of 0
 * into 1 — what GNU's utilities get from close_stdout, here for every
 * program. clearerr forgets the error (a program that handled it).
 *
 * Threads: each stream has a recursive lock (stdio_lock.c: flockfile),
 * taken by every public call once the process has a second thread
 * (lock.h), so one printf's bytes are never mixed with another thread's.
 * The *_unlocked functions and the static helpers assume it is held.
 * exit flushes without locks: other threads may hold them for ever. */
#ifndef _LIBC_STDIO_IMPL_H
#define _LIBC_STDIO_IMPL_H

#include <stdio.h>
#include "lock.h"

#define F_READ     1    /* opened for reading */
#define F_WRITE    2    /* opened for writing */
#define F_EOF      4    /* end-of-file indicator */
#define F_ERR      8    /* error indicator */
#define F_LINEBUF  16   /* flush on '\n' */
#define F_UNBUF    32   /* no buffer: every write goes straight out */
#define F_DECIDED  64   /* buffering mode fixed (at first use, or setvbuf) */
#define F_OWNBUF   128  /* buf came from malloc and is freed at fclose */
#define F_OWNFILE  256  /* the FILE itself came from malloc */
#define F_APPEND   512  /* opened with "a": every write goes to the end */
#define F_WERR     1024 /* a write failed (with F_ERR): exit reports it */

#define MODE_IDLE    0
#define MODE_READING 1
#define MODE_WRITING 2

struct __file {
  int fd;
  int flags;
  int mode;
  int unget;
  unsigned char *buf;
  size_t size;
  size_t pos;
  size_t len;
  struct __file *next;
  int error;          /* errno of the first failed write (F_WERR) */
  int lock;           /* lock word (lock.h) */
  void *owner;        /* the thread holding it (its thread pointer) */
  int depth;          /* how many times the owner holds it */
};

extern struct __file *__stdio_streams;
extern int __stdio_list_lock;   /* guards the list (lock.h) */

/* Flushes every open stream; EOF if any of them failed. locked: take
 * each stream's lock (fflush(NULL)) or not (exit). */
int __stdio_flush_all(int locked);
int __fflush_unlocked(FILE *f);
size_t __fwrite_unlocked(const void *p, size_t size, size_t count, FILE *f);

/* 1 when the stream locks must be taken (lock.h): then the caller brackets
 * its work with flockfile and funlockfile. */
#define STDIO_LOCKING() (__libc_locks != 0)

/* exit's last stdio step: flushes everything, reports failed writes;
 * returns the status to exit with. */
int __stdio_exit(int status);

/* argv[0], set by crt0 (GNU's name): the PROG of exit's report. */
extern char *program_invocation_name;

#endif
