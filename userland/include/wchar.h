/*
 * wchar.h: the wide character type (C99 7.24), as gcc -m32 has it: wchar_t
 * is a 32-bit `long` holding a Unicode code point, which is what the
 * compiler stores for L'x' and each element of L"...". The wide string and
 * I/O functions are not in this libc.
 */
#ifndef _WCHAR_H
#define _WCHAR_H

#include <stddef.h>

#ifndef _WCHAR_T_DEFINED
#define _WCHAR_T_DEFINED
typedef long wchar_t;
#endif
typedef unsigned int wint_t;

#define WCHAR_MIN (-2147483647L - 1)
#define WCHAR_MAX 2147483647L
#define WEOF ((wint_t)-1)

#endif
