/* sys/sysinfo.h: system statistics, Linux i386's struct sysinfo (64 bytes);
 * sysinfo is a system-call stub (userland/lib/sys/hako). */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

struct sysinfo {
  long uptime;                 /* seconds since boot */
  unsigned long loads[3];      /* 1, 5, 15 minute load averages, scaled by 65536 */
  unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
  unsigned short procs, pad;
  unsigned long totalhigh, freehigh;
  unsigned int mem_unit;       /* the sizes above are in units of this many bytes */
  char reserved[8];
};

int sysinfo(struct sysinfo *info);

#endif
