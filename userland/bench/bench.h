/* bench.h: what the OS benchmark programs (userland/bench) share.
 *
 * Every program measures in retired instructions with bench_tsc() and
 * prints two kinds of console lines for test/bench/os.ts:
 *   "@mark LABEL"                 just before or after a measured stretch;
 *                                 the host notes its own clock when it sees
 *                                 the line (host seconds of the stretch)
 *   "@result NAME KEY=VALUE ..."  the measurements, unsigned decimal
 * and exits with status 0 only when every step it measured succeeded. */
#ifndef BENCH_H
#define BENCH_H

unsigned bench_tsc(void);
void bench_nothing(void);

/* Prints "@mark LABEL" straight to fd 1 (no stdio buffer in between). */
void bench_mark(const char *label);
/* Prints "@result NAME" and then, for each of the n pairs, " KEY=VALUE". */
void bench_result(const char *name, int n, const char *const *keys, const unsigned *values);
/* "@result NAME COUNT_KEY=count total=TOTAL PER_KEY=TOTAL/count": a
 * stretch of count repetitions that took total instructions. */
void bench_result_per(const char *name, const char *count_key, const char *per_key, unsigned count, unsigned total);
/* Prints "NAME: failed: WHAT" on stderr and exits with status 1. */
void bench_fail(const char *name, const char *what);
/* A decimal count from argv (or fallback when absent or not a number). */
unsigned bench_count(int argc, char **argv, unsigned fallback);

/* measure.c. CLOCK_MONOTONIC in emulated microseconds. */
unsigned long bench_now_us(void);
/* Sorts the n (>= 1) samples of v and puts the smallest, the median
 * (v[n / 2]) and the largest into out[0..2]. */
void bench_min_median_max(unsigned *v, unsigned n, unsigned *out);
/* The cost of one epoll_wait(timeout 0) in retired instructions, averaged
 * over n calls, on a set that reports exactly one entry (a pipe holding a
 * byte; checked before and after each measurement): first with the idle
 * entry add_one_idle(ep) watches, then after fill(ep) has added more
 * (returning how many idle entries the set holds), between "@mark
 * NAME-start" and "NAME-end". Prints "@result RESULT IDLE_KEY=I calls=N
 * per_call=P per_call_one_idle=Q"; "NAME: failed: ..." on any error. */
void bench_epoll_wait(const char *name, const char *result, const char *idle_key, unsigned n,
                      void (*add_one_idle)(int ep), unsigned (*fill)(int ep));
/* fd watched for EPOLLIN (level-triggered) in ep */
void bench_epoll_watch(const char *name, int ep, int fd);

#endif
