/* /bin/true for the kernel benchmarks. */
int errno;   /* the generated stubs store into it */

int main(void) { return 0; }
