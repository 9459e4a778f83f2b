/* /bin/crash: dereferences a null pointer. As init it must bring the
 * kernel down with a clear panic, not loop on the fault. */
int errno;

int main(void) {
  return *(volatile int *)0;
}
