/* sigset.c: the sigset_t operations (plain bit arithmetic on the 64-bit
 * set the kernel's rt_sig* calls take; signals 1..64, Hako uses 1..31). */
#include <signal.h>
#include <errno.h>

#define SET_SIGNALS 64

static int valid(int sig) {
  if (sig < 1 || sig > SET_SIGNALS) {
    errno = EINVAL;
    return 0;
  }
  return 1;
}

int sigemptyset(sigset_t *set) {
  set->__bits[0] = 0;
  set->__bits[1] = 0;
  return 0;
}

int sigfillset(sigset_t *set) {
  set->__bits[0] = ~0ul;
  set->__bits[1] = ~0ul;
  return 0;
}

int sigaddset(sigset_t *set, int sig) {
  if (!valid(sig))
    return -1;
  set->__bits[(sig - 1) / 32] |= 1ul << ((sig - 1) % 32);
  return 0;
}

int sigdelset(sigset_t *set, int sig) {
  if (!valid(sig))
    return -1;
  set->__bits[(sig - 1) / 32] &= ~(1ul << ((sig - 1) % 32));
  return 0;
}

int sigismember(const sigset_t *set, int sig) {
  if (!valid(sig))
    return -1;
  return (set->__bits[(sig - 1) / 32] >> ((sig - 1) % 32)) & 1;
}
