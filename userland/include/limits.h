/* limits.h: the ranges of the integer types.
 *
 * Hako: char is signed, short 16, int/long 32 bits. LONG_* follow the
 * compiler's long (64-bit on a host harness, 32-bit on Hako), so code that
 * clamps to LONG_MAX is correct under both. */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT   8
#define SCHAR_MIN  (-128)
#define SCHAR_MAX  127
#define UCHAR_MAX  255
#define CHAR_MIN   SCHAR_MIN
#define CHAR_MAX   SCHAR_MAX
#define SHRT_MIN   (-32767 - 1)
#define SHRT_MAX   32767
#define USHRT_MAX  65535
#define INT_MIN    (-2147483647 - 1)
#define INT_MAX    2147483647
#define UINT_MAX   4294967295U

#if defined(__hako__) || !defined(__LONG_MAX__)
#define LONG_MAX   2147483647L
#define ULONG_MAX  4294967295UL
#else
#define LONG_MAX   __LONG_MAX__
#define ULONG_MAX  (__LONG_MAX__ * 2UL + 1UL)
#endif
#define LONG_MIN   (-LONG_MAX - 1L)
#define LLONG_MAX  9223372036854775807LL
#define LLONG_MIN  (-LLONG_MAX - 1LL)
#define ULLONG_MAX 18446744073709551615ULL

/* File-system limits, as on Linux. */
#define PATH_MAX   4096
#define NAME_MAX   255

#endif
