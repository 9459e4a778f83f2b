/* tls.c: the main thread's TLS block, installed by crt0 before main so
 * that errno is per thread from the first instruction of main (docs/abi.md,
 * "Thread-local storage"). Other threads get theirs from pthread_create. */
#include <sched.h>
#include "pthread_impl.h"

struct __pthread __pthread_main;

int __sys_set_thread_area(struct user_desc *u);

void __libc_init_tls(void) {
  struct user_desc d;
  __pthread_main.self = &__pthread_main;
  __pthread_main.state = T_JOINABLE;
  d.entry_number = -1;
  d.base_addr = (unsigned int)&__pthread_main;
  d.limit = 0xfffff;
  d.flags = 0x51;   /* seg_32bit, limit_in_pages, useable: as glibc asks */
  __sys_set_thread_area(&d);
}
