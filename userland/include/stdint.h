/* stdint.h: exact-width integer types up to 64 bits.
 *
 * int64_t is long long (64 bits on Hako and on every host). intptr_t is
 * long, which is pointer-sized both on Hako and on a 64-bit test host. */
#ifndef _STDINT_H
#define _STDINT_H

#include <limits.h>
#include <stddef.h>

typedef signed char    int8_t;
typedef unsigned char  uint8_t;
typedef short          int16_t;
typedef unsigned short uint16_t;
typedef int            int32_t;
typedef unsigned int   uint32_t;
typedef long long      int64_t;
typedef unsigned long long uint64_t;
typedef long           intptr_t;
typedef unsigned long  uintptr_t;

#define INT8_MIN   (-128)
#define INT8_MAX   127
#define UINT8_MAX  255
#define INT16_MIN  (-32767 - 1)
#define INT16_MAX  32767
#define UINT16_MAX 65535
#define INT32_MIN  (-2147483647 - 1)
#define INT32_MAX  2147483647
#define UINT32_MAX 4294967295U
#define INT64_MIN  (-9223372036854775807LL - 1)
#define INT64_MAX  9223372036854775807LL
#define UINT64_MAX 18446744073709551615ULL
#define INT64_C(c)  c ## LL
#define UINT64_C(c) c ## ULL
#define INTPTR_MIN  LONG_MIN
#define INTPTR_MAX  LONG_MAX
#define UINTPTR_MAX ULONG_MAX
#if defined(__hako__) || !defined(__SIZE_MAX__)
#define SIZE_MAX   UINT_MAX
#else
#define SIZE_MAX   __SIZE_MAX__
#endif

#endif
