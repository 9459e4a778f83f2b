/* /bin/true for the kernel benchmarks. */
int errno;
int *__errno_location(void) { return &errno; }   /* the generated stubs store through it */

int main(void) { return 0; }
