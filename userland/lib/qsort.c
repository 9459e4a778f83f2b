/* qsort.c: sorting and binary search over arrays of any element size.
 *
 * qsort is an introsort: quicksort with a median-of-three pivot and Hoare
 * partitioning (which stops on keys equal to the pivot, so runs of equal
 * keys split evenly), insertion sort for short ranges, and heapsort when
 * the recursion gets deeper than 2*log2(n), so no input costs more than
 * O(n log n) compares. It recurses into the smaller side only, so the
 * stack stays O(log n). Not stable, as C allows. Elements are swapped byte
 * by byte: no temporary buffer, any element size. */
#include <stdlib.h>

typedef int (*compare_fn)(const void *, const void *);

static void swap_bytes(char *a, char *b, size_t size) {
  char t;
  if (a == b)
    return;
  while (size-- > 0) {
    t = *a;
    *a++ = *b;
    *b++ = t;
  }
}

static void insertion_sort(char *base, size_t count, size_t size, compare_fn compare) {
  size_t i;
  char *p;
  for (i = 1; i < count; i++)
    for (p = base + i * size; p > base && compare(p - size, p) > 0; p -= size)
      swap_bytes(p - size, p, size);
}

/* Restores the heap property below node i of a max-heap of count items. */
static void sift_down(char *base, size_t i, size_t count, size_t size, compare_fn compare) {
  size_t child;
  for (;;) {
    child = 2 * i + 1;
    if (child >= count)
      return;
    if (child + 1 < count && compare(base + child * size, base + (child + 1) * size) < 0)
      child++;
    if (compare(base + i * size, base + child * size) >= 0)
      return;
    swap_bytes(base + i * size, base + child * size, size);
    i = child;
  }
}

static void heap_sort(char *base, size_t count, size_t size, compare_fn compare) {
  size_t i = count / 2;
  while (i-- > 0)
    sift_down(base, i, count, size, compare);
  for (i = count; i-- > 1;) {
    swap_bytes(base, base + i * size, size);
    sift_down(base, 0, i, size, compare);
  }
}

static void intro_sort(char *base, size_t count, size_t size, compare_fn compare, int depth) {
  char *lo, *mid, *hi, *i, *j;
  while (count > 12) {
    if (depth-- == 0) {
      heap_sort(base, count, size, compare);
      return;
    }
    lo = base;
    mid = base + (count / 2) * size;
    hi = base + (count - 1) * size;
    /* Order lo <= mid <= hi, then park the median at lo as the pivot. */
    if (compare(mid, lo) < 0)
      swap_bytes(mid, lo, size);
    if (compare(hi, mid) < 0) {
      swap_bytes(hi, mid, size);
      if (compare(mid, lo) < 0)
        swap_bytes(mid, lo, size);
    }
    swap_bytes(lo, mid, size);
    /* Hoare partition around the pivot at lo. */
    i = lo;
    j = hi + size;
    for (;;) {
      do
        i += size;
      while (i <= hi && compare(i, lo) < 0);
      do
        j -= size;
      while (compare(j, lo) > 0);
      if (i >= j)
        break;
      swap_bytes(i, j, size);
    }
    swap_bytes(lo, j, size);
    /* [base, j) <= pivot <= (j, end): recurse on the smaller side. */
    {
      size_t left = (size_t)(j - base) / size;
      size_t right = count - left - 1;
      if (left < right) {
        intro_sort(base, left, size, compare, depth);
        base = j + size;
        count = right;
      } else {
        intro_sort(j + size, right, size, compare, depth);
        count = left;
      }
    }
  }
  insertion_sort(base, count, size, compare);
}

void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *)) {
  int depth = 0;
  size_t n;
  if (count < 2 || size == 0)
    return;
  for (n = count; n > 1; n >>= 1)
    depth += 2;
  intro_sort((char *)base, count, size, compare, depth);
}

void *bsearch(const void *key, const void *base, size_t count, size_t size,
              int (*compare)(const void *, const void *)) {
  const char *lo = (const char *)base;
  size_t mid;
  int c;
  while (count > 0) {
    mid = count / 2;
    c = compare(key, lo + mid * size);
    if (c == 0)
      return (void *)(lo + mid * size);
    if (c > 0) {
      lo += (mid + 1) * size;
      count -= mid + 1;
    } else {
      count = mid;
    }
  }
  return NULL;
}
