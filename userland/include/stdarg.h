/* stdarg.h: walking the arguments of a variadic function.
 *
 * On Hako every argument occupies a multiple of 4 bytes on the stack and
 * they lie in increasing addresses after the last named parameter (cdecl,
 * docs/abi.md). So va_list is a plain `char *`:
 *   va_start(ap, last)  ap = the address just past `last`'s stack slot
 *   va_arg(ap, T)       step ap past one slot of T and read the T it skipped
 * This needs only `&param` and `sizeof` from the compiler, which must keep
 * `last` in its incoming argument slot when its address is taken.
 * Under any other compiler (the host test harness) the builtins are used. */
#ifndef _STDARG_H
#define _STDARG_H

#ifdef __hako__

typedef char *va_list;

/* Size of T's stack slot: sizeof rounded up to a multiple of 4. */
#define __va_slot(T) ((sizeof(T) + 3) & ~3)

#define va_start(ap, last) ((ap) = (char *)&(last) + __va_slot(last))
#define va_arg(ap, T) (*(T *)(((ap) += __va_slot(T)) - __va_slot(T)))
#define va_end(ap) ((void)0)
#define va_copy(dst, src) ((dst) = (src))

#else

typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, T) __builtin_va_arg(ap, T)
#define va_end(ap) __builtin_va_end(ap)
#define va_copy(dst, src) __builtin_va_copy(dst, src)

#endif

#endif
