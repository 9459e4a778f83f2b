/*
 * types.h — the kernel's basic integer types and a few universal macros.
 *
 * Our C subset has 32-bit int/long/pointers, signed char, 16-bit short and
 * no long long, so every fixed-width type below is exact. Nothing here
 * allocates or depends on any other header.
 */
#ifndef HAKO_TYPES_H
#define HAKO_TYPES_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef signed char i8;
typedef short i16;
typedef int i32;
typedef unsigned int size_t;
typedef int ssize_t;
typedef unsigned int uintptr_t;
typedef int pid_t;
typedef int off_t;
typedef unsigned int mode_t;

#define NULL ((void *)0)
#define TRUE 1
#define FALSE 0

/* Round x up / down to a power-of-two boundary a. */
#define ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((a) - 1))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

/* The containing struct of a member pointer (no typeof/offsetof builtins needed). */
#define OFFSET_OF(type, member) ((u32) & ((type *)0)->member)
#define CONTAINER_OF(ptr, type, member) ((type *)((char *)(ptr) - OFFSET_OF(type, member)))

/* Small helpers defined in headers. The kernel is built with cc -O, which
 * copies small static inline leaf functions into their callers (docs/abi.md,
 * "-O"); an unused one is not emitted, and host gcc (a syntax checker) does
 * not warn about it. */
#define INLINE static inline

#endif
