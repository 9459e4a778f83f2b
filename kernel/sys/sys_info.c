/*
 * sys_info.c — system calls about the system: time, uname, sysinfo,
 * syslog (the kernel log for dmesg) and reboot (power off with a code),
 * the host and domain names (per UTS namespace).
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "dev.h"
#include "lib.h"
#include "mm.h"
#include "ns.h"
#include "printk.h"
#include "proc.h"
#include "version.h"
#include "hako/errno.h"
#include "vm.h"

int sys_time(u32 *tloc) {
  u32 now = time_now();
  if (tloc && copyout(tloc, &now, 4) != 0) return -EFAULT;
  return (int)now;
}

/* struct utsname (new_utsname): six fields of 65 bytes. The node and
 * domain names are the caller's UTS namespace's (ns.h). */
struct utsname {
  char sysname[UTS_LEN], nodename[UTS_LEN], release[UTS_LEN];
  char version[UTS_LEN], machine[UTS_LEN], domainname[UTS_LEN];
};

int sys_uname(struct utsname *buf) {
  struct utsname u;
  struct uts_namespace *ns = current_uts_ns();
  memset(&u, 0, sizeof u);
  strlcpy(u.sysname, UTS_SYSNAME, UTS_LEN);
  strlcpy(u.nodename, ns->nodename, UTS_LEN);
  strlcpy(u.release, UTS_RELEASE, UTS_LEN);
  strlcpy(u.version, UTS_VERSION, UTS_LEN);
  strlcpy(u.machine, UTS_MACHINE, UTS_LEN);
  strlcpy(u.domainname, ns->domainname, UTS_LEN);
  return copyout(buf, &u, sizeof u);
}

/* sethostname and setdomainname: root only, at most 64 bytes. */
static int set_uts_name(char *field, const char *name, int len) {
  char buf[UTS_LEN];
  if (current->uid != 0) return -EPERM;
  if (len < 0 || len >= UTS_LEN) return -EINVAL;
  if (copyin(buf, name, (u32)len) != 0) return -EFAULT;
  buf[len] = 0;
  strlcpy(field, buf, UTS_LEN);
  return 0;
}

int sys_sethostname(const char *name, int len) {
  return set_uts_name(current_uts_ns()->nodename, name, len);
}

int sys_setdomainname(const char *name, int len) {
  return set_uts_name(current_uts_ns()->domainname, name, len);
}

int sys_settimeofday(const u32 *tv, const void *tz) {
  u32 t[2];
  (void)tz;
  if (current->uid != 0) return -EPERM;
  if (tv == NULL) return 0;
  if (copyin(t, tv, sizeof t) != 0) return -EFAULT;
  time_set(t[0]);
  return 0;
}

/* Linux's struct sysinfo on i386 (64 bytes with the padding). */
struct sysinfo {
  int uptime;
  u32 loads[3];
  u32 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
  u16 procs, pad;
  u32 totalhigh, freehigh, mem_unit;
  char reserved[8];
};

int sys_sysinfo(struct sysinfo *info) {
  struct sysinfo s;
  struct list_head *n;
  u32 sec, us;
  memset(&s, 0, sizeof s);
  uptime(&sec, &us);
  s.uptime = (int)sec;
  /* Linux's SI_LOAD_SHIFT: 16 bits of fraction instead of FSHIFT's 11 */
  s.loads[0] = avenrun[0] << (16 - LOADAVG_FSHIFT);
  s.loads[1] = avenrun[1] << (16 - LOADAVG_FSHIFT);
  s.loads[2] = avenrun[2] << (16 - LOADAVG_FSHIFT);
  s.totalram = total_frames;
  s.freeram = free_frames();
  s.mem_unit = PAGE_SIZE;
  for (n = all_procs.next; n != &all_procs; n = n->next) s.procs++;
  return copyout(info, &s, sizeof s);
}

/* syslog(2) actions (Linux SYSLOG_ACTION_*). READ (2) is klogd's: root
 * only (Linux's CAP_SYSLOG), it sleeps until the ring has text it has not
 * handed out and consumes what it returns; READ_ALL leaves the ring as it
 * is. */
#define SYSLOG_READ 2
#define SYSLOG_READ_ALL 3
#define SYSLOG_READ_CLEAR 4
#define SYSLOG_CLEAR 5
#define SYSLOG_CONSOLE_LEVEL 8
#define SYSLOG_SIZE_UNREAD 9
#define SYSLOG_SIZE_BUFFER 10

static int syslog_read(char *buf, int len) {
  char *tmp;
  int n;
  u32 flags;
  if (current->uid != 0) return -EPERM;
  if (len < 0) return -EINVAL;
  if (len == 0) return 0;
  if (!user_range_ok((u32)buf, (u32)len)) return -EFAULT;
  if (len > LOG_BUF_SIZE) len = LOG_BUF_SIZE;
  tmp = (char *)kmalloc((u32)len);
  if (tmp == NULL) return -ENOMEM;
  flags = irq_save();
  while (log_unread() == 0) {
    log_reader_waiting = 1;
    if (sleep_on(&log_read_seq) != 0) {
      irq_restore(flags);
      kfree(tmp);
      return -EINTR;
    }
  }
  n = log_read_unread(tmp, len);
  irq_restore(flags);
  if (copyout(buf, tmp, (u32)n) != 0) n = -EFAULT;
  kfree(tmp);
  return n;
}

int sys_syslog(int type, char *buf, int len) {
  if (type == SYSLOG_READ) return syslog_read(buf, len);
  if (type == SYSLOG_READ_ALL || type == SYSLOG_READ_CLEAR) {
    char *tmp;
    int n;
    if (len < 0) return -EINVAL;
    if (len == 0) return 0;
    if (!user_range_ok((u32)buf, (u32)len)) return -EFAULT;   /* the whole buffer, as Linux */
    if (len > LOG_BUF_SIZE) len = LOG_BUF_SIZE;
    tmp = (char *)kmalloc((u32)len);
    if (tmp == NULL) return -ENOMEM;
    n = log_read_all(tmp, len);
    if (copyout(buf, tmp, (u32)n) != 0) n = -EFAULT;
    kfree(tmp);
    if (n >= 0 && type == SYSLOG_READ_CLEAR) log_clear();
    return n;
  }
  if (type == SYSLOG_CLEAR) {
    log_clear();
    return 0;
  }
  if (type == SYSLOG_CONSOLE_LEVEL) {
    if (len < 1 || len > 8) return -EINVAL;
    console_loglevel = len;
    return 0;
  }
  if (type == SYSLOG_SIZE_UNREAD) return log_size();
  if (type == SYSLOG_SIZE_BUFFER) return LOG_BUF_SIZE;
  if (type == 0 || type == 1 || type == 6 || type == 7) return 0;   /* close/open/console off/on */
  return -EINVAL;
}

#define REBOOT_MAGIC1 0xfee1deadu
#define REBOOT_MAGIC2 672274793u
#define REBOOT_CMD_POWER_OFF 0x4321FEDCu
#define REBOOT_CMD_HALT 0xCDEF0123u
#define REBOOT_CMD_RESTART 0x01234567u

/* Hako powers off for all three commands; arg is the machine's exit code
 * (a Hako extension: Linux ignores arg for these commands). Before the
 * power goes, every other process but init is ended and the caller's files
 * are closed (exit.c), then the disks are synced: a clean power-off leaves
 * no orphan inodes behind, even when reboot(2) is called directly rather
 * than through /bin/poweroff's SIGTERM-then-SIGKILL shutdown. */
int sys_reboot(u32 magic1, u32 magic2, u32 cmd, u32 arg) {
  if (magic1 != REBOOT_MAGIC1 || magic2 != REBOOT_MAGIC2) return -EINVAL;
  if (current->uid != 0) return -EPERM;
  if (cmd != REBOOT_CMD_POWER_OFF && cmd != REBOOT_CMD_HALT && cmd != REBOOT_CMD_RESTART) return -EINVAL;
  end_processes_for_shutdown();
  sys_sync();
  printk(KERN_NOTICE, "reboot: Power down (exit code %u)", arg & 0xFF);
  power_off(arg & 0xFF);
  return 0;
}
