/*
 * vma.c — the virtual memory areas of an address space.
 *
 * The areas are kept twice over: as the list mm->vmas in address order
 * (what everything that walks them all uses: fork, exit, /proc, rmap) and
 * as an AVL tree from mm->vma_root keyed by start (what finds one area by
 * address), so a process with tens of thousands of mappings still finds,
 * adds and removes one in O(log n) — Linux keeps a red-black tree beside
 * its list for the same reason. The tree is threaded through the areas
 * themselves (left, right, height); vma_link and vma_unlink change list
 * and tree together, and nothing else may add or take out an area.
 *
 * Invariants: the list is sorted by start and areas never overlap; every
 * area is page-aligned, non-empty and below USER_TOP. Because of that,
 * both starts and ends increase along the list, so an area's start or end
 * may move in place (stack growth, brk, a trim) as long as it stays
 * between its neighbours: the tree's order does not change. In the tree
 * every node's subtree heights differ by at most one.
 */
#include "lib.h"
#include "mm.h"
#include "param.h"
#include "hako/errno.h"
#include "vm.h"

struct vm_area *vma_alloc(void);
void vma_free(struct vm_area *v);

static int height(struct vm_area *v) {
  return v ? v->height : 0;
}

static void fix_height(struct vm_area *v) {
  int l = height(v->left), r = height(v->right);
  v->height = (l > r ? l : r) + 1;
}

static struct vm_area *rotate_right(struct vm_area *v) {
  struct vm_area *l = v->left;
  v->left = l->right;
  l->right = v;
  fix_height(v);
  fix_height(l);
  return l;
}

static struct vm_area *rotate_left(struct vm_area *v) {
  struct vm_area *r = v->right;
  v->right = r->left;
  r->left = v;
  fix_height(v);
  fix_height(r);
  return r;
}

/* v's subtrees are balanced and differ in height by at most two: returns
 * the balanced subtree that replaces v. */
static struct vm_area *rebalance(struct vm_area *v) {
  int balance;
  fix_height(v);
  balance = height(v->left) - height(v->right);
  if (balance > 1) {
    if (height(v->left->left) < height(v->left->right)) v->left = rotate_left(v->left);
    return rotate_right(v);
  }
  if (balance < -1) {
    if (height(v->right->right) < height(v->right->left)) v->right = rotate_right(v->right);
    return rotate_left(v);
  }
  return v;
}

static struct vm_area *tree_insert(struct vm_area *root, struct vm_area *v) {
  if (root == NULL) {
    v->left = v->right = NULL;
    v->height = 1;
    return v;
  }
  if (v->start < root->start) root->left = tree_insert(root->left, v);
  else root->right = tree_insert(root->right, v);
  return rebalance(root);
}

/* Takes the leftmost node out of the subtree into *min. */
static struct vm_area *tree_take_min(struct vm_area *root, struct vm_area **min) {
  if (root->left == NULL) {
    *min = root;
    return root->right;
  }
  root->left = tree_take_min(root->left, min);
  return rebalance(root);
}

static struct vm_area *tree_remove(struct vm_area *root, struct vm_area *v) {
  struct vm_area *min;
  if (root == NULL) return NULL;
  if (v->start < root->start) {
    root->left = tree_remove(root->left, v);
  } else if (v->start > root->start) {
    root->right = tree_remove(root->right, v);
  } else {
    /* root is v: its successor takes its place */
    if (root->right == NULL) return root->left;
    root->right = tree_take_min(root->right, &min);
    min->left = root->left;
    min->right = root->right;
    root = min;
  }
  return rebalance(root);
}

void vma_link(struct mm *mm, struct vm_area *prev, struct vm_area *v) {
  struct vm_area **link = prev ? &prev->next : &mm->vmas;
  v->next = *link;
  *link = v;
  mm->vma_root = tree_insert(mm->vma_root, v);
}

void vma_unlink(struct mm *mm, struct vm_area *prev, struct vm_area *v) {
  struct vm_area **link = prev ? &prev->next : &mm->vmas;
  *link = v->next;
  mm->vma_root = tree_remove(mm->vma_root, v);
  v->next = v->left = v->right = NULL;
}

struct vm_area *vma_find(struct mm *mm, u32 addr) {
  struct vm_area *t = mm->vma_root;
  while (t) {
    if (addr < t->start) t = t->left;
    else if (addr >= t->end) t = t->right;
    else return t;
  }
  return NULL;
}

/* The first area ending above addr (ends increase like starts). */
struct vm_area *vma_first_after(struct mm *mm, u32 addr) {
  struct vm_area *t = mm->vma_root, *best = NULL;
  while (t) {
    if (t->end > addr) {
      best = t;
      t = t->left;
    } else {
      t = t->right;
    }
  }
  return best;
}

/* The last area starting below addr. */
static struct vm_area *last_starting_below(struct mm *mm, u32 addr) {
  struct vm_area *t = mm->vma_root, *best = NULL;
  while (t) {
    if (t->start < addr) {
      best = t;
      t = t->right;
    } else {
      t = t->left;
    }
  }
  return best;
}

struct vm_area *vma_prev(struct mm *mm, struct vm_area *v) {
  return last_starting_below(mm, v->start);
}

int vma_overlaps(struct mm *mm, u32 start, u32 end) {
  struct vm_area *v = vma_first_after(mm, start);
  return v != NULL && v->start < end;
}

int vma_add(struct mm *mm, u32 start, u32 end, u32 prot, u32 flags) {
  struct vm_area *v;
  if ((start & (PAGE_SIZE - 1)) || (end & (PAGE_SIZE - 1)) || start >= end || end > USER_TOP) {
    return -EINVAL;
  }
  if (vma_overlaps(mm, start, end)) return -EINVAL;
  v = vma_alloc();
  if (v == NULL) return -ENOMEM;
  v->start = start;
  v->end = end;
  v->prot = prot;
  v->flags = flags;
  v->mm = mm;
  vma_link(mm, last_starting_below(mm, start), v);
  return 0;
}

/* Resizes the heap: [start_brk, brk) is the VMA flagged VM_HEAP (created on
 * first growth). Shrinking unmaps the pages past the new end. */
int do_brk(struct mm *mm, u32 new_brk) {
  u32 old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
  u32 new_end = ALIGN_UP(new_brk, PAGE_SIZE);
  struct vm_area *heap;
  if (new_brk < mm->start_brk) return -ENOMEM;
  if (new_end == old_end) {
    mm->brk = new_brk;
    return 0;
  }
  heap = vma_find(mm, mm->start_brk);
  if (heap && !(heap->flags & VM_HEAP)) heap = NULL;
  if (new_end > old_end) {
    if (new_end > USER_MMAP_BASE || vma_overlaps(mm, old_end, new_end)) return -ENOMEM;
    if (heap) {
      heap->end = new_end;
    } else {
      int err = vma_add(mm, mm->start_brk, new_end, VM_READ | VM_WRITE, VM_ANON | VM_HEAP);
      if (err) return -ENOMEM;
    }
  } else if (heap) {
    unmap_range(mm, new_end, old_end);
    heap->end = new_end;
    if (heap->end == heap->start) {
      vma_unlink(mm, vma_prev(mm, heap), heap);
      vma_free(heap);
    }
  }
  mm->brk = new_brk;
  return 0;
}
