/*
 * list.h — circular doubly linked lists with the node embedded in its
 * owner (struct page, struct proc, caches). An empty list is a head that
 * points at itself. Functions rather than macros, so the code is debuggable
 * and our compiler only needs plain C.
 */
#ifndef HAKO_LIST_H
#define HAKO_LIST_H

#include "types.h"

struct list_head {
  struct list_head *next, *prev;
};

INLINE void list_init(struct list_head *h) {
  h->next = h;
  h->prev = h;
}

INLINE int list_empty(struct list_head *h) {
  return h->next == h;
}

INLINE void list_insert_between(struct list_head *n, struct list_head *prev, struct list_head *next) {
  n->next = next;
  n->prev = prev;
  prev->next = n;
  next->prev = n;
}

/* Adds n right after the head (front of the list). */
INLINE void list_add(struct list_head *n, struct list_head *head) {
  list_insert_between(n, head, head->next);
}

/* Adds n before the head (back of the list). */
INLINE void list_add_tail(struct list_head *n, struct list_head *head) {
  list_insert_between(n, head->prev, head);
}

INLINE void list_del(struct list_head *n) {
  n->prev->next = n->next;
  n->next->prev = n->prev;
  n->next = n;
  n->prev = n;
}

#define list_entry(ptr, type, member) CONTAINER_OF(ptr, type, member)

#endif
