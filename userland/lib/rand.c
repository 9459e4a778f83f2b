/* rand.c: the pseudo-random generator of the C standard's example: a
 * 32-bit linear congruential sequence whose bits 16..30 are the result.
 * `unsigned int` is 32 bits on Hako and on the test host alike, so the
 * sequence is the same everywhere: after srand(1) it starts 16838, 5758,
 * 10113, as the standard's example does. */
#include <stdlib.h>

static unsigned int rand_state = 1;

int rand(void) {
  rand_state = rand_state * 1103515245U + 12345U;
  return (int)((rand_state / 65536U) % 32768U);
}

void srand(unsigned int seed) {
  rand_state = seed;
}
