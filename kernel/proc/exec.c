/*
 * exec.c — execve: replace the current process image with an ELF program.
 *
 * Order of work, so that every failure before the point of no return leaves
 * the caller untouched: copy argv/envp strings into a kernel buffer (E2BIG,
 * EFAULT); read and validate the ELF header and program headers (ENOEXEC
 * for anything malformed or hostile: wrong magic/class/machine/type,
 * overlapping or overflowing segments, segments reaching kernel space,
 * filesz > memsz, misaligned offsets, an entry outside executable text);
 * build a complete new mm (VMAs for each PT_LOAD, the heap start, the
 * stack) and load the segments into freshly allocated frames. Only then
 * the old mm is dropped, the new one installed, argv/envp and the auxiliary
 * vector written to the new stack in Linux i386 layout
 * ([esp] argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL), and the trap
 * frame pointed at e_entry. close-on-exec descriptors are closed and
 * caught signals reset to their default. A set-user-ID or set-group-ID
 * program gives the process its file's owner or group as effective id
 * (cred_exec), also only past the point of no return.
 * A file starting with "#!" is a script: as Linux does, the first line
 * names an interpreter and at most one argument (the rest of the line,
 * blanks trimmed); argv becomes [interpreter, [argument,] path, argv[1]…]
 * and the interpreter is executed instead — itself possibly a script, up
 * to MAX_INTERP_DEPTH levels (then ELOOP). A line longer than the header
 * buffer or without an interpreter is ENOEXEC. The process keeps the
 * script's name.
 */
#include "cgroup.h"
#include "gen/syscall_table.h"
#include "arch.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "vm.h"
#include "trace.h"

#define EM_HAKO 0x4B48
#define ET_EXEC 2
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define MAX_PHDRS 16
#define ARG_MAX (32 * 1024)
#define MAX_ARGS 512
#define STACK_INITIAL (32 * PAGE_SIZE)
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define SCRIPT_HEAD 128
#define MAX_INTERP_DEPTH 4

struct elf_header {
  u8 ident[16];
  u16 type, machine;
  u32 version, entry, phoff, shoff, flags;
  u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
  u32 type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* argv and envp gathered in kernel memory: strings back to back. */
struct exec_args {
  char *buf;
  u32 used;
  int argc, envc;
};

static int gather_strings(struct exec_args *a, char *const *user_vec, int *count) {
  int n = 0;
  if (user_vec == NULL) {
    *count = 0;
    return 0;
  }
  for (;;) {
    u32 ptr;
    int len;
    if (copyin(&ptr, user_vec + n, 4) != 0) return -EFAULT;
    if (ptr == 0) break;
    if (n >= MAX_ARGS) return -E2BIG;
    len = strncpy_from_user(a->buf + a->used, (const char *)ptr, ARG_MAX - a->used);
    if (len == -ENAMETOOLONG) return -E2BIG;
    if (len < 0) return len;
    a->used += (u32)len + 1;
    n++;
  }
  *count = n;
  return 0;
}

static int check_elf(struct elf_header *eh, struct elf_phdr *ph, u32 file_size) {
  int i, j;
  int entry_ok = 0;
  if (eh->ident[0] != 0x7F || eh->ident[1] != 'E' || eh->ident[2] != 'L' || eh->ident[3] != 'F') return -ENOEXEC;
  if (eh->ident[4] != 1 || eh->ident[5] != 1) return -ENOEXEC;     /* ELFCLASS32, little-endian */
  if (eh->type != ET_EXEC || eh->machine != EM_HAKO) return -ENOEXEC;
  if (eh->phentsize != sizeof(struct elf_phdr) || eh->phnum == 0 || eh->phnum > MAX_PHDRS) return -ENOEXEC;
  for (i = 0; i < eh->phnum; i++) {
    struct elf_phdr *p = &ph[i];
    if (p->type != PT_LOAD) continue;
    if (p->filesz > p->memsz) return -ENOEXEC;
    if (p->offset > file_size || p->filesz > file_size - p->offset) return -ENOEXEC;
    if (p->vaddr < PAGE_SIZE || p->memsz > USER_STACK_TOP - USER_STACK_MAX ||
        p->vaddr > USER_STACK_TOP - USER_STACK_MAX - p->memsz) return -ENOEXEC;
    if ((p->vaddr & (PAGE_SIZE - 1)) != (p->offset & (PAGE_SIZE - 1))) return -ENOEXEC;
    for (j = 0; j < i; j++) {
      struct elf_phdr *q = &ph[j];
      if (q->type != PT_LOAD) continue;
      if (ALIGN_DOWN(p->vaddr, PAGE_SIZE) < ALIGN_UP(q->vaddr + q->memsz, PAGE_SIZE) &&
          ALIGN_DOWN(q->vaddr, PAGE_SIZE) < ALIGN_UP(p->vaddr + p->memsz, PAGE_SIZE)) return -ENOEXEC;
    }
    if ((p->flags & PF_X) && eh->entry >= p->vaddr && eh->entry < p->vaddr + p->memsz) entry_ok = 1;
  }
  return entry_ok ? 0 : -ENOEXEC;
}

/* Maps and fills one PT_LOAD segment in mm (not the current mm). */
static int load_segment(struct mm *mm, struct inode *ip, struct elf_phdr *p) {
  u32 start = ALIGN_DOWN(p->vaddr, PAGE_SIZE);
  u32 end = ALIGN_UP(p->vaddr + p->memsz, PAGE_SIZE);
  u32 prot = 0, va;
  int err;
  if (p->flags & PF_R) prot |= VM_READ;
  if (p->flags & PF_W) prot |= VM_WRITE;
  if (p->flags & PF_X) prot |= VM_EXEC | VM_READ;
  err = vma_add(mm, start, end, prot, VM_ANON | VM_EXE);
  if (err) return err == -EINVAL ? -ENOEXEC : err;
  vma_find(mm, start)->pgoff = (p->offset & ~(PAGE_SIZE - 1)) >> PAGE_SHIFT;   /* maps' offset, as Linux */
  for (va = start; va < end; va += PAGE_SIZE) {
    struct page *pg = alloc_page();
    char *dst;
    u32 lo, hi;
    if (pg == NULL) return -ENOMEM;
    mem_cgroup_charge(pg);   /* the program's pages are its group's too (no reclaim here: the limit is met by its next faults) */
    pg->flags |= PG_ANON;
    pg->mapping = mm;
    pg->index = va >> PAGE_SHIFT;
    dst = (char *)page_address(pg);
    memset(dst, 0, PAGE_SIZE);
    /* The file bytes that land in this page: [lo, hi) of the segment's file part. */
    lo = va > p->vaddr ? va : p->vaddr;
    hi = MIN(va + PAGE_SIZE, p->vaddr + p->filesz);
    if (hi > lo) {
      int n = inode_read(ip, dst + (lo - va), p->offset + (lo - p->vaddr), hi - lo);
      if (n != (int)(hi - lo)) {
        put_page(pg);
        return n < 0 ? n : -ENOEXEC;
      }
    }
    if (map_page(mm->pgdir, va, page_to_phys(pg), PTE_U | ((prot & VM_WRITE) ? PTE_W : 0)) != 0) {
      put_page(pg);
      return -ENOMEM;
    }
    pg->mapcount = 1;
    mm->rss++;
  }
  if (end > mm->start_brk) mm->start_brk = end;
  return 0;
}

/* Writes argc, argv, envp and auxv onto the (current, new) user stack. */
static int build_stack(struct exec_args *a, struct elf_header *eh, u32 *esp_out) {
  u32 sp = USER_STACK_TOP;
  u32 strings, vec, i;
  u32 nwords = 1 + (u32)a->argc + 1 + (u32)a->envc + 1 + 2 * 5;
  u32 *words;
  char *s = a->buf;
  int err;
  sp -= ALIGN_UP(a->used, 4);
  strings = sp;
  if (copyout((void *)strings, a->buf, a->used) != 0) return -EFAULT;
  sp -= nwords * 4;
  sp &= ~15u;
  vec = sp;
  words = (u32 *)kmalloc(nwords * 4);
  if (words == NULL) return -ENOMEM;
  i = 0;
  words[i++] = (u32)a->argc;
  {
    int k;
    for (k = 0; k < a->argc + a->envc; k++) {
      if (k == a->argc) words[i++] = 0;   /* end of argv */
      words[i++] = strings + (u32)(s - a->buf);
      s += strlen(s) + 1;
    }
    if (a->envc == 0) words[i++] = 0;    /* end of argv when no env follows */
  }
  words[i++] = 0;   /* end of envp */
  words[i++] = AT_PAGESZ;
  words[i++] = PAGE_SIZE;
  words[i++] = AT_ENTRY;
  words[i++] = eh->entry;
  words[i++] = AT_PHNUM;
  words[i++] = eh->phnum;
  words[i++] = AT_PHENT;
  words[i++] = eh->phentsize;
  words[i++] = AT_NULL;
  words[i++] = 0;
  err = copyout((void *)vec, words, i * 4);
  kfree(words);
  *esp_out = vec;
  /* /proc/PID/cmdline and environ read these strings where they lie. */
  current->mm->arg_start = strings;
  {
    int k;
    s = a->buf;
    for (k = 0; k < a->argc; k++) s += strlen(s) + 1;
    current->mm->arg_end = strings + (u32)(s - a->buf);
  }
  current->mm->env_start = current->mm->arg_end;
  current->mm->env_end = strings + a->used;
  return err;
}

/* The "#!" line of a script in head (n bytes): the interpreter and its
 * optional argument (empty when none), or -ENOEXEC. */
static int parse_interpreter(char *head, int n, char *interp, char *arg) {
  int i = 2;
  int start;
  int end;
  while (i < n && (head[i] == ' ' || head[i] == '\t')) i++;
  start = i;
  while (i < n && head[i] != ' ' && head[i] != '\t' && head[i] != '\n' && head[i] != 0) i++;
  if (i == start || i == n) return -ENOEXEC;
  memcpy(interp, head + start, (u32)(i - start));
  interp[i - start] = 0;
  while (i < n && (head[i] == ' ' || head[i] == '\t')) i++;
  start = i;
  while (i < n && head[i] != '\n' && head[i] != 0) i++;
  if (i == n) return -ENOEXEC;   /* the line does not fit: Linux refuses it too */
  end = i;
  while (end > start && (head[end - 1] == ' ' || head[end - 1] == '\t')) end--;
  memcpy(arg, head + start, (u32)(end - start));
  arg[end - start] = 0;
  return 0;
}

/* argv for the interpreter: [interp, [arg,] path, argv[1]…] then envp. */
static int rewrite_for_script(struct exec_args *a, const char *interp, const char *arg, const char *path) {
  char *old = a->buf;
  u32 skip = 0;
  u32 extra = strlen(interp) + 1 + (arg[0] ? strlen(arg) + 1 : 0) + strlen(path) + 1;
  char *buf;
  u32 used = 0;
  if (a->argc > 0) skip = strlen(old) + 1;
  if (a->used - skip + extra > ARG_MAX) return -E2BIG;
  buf = (char *)kmalloc(ARG_MAX);
  if (buf == NULL) return -ENOMEM;
  used = strlcpy(buf, interp, ARG_MAX) + 1;
  if (arg[0]) used += strlcpy(buf + used, arg, ARG_MAX - used) + 1;
  used += strlcpy(buf + used, path, ARG_MAX - used) + 1;
  memcpy(buf + used, old + skip, a->used - skip);
  a->argc = (a->argc > 0 ? a->argc - 1 : 0) + (arg[0] ? 3 : 2);
  a->used = used + a->used - skip;
  a->buf = buf;
  kfree(old);
  return 0;
}

static const char *basename_of(const char *path) {
  const char *slash = path;
  const char *p;
  for (p = path; *p; p++) if (*p == '/') slash = p + 1;
  return slash;
}

int do_execve(const char *path, char *const *argv, char *const *envp) {
  struct exec_args args;
  struct elf_header eh;
  struct elf_phdr ph[MAX_PHDRS];
  struct inode *ip;
  struct mm *mm, *old;
  struct trapframe *tf = current->tf;
  u32 esp;
  int err, i;
  int depth = 0;
  const char *name = path;
  char head[SCRIPT_HEAD];
  char interp[SCRIPT_HEAD];
  char interp_arg[SCRIPT_HEAD];
  char script_path[256];
  u32 file_mode, file_uid, file_gid;
  args.buf = (char *)kmalloc(ARG_MAX);
  if (args.buf == NULL) return -ENOMEM;
  args.used = 0;
  err = gather_strings(&args, argv, &args.argc);
  if (err == 0) err = gather_strings(&args, envp, &args.envc);
  if (err) goto out_args;
again:
  ip = namei(path, 1, &err);
  if (ip == NULL) goto out_args;
  if (ilock_checked(ip) != 0) {
    err = -EIO;
    goto out_inode;
  }
  if (!S_ISREG(ip->mode)) err = -EACCES;
  else err = inode_permission(ip, MAY_EXEC);
  iunlock(ip);
  if (err) goto out_inode;
  {
    int n = inode_read(ip, head, 0, sizeof head);
    if (n >= 2 && head[0] == '#' && head[1] == '!') {
      inode_put(ip);
      if (++depth > MAX_INTERP_DEPTH) {
        err = -ELOOP;
        goto out_args;
      }
      /* path may be interp itself (a script run by a script) */
      strlcpy(script_path, path, sizeof script_path);
      err = parse_interpreter(head, n, interp, interp_arg);
      if (err == 0) err = rewrite_for_script(&args, interp, interp_arg, script_path);
      if (err) goto out_args;
      path = interp;
      goto again;
    }
  }
  if (inode_read(ip, &eh, 0, sizeof eh) != (int)sizeof eh) {
    err = -ENOEXEC;
    goto out_inode;
  }
  if (eh.phentsize != sizeof(struct elf_phdr) || eh.phnum == 0 || eh.phnum > MAX_PHDRS ||
      inode_read(ip, ph, eh.phoff, eh.phnum * sizeof(struct elf_phdr)) != (int)(eh.phnum * sizeof(struct elf_phdr))) {
    err = -ENOEXEC;
    goto out_inode;
  }
  err = check_elf(&eh, ph, inode_size(ip));
  if (err) goto out_inode;
  mm = mm_create();
  if (mm == NULL) {
    err = -ENOMEM;
    goto out_inode;
  }
  strlcpy(mm->exe_path, path, sizeof mm->exe_path);
  mm->exe_file = file_alloc(ip->fop, O_RDONLY);   /* /proc/PID/exe; none if out of memory */
  if (mm->exe_file) {
    mm->exe_file->inode = inode_dup(ip);
    file_set_path(mm->exe_file, NULL, path);
  }
  for (i = 0; i < eh.phnum && err == 0; i++) {
    if (ph[i].type == PT_LOAD) err = load_segment(mm, ip, &ph[i]);
  }
  if (err == 0) {
    mm->brk = mm->start_brk;
    mm->start_stack = USER_STACK_TOP;
    mm->stack_limit = rlimit_stack_for_exec();
    err = vma_add(mm, USER_STACK_TOP - STACK_INITIAL, USER_STACK_TOP, VM_READ | VM_WRITE,
                  VM_ANON | VM_GROWSDOWN);
  }
  if (err) {
    mm_destroy(mm);
    goto out_inode;
  }
  file_mode = ip->mode;
  file_uid = ip->uid;
  file_gid = ip->gid;
  inode_put(ip);

  /* The other threads of the group end first (thread.c); what is still
   * shared afterwards (CLONE_FILES or CLONE_SIGHAND without a thread
   * group) is unshared, since exec changes both. */
  err = de_thread();
  if (err == 0) err = unshare_for_exec();
  if (err) {
    mm_destroy(mm);
    goto out_args;
  }

  /* Point of no return. */
  if (ptrace_blocks_setid()) file_mode &= ~06000u;   /* no privilege under a tracer that lacks it */
  cred_exec(file_mode, file_uid, file_gid);
  old = current->mm;
  current->mm = mm;
  mm_switch(mm);
  if (old) mm_put(old);
  current->tls = 0;   /* no thread pointer in the new image, as Linux clears its TLS entries */
  tls_load(0);
  err = build_stack(&args, &eh, &esp);
  kfree(args.buf);
  if (err) {
    printk(KERN_WARNING, "execve %s: cannot build the stack (%d)", path, err);
    send_signal(current, SIGKILL);
    return err;
  }
  memset(tf, 0, sizeof *tf);
  tf->eip = eh.entry;
  tf->esp = esp;
  tf->cpl = 3;
  tf->eflags = EFLAGS_IF | 0x2;
  files_close_on_exec(current->files);
  for (i = 0; i < NSIG; i++) {
    if (current->sighand->handler[i] != SIG_IGN) current->sighand->handler[i] = SIG_DFL;
    current->sighand->flags[i] = 0;
    current->sighand->restorer[i] = 0;
    current->sighand->mask[i] = 0;
  }
  current->altstack_sp = 0;   /* the old image's alternate stack is gone */
  current->altstack_size = 0;
  proc_set_name(current, basename_of(name));
  trace_exec(current->name);
  ptrace_exec(current->pid);
  return 0;

out_inode:
  inode_put(ip);
out_args:
  kfree(args.buf);
  return err;
}

int sys_execve(const char *user_path, char *const *argv, char *const *envp) {
  char path[256];
  int len = strncpy_from_user(path, user_path, sizeof path);
  if (len < 0) return len;
  if (len == 0) return -ENOENT;
  return do_execve(path, argv, envp);
}
