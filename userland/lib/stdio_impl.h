/* stdio_impl.h: the inside of a FILE, shared by libc's stdio files.
 *
 * A stream is at any moment idle, reading or writing (`mode`):
 * - writing: buf[0..pos) holds bytes not yet written to fd;
 * - reading: buf[pos..len) holds bytes read from fd but not yet consumed,
 *   and `unget` (when >= 0) one pushed-back byte that comes before them.
 * Switching direction first flushes (writing) or gives back the read-ahead
 * (reading, by seeking back), so the fd offset always equals the stream's
 * logical position once the buffer is accounted for. Every stream is on
 * the `next` list from __stdio_streams so exit can flush them all. */
#ifndef _LIBC_STDIO_IMPL_H
#define _LIBC_STDIO_IMPL_H

#include <stdio.h>

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
};

extern struct __file *__stdio_streams;

/* Flushes every open stream (used by exit). */
void __stdio_flush_all(void);

#endif
