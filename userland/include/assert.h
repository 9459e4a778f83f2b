/* assert.h: assert(expr) reports "file:line: assertion failed: expr" on
 * stderr and aborts; with NDEBUG defined it does nothing. Deliberately
 * without an include guard, as C requires (NDEBUG may change between
 * inclusions). */
#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
void __assert_fail(const char *expr, const char *file, int line);
#define assert(expr) ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__))
#endif
