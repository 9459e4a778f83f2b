/*
 * main.c — kmain, the order in which the kernel comes up.
 *
 * entry.s calls kmain with paging on (the early 16 MiB mapping) and the
 * boot info's physical address. From there: copy the boot info, console,
 * memory (frames, page tables with the direct map, slab), trap vectors,
 * interrupt controller, time, processes and the scheduler, the tty, then
 * pid 1 — and the boot thread becomes the idle thread. Everything before
 * the first sti() runs with interrupts off.
 */
#include "arch.h"
#include "bootinfo.h"
#include "cgroup.h"
#include "dev.h"
#include "hrtimer.h"
#include "buf.h"
#include "file.h"
#include "fs.h"
#include "inet.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "swap.h"
#include "trace.h"
#include "trap.h"
#include "vm.h"

struct bootinfo boot_info;
static char cmdline[256];

void vm_caches_init(void);
void user_init(const char *init_path, const char *cmdline);
void idle_loop(void);
void kdebug_start(void);
void doorbell_init(void);
void nic_init(void);

/* The value of `key=` on the command line, copied into out; 0 if absent. */
static int cmdline_get(const char *key, char *out, u32 size) {
  u32 klen = strlen(key);
  const char *p = cmdline;
  while (*p) {
    while (*p == ' ') p++;
    if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
      u32 n = 0;
      p += klen + 1;
      while (p[n] && p[n] != ' ' && n + 1 < size) {
        out[n] = p[n];
        n++;
      }
      out[n] = 0;
      return 1;
    }
    while (*p && *p != ' ') p++;
  }
  return 0;
}

void kmain(u32 bootinfo_phys) {
  struct bootinfo *bi = (struct bootinfo *)(bootinfo_phys + KERNBASE);
  char init_path[64];
  char trace_arg[2];
  boot_info = *bi;
  uart_init();
  if (boot_info.magic != BOOTINFO_MAGIC) panic("bad boot info magic %x", boot_info.magic);
  if (boot_info.cmdline) strlcpy(cmdline, (const char *)(boot_info.cmdline + KERNBASE), sizeof cmdline);
  printk(KERN_INFO, "Hako kernel 0.1.0 booting; %u MiB RAM", boot_info.ram_bytes >> 20);
  printk(KERN_INFO, "Command line: %s", cmdline);
  trap_init();
  pic_init();
  mm_init();
  vm_caches_init();
  reclaim_init();
  printk(KERN_INFO, "Paging: kernel page directory at %p, direct map of %u MiB at %p",
         kernel_pgdir_phys, (total_frames * PAGE_SIZE) >> 20, KERNBASE);
  time_init();
  timer_init();
  hrtimer_init();   /* the one-shot compare: µs deadlines for sleeps */
  printk(KERN_INFO, "Timer: %d Hz; clock %u (Unix time)", HZ, time_now());
  cgroup_init();   /* the root group, before any process */
  proc_init();
  tty_init();
  printk(KERN_INFO, "Console: ttyS0 at 0x3f8 (irq 4)");
  net_init(cmdline);   /* lo first (ifindex 1), the command line's ip= and gw= */
  doorbell_init();
  disk_init();
  nic_init();
  swap_init();
  binit();
  if (disk_blocks(0) == 0) printk(KERN_WARNING, "VFS: no root disk");
  else vfs_mount_root();
  /* trace=1: kernel tracing on from here (proc/trace.c), like Linux's trace_event= */
  if (cmdline_get("trace", trace_arg, sizeof trace_arg) && trace_arg[0] == '1') trace_buf.enabled = 1;
  if (!cmdline_get("init", init_path, sizeof init_path)) strlcpy(init_path, "/sbin/init", sizeof init_path);
  user_init(init_path, cmdline);
  kdebug_start();
  kswapd_start();
  net_start();   /* knetd now if a card exists, else with the first AF_INET socket */
  printk(KERN_INFO, "Run %s as init process", init_path);
  idle_loop();
}
