/* setjmp/longjmp: the first return is 0, a longjmp returns its value (1 for
 * 0), from a nested call several frames deep, callee-saved state and
 * volatile locals survive, and a jmp_buf can be reused. */
#include <setjmp.h>
#include "test.h"

static jmp_buf env;
static int depth_reached;

static void dive(int n, int val) {
  depth_reached = n;
  if (n == 0)
    longjmp(env, val);
  dive(n - 1, val);
  depth_reached = -1; /* never: longjmp does not return here */
}

static int jumps_back(int val) {
  int r = setjmp(env);
  if (r != 0)
    return r;
  dive(10, val);
  return -1;
}

static int count_with_jumps(void) {
  jmp_buf local;
  volatile int count = 0;
  if (setjmp(local) < 5) {
    count++;
    longjmp(local, count);
  }
  return count;
}

int main(void) {
  volatile int keep = 1234;
  ASSERT(42, jumps_back(42));
  ASSERT(0, depth_reached);
  ASSERT(1, jumps_back(0));   /* longjmp(env, 0) makes setjmp return 1 */
  ASSERT(-7, jumps_back(-7));
  ASSERT(1234, keep);
  ASSERT(5, count_with_jumps());
  return 0;
}
