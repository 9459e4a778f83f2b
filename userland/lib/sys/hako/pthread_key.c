/* pthread_key.c: thread-specific data (keys).
 *
 * A key is an index into every thread's `specific` array (pthread_impl.h)
 * plus a slot here: in use, its destructor, and a generation number that
 * changes at every create and delete. A value counts only if it was set
 * under the key's current generation, so a deleted and re-made key starts
 * at NULL in every thread without visiting them. At pthread_exit the
 * destructors run for every non-NULL value (which is cleared first), up
 * to PTHREAD_DESTRUCTOR_ITERATIONS rounds while destructors set new
 * values. The table is guarded by keys_lock; getspecific and setspecific
 * touch only the calling thread's own array. */
#include <errno.h>
#include <futex.h>
#include "pthread_impl.h"

#define PRIV FUTEX_PRIVATE_FLAG

static int keys_lock;
static struct {
  int used;
  unsigned seq;
  void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];

static void run_destructors(struct __pthread *t) {
  int round, k, ran = 1;
  for (round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS && ran; round++) {
    ran = 0;
    for (k = 0; k < PTHREAD_KEYS_MAX; k++) {
      void (*d)(void *);
      void *v;
      __lll_lock(&keys_lock, PRIV);
      d = keys[k].used ? keys[k].destructor : 0;
      v = t->specific[k].seq == keys[k].seq ? t->specific[k].value : 0;
      __lll_unlock(&keys_lock, PRIV);
      if (d && v) {
        t->specific[k].value = 0;
        d(v);
        ran = 1;
      }
    }
  }
}

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *)) {
  int k;
  __lll_lock(&keys_lock, PRIV);
  for (k = 0; k < PTHREAD_KEYS_MAX; k++)
    if (!keys[k].used)
      break;
  if (k == PTHREAD_KEYS_MAX) {
    __lll_unlock(&keys_lock, PRIV);
    return EAGAIN;
  }
  keys[k].used = 1;
  keys[k].seq++;
  keys[k].destructor = destructor;
  __pthread_key_cleanup = run_destructors;
  __lll_unlock(&keys_lock, PRIV);
  *key = k;
  return 0;
}

int pthread_key_delete(pthread_key_t key) {
  int r = 0;
  __lll_lock(&keys_lock, PRIV);
  if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
    r = EINVAL;
  else {
    keys[key].used = 0;
    keys[key].seq++;
  }
  __lll_unlock(&keys_lock, PRIV);
  return r;
}

void *pthread_getspecific(pthread_key_t key) {
  struct __pthread *t = SELF();
  if (key >= PTHREAD_KEYS_MAX || !keys[key].used || t->specific[key].seq != keys[key].seq)
    return 0;
  return t->specific[key].value;
}

int pthread_setspecific(pthread_key_t key, const void *value) {
  struct __pthread *t = SELF();
  if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
    return EINVAL;
  t->specific[key].seq = keys[key].seq;
  t->specific[key].value = (void *)value;
  return 0;
}
