/* ids.c: the user and group id calls over the kernel's 32-bit forms
 * (getuid32 & co., Linux i386 199-214), as glibc does: the original calls
 * (getuid 24, ...) see ids narrowed to 16 bits. */
#include <errno.h>
#include <unistd.h>
#include <grp.h>

int __sys_getuid32(void);
int __sys_geteuid32(void);
int __sys_getgid32(void);
int __sys_getegid32(void);
int __sys_setuid32(int uid);
int __sys_setgid32(int gid);
int __sys_setreuid32(int ruid, int euid);
int __sys_setregid32(int rgid, int egid);
int __sys_setresuid32(int ruid, int euid, int suid);
int __sys_setresgid32(int rgid, int egid, int sgid);
int __sys_getresuid32(uid_t *ruid, uid_t *euid, uid_t *suid);
int __sys_getresgid32(gid_t *rgid, gid_t *egid, gid_t *sgid);
int __sys_getgroups32(int size, gid_t *list);
int __sys_setgroups32(int size, const gid_t *list);

static int result(int r) {
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return r;
}

uid_t getuid(void) { return (uid_t)__sys_getuid32(); }
uid_t geteuid(void) { return (uid_t)__sys_geteuid32(); }
gid_t getgid(void) { return (gid_t)__sys_getgid32(); }
gid_t getegid(void) { return (gid_t)__sys_getegid32(); }
int setuid(uid_t uid) { return result(__sys_setuid32((int)uid)); }
int setgid(gid_t gid) { return result(__sys_setgid32((int)gid)); }
int seteuid(uid_t uid) { return result(__sys_setresuid32(-1, (int)uid, -1)); }
int setegid(gid_t gid) { return result(__sys_setresgid32(-1, (int)gid, -1)); }
int setreuid(uid_t ruid, uid_t euid) { return result(__sys_setreuid32((int)ruid, (int)euid)); }
int setregid(gid_t rgid, gid_t egid) { return result(__sys_setregid32((int)rgid, (int)egid)); }
int setresuid(uid_t r, uid_t e, uid_t s) { return result(__sys_setresuid32((int)r, (int)e, (int)s)); }
int setresgid(gid_t r, gid_t e, gid_t s) { return result(__sys_setresgid32((int)r, (int)e, (int)s)); }
int getresuid(uid_t *r, uid_t *e, uid_t *s) { return result(__sys_getresuid32(r, e, s)); }
int getresgid(gid_t *r, gid_t *e, gid_t *s) { return result(__sys_getresgid32(r, e, s)); }
int getgroups(int size, gid_t list[]) { return result(__sys_getgroups32(size, list)); }
int setgroups(size_t size, const gid_t *list) { return result(__sys_setgroups32((int)size, list)); }
