/*
 * cred.c — process credentials: real, effective and saved user and group
 * ids, supplementary groups, and the system calls that read and change
 * them (Linux i386 numbers, the 16-bit forms and the *32 ones).
 *
 * Who may change what (POSIX and Linux, with "privileged" meaning
 * effective uid 0, Linux's CAP_SETUID/CAP_SETGID):
 *   - a privileged process may set any id (setuid/setgid set all three);
 *   - any other process may only move its ids among the values it already
 *     has: setuid(x) sets the effective id when x is the real or saved id;
 *     setreuid/setresuid accept each new id only if it is one of the
 *     current real/effective/saved ids (setreuid's real id: real or
 *     effective only); anything else is EPERM, and nothing changes;
 *   - setgroups is privileged only.
 * setreuid also updates the saved id to the new effective id when the real
 * id is set or the effective id becomes something other than the old real
 * id (Linux's rule), so a program that drops privileges with
 * setreuid(u, u) cannot get them back. An id of -1 means "unchanged"
 * where the call has that convention, and is EINVAL for setuid/setgid.
 *
 * The 16-bit calls (the original i386 ones) see ids through Linux's
 * narrowing: an id above 65535 reads as 65534 (overflowuid), and 0xFFFF
 * written is -1.
 *
 * Invariant: the uid/gid fields of struct proc are the effective ids, so
 * every file-system and privilege check elsewhere reads current->uid.
 */
#include "gen/syscall_table.h"
#include "lib.h"
#include "proc.h"
#include "signal.h"
#include "vm.h"
#include "hako/errno.h"

#define NO_ID 0xFFFFFFFFu
#define OVERFLOW_ID 65534u

static int privileged(void) { return current->uid == 0; }

void cred_copy(struct proc *child, struct proc *parent) {
  int i;
  child->uid = parent->uid;
  child->ruid = parent->ruid;
  child->suid = parent->suid;
  child->gid = parent->gid;
  child->rgid = parent->rgid;
  child->sgid = parent->sgid;
  child->ngroups = parent->ngroups;
  for (i = 0; i < parent->ngroups; i++) child->groups[i] = parent->groups[i];
}

/* After a successful exec: a set-user-ID (set-group-ID) file gives its
 * owner (group) as the effective id; the saved ids become the effective
 * ones either way, as on Linux. */
void cred_exec(u32 mode, u32 file_uid, u32 file_gid) {
  if (mode & 04000) current->uid = file_uid;
  if ((mode & 02010) == 02010) current->gid = file_gid;   /* setgid without group x is a lock mark */
  current->suid = current->uid;
  current->sgid = current->gid;
}

int in_group_p(struct proc *p, u32 gid) {
  int i;
  if (p->gid == gid) return 1;
  for (i = 0; i < p->ngroups; i++)
    if (p->groups[i] == gid) return 1;
  return 0;
}

/* Linux's kill_ok_by_cred: root, or the sender's real or effective uid is
 * the target's real or saved uid; SIGCONT also within one session. */
int may_signal(struct proc *t, int sig) {
  if (current->uid == 0) return 1;
  if (sig == SIGCONT && t->sid == current->sid) return 1;
  return current->uid == t->ruid || current->uid == t->suid || current->ruid == t->ruid ||
         current->ruid == t->suid;
}

/* ---- the three-id changes, shared by the user and group forms ---- */

struct idset {
  u32 *real, *eff, *saved;
};

static struct idset uids(void) {
  struct idset s;
  s.real = &current->ruid;
  s.eff = &current->uid;
  s.saved = &current->suid;
  return s;
}

static struct idset gids(void) {
  struct idset s;
  s.real = &current->rgid;
  s.eff = &current->gid;
  s.saved = &current->sgid;
  return s;
}

static int one_of_mine(struct idset s, u32 id) {
  return id == *s.real || id == *s.eff || id == *s.saved;
}

static int set_id(struct idset s, u32 id) {
  if (id == NO_ID) return -EINVAL;
  if (privileged()) {
    *s.real = *s.saved = id;
  } else if (id != *s.real && id != *s.saved) {
    return -EPERM;
  }
  *s.eff = id;
  return 0;
}

static int set_re_id(struct idset s, u32 r, u32 e) {
  u32 old_real = *s.real;
  if (!privileged()) {
    if (r != NO_ID && r != *s.real && r != *s.eff) return -EPERM;
    if (e != NO_ID && !one_of_mine(s, e)) return -EPERM;
  }
  if (r != NO_ID) *s.real = r;
  if (e != NO_ID) *s.eff = e;
  if (r != NO_ID || (e != NO_ID && e != old_real)) *s.saved = *s.eff;
  return 0;
}

static int set_res_id(struct idset s, u32 r, u32 e, u32 sv) {
  if (!privileged()) {
    if (r != NO_ID && !one_of_mine(s, r)) return -EPERM;
    if (e != NO_ID && !one_of_mine(s, e)) return -EPERM;
    if (sv != NO_ID && !one_of_mine(s, sv)) return -EPERM;
  }
  if (r != NO_ID) *s.real = r;
  if (e != NO_ID) *s.eff = e;
  if (sv != NO_ID) *s.saved = sv;
  return 0;
}

static int get_res_id(struct idset s, void *r, void *e, void *sv, int narrow) {
  u32 v[3];
  int i;
  v[0] = *s.real;
  v[1] = *s.eff;
  v[2] = *s.saved;
  for (i = 0; i < 3; i++) {
    void *dst = i == 0 ? r : i == 1 ? e : sv;
    if (narrow) {
      u16 w = (u16)(v[i] > 0xFFFF ? OVERFLOW_ID : v[i]);
      if (copyout(dst, &w, sizeof w) != 0) return -EFAULT;
    } else if (copyout(dst, &v[i], sizeof v[i]) != 0) {
      return -EFAULT;
    }
  }
  return 0;
}

static u32 narrow_out(u32 id) { return id > 0xFFFF ? OVERFLOW_ID : id; }
static u32 widen_in(int id) { return ((u32)id & 0xFFFF) == 0xFFFF ? NO_ID : (u32)id & 0xFFFF; }

/* ---- 32-bit calls ---- */

int sys_getuid32(void) { return (int)current->ruid; }
int sys_geteuid32(void) { return (int)current->uid; }
int sys_getgid32(void) { return (int)current->rgid; }
int sys_getegid32(void) { return (int)current->gid; }
int sys_setuid32(int uid) { return set_id(uids(), (u32)uid); }
int sys_setgid32(int gid) { return set_id(gids(), (u32)gid); }
int sys_setreuid32(int r, int e) { return set_re_id(uids(), (u32)r, (u32)e); }
int sys_setregid32(int r, int e) { return set_re_id(gids(), (u32)r, (u32)e); }
int sys_setresuid32(int r, int e, int s) { return set_res_id(uids(), (u32)r, (u32)e, (u32)s); }
int sys_setresgid32(int r, int e, int s) { return set_res_id(gids(), (u32)r, (u32)e, (u32)s); }
int sys_getresuid32(u32 *r, u32 *e, u32 *s) { return get_res_id(uids(), r, e, s, 0); }
int sys_getresgid32(u32 *r, u32 *e, u32 *s) { return get_res_id(gids(), r, e, s, 0); }

/* getgroups(0, _) counts; a list too small for every group is EINVAL. */
static int get_groups(int size, void *list, int narrow) {
  int i;
  if (size < 0) return -EINVAL;
  if (size == 0) return current->ngroups;
  if (size < current->ngroups) return -EINVAL;
  for (i = 0; i < current->ngroups; i++) {
    int err;
    if (narrow) {
      u16 w = (u16)narrow_out(current->groups[i]);
      err = copyout((u16 *)list + i, &w, sizeof w);
    } else {
      err = copyout((u32 *)list + i, &current->groups[i], sizeof(u32));
    }
    if (err) return -EFAULT;
  }
  return current->ngroups;
}

static int set_groups(int size, const void *list, int narrow) {
  u32 next[NGROUPS_MAX];
  int i;
  if (!privileged()) return -EPERM;
  if (size < 0 || size > NGROUPS_MAX) return -EINVAL;
  for (i = 0; i < size; i++) {
    if (narrow) {
      u16 w;
      if (copyin(&w, (const u16 *)list + i, sizeof w) != 0) return -EFAULT;
      next[i] = w;
    } else if (copyin(&next[i], (const u32 *)list + i, sizeof(u32)) != 0) {
      return -EFAULT;
    }
  }
  for (i = 0; i < size; i++) current->groups[i] = next[i];
  current->ngroups = size;
  return 0;
}

int sys_getgroups32(int size, u32 *list) { return get_groups(size, list, 0); }
int sys_setgroups32(int size, const u32 *list) { return set_groups(size, list, 0); }

/* ---- 16-bit calls ---- */

int sys_getuid(void) { return (int)narrow_out(current->ruid); }
int sys_geteuid(void) { return (int)narrow_out(current->uid); }
int sys_getgid(void) { return (int)narrow_out(current->rgid); }
int sys_getegid(void) { return (int)narrow_out(current->gid); }
int sys_setuid(int uid) { return set_id(uids(), widen_in(uid)); }
int sys_setgid(int gid) { return set_id(gids(), widen_in(gid)); }
int sys_setreuid(int r, int e) { return set_re_id(uids(), widen_in(r), widen_in(e)); }
int sys_setregid(int r, int e) { return set_re_id(gids(), widen_in(r), widen_in(e)); }
int sys_setresuid(int r, int e, int s) { return set_res_id(uids(), widen_in(r), widen_in(e), widen_in(s)); }
int sys_setresgid(int r, int e, int s) { return set_res_id(gids(), widen_in(r), widen_in(e), widen_in(s)); }
int sys_getresuid(u16 *r, u16 *e, u16 *s) { return get_res_id(uids(), r, e, s, 1); }
int sys_getresgid(u16 *r, u16 *e, u16 *s) { return get_res_id(gids(), r, e, s, 1); }
int sys_getgroups(int size, u16 *list) { return get_groups(size, list, 1); }
int sys_setgroups(int size, const u16 *list) { return set_groups(size, list, 1); }
