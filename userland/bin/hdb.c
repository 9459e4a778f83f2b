/* hdb: a small debugger on ptrace(2).
 *
 *   hdb PROG [ARGS]
 *
 * Starts PROG stopped at its first instruction (PTRACE_TRACEME, execve:
 * the exec stop) and reads commands from standard input, one a line:
 *   break ADDR|SYMBOL   (b) an int3 (opcode 0x0c, one byte) written over
 *                       the instruction's first byte with POKEDATA
 *   cont                (c) run to the next breakpoint, signal or exit
 *   step                (s) one instruction (PTRACE_SINGLESTEP: the CPU's
 *                       trap flag)
 *   regs                the registers (GETREGS)
 *   x/Nx ADDR|SYMBOL    N words of memory in hex (PEEKDATA), as the program
 *                       has them (breakpoints' int3 bytes not shown)
 *   bt                  the call chain by frame pointers: each frame's
 *                       saved ebp at [ebp] and return address at [ebp+4]
 *                       (at a function's first instruction, [esp] first)
 *   quit                (q) kill the program and leave
 * Addresses are shown as SYMBOL+OFFSET from PROG's .symtab (Hako keeps
 * every program's symbols). A breakpoint hit reports eip at the
 * breakpoint: hdb puts the original byte back, steps over it and writes
 * the int3 again before going on, so the program runs as written.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#define INT3 0x0c
#define MAX_BREAKS 16
#define MAX_SYMS 4096

struct sym {
  unsigned addr;
  const char *name;
};

struct breakpoint {
  unsigned addr;
  unsigned saved;   /* the word at addr before the int3 */
};

static struct sym syms[MAX_SYMS];
static int nsyms;
static struct breakpoint breaks[MAX_BREAKS];
static int nbreaks;
static int pid;
static int alive;

static unsigned rd32(const unsigned char *p) {
  return p[0] | p[1] << 8 | p[2] << 16 | (unsigned)p[3] << 24;
}

static unsigned rd16(const unsigned char *p) {
  return p[0] | p[1] << 8;
}

/* The function and label symbols of an ELF32 file's .symtab. */
static void load_symbols(const char *path) {
  int fd = open(path, O_RDONLY);
  unsigned char *f;
  int size, n, got = 0;
  unsigned shoff, shnum, shentsize, i;
  if (fd < 0)
    return;
  size = (int)lseek(fd, 0, SEEK_END);
  lseek(fd, 0, SEEK_SET);
  f = malloc(size > 0 ? size : 1);
  while (f && got < size && (n = read(fd, f + got, size - got)) > 0)
    got += n;
  close(fd);
  if (!f || got < 52 || f[0] != 0x7f || f[1] != 'E')
    return;
  shoff = rd32(f + 0x20);
  shentsize = rd16(f + 0x2e);
  shnum = rd16(f + 0x30);
  for (i = 0; i < shnum; i++) {
    const unsigned char *sh = f + shoff + i * shentsize;
    unsigned off, count, k;
    const unsigned char *strsh;
    if (shoff + (i + 1) * shentsize > (unsigned)got || rd32(sh + 4) != 2)   /* SHT_SYMTAB */
      continue;
    off = rd32(sh + 16);
    count = rd32(sh + 20) / 16;
    strsh = f + shoff + rd32(sh + 24) * shentsize;
    for (k = 1; k < count && nsyms < MAX_SYMS; k++) {
      const unsigned char *s = f + off + k * 16;
      unsigned type = s[12] & 0xf;
      if (rd32(s + 4) == 0 || rd16(s + 14) == 0 || (type != 0 && type != 2))
        continue;
      syms[nsyms].addr = rd32(s + 4);
      syms[nsyms].name = (const char *)(f + rd32(strsh + 16) + rd32(s));
      if (syms[nsyms].name[0])
        nsyms++;
    }
  }
}

static int lookup(const char *name, unsigned *addr) {
  int i;
  char *end;
  for (i = 0; i < nsyms; i++) {
    if (strcmp(syms[i].name, name) == 0) {
      *addr = syms[i].addr;
      return 1;
    }
  }
  *addr = (unsigned)strtoul(name, &end, 0);
  return *name && *end == 0;
}

/* "name+off" for addr, or the bare address. */
static void print_addr(unsigned addr) {
  int i, best = -1;
  for (i = 0; i < nsyms; i++)
    if (syms[i].addr <= addr && (best < 0 || syms[i].addr > syms[best].addr))
      best = i;
  if (best >= 0 && addr - syms[best].addr < 0x10000) {
    if (addr == syms[best].addr)
      printf("0x%08x <%s>", addr, syms[best].name);
    else
      printf("0x%08x <%s+%u>", addr, syms[best].name, addr - syms[best].addr);
  } else {
    printf("0x%08x", addr);
  }
}

static int at_symbol(unsigned addr) {
  int i;
  for (i = 0; i < nsyms; i++)
    if (syms[i].addr == addr)
      return 1;
  return 0;
}

static int peek(unsigned addr, unsigned *w) {
  long v;
  errno = 0;
  v = ptrace(PTRACE_PEEKDATA, pid, (void *)addr, 0);
  if (errno)
    return 0;
  *w = (unsigned)v;
  return 1;
}

static int poke(unsigned addr, unsigned w) {
  return ptrace(PTRACE_POKEDATA, pid, (void *)addr, (void *)w) == 0;
}

static struct breakpoint *break_at(unsigned addr) {
  int i;
  for (i = 0; i < nbreaks; i++)
    if (breaks[i].addr == addr)
      return &breaks[i];
  return 0;
}

static int get_regs(struct user_regs_struct *r) {
  return ptrace(PTRACE_GETREGS, pid, 0, r) == 0;
}

/* Waits for the program; 1 while it is stopped, 0 once it has ended. */
static int wait_stop(void) {
  int st;
  if (waitpid(pid, &st, 0) != pid)
    return alive = 0;
  if (WIFEXITED(st)) {
    printf("[process %d exited with status %d]\n", pid, WEXITSTATUS(st));
    return alive = 0;
  }
  if (WIFSIGNALED(st)) {
    printf("[process %d killed by signal %d]\n", pid, WTERMSIG(st));
    return alive = 0;
  }
  return 1;
}

/* One instruction; over a breakpoint, with its original byte. */
static int single_step(void) {
  struct user_regs_struct r;
  struct breakpoint *b;
  if (!get_regs(&r))
    return 0;
  b = break_at((unsigned)r.eip);
  if (b)
    poke(b->addr, b->saved);
  ptrace(PTRACE_SINGLESTEP, pid, 0, 0);
  if (!wait_stop())
    return 0;
  if (b)
    poke(b->addr, (b->saved & ~0xffu) | INT3);
  return 1;
}

static void where(void) {
  struct user_regs_struct r;
  if (!get_regs(&r))
    return;
  print_addr((unsigned)r.eip);
  printf("\n");
}

static void cont(void) {
  struct user_regs_struct r;
  int st;
  if (!single_step())   /* off a breakpoint first */
    return;
  ptrace(PTRACE_CONT, pid, 0, 0);
  if (waitpid(pid, &st, 0) != pid)
    return;
  if (WIFEXITED(st) || WIFSIGNALED(st)) {
    if (WIFEXITED(st))
      printf("[process %d exited with status %d]\n", pid, WEXITSTATUS(st));
    else
      printf("[process %d killed by signal %d]\n", pid, WTERMSIG(st));
    alive = 0;
    return;
  }
  if (!get_regs(&r))
    return;
  if (WSTOPSIG(st) == SIGTRAP && break_at((unsigned)r.eip - 1)) {
    r.eip -= 1;   /* int3 is a trap: back to the breakpoint's instruction */
    ptrace(PTRACE_SETREGS, pid, 0, &r);
    printf("Breakpoint at ");
  } else {
    printf("Stopped by signal %d at ", WSTOPSIG(st));
  }
  where();
}

static void set_break(const char *arg) {
  unsigned addr, w;
  if (!lookup(arg, &addr) || !peek(addr, &w)) {
    printf("hdb: no such address or symbol: %s\n", arg);
    return;
  }
  if (break_at(addr) || nbreaks == MAX_BREAKS)
    return;
  breaks[nbreaks].addr = addr;
  breaks[nbreaks].saved = w;
  nbreaks++;
  poke(addr, (w & ~0xffu) | INT3);
  printf("Breakpoint %d at ", nbreaks);
  print_addr(addr);
  printf("\n");
}

static void regs(void) {
  struct user_regs_struct r;
  if (!get_regs(&r))
    return;
  printf("eax 0x%08x  ebx 0x%08x  ecx 0x%08x  edx 0x%08x\n", (unsigned)r.eax, (unsigned)r.ebx, (unsigned)r.ecx,
         (unsigned)r.edx);
  printf("esi 0x%08x  edi 0x%08x  ebp 0x%08x  esp 0x%08x\n", (unsigned)r.esi, (unsigned)r.edi, (unsigned)r.ebp,
         (unsigned)r.esp);
  printf("eip ");
  print_addr((unsigned)r.eip);
  printf("  eflags 0x%08x\n", (unsigned)r.eflags);
}

/* The word at a as the program has it, without hdb's int3 bytes. */
static unsigned unpatched(unsigned a, unsigned w) {
  int i;
  for (i = 0; i < nbreaks; i++) {
    unsigned off = breaks[i].addr - a;
    if (off < 4)
      w = (w & ~(0xffu << (8 * off))) | ((breaks[i].saved & 0xffu) << (8 * off));
  }
  return w;
}

static void examine(const char *cmd, const char *arg) {
  int n = atoi(cmd + 2), i;
  unsigned addr, w;
  if (n <= 0)
    n = 1;
  if (!lookup(arg, &addr)) {
    printf("hdb: no such address or symbol: %s\n", arg);
    return;
  }
  for (i = 0; i < n; i++) {
    if (i % 4 == 0) {
      if (i)
        printf("\n");
      printf("0x%08x:", addr + 4 * i);
    }
    if (!peek(addr + 4 * i, &w)) {
      printf(" (unreadable)");
      break;
    }
    printf(" 0x%08x", unpatched(addr + 4 * i, w));
  }
  printf("\n");
}

static void backtrace(void) {
  struct user_regs_struct r;
  unsigned ebp, ret;
  int depth = 0;
  if (!get_regs(&r))
    return;
  printf("#0  ");
  print_addr((unsigned)r.eip);
  printf("\n");
  /* At a function's first instruction its frame is not built yet: the
   * return address is on top of the stack and ebp is still the caller's. */
  if (at_symbol((unsigned)r.eip) && peek((unsigned)r.esp, &ret) && ret) {
    printf("#%d  ", ++depth);
    print_addr(ret);
    printf("\n");
  }
  ebp = (unsigned)r.ebp;
  while (ebp && depth < 32 && peek(ebp + 4, &ret) && ret) {
    printf("#%d  ", ++depth);
    print_addr(ret);
    printf("\n");
    if (!peek(ebp, &ebp))
      break;
  }
}

/* The first two words of line into cmd and arg; how many there were. */
static int split(const char *line, char *cmd, int cmdsize, char *arg, int argsize) {
  char *outs[2];
  int sizes[2], w, len;
  outs[0] = cmd;
  outs[1] = arg;
  sizes[0] = cmdsize;
  sizes[1] = argsize;
  cmd[0] = arg[0] = 0;
  for (w = 0; w < 2; w++) {
    while (*line == ' ' || *line == '\t')
      line++;
    if (*line == 0 || *line == '\n')
      return w;
    for (len = 0; line[len] && line[len] != ' ' && line[len] != '\t' && line[len] != '\n'; len++)
      ;
    if (len >= sizes[w])
      len = sizes[w] - 1;
    memcpy(outs[w], line, len);
    outs[w][len] = 0;
    while (*line && *line != ' ' && *line != '\t' && *line != '\n')
      line++;
  }
  return 2;
}

int main(int argc, char **argv) {
  char line[256];
  if (argc < 2) {
    fprintf(stderr, "usage: hdb PROG [ARGS]\n");
    return 1;
  }
  load_symbols(argv[1]);
  pid = fork();
  if (pid == 0) {
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    execv(argv[1], argv + 1);
    fprintf(stderr, "hdb: %s: %s\n", argv[1], strerror(errno));
    _exit(127);
  }
  alive = 1;
  if (!wait_stop())
    return 1;
  printf("hdb: %s, process %d, %d symbols; stopped at ", argv[1], pid, nsyms);
  where();
  for (;;) {
    char cmd[64], arg[128];
    int n;
    printf("(hdb) ");
    fflush(stdout);
    if (!fgets(line, sizeof line, stdin))
      break;
    n = split(line, cmd, sizeof cmd, arg, sizeof arg);
    if (n <= 0)
      continue;
    if (!alive && strcmp(cmd, "quit") != 0 && strcmp(cmd, "q") != 0) {
      printf("hdb: the program is not running\n");
      continue;
    }
    if (strcmp(cmd, "break") == 0 || strcmp(cmd, "b") == 0)
      set_break(arg);
    else if (strcmp(cmd, "cont") == 0 || strcmp(cmd, "c") == 0)
      cont();
    else if (strcmp(cmd, "step") == 0 || strcmp(cmd, "s") == 0) {
      if (single_step())
        where();
    } else if (strcmp(cmd, "regs") == 0)
      regs();
    else if (strncmp(cmd, "x/", 2) == 0)
      examine(cmd, arg);
    else if (strcmp(cmd, "bt") == 0)
      backtrace();
    else if (strcmp(cmd, "quit") == 0 || strcmp(cmd, "q") == 0)
      break;
    else
      printf("hdb: commands: break ADDR|SYMBOL, cont, step, regs, x/Nx ADDR, bt, quit\n");
  }
  if (alive) {
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
  }
  return 0;
}
