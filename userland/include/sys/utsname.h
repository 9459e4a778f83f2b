/* sys/utsname.h: system identification (Linux's new_utsname: six fields of
 * 65 bytes); uname is a system-call stub (userland/lib/sys/hako). */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#define _UTSNAME_LENGTH 65

struct utsname {
  char sysname[_UTSNAME_LENGTH];
  char nodename[_UTSNAME_LENGTH];
  char release[_UTSNAME_LENGTH];
  char version[_UTSNAME_LENGTH];
  char machine[_UTSNAME_LENGTH];
  char domainname[_UTSNAME_LENGTH];
};

int uname(struct utsname *buf);

#endif
