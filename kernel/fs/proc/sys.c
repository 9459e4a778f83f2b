/*
 * sys.c — the system-wide files of /proc (not memory: mem.c), in Linux's
 * formats:
 *   stat         cpu and cpu0 lines in USER_HZ ticks (user nice system
 *                idle iowait irq softirq, then steal guest guest_nice, all
 *                0 on a machine with no hypervisor), intr (the total, then
 *                each IRQ line's count from trap.c), ctxt, btime,
 *                processes (created since boot), procs_running and
 *                procs_blocked (waiting for the disk);
 *   cpuinfo      the one processor: vendor Hako, the model, its speed
 *                measured once against the timer (as Linux calibrates its
 *                TSC: retired instructions per microsecond) and the
 *                features of our ISA under Linux's flag names;
 *   interrupts   a line per IRQ with a handler: count, controller, name;
 *   version      uname's strings and the toolchain (version.h);
 *   filesystems  the VFS's registered types, "nodev" before those that
 *                need no disk;
 *   mounts       the mount table as fstab lines (PID/mounts and
 *                /proc/mounts -> self/mounts show it; one name space);
 *   uptime       the uptime and the idle thread's time (seconds, two
 *                decimals); loadavg Linux's line (proc/loadavg.c).
 */
#include "arch.h"
#include "dev.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "trap.h"
#include "version.h"
#include "hako/errno.h"
#include "fs/proc/internal.h"


static void cpu_line(struct out *o, const char *name) {
  outf(o, "%s %u %u %u %u %u %u %u 0 0 0\n", name, cpustat[CPUTIME_USER], cpustat[CPUTIME_NICE],
       cpustat[CPUTIME_SYSTEM], cpustat[CPUTIME_IDLE], cpustat[CPUTIME_IOWAIT], cpustat[CPUTIME_IRQ],
       cpustat[CPUTIME_SOFTIRQ]);
}

static void emit_stat(struct out *o) {
  u32 total = 0, running, tasks;
  int irq;
  cpu_line(o, "cpu ");
  cpu_line(o, "cpu0");
  for (irq = 0; irq < NR_IRQS; irq++) total += irq_count(irq);
  outf(o, "intr %u", total);
  for (irq = 0; irq < NR_IRQS; irq++) outf(o, " %u", irq_count(irq));
  loadavg_counts(&running, &tasks);
  outf(o, "\nctxt %u\nbtime %u\nprocesses %u\nprocs_running %u\nprocs_blocked %u\n", nr_context_switches,
       boot_wall_time(), total_forks, running, nr_iowait());
}

/* kHz, measured once: retired instructions over 2 ms of the timer, from
 * one tick of its microsecond counter to another (emulated time moves
 * in steps, so both ends must be steps). */
static u32 cpu_khz(void) {
  static u32 khz;
  u32 t0, t1, t2, c0, c1;
  if (khz) return khz;
  t0 = timer_uptime_us_low();
  while ((t1 = timer_uptime_us_low()) == t0) {
  }
  c0 = rdtsc_low();
  while ((u32)((t2 = timer_uptime_us_low()) - t1) < 2000) {
  }
  c1 = rdtsc_low();
  khz = (u32)((c1 - c0) * 1000u / (t2 - t1));
  return khz;
}

static void emit_cpuinfo(struct out *o) {
  u32 khz = cpu_khz();
  outf(o, "processor\t: 0\nvendor_id\t: Hako\nmodel name\t: Hako 32-bit CPU (x86-like, docs/isa.md)\n");
  outf(o, "cpu MHz\t\t: %u.%03u\n", khz / 1000, khz % 1000);
  /* tsc: rdtsc; pse: 4 MiB pages (PDE.PS); pge: global pages (PTE.G) */
  outf(o, "flags\t\t: tsc pse pge\naddress sizes\t: 32 bits physical, 32 bits virtual\n\n");
}

static void emit_interrupts(struct out *o) {
  int irq;
  outf(o, "           CPU0\n");
  for (irq = 0; irq < NR_IRQS; irq++) {
    if (irq_name(irq) == NULL) continue;
    outf(o, "%3d: %10u   HAKO-PIC  %s\n", irq, irq_count(irq), irq_name(irq));
  }
}

static void emit_filesystems(struct out *o) {
  const struct file_system_type *t;
  int i;
  for (i = 0; (t = fs_type_at(i)) != NULL; i++)
    outf(o, "%s\t%s\n", (t->fs_flags & FS_REQUIRES_DEV) ? "" : "nodev", t->name);
}

/* A name as /proc/mounts writes it: space, tab, newline and backslash as
 * octal escapes (\040 ...), so each line stays six fields. */
static void out_escaped(struct out *o, const char *s) {
  for (; *s; s++) {
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\') outf(o, "\\%03o", (u32)(u8)*s);
    else outf(o, "%c", *s);
  }
}

void procfs_mounts(struct out *o) {
  struct mount_info mi;
  int i;
  for (i = 0; mount_info_at(i, &mi) == 0; i++) {
    out_escaped(o, mi.source);
    outf(o, " ");
    out_escaped(o, mi.dir);
    outf(o, " %s %s 0 0\n", mi.type, mi.options);
  }
}

static void emit_uptime(struct out *o) {
  u32 s, us, is, ius;
  uptime(&s, &us);
  idle_time(&is, &ius);
  outf(o, "%u.%02u %u.%02u\n", s, us / 10000, is, ius / 10000);
}

/* Linux's format: three averages, running/total tasks, last pid */
static void emit_loadavg(struct out *o) {
  u32 running, total, i;
  loadavg_counts(&running, &total);
  for (i = 0; i < 3; i++) {
    u32 v = avenrun[i] + (1u << LOADAVG_FSHIFT) / 200;   /* rounded to the 2nd decimal, as Linux */
    outf(o, "%u.%02u ", v >> LOADAVG_FSHIFT, ((v & ((1u << LOADAVG_FSHIFT) - 1)) * 100) >> LOADAVG_FSHIFT);
  }
  outf(o, "%u/%u %d\n", running, total, proc_last_pid());
}

int procfs_sys_generate(int kind, struct out *o) {
  switch (kind) {
    case PROC_STAT: emit_stat(o); return 1;
    case PROC_CPUINFO: emit_cpuinfo(o); return 1;
    case PROC_INTERRUPTS: emit_interrupts(o); return 1;
    case PROC_VERSION:
      outf(o, "%s version %s (%s) %s\n", UTS_SYSNAME, UTS_RELEASE, HAKO_COMPILER, UTS_VERSION);
      return 1;
    case PROC_FILESYSTEMS: emit_filesystems(o); return 1;
    case PROC_UPTIME: emit_uptime(o); return 1;
    case PROC_LOADAVG: emit_loadavg(o); return 1;
  }
  return 0;
}
