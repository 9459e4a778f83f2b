/* sys_sbrk.c: libc's system-layer __sys_sbrk for the OS over the brk system
 * call (45), until libc's sys/hako layer has it. brk returns the new break,
 * or the old one when the kernel refused; the first call asks for the
 * current break with brk(0). */
unsigned long __sys_brk(unsigned long addr);

static unsigned long current_break;

void *__sys_sbrk(long incr) {
  unsigned long old;
  unsigned long want;
  if (current_break == 0)
    current_break = __sys_brk(0);
  old = current_break;
  if (incr == 0)
    return (void *)old;
  want = old + incr;
  if (__sys_brk(want) != want)
    return (void *)-1;
  current_break = want;
  return (void *)old;
}
