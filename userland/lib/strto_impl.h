/* strto_impl.h: the scanner shared by the strto* conversions (strtoll.c),
 * for strtol.c. Returns the magnitude read, clamped to limit
 * (negative_limit after a '-') with *overflow set when the digits go past
 * it; sets *negative and *endptr as strtol's rules say. */
#ifndef HAKO_STRTO_IMPL_H
#define HAKO_STRTO_IMPL_H

unsigned long long __strto_scan(const char *s, char **endptr, int base, unsigned long long limit,
                                unsigned long long negative_limit, int *negative, int *overflow);

#endif
