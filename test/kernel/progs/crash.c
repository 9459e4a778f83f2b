/* /bin/crash: dereferences a null pointer. As init it must bring the
 * kernel down with a clear panic, not loop on the fault. */
int errno;
int *__errno_location(void) { return &errno; }   /* the generated stubs store through it */

int main(void) {
  return *(volatile int *)0;
}
