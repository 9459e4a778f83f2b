/*
 * vmscan.c — reclaim (issue 5; placeholder until kswapd and the clock
 * exist: nothing can be reclaimed yet, so a failed allocation goes straight
 * to the OOM killer).
 */
#include "mm.h"
#include "oom.h"
#include "swap.h"

u32 try_to_free_pages(void) {
  return 0;
}

struct page *alloc_user_page(void) {
  for (;;) {
    struct page *p = alloc_page();
    if (p != NULL) return p;
    if (try_to_free_pages() > 0) continue;
    if (!out_of_memory()) return NULL;
  }
}
