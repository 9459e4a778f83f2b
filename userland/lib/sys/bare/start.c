/* start.c: the C half of a bare-machine program's start (crt0.s calls
 * __bare_start with the boot info or NULL).
 *
 * - Faults: first of all, fault.c turns paging on (page 0 and everything
 *   past RAM unmapped) and installs trap vectors that report an exception
 *   and power off with 128 + the signal number.
 * - Heap: from bootinfo->kernel_end (the loader's first free byte, past
 *   the program's bss and the symbols and command line it copied; so it
 *   is past the linker's `_end` too) and past fault.c's page tables, up to
 *   ram_bytes - 1 MiB. The top MiB
 *   stays unused: room for the future and a guard against running into
 *   the end of RAM.
 * - Arguments: the boot command line is the program's words separated by
 *   spaces or tabs; argv[0] is the first. An empty command line gives
 *   argc 1 with argv[0] = "a.out". At most MAX_ARGS words of a command line
 *   of at most CMDLINE_MAX bytes; the rest is dropped.
 * - The environment is empty.
 * Then exit(main(argc, argv, envp)), which flushes stdio and powers off
 * with the status. */
#include <stdlib.h>
#include <hako/bootinfo.h>
#include "bare.h"

extern char *program_invocation_name;   /* stdio.c: exit names the program in a write error */

#define CMDLINE_MAX 1024
#define MAX_ARGS 64
#define HEAP_GUARD 0x100000

int main(int argc, char **argv, char **envp);

static char cmdline[CMDLINE_MAX];
static char *args[MAX_ARGS + 1];
static char *no_environment[1];
static char default_name[] = "a.out";

/* Splits `line` in place into words; returns their number. */
static int split_words(char *line, char **words, int max) {
  int n = 0;
  char *p = line;
  for (;;) {
    while (*p == ' ' || *p == '\t')
      *p++ = 0;
    if (*p == 0 || n == max)
      return n;
    words[n++] = p;
    while (*p && *p != ' ' && *p != '\t')
      p++;
  }
}

void __bare_start(struct bootinfo *boot) {
  int argc = 0;
  int i;
  const char *text;
  unsigned long free = __bare_traps_init(boot);
  if (boot) {
    if (!free)
      free = boot->kernel_end;
    if (boot->ram_bytes > HEAP_GUARD)
      __bare_heap_init(free, boot->ram_bytes - HEAP_GUARD);
    if (boot->cmdline) {
      text = (const char *)boot->cmdline;
      for (i = 0; i < CMDLINE_MAX - 1 && text[i]; i++)
        cmdline[i] = text[i];
      cmdline[i] = 0;
      argc = split_words(cmdline, args, MAX_ARGS);
    }
  }
  if (argc == 0) {
    args[0] = default_name;
    argc = 1;
  }
  args[argc] = NULL;
  __bare_program_name = args[0];
  environ = no_environment;
  program_invocation_name = args[0];
  exit(main(argc, args, no_environment));
}
