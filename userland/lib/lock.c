/* lock.c: the switch that turns libc's internal locks on (lock.h). */
#include "lock.h"

struct __libc_lock_ops *__libc_locks;
