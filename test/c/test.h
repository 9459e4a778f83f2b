/*
 * test.h: the assertion used by every self-checking C program in test/c.
 *
 * Owns: ASSERT(expected, expr), ASSERT_LL(expected, expr) and
 * ASSERT_STR(expected, expr).
 * Invariants:
 *  - expr is evaluated exactly once (it is a function argument), so tests may
 *    put side effects in it and check them afterwards.
 *  - Both sides are converted to long (32 bits on Hako and on gcc -m32) and
 *    compared as such; a mismatch prints
 *        file:line: expr => got X, expected Y
 *    with printf and ends the program with exit(1). A program that reaches
 *    the end of main returns 0, so the exit status alone tells pass/fail.
 *  - ASSERT_LL compares as unsigned long long (64 bits) and prints both
 *    sides in hexadecimal as two 32-bit halves (no %lld needed).
 *  - Uses only printf, strcmp and exit, the smallest part of libc we rely on.
 */
#ifndef HAKO_TEST_H
#define HAKO_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_check_long(const char *file, int line, const char *text,
                            long got, long expected)
{
    if (got == expected)
        return;
    printf("%s:%d: %s => got %ld, expected %ld\n", file, line, text, got,
           expected);
    exit(1);
}

static void test_check_ll(const char *file, int line, const char *text,
                          unsigned long long got, unsigned long long expected)
{
    if (got == expected)
        return;
    printf("%s:%d: %s => got 0x%08lx%08lx, expected 0x%08lx%08lx\n", file, line,
           text, (unsigned long)(got >> 32), (unsigned long)(got & 0xffffffffu),
           (unsigned long)(expected >> 32), (unsigned long)(expected & 0xffffffffu));
    exit(1);
}

static void test_check_str(const char *file, int line, const char *text,
                           const char *got, const char *expected)
{
    /* A null string never equals anything: report it instead of crashing. */
    if (got != NULL && strcmp(got, expected) == 0)
        return;
    printf("%s:%d: %s => got \"%s\", expected \"%s\"\n", file, line, text,
           got != NULL ? got : "(null)", expected);
    exit(1);
}

#define ASSERT(expected, expr) \
    test_check_long(__FILE__, __LINE__, #expr, (long)(expr), (long)(expected))

#define ASSERT_LL(expected, expr) \
    test_check_ll(__FILE__, __LINE__, #expr, (unsigned long long)(expr), \
                  (unsigned long long)(expected))

#define ASSERT_STR(expected, expr) \
    test_check_str(__FILE__, __LINE__, #expr, (expr), (expected))

#endif
