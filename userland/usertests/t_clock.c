/* t_clock.c: the wall clock read to the microsecond. gettimeofday and
 * clock_gettime(CLOCK_REALTIME) must never go back while nobody sets the
 * clock, least of all at a second boundary: a reading whose seconds and
 * microseconds come from two moments is a second off, and a process
 * timing itself with it (the cgroup_cpu_weight spinners) stops early.
 *
 * Whether a kernel that reads its timer twice per call is caught depends
 * on where the boundary falls inside a call, so the case crosses
 * CROSSINGS boundaries, reading both clocks in turn, the k-th crossing
 * after k * PHASE_STEP extra loop turns: the boundary lands at a
 * different point of the calls each time. */
#include <time.h>
#include <sys/time.h>
#include "ut.h"

#define CROSSINGS 20
#define PHASE_STEP 3
#define AFTER 64   /* readings of each clock past the boundary */

struct stamp {
  long sec, usec;
};

static void read_clock(int realtime, struct stamp *s) {
  if (realtime) {
    struct timespec ts;
    CHECK(clock_gettime(CLOCK_REALTIME, &ts) == 0);
    s->sec = ts.tv_sec;
    s->usec = ts.tv_nsec / 1000;
  } else {
    struct timeval tv;
    CHECK(gettimeofday(&tv, 0) == 0);
    s->sec = tv.tv_sec;
    s->usec = tv.tv_usec;
  }
  CHECK(s->usec >= 0 && s->usec < 1000000);
}

static int earlier(const struct stamp *a, const struct stamp *b) {
  return a->sec < b->sec || (a->sec == b->sec && a->usec < b->usec);
}

/* Sleeps to just before the next second, waits k * PHASE_STEP loop turns,
 * then reads both clocks in turn until each gave AFTER readings past the
 * boundary. back[c] counts clock c's readings earlier than its one before
 * (a reading a second ahead is followed by one that is not). */
static void across_second(int k, int back[2]) {
  struct stamp first, prev[2], cur;
  struct timespec nap;
  volatile int turns;
  int i, c, after = 0, readings = 0;
  read_clock(0, &first);
  if (first.usec < 970000) {   /* wakes at a tick 10-20 ms before the second ends */
    nap.tv_sec = 0;
    nap.tv_nsec = (980000 - first.usec) * 1000;
    CHECK(nanosleep(&nap, 0) == 0);
  }
  for (i = 0; i < k * PHASE_STEP; i++) turns = i;
  read_clock(0, &prev[0]);
  read_clock(1, &prev[1]);
  first = prev[0];
  while (after < 2 * AFTER && readings < 1000000) {
    for (c = 0; c < 2; c++) {
      read_clock(c, &cur);
      if (earlier(&cur, &prev[c])) back[c]++;
      if (cur.sec != first.sec) after++;
      prev[c] = cur;
    }
    readings++;
  }
  /* one boundary crossed, a moment ago */
  CHECK(prev[0].sec == first.sec + 1 && prev[0].usec < 500000);
  CHECK(prev[1].sec == first.sec + 1 && prev[1].usec < 500000);
}

static void clock_second_boundary(void) {
  int k, back[2] = { 0, 0 };
  for (k = 0; k < CROSSINGS; k++) across_second(k, back);
  if (back[0] || back[1])
    printf("  readings earlier than the one before over %d second boundaries: gettimeofday %d, clock_gettime %d\n", CROSSINGS,
           back[0], back[1]);
  CHECK(back[0] == 0 && back[1] == 0);
}

struct ut_case ut_clock_cases[] = {
  { "clock_second_boundary", clock_second_boundary },
  { 0, 0 },
};
