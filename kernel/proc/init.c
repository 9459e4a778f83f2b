/*
 * init.c — making pid 1.
 *
 * user_init builds the first user process by hand (there is no parent to
 * fork it from): an address space with one page holding initcode.s and its
 * data at 0x08048000 and an empty stack below USER_STACK_TOP, the console
 * on fds 0, 1 and 2, session and process group 1 (the console's foreground
 * group), and a trap frame that enters user mode at the code.
 *
 * init's arguments come from the kernel command line as on Linux: every
 * word without '=' (e.g. `login`, which makes /sbin/init start getty
 * instead of a root shell) becomes argv[1], argv[2], ...; key=value words
 * are the kernel's own (init=PATH). At most INIT_MAX_ARGS of them, and
 * their text must fit the page's argument area; the rest are dropped.
 */
#include "arch.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "vm.h"

void proc_setup_user_stack(struct proc *p, struct trapframe *tf);
void tty_set_foreground(int pgrp);

#define INIT_BASE 0x08048000u
#define OFF_PATH 0x800
#define OFF_ARGV 0x900
#define OFF_ENVP 0x980
#define OFF_MSGLEN 0x9F0
#define OFF_MSG 0xA00
#define OFF_ARGS 0xB00           /* argument strings, to the end of the page */
#define INIT_MAX_ARGS 8

/* Copies the command line's words without '=' into the page at OFF_ARGS
 * and points argv[1..] at them; returns how many. */
static int init_args(char *page, u32 *argv, const char *cmdline) {
  u32 used = OFF_ARGS;
  int n = 0;
  const char *p = cmdline;
  while (*p && n < INIT_MAX_ARGS) {
    u32 len = 0;
    int has_eq = 0;
    while (*p == ' ') p++;
    while (p[len] && p[len] != ' ') {
      if (p[len] == '=') has_eq = 1;
      len++;
    }
    if (len > 0 && !has_eq && used + len + 1 <= PAGE_SIZE) {
      memcpy(page + used, p, len);
      page[used + len] = 0;
      argv[1 + n++] = INIT_BASE + used;
      used += len + 1;
    }
    p += len;
  }
  argv[1 + n] = 0;
  return n;
}

void user_init(const char *init_path, const char *cmdline) {
  struct proc *p = proc_alloc("init");
  struct mm *mm;
  struct page *pg;
  char *page;
  u32 code_len = (u32)(initcode_end - initcode_start);
  struct trapframe tf;
  struct file *con;
  u32 *argv, *envp;
  int n;
  if (p == NULL || (mm = mm_create()) == NULL) panic("user_init: out of memory");
  p->mm = mm;
  if (vma_add(mm, INIT_BASE, INIT_BASE + PAGE_SIZE, VM_READ | VM_WRITE | VM_EXEC, VM_ANON) != 0 ||
      vma_add(mm, USER_STACK_TOP - 4 * PAGE_SIZE, USER_STACK_TOP, VM_READ | VM_WRITE, VM_ANON | VM_GROWSDOWN) != 0) {
    panic("user_init: cannot map");
  }
  mm->start_stack = USER_STACK_TOP;
  mm->stack_limit = USER_STACK_MAX;
  mm->start_code = INIT_BASE;
  mm->end_code = INIT_BASE + PAGE_SIZE;
  mm->start_brk = mm->brk = INIT_BASE + PAGE_SIZE;
  pg = alloc_page();
  if (pg == NULL) panic("user_init: out of memory");
  pg->flags |= PG_ANON;
  pg->mapping = mm;
  pg->index = INIT_BASE >> PAGE_SHIFT;
  pg->mapcount = 1;
  page = (char *)page_address(pg);
  memset(page, 0, PAGE_SIZE);
  if (code_len > OFF_PATH) panic("user_init: initcode too large");
  memcpy(page, initcode_start, code_len);
  strlcpy(page + OFF_PATH, init_path, OFF_ARGV - OFF_PATH);
  argv = (u32 *)(page + OFF_ARGV);
  argv[0] = INIT_BASE + OFF_PATH;
  init_args(page, argv, cmdline);
  envp = (u32 *)(page + OFF_ENVP);
  strlcpy(page + OFF_ENVP + 16, "HOME=/", 16);
  strlcpy(page + OFF_ENVP + 32, "PATH=/bin:/sbin:/usr/bin", 64);
  envp[0] = INIT_BASE + OFF_ENVP + 16;
  envp[1] = INIT_BASE + OFF_ENVP + 32;
  envp[2] = 0;
  n = snprintf(page + OFF_MSG, PAGE_SIZE - OFF_MSG, "init: cannot run %s\n", init_path);
  *(u32 *)(page + OFF_MSGLEN) = (u32)n;
  if (map_page(mm->pgdir, INIT_BASE, page_to_phys(pg), PTE_U | PTE_W) != 0) panic("user_init: cannot map");
  mm->rss = 1;

  p->files = files_copy(NULL);
  p->fs = fs_copy(NULL);
  p->sighand = sighand_copy(NULL);
  if (p->files == NULL || p->fs == NULL || p->sighand == NULL) panic("user_init: out of memory");
  con = console_open();
  if (con == NULL) panic("user_init: no console");
  p->files->fd[0] = con;
  p->files->fd[1] = file_dup(con);
  p->files->fd[2] = file_dup(con);
  p->fs->cwd = vfs_root();
  rlimit_boot_defaults(p);
  pid_ns_set_session(p);
  p->nsproxy = &init_nsproxy;
  init_nsproxy.refcount++;
  p->parent = NULL;
  tty_set_foreground(p->pgid);

  memset(&tf, 0, sizeof tf);
  tf.eip = INIT_BASE;
  tf.esp = USER_STACK_TOP;
  tf.cpl = 3;
  tf.eflags = 0x202;
  proc_setup_user_stack(p, &tf);
  init_proc = p;
  make_runnable(p);
}
