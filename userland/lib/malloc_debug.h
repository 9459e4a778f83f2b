/* malloc_debug.h: a window into the allocator for tests and debugging
 * (not part of the C library interface programs use). */
#ifndef _LIBC_MALLOC_DEBUG_H
#define _LIBC_MALLOC_DEBUG_H

#include <stddef.h>

/* Walks the whole heap and every free list and checks the allocator's
 * invariants. Returns 0 when they hold, otherwise the number of the first
 * rule found broken (see malloc.c). Reports the free blocks it counted. */
int __malloc_check(size_t *free_blocks, size_t *free_bytes);

#endif
