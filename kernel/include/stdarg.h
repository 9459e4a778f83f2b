/*
 * stdarg.h — variadic arguments for the kernel, per docs/abi.md: every
 * argument occupies a multiple of 4 bytes on the stack, walking upward, and
 * va_list is a char pointer. All our argument types are 4 bytes wide (no
 * long long, no floating point), so va_arg always steps by 4.
 */
#ifndef HAKO_STDARG_H
#define HAKO_STDARG_H

typedef char *va_list;
#define va_start(ap, last) ((ap) = (char *)&(last) + 4)
#define va_arg(ap, type) (*(type *)(((ap) = (ap) + 4) - 4))
#define va_end(ap) ((ap) = (char *)0)

#endif
