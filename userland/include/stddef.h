/* stddef.h: the basic types every other header builds on.
 *
 * On Hako (__hako__) int, long and pointers are 32 bits, and size_t is
 * `unsigned int` everywhere in this libc. Under a host compiler (the
 * host-gcc test harness) we take the host's own size_t so the libc logic
 * can be tested against glibc on a 64-bit machine. */
#ifndef _STDDEF_H
#define _STDDEF_H

#if defined(__hako__) || !defined(__SIZE_TYPE__)
typedef unsigned int size_t;
typedef int ptrdiff_t;
#else
typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#endif

#ifndef NULL
#define NULL ((void *)0)
#endif

/* The classic form: the address of the member in a struct placed at 0. */
#define offsetof(type, member) ((size_t)&((type *)0)->member)

#endif
