/*
 * namei.c — path resolution: a path name to an inode, across mounts.
 *
 * The walk goes component by component from the root (an absolute path)
 * or the cwd (or, for the *at calls, the directory of a descriptor), holding one referenced inode at a time and locking each
 * directory only while it is searched: it must be a directory (ENOTDIR),
 * searchable (inode_permission MAY_EXEC), and its file system looks the
 * name up. Stepping onto a mount point continues in the mounted root;
 * `..` at a mounted root first steps back to the directory it covers, so
 * `..` leaves the mount; `..` at / stays at /, and so does `..` at the
 * caller's root after chroot (a cwd left outside that root climbs on, as
 * Linux: chroot is not a jail for a process that keeps such a cwd). A
 * symbolic link met on the
 * way (or at the end, when asked to follow) is expanded into the rest of
 * the path, at most SYMLOOP_MAX times per resolution (ELOOP), as Linux;
 * a "magic" link (op->get_link: procfs's fd/N, cwd, exe) is not text but
 * an object, and the walk continues at the inode it names.
 * A trailing slash asks for a directory ("file/" is ENOTDIR) and makes a
 * final symlink be followed. Components longer than NAME_MAX and paths of
 * PATH_MAX bytes or more are ENAMETOOLONG.
 *
 * Invariant: on every exit the walk holds no lock and exactly the
 * reference it returns (none on error).
 */
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "hako/errno.h"

int is_dot_or_dotdot(const char *name) {
  return (name[0] == '.' && name[1] == 0) || (name[0] == '.' && name[1] == '.' && name[2] == 0);
}

/* "a/" or "a//": the path asks for a directory (nameiparent drops the
 * slashes with the last component). */
int has_trailing_slash(const char *path) {
  u32 n = strlen(path);
  return n > 0 && path[n - 1] == '/';
}

/* Looks name up in dp (locked, a directory). */
static struct inode *dir_lookup(struct inode *dp, const char *name, u32 len, int *err) {
  *err = -ENOTDIR;
  if (dp->op == NULL || dp->op->lookup == NULL) return NULL;
  return dp->op->lookup(dp, name, len, err);
}

struct inode *lookup_one(struct inode *dp, const char *name, u32 len, int *err) {
  struct inode *ip;
  if ((*err = ilock_checked(dp)) != 0) return NULL;
  ip = dir_lookup(dp, name, len, err);
  iunlock(dp);
  return ip;
}

/* Where current's absolute paths start (its chroot, else the root of its
 * mount table), referenced. */
struct inode *fs_root(void) {
  if (current && current->fs && current->fs->root) return idup(current->fs->root);
  return vfs_root();
}

/* ip is where current's `..` stops: its chroot directory. */
int is_fs_root(struct inode *ip) {
  return current && current->fs && current->fs->root && fs_same_inode(ip, current->fs->root);
}

/* `..` of cur: up out of mounted roots first, then the directory's own
 * `..`; at the root of everything or the caller's root, the directory
 * itself. cur is consumed. */
static struct inode *step_up(struct inode *cur, int *err) {
  struct inode *up;
  if (is_global_root(cur) || is_fs_root(cur)) return cur;
  while (is_root_of_sb(cur) && (up = mount_covered(cur)) != NULL) {
    iput(cur);
    cur = up;
    if (is_global_root(cur) || is_fs_root(cur)) return cur;
  }
  up = lookup_one(cur, "..", 2, err);
  iput(cur);
  return up;
}

/* The mounted root if ip is a mount point (repeatedly: mounts may stack). */
static struct inode *step_down(struct inode *ip) {
  struct inode *m;
  while ((m = mount_covering(ip)) != NULL) {
    iput(ip);
    ip = m;
  }
  return ip;
}

/* Follows the symlink child (locked): buf becomes target + "/" + the rest
 * (`next`, or only the trailing slash). 0 or -errno; child is consumed. */
static int expand_link(struct inode *child, char *buf, char *tmp, const char *next, int trailing) {
  int n = vfs_readlink(child, tmp, PATH_MAX);
  iunlockput(child);
  if (n < 0) return n;
  if (n == 0) return -ENOENT;
  if ((u32)n + 2 + strlen(next) >= PATH_MAX) return -ENAMETOOLONG;
  if (*next) {
    tmp[n] = '/';
    strlcpy(tmp + n + 1, next, PATH_MAX - (u32)n - 1);
  } else if (trailing) {
    tmp[n] = '/';
    tmp[n + 1] = 0;
  }
  strlcpy(buf, tmp, PATH_MAX);
  return 0;
}

/* The end of the path: cur is the answer, a directory if must_be_dir. */
static struct inode *finish(struct inode *cur, int must_be_dir, int *err) {
  if (must_be_dir) {
    /* "file/" names a directory that is not there: ENOTDIR, as Linux. */
    if (ilock_checked(cur) != 0 || !S_ISDIR(cur->mode)) {
      if (cur->locked) iunlock(cur);
      iput(cur);
      *err = -ENOTDIR;
      return NULL;
    }
    iunlock(cur);
  }
  return cur;
}

/* The walk behind namei and nameiparent, over buf (PATH_MAX bytes, the
 * path; tmp is scratch of the same size). With want_parent, stops at the
 * last component's directory and copies that component into `name`. */
static struct inode *walk(struct inode *base, char *buf, char *tmp, int follow, int want_parent, char *name, int *err) {
  char *p = buf;
  struct inode *cur;
  if (base == NULL) base = current->fs ? current->fs->cwd : NULL;   /* kernel threads: absolute paths only */
  cur = (buf[0] == '/' || base == NULL) ? fs_root() : idup(base);
  int links = 0;
  int must_be_dir = 0;   /* the last component had a trailing slash */
  for (;;) {
    char *comp, *next;
    u32 len;
    int last;
    struct inode *child;
    while (*p == '/') p++;
    if (*p == 0) {
      if (!want_parent) return finish(cur, must_be_dir, err);
      iput(cur);   /* "/" or "a/": there is no last component to hand out */
      *err = -EEXIST;
      return NULL;
    }
    comp = p;
    while (*p && *p != '/') p++;
    len = (u32)(p - comp);
    next = p;
    while (*next == '/') next++;
    last = *next == 0;
    must_be_dir = last && *p == '/';
    if (len > NAME_MAX) {
      *err = -ENAMETOOLONG;
      break;
    }
    if ((*err = ilock_checked(cur)) != 0) break;
    if (!S_ISDIR(cur->mode)) {
      iunlock(cur);
      *err = -ENOTDIR;
      break;
    }
    if ((*err = inode_permission(cur, MAY_EXEC)) != 0) {
      iunlock(cur);
      break;
    }
    if (want_parent && last) {
      memcpy(name, comp, len);
      name[len] = 0;
      iunlock(cur);
      return cur;
    }
    if (len == 2 && comp[0] == '.' && comp[1] == '.') {
      iunlock(cur);
      cur = step_up(cur, err);
      if (cur == NULL) {
        if (*err == 0) *err = -ENOENT;
        return NULL;
      }
      if ((*err = ilock_checked(cur)) != 0) break;   /* a `..` naming a damaged inode */
      iunlock(cur);
      p = next;
      continue;
    }
    child = dir_lookup(cur, comp, len, err);
    iunlock(cur);
    if (child == NULL) {
      if (*err == 0) *err = -ENOENT;
      break;
    }
    child = step_down(child);
    if ((*err = ilock_checked(child)) != 0) {
      iput(child);
      break;
    }
    if (S_ISLNK(child->mode) && (!last || follow || *p == '/')) {
      if (++links > SYMLOOP_MAX) {
        iunlockput(child);
        *err = -ELOOP;
        break;
      }
      if (child->op && child->op->get_link) {
        /* A magic link: the walk jumps to the object it names. */
        struct inode *to = child->op->get_link(child, err);
        if (to != NULL) {
          iunlockput(child);
          iput(cur);
          cur = to;
          p = next;
          continue;
        }
        if (*err != 0) {
          iunlockput(child);
          break;
        }
      }
      if ((*err = expand_link(child, buf, tmp, next, *p == '/')) != 0) break;
      if (buf[0] == '/') {
        iput(cur);
        cur = fs_root();
      }
      p = buf;
      continue;
    }
    iunlock(child);
    iput(cur);
    cur = child;
    p = next;
  }
  iput(cur);
  return NULL;
}

/* Copies path into a fresh pair of buffers and walks it from base (NULL:
 * the cwd; an absolute path ignores it). */
static struct inode *walk_path(struct inode *base, const char *path, int follow, int want_parent, char *name,
                               int *err) {
  char *buf;
  struct inode *ip;
  *err = 0;
  if (!vfs_root_mounted()) {
    *err = -ENOENT;
    return NULL;
  }
  buf = (char *)kmalloc(2 * PATH_MAX);
  if (buf == NULL) {
    *err = -ENOMEM;
    return NULL;
  }
  if (strlcpy(buf, path, PATH_MAX) >= PATH_MAX) {
    *err = -ENAMETOOLONG;
    ip = NULL;
  } else if (buf[0] == 0) {
    *err = -ENOENT;
    ip = NULL;
  } else {
    ip = walk(base, buf, buf + PATH_MAX, follow, want_parent, name, err);
  }
  kfree(buf);
  return ip;
}

/* Both set *err to 0 on success, so callers may test it either way. */
struct inode *namei(const char *path, int follow, int *err) {
  return walk_path(NULL, path, follow, 0, NULL, err);
}

struct inode *nameiparent(const char *path, char *name, int *err) {
  return walk_path(NULL, path, 0, 1, name, err);
}

/* The *at forms: a relative path starts at base (a directory the caller
 * holds a reference on; NULL is the cwd), as Linux's dfd. */
struct inode *namei_at(struct inode *base, const char *path, int follow, int *err) {
  return walk_path(base, path, follow, 0, NULL, err);
}

struct inode *nameiparent_at(struct inode *base, const char *path, char *name, int *err) {
  return walk_path(base, path, 0, 1, name, err);
}
