/* no-guard-counter.h: no include guard on purpose; each inclusion adds one
   to the running total. Used by 149-pp-nested-include.c. */
+ 1
